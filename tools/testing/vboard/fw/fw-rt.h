/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Test firmware runtime: what fw.c's image runs after its startup code.
 *
 *   fw-main.c   the remote: boot log, virtio/RPMsg state, the services of
 *               the descriptor (echo, burst), shutdown and detach requests,
 *               the hostile behaviours (vboard-fw.h flags)
 *   fw-vring.c  the device side of the two vrings (OpenAMP remote rules:
 *               notification suppression by flags or event index)
 *   fw-hw.c     STM32MP15 registers: IPCC processor 2, NVIC, SysTick, WWDG1
 *               (the STM32MP25 M33's with FW_STM32MP25)
 *   fw-log.c    the trace buffer and a small formatter
 *
 * Register level, no HAL: it runs the same on the virtual board's
 * executing M4 and on a Cortex-M4 of an STM32MP157.
 */
#ifndef _FW_RT_H
#define _FW_RT_H

#include <stddef.h>
#include <stdint.h>

#include "vboard-fw.h"
#include "stm32mp15-m4.h"

#ifdef FW_STM32MP25
/*
 * The same code built for the STM32MP25 Cortex-M33: its IPCC1 (processor
 * 2, the same register layout) and TAMP, and its NVIC lines. No M33 image
 * uses the WWDG1 watchdog (hang_after images are the M4's).
 */
#include "stm32mp25-m33.h"
#undef M4_IPCC_BASE
#define M4_IPCC_BASE		MP25_M33_IPCC1_BASE
#undef M4_TAMP_BASE
#define M4_TAMP_BASE		MP25_M33_TAMP_BASE
#undef M4_IRQ_IPCC_RX1
#define M4_IRQ_IPCC_RX1		MP25_M33_IRQ_IPCC1_RX
#undef M4_IRQ_IPCC_TX1
#define M4_IRQ_IPCC_TX1		MP25_M33_IRQ_IPCC1_TX
#undef M4_NR_IRQS
#define M4_NR_IRQS		MP25_M33_NR_IRQS
#endif

#define CH_VQ0		0
#define CH_VQ1		1
#define CH_SHUTDOWN	2
#define CH_DETACH	3

#define RPMSG_HDR_SIZE	16
#define RPMSG_NS_ADDR	53
#define RPMSG_NAME_SIZE	32
#define PAYLOAD_MAX	496

extern const struct vboard_fw_desc vboard_desc;
extern struct vboard_fw_stats fw_stats;

static inline void dmb(void)
{
	__asm__ volatile("dmb" ::: "memory");
}

static inline uint32_t irq_save(void)
{
	uint32_t primask;

	__asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask) :: "memory");
	return primask;
}

static inline void irq_restore(uint32_t primask)
{
	__asm__ volatile("msr primask, %0" :: "r"(primask) : "memory");
}

/* fw-hw.c */
void hw_init(void);
uint32_t hw_ms(void);
uint64_t hw_us(void);
void hw_delay_ms(uint32_t ms);
uint32_t hw_take_events(void);
uint32_t hw_peek_events(void);
void hw_sleep_unless_events(void);
void hw_ack(unsigned int ch);
void hw_notify(unsigned int ch);
void hw_ring(unsigned int ch);
int hw_linux_flag(unsigned int ch);
int hw_own_flag(unsigned int ch);
void hw_wdg_start(uint32_t ms);
uint32_t hw_boot_count(void);
void hw_wdg_refresh(void);

/* fw-log.c */
void log_init(char *buf, uint32_t len);
void fw_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int fw_snprintf(char *buf, uint32_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void *fw_memcpy(void *d, const void *s, uint32_t n);

/* fw-vring.c */
struct fw_vring;
int vring_setup(unsigned int i, uint32_t da, uint32_t align, uint32_t num);
void vring_reset(void);
void vring_set_event_idx(int on);
/* one message into Linux's receive ring (vring 0): 0, or -1 if no buffer */
int vring_put(uint32_t src, uint32_t dst, const void *data, uint32_t len,
	      uint32_t *used_before);
int vring0_wants_irq(uint16_t old);
void vring0_want_kicks(int want);
/* Linux's transmit ring (vring 1) */
int vring1_pending(void);
uint16_t vring1_used_idx(void);
int vring1_get(void **buf, uint32_t *len, uint16_t *head);
void vring1_put_used(uint16_t head, uint32_t len);
int vring1_wants_irq(uint16_t old);
void vring1_want_kicks(void);
uint16_t vring0_used_idx(void);

/* fw-main.c */
void fw_main(void);

#endif /* _FW_RT_H */
