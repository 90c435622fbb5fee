/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * STM32MP25 as its Cortex-M33 (non-secure image) sees it: what the
 * project's firmware built for the M33 (FW_STM32MP25) and the executing
 * core (m4run) use where they differ from the STM32MP15 M4
 * (stm32mp15-m4.h). Addresses from RM0457's memory map (the non-secure
 * aliases, shared with the Cortex-A35), interrupt numbers from ST's CMSIS
 * device header (IPCC1_RX_IRQn, IPCC1_TX_IRQn).
 */
#ifndef _STM32MP25_M33_H
#define _STM32MP25_M33_H

#define MP25_M33_IPCC1_BASE	0x40490000u	/* processor 2 = the M33 */
#define MP25_M33_TAMP_BASE	0x46010000u

#define MP25_M33_IRQ_IPCC1_RX	171		/* RX occupied, processor 2 */
#define MP25_M33_IRQ_IPCC1_TX	172		/* TX free, processor 2 */
#define MP25_M33_NR_IRQS	320

#define MP25_M33_CPUID		0x411fd210u	/* Cortex-M33 r1p0 (ST: __CM33_REV 0x0100) */

#endif /* _STM32MP25_M33_H */
