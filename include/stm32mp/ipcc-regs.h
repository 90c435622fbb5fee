/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * STM32MP IPCC (inter-processor communication controller) register map.
 *
 * The single source of register knowledge for the IPCC mailbox driver and
 * the virtual-board hardware model. Semantics follow the STM32MP15
 * reference manual, and the STM32MP25 one for the instance's resource
 * isolation framework (RIF) registers, which the STM32MP15 does not have:
 *
 *  - Each processor X (1 = Cortex-A7, 2 = Cortex-M4 on STM32MP15;
 *    1 = Cortex-A35, 2 = Cortex-M33 on STM32MP25) owns a block of four
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
 *  - RIF (STM32MP25): HWCFGR tells which controls the instance has
 *    (SECCTRL, CIDWIDTH; both 0 on STM32MP15, whose registers there are
 *    reserved). Processor X's RIF registers sit in a second block at
 *    IPCC_XSECCFGR + X's block offset, and are set by the secure firmware
 *    (the trusted domain CID); the non-secure side only reads them:
 *      SECCFGR:  CHnSEC (bit n-1) set = processor X's side of channel n is
 *                secure, a non-secure access to it is refused (with
 *                SECCTRL != 0).
 *      PRIVCFGR: CHnPRIV (bit n-1) set = channel n is privileged-only.
 *      CIDCFGR:  CFEN set = processor X's registers are filtered on the
 *                compartment ID (CID) of the bus master, and only static
 *                CID SCID gets through (with CIDWIDTH != 0). CFEN clear =
 *                any CID gets through.
 *    The STM32MP25's Cortex-A35 non-secure world, Linux, is CID 1.
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

/* RIF block (STM32MP25): processor 1 here, processor 2 at +STRIDE */
#define IPCC_XSECCFGR		0x080
#define IPCC_XPRIVCFGR		0x084
#define IPCC_XCIDCFGR		0x088

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
#define IPCC_HWCFGR_SECCTRL	GENMASK(11, 8)	/* != 0: SECCFGR is implemented */
#define IPCC_HWCFGR_CIDWIDTH	GENMASK(27, 24)	/* != 0: CIDCFGR is implemented */

/* XSECCFGR, XPRIVCFGR: channel n (1-based) is IPCC_CH_BIT(n - 1) */

/*
 * XCIDCFGR. SCID is three bits (CIDs 0..7) as in every RIF-aware STM32MP25
 * peripheral; bit 7 is reserved and reads as zero.
 */
#define IPCC_CIDCFGR_CFEN	BIT(0)
#define IPCC_CIDCFGR_SCID	GENMASK(6, 4)

/* STM32MP25 CIDs: the Cortex-A35 non-secure world (Linux), the Cortex-M33 */
#define IPCC_RIF_CID_CA_NS	1
#define IPCC_RIF_CID_CM33	2

/* VER */
#define IPCC_VER_MINREV		GENMASK(3, 0)
#define IPCC_VER_MAJREV		GENMASK(7, 4)

/* Values of the STM32MP15 instance */
#define IPCC_MP15_CHANNELS	6
#define IPCC_MP15_VER		0x00000010
#define IPCC_MP15_IPIDR		0x00100071
#define IPCC_MP15_SIDR		0xa3c5dd01

#endif /* _STM32MP_IPCC_REGS_H */
