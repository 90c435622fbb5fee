// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Test firmware: the STM32MP15 registers it drives, as ST's OpenAMP glue
 * (mbox_ipcc.c) does with the HAL: IPCC processor-2 side with the receive
 * interrupt (a vring channel is cleared as soon as it is seen, a request
 * channel is masked until handled), a notification that first waits for
 * Linux to have cleared the previous one (MAILBOX_Notify), SysTick on
 * HCLK/8 for time (2 Hz, or 10 Hz for an image with a watchdog to
 * refresh: an idle core wakes that often), WWDG1 as the watchdog Linux
 * sees.
 */
#include "fw-rt.h"

#define REG(a)		(*(volatile uint32_t *)(a))
#define NVIC_ISER(n)	REG(0xe000e100u + 4 * (n))
#define NVIC_IPR(n)	(*(volatile uint8_t *)(0xe000e400u + (n)))
#define SYST_CSR	REG(0xe000e010u)
#define SYST_RVR	REG(0xe000e014u)
#define SYST_CVR	REG(0xe000e018u)
#define ICSR		REG(0xe000ed04u)
#define ICSR_PENDSTSET	(1u << 26)
#define IPCC_RXOIE	(1u << 0)
#define NCH		6

#define SYST_HZ		(M4_HCLK_HZ / 8)

static volatile uint32_t ticks;
static uint32_t tick_hz;
static volatile uint32_t events;	/* channels that rang */
static uint32_t wdg_reload;

/*
 * What an interrupt handler compiled for the FPU may do: use s0-s15, which
 * the AAPCS lets it clobber because the core stacks them on entry
 */
static void clobber_fp(void)
{
#ifdef __ARM_FP
	if (vboard_desc.flags & VBOARD_FW_F_FP_CHECK)
		__asm__ volatile("vmov.f32 s0, #-2.0\n\tvmov.f32 s1, #-2.0\n\t"
				 "vmov.f32 s2, #-2.0\n\tvmov.f32 s3, #-2.0\n\t"
				 "vmov.f32 s4, #-2.0\n\tvmov.f32 s5, #-2.0\n\t"
				 "vmov.f32 s6, #-2.0\n\tvmov.f32 s7, #-2.0\n\t"
				 "vmov.f32 s8, #-2.0\n\tvmov.f32 s9, #-2.0\n\t"
				 "vmov.f32 s10, #-2.0\n\tvmov.f32 s11, #-2.0\n\t"
				 "vmov.f32 s12, #-2.0\n\tvmov.f32 s13, #-2.0\n\t"
				 "vmov.f32 s14, #-2.0\n\tvmov.f32 s15, #-2.0"
				 ::: "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8",
				 "s9", "s10", "s11", "s12", "s13", "s14", "s15");
#endif
}

void SysTick_Handler(void)
{
	ticks++;
	clobber_fp();
}

/* IPCC_RX1: Linux set a flag towards the M4 */
void IPCC_RX1_IRQHandler(void)
{
	uint32_t occ = REG(M4_IPCC_C1TOC2SR) & ~REG(M4_IPCC_C2MR) & ((1u << NCH) - 1);
	unsigned int ch;

	for (ch = 0; ch < NCH; ch++) {
		if (!(occ & (1u << ch)))
			continue;
		if ((ch == CH_VQ0 || ch == CH_VQ1) &&
		    !(vboard_desc.flags & VBOARD_FW_F_LATE_ACK)) {
			REG(M4_IPCC_C2SCR) = 1u << ch;		/* doorbell: clear now */
		} else {
			REG(M4_IPCC_C2MR) |= 1u << ch;		/* held until handled */
		}
		events |= 1u << ch;
	}
	clobber_fp();
}

