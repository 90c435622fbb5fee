/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * m4run: the virtual board's executing Cortex-M4, or Cortex-M33 on the
 * STM32MP25 board (state shared by its files).
 *
 *   m4run.c       the run loop: boots, memories, sleeping, faults
 *   m4run-core.c  the Cortex-M system block: NVIC, SCB, SysTick, DWT, and
 *                 exception entry and return (Unicorn has no NVIC)
 *   m4run-bus.c   the peripherals the firmware touches
 */
#ifndef _M4RUN_H
#define _M4RUN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <unicorn/unicorn.h>

#include "../model/vboard-cpu.h"
#include "../fw/stm32mp15-m4.h"
#include "../fw/stm32mp25-m33.h"

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define BIT(n)		(1u << (n))

/* room for the larger NVIC (the M33's); m4->nirqs is the core's own */
#define M4_NR_EXC	(16 + MP25_M33_NR_IRQS)
#define EXC_HARDFAULT	3
#define EXC_SVCALL	11
#define EXC_PENDSV	14
#define EXC_SYSTICK	15
#define EXC_IRQ(n)	(16 + (n))

struct m4 {
	int fd;
	uc_engine *uc;
	/* the core: the STM32MP15 M4, or the STM32MP25 M33 (VBOARD_CPU_SOC_*) */
	uint32_t soc;
	unsigned int nirqs;	/* NVIC lines */
	uint32_t cpuid;
	uint32_t vtor_reset;	/* VTOR out of reset: where it boots */
	int irq_ipcc_rx, irq_ipcc_tx;
	uint32_t gen;		/* the model's boot generation */
	bool run;
	uint32_t lines;		/* the model's interrupt levels */
	bool sleeping;		/* in WFI */
	bool stop_hit;		/* an SVC or a system write wants the loop */
	bool wake_armed;	/* a pending exception waits for a mask to drop */
	int wake_group;		/* ... its group priority */

	/* NVIC / SCB */
	uint8_t pend[M4_NR_EXC];
	uint8_t enabled[M4_NR_EXC];
	uint8_t prio[M4_NR_EXC];
	int active[M4_NR_EXC];		/* nesting stack of active exceptions */
	int nactive;
	uint32_t vtor, aircr, scr, ccr, shcsr, cpacr, fpccr, fpcar, fpdscr;
	uint32_t cfsr, hfsr;

	/* SysTick */
	uint32_t st_csr, st_rvr;
	uint64_t st_t0;		/* when the counter was last reloaded (ns) */
	uint64_t st_seen;	/* periods accounted since st_t0 */
	bool st_countflag;

	/* WWDG1 */
	uint32_t wwdg_cr, wwdg_cfr, wwdg_sr;
	uint64_t wwdg_t0;	/* when T was last written (ns) */

	/* peripherals */
	FILE *uart;
	uint32_t *regfile;	/* plain register files, see m4run-bus.c */

	/* counters */
	uint64_t boots, exceptions, wakeups, unmodelled;
};

uint64_t m4_now_ns(void);
void m4_log(const char *fmt, ...);
void m4_fault(struct m4 *m, uint32_t pc, uint32_t addr, const char *what);

/* m4run-core.c */
void core_reset(struct m4 *m);
int core_map(struct m4 *m);
void core_set_pending(struct m4 *m, int exc, bool on);
void core_timers(struct m4 *m);
uint64_t core_next_deadline(struct m4 *m);
bool core_take_exception(struct m4 *m);
bool core_unmasked(struct m4 *m);
bool core_any_pending(struct m4 *m);
int core_exception_return(struct m4 *m, uint32_t exc_return);

/* m4run-bus.c */
int bus_map(struct m4 *m);
void bus_reset(struct m4 *m);
int bus_unmapped(struct m4 *m, uint64_t addr, bool write);
void bus_wwdg_check(struct m4 *m);
uint64_t bus_next_deadline(struct m4 *m);

#endif /* _M4RUN_H */
