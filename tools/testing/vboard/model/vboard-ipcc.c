// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual STM32MP board: one IPCC instance's register file.
 *
 * The register semantics of include/stm32mp/ipcc-regs.h on a struct
 * vboard_ipcc, shared by both instances the model has (IPCC1 for the
 * M4/M33 in vboard-core.c, IPCC2 for the STM32MP25 M0+ in vboard-m0.c).
 * No locking and no side effects here: the owner holds its lock, keeps
 * its statistics and recomputes its lines after a write.
 *
 * RIF (STM32MP25 instances, HWCFGR SECCTRL/CIDWIDTH set): SECCFGR,
 * PRIVCFGR and CIDCFGR belong to the secure firmware. The non-secure
 * side (every write through here) cannot change them; the model's secure
 * world sets them with vboard_ipcc_set_rif(). A channel whose SECCFGR bit
 * is set on a processor's side ignores that processor's non-secure writes
 * to it, as a RIF-aware peripheral does.
 */

#include <linux/bitfield.h>

#include "vboard-internal.h"

void vboard_ipcc_init(struct vboard_ipcc *ic, unsigned int nch, bool rif)
{
	unsigned int p;

	memset(ic, 0, sizeof(*ic));
	ic->hwcfgr = FIELD_PREP(IPCC_HWCFGR_CHANNELS, nch);
	if (rif)
		ic->hwcfgr |= FIELD_PREP(IPCC_HWCFGR_SECCTRL, 1) |
			      FIELD_PREP(IPCC_HWCFGR_CIDWIDTH, 3);
	/* Reset values: every channel masked, nothing enabled */
	for (p = 0; p < 2; p++)
		ic->mr[p] = IPCC_ALL_CH(nch) | IPCC_ALL_CH(nch) << IPCC_CH_HI_SHIFT;
}

unsigned int vboard_ipcc_nch(const struct vboard_ipcc *ic)
{
	return FIELD_GET(IPCC_HWCFGR_CHANNELS, ic->hwcfgr);
}

static u32 vboard_ipcc_all(const struct vboard_ipcc *ic)
{
	return IPCC_ALL_CH(vboard_ipcc_nch(ic));
}

/* Channels processor p may not touch from the non-secure side */
static u32 vboard_ipcc_secure(const struct vboard_ipcc *ic, unsigned int p)
{
	return FIELD_GET(IPCC_HWCFGR_SECCTRL, ic->hwcfgr) ? ic->seccfgr[p] : 0;
}

bool vboard_ipcc_rx_level(const struct vboard_ipcc *ic, unsigned int p)
{
	return (ic->cr[p] & IPCC_XCR_RXOIE) &&
	       (ic->flags[!p] & ~ic->mr[p] & vboard_ipcc_all(ic));
}

bool vboard_ipcc_tx_level(const struct vboard_ipcc *ic, unsigned int p)
{
	return (ic->cr[p] & IPCC_XCR_TXFIE) &&
	       (~ic->flags[p] & ~(ic->mr[p] >> IPCC_CH_HI_SHIFT) &
		vboard_ipcc_all(ic));
}

/* Channels of processor p's other side that are occupied and unmasked */
u32 vboard_ipcc_rx_pending(const struct vboard_ipcc *ic, unsigned int p)
{
	return vboard_ipcc_rx_level(ic, p) ?
	       ic->flags[!p] & ~ic->mr[p] & vboard_ipcc_all(ic) : 0;
}

/*
 * A non-secure write at reg (processor p = the block it falls in). Returns
 * in *set the channels whose flag p set, in *clr the other side's flags it
 * cleared.
 */
void vboard_ipcc_regs_write(struct vboard_ipcc *ic, unsigned int reg, u32 val,
			    u32 *set, u32 *clr)
{
	unsigned int p = (reg % IPCC_XSECCFGR) >= IPCC_PROC_STRIDE;
	u32 all = vboard_ipcc_all(ic);
	u32 open = all & ~vboard_ipcc_secure(ic, p);

	*set = 0;
	*clr = 0;
	if (reg >= 2 * IPCC_PROC_STRIDE)
		return;		/* RIF and identification: not ours to write */

	switch (reg % IPCC_PROC_STRIDE) {
	case IPCC_XCR:
		ic->cr[p] = val & (IPCC_XCR_RXOIE | IPCC_XCR_TXFIE);
		break;
	case IPCC_XMR:
		val &= open | open << IPCC_CH_HI_SHIFT;
		ic->mr[p] = (ic->mr[p] & ~(open | open << IPCC_CH_HI_SHIFT)) | val;
		break;
	case IPCC_XSCR:
		*set = (val >> IPCC_CH_HI_SHIFT) & open;
		*clr = val & open & ic->flags[!p];
		ic->flags[p] |= *set;
		ic->flags[!p] &= ~*clr;
		break;
	default:
		break;		/* XTOYSR is read-only */
	}
}

u32 vboard_ipcc_regs_read(const struct vboard_ipcc *ic, unsigned int reg)
{
	unsigned int p = (reg % IPCC_XSECCFGR) >= IPCC_PROC_STRIDE;

	switch (reg) {
	case IPCC_HWCFGR:
		return ic->hwcfgr;
	case IPCC_VER:
		return IPCC_MP15_VER;
	case IPCC_IPIDR:
		return IPCC_MP15_IPIDR;
	case IPCC_SIDR:
		return IPCC_MP15_SIDR;
	}
	if (reg >= IPCC_XSECCFGR && reg < IPCC_XSECCFGR + 2 * IPCC_PROC_STRIDE) {
		if (!(ic->hwcfgr & (IPCC_HWCFGR_SECCTRL | IPCC_HWCFGR_CIDWIDTH)))
			return 0;	/* reserved on STM32MP15 */
		switch (reg % IPCC_PROC_STRIDE) {
		case IPCC_XSECCFGR % IPCC_PROC_STRIDE:
			return ic->seccfgr[p];
		case IPCC_XPRIVCFGR % IPCC_PROC_STRIDE:
			return ic->privcfgr[p];
		case IPCC_XCIDCFGR % IPCC_PROC_STRIDE:
			return ic->cidcfgr[p];
		}
		return 0;
	}
	if (reg >= 2 * IPCC_PROC_STRIDE)
		return 0;

	switch (reg % IPCC_PROC_STRIDE) {
	case IPCC_XCR:
		return ic->cr[p];
	case IPCC_XMR:
		return ic->mr[p];
	case IPCC_XTOYSR:
		return ic->flags[p];
	default:
		return 0;	/* XSCR reads as zero */
	}
}

/* The secure firmware's configuration of processor p's side */
void vboard_ipcc_set_rif(struct vboard_ipcc *ic, unsigned int p, u32 seccfgr,
			 u32 cidcfgr)
{
	ic->seccfgr[p] = seccfgr & vboard_ipcc_all(ic);
	ic->cidcfgr[p] = cidcfgr & (IPCC_CIDCFGR_CFEN | IPCC_CIDCFGR_SCID);
}
