/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual STM32MP15 board: hardware model API for in-guest tests.
 *
 * The model is a platform driver bound to the "stm32mp-vboard,model" node.
 * It provides the IPCC register file (both processors), level-sensitive
 * interrupt lines, the MCU reset/hold-boot controller, the TAMP backup
 * registers and the watchdog line, and plays the Cortex-M4 side of IPCC.
 * Test modules (KUnit) drive the M4 side through these functions; the same
 * actions are available to users as debugfs knobs under /sys/kernel/debug/vboard.
 */
#ifndef _VBOARD_MODEL_H
#define _VBOARD_MODEL_H

#include <linux/types.h>

struct vboard;

/* Interrupt lines of the model's interrupt controller (DT: <&model N type>) */
enum vboard_line {
	VBOARD_LINE_IPCC_RX = 0,	/* RX-occupied of the Linux processor */
	VBOARD_LINE_IPCC_TX = 1,	/* TX-free of the Linux processor */
	VBOARD_LINE_WDG = 2,		/* M4 watchdog early interrupt */
	VBOARD_LINE_IPCC_WAKEUP = 3,	/* EXTI wake line mirroring RX */
	/* STM32MP25 board: the M0+ (vboard-m0.c) */
	VBOARD_LINE_IPCC2_RX = 4,	/* IPCC2 RX-occupied of Linux (EXTI2) */
	VBOARD_LINE_IPCC2_TX = 5,	/* IPCC2 TX-free of Linux */
	VBOARD_LINE_M0_WDG = 6,		/* IWDG5 early interrupt */
	VBOARD_NR_LINES
};

/* Reset lines (DT: <&model N>) */
#define VBOARD_RESET_MCU	0	/* MCURST, self-clearing pulse */
#define VBOARD_RESET_HOLDBOOT	1	/* BOOT_MCU hold (asserted = held) */
#define VBOARD_RESET_M0		2	/* STM32MP25 M0+ reset, a level */

struct vboard_m4_chan_stats {
	unsigned long rx;	/* Linux->M4 messages seen by the M4 */
	unsigned long acked;	/* ... acknowledged by the M4 */
	unsigned long tx;	/* M4->Linux messages sent */
	unsigned long tx_freed;	/* ... freed (acknowledged) by Linux */
	unsigned long lin_sets;	/* CHnS writes by Linux (set or not before) */
};

struct vboard *vboard_get(void);
unsigned int vboard_linux_proc(struct vboard *vb);
unsigned int vboard_channels(struct vboard *vb);
int vboard_set_channels(struct vboard *vb, unsigned int nch);
u32 vboard_ipcc_peek(struct vboard *vb, unsigned int reg);

/* M4 side of the IPCC; ch is 0-based (channel n = ch + 1) */
int vboard_m4_send(struct vboard *vb, unsigned int ch);
int vboard_m4_send_wait(struct vboard *vb, unsigned int ch,
			unsigned int timeout_ms);
int vboard_m4_ack(struct vboard *vb, unsigned int ch);
void vboard_m4_set_autoack(struct vboard *vb, unsigned int ch, bool on);
void vboard_m4_stats(struct vboard *vb, unsigned int ch,
		     struct vboard_m4_chan_stats *st);
bool vboard_m4_flag(struct vboard *vb, unsigned int ch);
bool vboard_linux_flag(struct vboard *vb, unsigned int ch);
/* Interrupts the model delivered to Linux on a line so far */
unsigned long vboard_line_delivered(struct vboard *vb, enum vboard_line line);
void vboard_settle(struct vboard *vb);

#endif /* _VBOARD_MODEL_H */
