/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * STM32MP15 TAMP backup registers used for the coprocessor hand-over.
 *
 * The single source of this knowledge for the remoteproc driver and the
 * virtual-board model. A bootloader that starts the M4 (U-Boot's
 * stm32_copro) writes the resource table's M4 address to BKP17R and CRUN to
 * BKP18R; Linux writes OFF when it stops the M4. The driver finds the two
 * registers through its DT (st,syscfg-rsc-tbl, st,syscfg-m4-state).
 */
#ifndef _STM32MP_TAMP_REGS_H
#define _STM32MP_TAMP_REGS_H

#define STM32MP_TAMP_BKPR(x)		(0x100 + 4 * (x))
#define STM32MP_TAMP_BKP_RSC_TBL	17	/* BKP17R: table address */
#define STM32MP_TAMP_BKP_M4_STATE	18	/* BKP18R: coprocessor state */

/* BKP18R values */
#define STM32MP_M4_STATE_OFF		0
#define STM32MP_M4_STATE_INI		1
#define STM32MP_M4_STATE_CRUN		2
#define STM32MP_M4_STATE_CSTOP		3
#define STM32MP_M4_STATE_STANDBY	4
#define STM32MP_M4_STATE_CRASH		5

#endif /* _STM32MP_TAMP_REGS_H */
