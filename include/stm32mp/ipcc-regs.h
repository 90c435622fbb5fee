/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * STM32MP1 IPCC (inter-processor communication controller) register map.
 *
 * The single source of register knowledge for the IPCC mailbox driver and
 * the virtual-board hardware model. Semantics follow the STM32MP15
 * reference manual:
 *
 *  - Each processor X (1 = Cortex-A7, 2 = Cortex-M4) owns a block of four
 *    registers: CR, MR, SCR, and TOxSR (flags it has set towards the other).
 *    Processor 2's block is processor 1's plus IPCC_PROC_STRIDE.
 *  - SCR is write-only and reads as zero. Writing 1 to CHnS sets the
 *    writer's own channel-n flag (send); writing 1 to CHnC clears the
 *    *other* processor's channel-n flag (acknowledge a receive).
 *    Writing 0 has no effect.
 *  - TOxSR is read-only: bit n-1 set = own channel n occupied.
 *  - MR: CHnOM (bit n-1) masks the RX-occupied interrupt of channel n,
 *    CHnFM (bit 16+n-1) masks its TX-free interrupt. 1 = masked. Reset value
 *    masks every channel.
 *  - Interrupt lines are level sensitive:
 *      RX-occupied(X) = RXOIE(X) && (flags(other) & ~OM(X))
 *      TX-free(X)     = TXFIE(X) && (~flags(X) & ~FM(X))
 */
#ifndef _STM32MP_IPCC_REGS_H
#define _STM32MP_IPCC_REGS_H

#include <linux/bits.h>

#define IPCC_MMIO_SIZE		0x400

/* Per-processor block, processor 1 at offset 0, processor 2 at +STRIDE */
#define IPCC_XCR		0x000
#define IPCC_XMR		0x004
#define IPCC_XSCR		0x008
#define IPCC_XTOYSR		0x00c
#define IPCC_PROC_STRIDE	0x010

#define IPCC_PROC_OFFSET(proc_id)	((proc_id) * IPCC_PROC_STRIDE)

/* Identification registers */
#define IPCC_HWCFGR		0x3f0
#define IPCC_VER		0x3f4
#define IPCC_IPIDR		0x3f8
#define IPCC_SIDR		0x3fc

/* XCR */
#define IPCC_XCR_RXOIE		BIT(0)
#define IPCC_XCR_TXFIE		BIT(16)

/* XMR, XSCR, XTOYSR: channel n (1-based) is bit n-1 / bit 16+n-1 */
#define IPCC_MAX_CHANNELS	16
#define IPCC_CH_LO_MASK		GENMASK(15, 0)
#define IPCC_CH_HI_SHIFT	16
#define IPCC_CH_BIT(idx)	BIT(idx)			/* CHnOM, CHnC, CHnF */
#define IPCC_CH_HI_BIT(idx)	BIT(IPCC_CH_HI_SHIFT + (idx))	/* CHnFM, CHnS */
#define IPCC_ALL_CH(nch)	GENMASK((nch) - 1, 0)

/* HWCFGR */
#define IPCC_HWCFGR_CHANNELS	GENMASK(7, 0)

/* VER */
#define IPCC_VER_MINREV		GENMASK(3, 0)
#define IPCC_VER_MAJREV		GENMASK(7, 4)

/* Values of the STM32MP15 instance */
#define IPCC_MP15_CHANNELS	6
#define IPCC_MP15_VER		0x00000010
#define IPCC_MP15_IPIDR		0x00100071
#define IPCC_MP15_SIDR		0xa3c5dd01

#endif /* _STM32MP_IPCC_REGS_H */