void hw_init(void)
{
	tick_hz = vboard_desc.wdg_period_ms ? 10 : 2;
	SYST_RVR = SYST_HZ / tick_hz - 1;
	SYST_CVR = 0;
	SYST_CSR = 3;			/* HCLK/8, interrupt, enable */

	/* listen on every channel, drop what a previous run left */
	REG(M4_IPCC_C2SCR) = REG(M4_IPCC_C1TOC2SR);
	REG(M4_IPCC_C2MR) = ((1u << NCH) - 1) << 16;	/* TX-free masked, RX open */
	REG(M4_IPCC_C2CR) = IPCC_RXOIE;
	NVIC_IPR(M4_IRQ_IPCC_RX1) = 0x10;
	NVIC_ISER(M4_IRQ_IPCC_RX1 / 32) = 1u << (M4_IRQ_IPCC_RX1 % 32);
}

/* Ticks and the counter, one consistent pair: a reload the handler has not counted yet shows as PENDSTSET */
uint64_t hw_us(void)
{
	uint32_t f = irq_save(), t = ticks, cvr = SYST_CVR;

	if (ICSR & ICSR_PENDSTSET) {
		cvr = SYST_CVR;
		t++;
	}
	irq_restore(f);
	return (uint64_t)t * (1000000 / tick_hz) +
	       (uint64_t)(SYST_RVR - cvr) * 1000000 / SYST_HZ;
}

uint32_t hw_ms(void)
{
	return (uint32_t)(hw_us() / 1000);
}

void hw_delay_ms(uint32_t ms)
{
	uint32_t t0 = hw_ms();

	while (hw_ms() - t0 < ms)
		;
}

uint32_t hw_take_events(void)
{
	uint32_t f = irq_save(), ev = events;

	events = 0;
	irq_restore(f);
	return ev;
}

uint32_t hw_peek_events(void)
{
	return events;
}

/* Sleep until an interrupt, unless a channel already rang */
void hw_sleep_unless_events(void)
{
	uint32_t f = irq_save();

	if (!events)
		__asm__ volatile("wfi");
	irq_restore(f);
}

/* A request channel handled: clear Linux's flag, listen again */
void hw_ack(unsigned int ch)
{
	REG(M4_IPCC_C2SCR) = 1u << ch;
	REG(M4_IPCC_C2MR) &= ~(1u << ch);
}

int hw_own_flag(unsigned int ch)
{
	return !!(REG(M4_IPCC_C2TOC1SR) & (1u << ch));
}

int hw_linux_flag(unsigned int ch)
{
	return !!(REG(M4_IPCC_C1TOC2SR) & (1u << ch));
}

/* MAILBOX_Notify: wait for Linux to take the previous one, then ring */
void hw_notify(unsigned int ch)
{
	if (REG(M4_IPCC_C2TOC1SR) & (1u << ch)) {
		fw_stats.notify_waits++;
		while (REG(M4_IPCC_C2TOC1SR) & (1u << ch))
			;
	}
	REG(M4_IPCC_C2SCR) = 1u << (16 + ch);
}

/* Set the flag whatever its state (the storm) */
void hw_ring(unsigned int ch)
{
	REG(M4_IPCC_C2SCR) = 1u << (16 + ch);
}

/*
 * WWDG1 on PCLK1 / 4096 / 128: one count every ~5 ms, reset when T6
 * falls, so at most 64 counts (~320 ms). The window stays open.
 */
void hw_wdg_start(uint32_t ms)
{
	uint32_t counts = ms / 5;

	if (counts > 63)
		counts = 63;
	if (!counts)
		counts = 1;
	wdg_reload = 0x40 + counts;
	REG(M4_WWDG1_BASE + M4_WWDG_CFR) = (7u << 11) | 0x7f;
	REG(M4_WWDG1_BASE + M4_WWDG_CR) = 0x80 | wdg_reload;
}

/* Boots since power-on: a TAMP backup register keeps them across resets */
uint32_t hw_boot_count(void)
{
	return ++REG(M4_TAMP_BKP19R);
}

void hw_wdg_refresh(void)
{
	if (wdg_reload)
		REG(M4_WWDG1_BASE + M4_WWDG_CR) = 0x80 | wdg_reload;
}
