/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * STM32MP2 (MP21/MP23/MP25) registers the coprocessor hand-over uses.
 *
 * The single source of this knowledge for the remoteproc driver and the
 * virtual-board model. The driver finds each register through its DT
 * (a syscon phandle with offset and mask, or an nvmem cell); the values
 * below are what the fields mean (RM0457).
 *
 *  - PWR_CPU2D2SR (PWR + 0x204, read-only): CSTATE [3:2], the Cortex-M33
 *    state: OFF, CRUN (running), CSLEEP, CSTOP. Every state but OFF has an
 *    image running that Linux can attach to.
 *  - A35SS syscfg M33_INITNSVTOR (+ 0x20a8 on EV1 boards; DK boards use the
 *    secure alias at 0xa8): the non-secure vector table the M33 boots at,
 *    bits [31:7] (128-byte aligned), latched when hold-boot is released.
 *  - TAMP backup registers through the "st,stm32mp25-tamp-nvram" nvmem
 *    provider (TAMP + 0x100): the secure world (M33-TD) or the A35 boot
 *    stages (A35-TD) leave the resource table's physical address and size
 *    in the cells "rsc-tbl-addr" and "rsc-tbl-size" (0: no table).
 *  - The Cortex-M0+ (SmartRun domain) fetches its vector table at the start
 *    of LPSRAM1, 0x200c0000 in its memory map, where ST's CM0PLUS linker
 *    scripts put .isr_vector; LPSRAM1..3 span 0x200c0000..0x200c7fff.
 */
#ifndef _STM32MP_MP2_REGS_H
#define _STM32MP_MP2_REGS_H

#include <linux/bits.h>

#define STM32MP2_PWR_CPU2D2SR		0x204
#define STM32MP2_PWR_CSTATE		GENMASK(3, 2)
#define STM32MP2_CSTATE_OFF		0
#define STM32MP2_CSTATE_CRUN		1
#define STM32MP2_CSTATE_CSLEEP		2
#define STM32MP2_CSTATE_CSTOP		3

#define STM32MP2_A35SS_M33_NSVTOR	0x20a8
#define STM32MP2_A35SS_M33_NSVTOR_S	0xa8	/* secure alias (DK boards) */
#define STM32MP2_NSVTOR_MASK		GENMASK(31, 7)

#define STM32MP2_TAMP_NVRAM		0x100	/* BKP0R */
#define STM32MP2_NVRAM_M33_RSC_ADDR	0x1e4	/* M33-TD cells, in the nvram */
#define STM32MP2_NVRAM_M33_RSC_SIZE	0x1e8

#define STM32MP2_M0_BOOT_DA		0x200c0000
#define STM32MP2_M0_LPSRAM_SIZE		0x8000

#endif /* _STM32MP_MP2_REGS_H */
