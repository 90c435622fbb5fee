// SPDX-License-Identifier: GPL-2.0-only
/*
 * m4run: the Cortex-M4 system block, which Unicorn does not have.
 *
 * The private peripheral bus at 0xE0000000 (NVIC enable/pending/active/
 * priority, SCB with VTOR/ICSR/AIRCR/SHPR/CCR/CPACR/fault status, SysTick,
 * DWT cycle counter, FPU context control) and the ARMv7-M exception model:
 * entry stacks the basic or, with an active FP context, the extended frame
 * on the stack in use (8-byte aligned, xPSR bit 9 says so), switches to
 * MSP and handler mode and loads the vector from VTOR; return is caught
 * when the core branches to an EXC_RETURN value, and unstacks. Priorities
 * follow AIRCR.PRIGROUP with the 4 bits STM32 implements; PRIMASK, BASEPRI
 * and FAULTMASK are read from the core. Time is the guest's clock: SysTick
 * runs at the MCU clock whatever the emulation speed.
 */
#include <string.h>

#include "m4run.h"

#define PPB_BASE	0xe0000000u
#define PPB_SIZE	0x100000u
#define PRIO_MASK	0xf0u		/* STM32: 4 priority bits */

#define ICSR_PENDSTSET	BIT(26)
#define ICSR_PENDSTCLR	BIT(25)
#define ICSR_PENDSVSET	BIT(28)
#define ICSR_PENDSVCLR	BIT(27)
#define AIRCR_VECTKEY	0x05fa0000u
#define AIRCR_SYSRESETREQ BIT(2)
#define CONTROL_SPSEL	BIT(1)
#define CONTROL_FPCA	BIT(2)

static uint32_t rreg(struct m4 *m, int reg)
{
	uint32_t v = 0;

	uc_reg_read(m->uc, reg, &v);
	return v;
}

static void wreg(struct m4 *m, int reg, uint32_t v)
{
	uc_reg_write(m->uc, reg, &v);
}

static uint32_t rd32(struct m4 *m, uint32_t addr, bool *ok)
{
	uint32_t v = 0;

	if (uc_mem_read(m->uc, addr, &v, 4))
		*ok = false;
	return v;
}

static void wr32(struct m4 *m, uint32_t addr, uint32_t v, bool *ok)
{
	if (uc_mem_write(m->uc, addr, &v, 4))
		*ok = false;
}

/* ------------------------------------------------------------ priorities */

static int exc_prio(struct m4 *m, int exc)
{
	if (exc == EXC_HARDFAULT)
		return -1;
	if (exc == 2)
		return -2;		/* NMI */
	return m->prio[exc];
}

static int group(struct m4 *m, int prio)
{
	unsigned int prigroup = (m->aircr >> 8) & 7;

	if (prio < 0)
		return prio;
	return prio & ~((2 << prigroup) - 1) & 0xff;
}

/* The priority a pending exception must beat: of the active ones, and of the masks */
static int exec_prio(struct m4 *m, bool masks)
{
	int p = 256, i;
	uint32_t basepri;

	for (i = 0; i < m->nactive; i++) {
		int g = group(m, exc_prio(m, m->active[i]));

		if (g < p)
			p = g;
	}
	if (!masks)
		return p;
	basepri = rreg(m, UC_ARM_REG_BASEPRI) & 0xff;
	if (basepri && group(m, basepri) < p)
		p = group(m, basepri);
	if (rreg(m, UC_ARM_REG_PRIMASK) & 1)
		p = p < 0 ? p : 0;
	return p;
}

static bool can_pend(struct m4 *m, int exc)
{
	return exc < 16 || m->enabled[exc];
}

void core_set_pending(struct m4 *m, int exc, bool on)
{
	m->pend[exc] = on;
}

bool core_any_pending(struct m4 *m)
{
	int i;

	for (i = 2; i < M4_NR_EXC; i++)
		if (m->pend[i] && can_pend(m, i))
			return true;
	return false;
}

/* ------------------------------------------------------------ entry, return */

static const int frame_regs[] = {
	UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3,
	UC_ARM_REG_R12, UC_ARM_REG_LR, UC_ARM_REG_PC,
};

static bool exception_entry(struct m4 *m, int exc)
{
	uint32_t control = rreg(m, UC_ARM_REG_CONTROL);
	uint32_t xpsr = rreg(m, UC_ARM_REG_XPSR);
	bool handler = (xpsr & 0x1ff) != 0;
	bool psp = !handler && (control & CONTROL_SPSEL);
	bool fp = control & CONTROL_FPCA;
	uint32_t size = fp ? 0x68 : 0x20;
	uint32_t sp = psp ? rreg(m, UC_ARM_REG_PSP) : rreg(m, UC_ARM_REG_MSP);
	uint32_t frame = (sp - size) & ~7u;
	uint32_t vector, exc_return;
	bool ok = true;
	int i;

	for (i = 0; i < 7; i++)
		wr32(m, frame + 4 * i, rreg(m, frame_regs[i]), &ok);
	wr32(m, frame + 28, (xpsr & ~(1u << 9)) | (((sp - size) & 4) ? 1u << 9 : 0), &ok);
	if (fp) {
		for (i = 0; i < 16; i++)
			wr32(m, frame + 32 + 4 * i, rreg(m, UC_ARM_REG_S0 + i), &ok);
		wr32(m, frame + 96, rreg(m, UC_ARM_REG_FPSCR), &ok);
	}
	vector = rd32(m, (m->vtor & ~0x7fu) + 4 * exc, &ok);
	if (!ok) {
		m4_fault(m, rreg(m, UC_ARM_REG_PC), frame,
			 "lockup: exception entry stacking or vector fetch faulted");
		return false;
	}
	if (psp) {
		wreg(m, UC_ARM_REG_PSP, frame);
		wreg(m, UC_ARM_REG_CONTROL, control & ~CONTROL_SPSEL & ~CONTROL_FPCA);
	} else {
		wreg(m, UC_ARM_REG_CONTROL, control & ~CONTROL_FPCA);
		wreg(m, UC_ARM_REG_MSP, frame);
	}
	exc_return = handler ? 0xfffffff1u : psp ? 0xfffffffdu : 0xfffffff9u;
	if (fp)
		exc_return &= ~0x10u;
	wreg(m, UC_ARM_REG_IPSR, exc);
	wreg(m, UC_ARM_REG_SP, frame);
	wreg(m, UC_ARM_REG_LR, exc_return);
	wreg(m, UC_ARM_REG_PC, vector & ~1u);
	m->pend[exc] = false;
	m->active[m->nactive++] = exc;
	m->exceptions++;
	return true;
}

/* The highest-priority pending exception under @limit, its group in @gp */
static int best_pending(struct m4 *m, int limit, int *gp)
{
	int best = -1, bp = 1000, i;

	for (i = 2; i < M4_NR_EXC; i++) {
		int g;

		if (!m->pend[i] || !can_pend(m, i))
			continue;
		g = group(m, exc_prio(m, i));
		if (g < limit && g < bp) {
			best = i;
			bp = g;
		}
	}
	*gp = bp;
	return best;
}

/*
 * The highest-priority pending exception, if it preempts: taken. One that
 * only PRIMASK or BASEPRI hold back arms the block hook (core_unmasked()),
 * so that it is taken as soon as the firmware lowers the mask, as on the
 * real core, and not at the next unrelated stop.
 */
bool core_take_exception(struct m4 *m)
{
	int best, g;

	core_timers(m);
	best = best_pending(m, exec_prio(m, true), &g);
	if (best >= 0 && m->nactive < M4_NR_EXC && !exception_entry(m, best))
		return false;
	m->wake_armed = best_pending(m, exec_prio(m, false), &m->wake_group) >= 0;
	return best >= 0;
}

/* Block hook, armed: has the firmware lowered the mask that held one back? */
bool core_unmasked(struct m4 *m)
{
	uint32_t basepri;

	if (rreg(m, UC_ARM_REG_PRIMASK) & 1)
		return false;
	basepri = rreg(m, UC_ARM_REG_BASEPRI) & 0xff;
	return !basepri || m->wake_group < group(m, basepri);
}

int core_exception_return(struct m4 *m, uint32_t exc_return)
{
	bool to_psp = (exc_return & 0xc) == 0xc;
	bool fp = !(exc_return & 0x10);
	uint32_t frame, xpsr, control, size = fp ? 0x68 : 0x20;
	uint32_t r[8];
	bool ok = true;
	int i;

	if (!m->nactive || (exc_return & 0xffffffe0u) != 0xffffffe0u) {
		m4_fault(m, exc_return, 0, "UsageFault: bad exception return");
		return -1;
	}
	frame = to_psp ? rreg(m, UC_ARM_REG_PSP) : rreg(m, UC_ARM_REG_MSP);
	for (i = 0; i < 8; i++)
		r[i] = rd32(m, frame + 4 * i, &ok);
	if (!ok) {
		m4_fault(m, exc_return, frame, "HardFault: exception return unstacking faulted");
		return -1;
	}
	m->nactive--;
	for (i = 0; i < 6; i++)
		wreg(m, frame_regs[i], r[i]);
	if (fp) {
		for (i = 0; i < 16; i++)
			wreg(m, UC_ARM_REG_S0 + i, rd32(m, frame + 32 + 4 * i, &ok));
		wreg(m, UC_ARM_REG_FPSCR, rd32(m, frame + 96, &ok));
	}
	xpsr = r[7];
	frame += size + ((xpsr & (1u << 9)) ? 4 : 0);
	wreg(m, UC_ARM_REG_XPSR, xpsr & ~(1u << 9));
	wreg(m, UC_ARM_REG_IPSR, xpsr & 0x1ff);
	control = rreg(m, UC_ARM_REG_CONTROL) & ~CONTROL_FPCA;
	if (fp)
		control |= CONTROL_FPCA;
	if (to_psp) {
		wreg(m, UC_ARM_REG_PSP, frame);
		wreg(m, UC_ARM_REG_CONTROL, control | CONTROL_SPSEL);
	} else {
		wreg(m, UC_ARM_REG_CONTROL, control);
		wreg(m, UC_ARM_REG_MSP, frame);
		wreg(m, UC_ARM_REG_SP, frame);
	}
	wreg(m, UC_ARM_REG_PC, r[6] & ~1u);
	return 0;
}

/* ------------------------------------------------------------ SysTick */

static uint64_t st_hz(struct m4 *m)
{
	return (m->st_csr & 4) ? M4_HCLK_HZ : M4_HCLK_HZ / 8;
}

static uint64_t st_elapsed_ticks(struct m4 *m)
{
	return (m4_now_ns() - m->st_t0) * st_hz(m) / 1000000000ull;
}

void core_timers(struct m4 *m)
{
	uint64_t periods;

	if (!(m->st_csr & 1))
		return;
	periods = st_elapsed_ticks(m) / ((uint64_t)m->st_rvr + 1);
	if (periods > m->st_seen) {
		m->st_seen = periods;
		m->st_countflag = true;
		if (m->st_csr & 2)
			m->pend[EXC_SYSTICK] = true;
	}
}

uint64_t core_next_deadline(struct m4 *m)
{
	uint64_t period_ns;

	if ((m->st_csr & 3) != 3)
		return 0;
	period_ns = ((uint64_t)m->st_rvr + 1) * 1000000000ull / st_hz(m);
	if (!period_ns)
		period_ns = 1;
	return m->st_t0 + (m->st_seen + 1) * period_ns;
}

static void st_restart(struct m4 *m)
{
	m->st_t0 = m4_now_ns();
	m->st_seen = 0;
}

/* ------------------------------------------------------------ PPB */

static uint32_t bits_of(struct m4 *m, const uint8_t *a, uint32_t word)
{
	uint32_t v = 0;
	int i;

	for (i = 0; i < 32; i++) {
		int exc = EXC_IRQ(word * 32 + i);

		if (exc < EXC_IRQ((int)m->nirqs) && a[exc])
			v |= 1u << i;
	}
	return v;
}

static void set_bits(struct m4 *m, uint8_t *a, uint32_t word, uint32_t v,
		     uint8_t to)
{
	int i;

	for (i = 0; i < 32; i++) {
		int exc = EXC_IRQ(word * 32 + i);

		if ((v & (1u << i)) && exc < EXC_IRQ((int)m->nirqs))
			a[exc] = to;
	}
}

static uint32_t active_bits(struct m4 *m, uint32_t word)
{
	uint8_t act[M4_NR_EXC] = { 0 };
	int i;

	for (i = 0; i < m->nactive; i++)
		act[m->active[i]] = 1;
	return bits_of(m, act, word);
}

static uint32_t icsr(struct m4 *m)
{
	int i, pending = 0;
	uint32_t v = 0;

	core_timers(m);
	for (i = M4_NR_EXC - 1; i >= 2; i--)
		if (m->pend[i] && can_pend(m, i))
			pending = i;
	if (m->nactive)
		v |= m->active[m->nactive - 1];
	v |= (uint32_t)pending << 12;
	if (pending)
		v |= 1u << 22;
	if (m->pend[EXC_PENDSV])
		v |= ICSR_PENDSVSET;
	if (m->pend[EXC_SYSTICK])
		v |= ICSR_PENDSTSET;
	return v;
}

static uint32_t ppb_read32(struct m4 *m, uint32_t off)
{
	uint64_t t;

	if (off >= 0xe100 && off < 0xe140)
		return bits_of(m, m->enabled, (off - 0xe100) / 4);
	if (off >= 0xe180 && off < 0xe1c0)
		return bits_of(m, m->enabled, (off - 0xe180) / 4);
	if (off >= 0xe200 && off < 0xe240)
		return bits_of(m, m->pend, (off - 0xe200) / 4);
	if (off >= 0xe280 && off < 0xe2c0)
		return bits_of(m, m->pend, (off - 0xe280) / 4);
	if (off >= 0xe300 && off < 0xe340)
		return active_bits(m, (off - 0xe300) / 4);
	if (off >= 0xe400 && off < 0xe400 + m->nirqs) {
		uint32_t v = 0, i;

		for (i = 0; i < 4 && off - 0xe400 + i < m->nirqs; i++)
			v |= (uint32_t)m->prio[EXC_IRQ(off - 0xe400 + i)] << (8 * i);
		return v;
	}
	if (off >= 0xed18 && off < 0xed24) {
		uint32_t v = 0, i;

		for (i = 0; i < 4; i++)
			v |= (uint32_t)m->prio[4 + off - 0xed18 + i] << (8 * i);
		return v;
	}
	switch (off) {
	case 0xe004:
		return (m->nirqs + 31) / 32 - 1;	/* ICTR: lines in 32s, less one */
	case 0xe010: {
		uint32_t v;

		core_timers(m);
		v = m->st_csr | (m->st_countflag ? 1u << 16 : 0);
		m->st_countflag = false;
		return v;
	}
	case 0xe014:
		return m->st_rvr;
	case 0xe018:
		if (!(m->st_csr & 1))
			return 0;
		t = st_elapsed_ticks(m);
		return m->st_rvr - (uint32_t)(t % ((uint64_t)m->st_rvr + 1));
	case 0xe01c:
		/* CALIB: 1 ms of the HCLK/8 reference */
		return 0x40000000u | (M4_HCLK_HZ / 8 / 1000 - 1);
	case 0xed00:
		return m->cpuid;
	case 0xed04:
		return icsr(m);
	case 0xed08:
		return m->vtor;
	case 0xed0c:
		return 0xfa050000u | (m->aircr & 0x700);
	case 0xed10:
		return m->scr;
	case 0xed14:
		return m->ccr;
	case 0xed24:
		return m->shcsr;
	case 0xed28:
		return m->cfsr;
	case 0xed2c:
		return m->hfsr;
	case 0xed88:
		return m->cpacr;
	case 0xedf0:
		return 0;			/* DHCSR: no debugger */
	case 0xedfc:
		return 0;
	case 0xef34:
		return m->fpccr;
	case 0xef38:
		return m->fpcar;
	case 0xef3c:
		return m->fpdscr;
	case 0x1000:
		return 0x40000000u;	/* DWT_CTRL: NUMCOMP 4 */
	case 0x1004:				/* DWT_CYCCNT */
		return (uint32_t)(m4_now_ns() * (M4_HCLK_HZ / 1000000) / 1000);
	}
	return 0;
}

static void ppb_write32(struct m4 *m, uint32_t off, uint32_t v)
{
	if (off >= 0xe100 && off < 0xe140) {
		set_bits(m, m->enabled, (off - 0xe100) / 4, v, 1);
		m->stop_hit = true;
		return;
	}
	if (off >= 0xe180 && off < 0xe1c0)
		return set_bits(m, m->enabled, (off - 0xe180) / 4, v, 0);
	if (off >= 0xe200 && off < 0xe240) {
		set_bits(m, m->pend, (off - 0xe200) / 4, v, 1);
		m->stop_hit = true;
		return;
	}
	if (off >= 0xe280 && off < 0xe2c0)
		return set_bits(m, m->pend, (off - 0xe280) / 4, v, 0);
	if (off >= 0xed18 && off < 0xed24) {
		int i;

		for (i = 0; i < 4; i++)
			m->prio[4 + off - 0xed18 + i] = (v >> (8 * i)) & PRIO_MASK;
		return;
	}
	switch (off) {
	case 0xe010:
		if ((v & 1) && !(m->st_csr & 1))
			st_restart(m);
		m->st_csr = v & 7;
		m->stop_hit = true;
		return;
	case 0xe014:
		m->st_rvr = v & 0xffffff;
		return;
	case 0xe018:
		st_restart(m);
		m->st_countflag = false;
		return;
	case 0xed04:
		if (v & ICSR_PENDSVSET)
			m->pend[EXC_PENDSV] = true;
		if (v & ICSR_PENDSVCLR)
			m->pend[EXC_PENDSV] = false;
		if (v & ICSR_PENDSTSET)
			m->pend[EXC_SYSTICK] = true;
		if (v & ICSR_PENDSTCLR)
			m->pend[EXC_SYSTICK] = false;
		m->stop_hit = true;
		return;
	case 0xed08:
		m->vtor = v & 0xffffff80u;
		return;
	case 0xed0c:
		if ((v & 0xffff0000u) != AIRCR_VECTKEY)
			return;
		m->aircr = v & 0x700;
		if (v & AIRCR_SYSRESETREQ)
			m4_fault(m, 0, 0, "SYSRESETREQ (the firmware asked for a reset)");
		return;
	case 0xed10:
		m->scr = v & 0x16;
		return;
	case 0xed14:
		m->ccr = v;
		return;
	case 0xed24:
		m->shcsr = v;
		return;
	case 0xed28:
		m->cfsr &= ~v;
		return;	/* write 1 to clear */
	case 0xed2c:
		m->hfsr &= ~v;
		return;
	case 0xed88:
		m->cpacr = v;
		return;
	case 0xef00:				/* STIR */
		if (v < m->nirqs)
			m->pend[EXC_IRQ(v)] = 1;
		m->stop_hit = true;
		return;
	case 0xef34:
		m->fpccr = v;
		return;
	case 0xef38:
		m->fpcar = v;
		return;
	case 0xef3c:
		m->fpdscr = v;
		return;
	}
}

static uint64_t ppb_read(uc_engine *uc, uint64_t offset, unsigned int size,
			 void *data)
{
	struct m4 *m = data;
	uint32_t off = offset & ~3u, shift = (offset & 3) * 8;
	uint32_t v;

	(void)uc;
	/* byte access to the priority registers */
	if (size == 1 && offset >= 0xe400 && offset < 0xe400 + m->nirqs)
		return m->prio[EXC_IRQ(offset - 0xe400)];
	if (size == 1 && offset >= 0xed18 && offset < 0xed24)
		return m->prio[4 + offset - 0xed18];
	v = ppb_read32(m, off) >> shift;
	return size == 4 ? v : v & ((1u << (8 * size)) - 1);
}

static void ppb_write(uc_engine *uc, uint64_t offset, unsigned int size,
		      uint64_t value, void *data)
{
	struct m4 *m = data;

	(void)uc;
	if (size == 1 && offset >= 0xe400 && offset < 0xe400 + m->nirqs) {
		m->prio[EXC_IRQ(offset - 0xe400)] = value & PRIO_MASK;
		return;
	}
	if (size == 1 && offset >= 0xed18 && offset < 0xed24) {
		m->prio[4 + offset - 0xed18] = value & PRIO_MASK;
		return;
	}
	if (size == 4 && offset >= 0xe400 && offset < 0xe400 + m->nirqs) {
		int i;

		for (i = 0; i < 4 && offset - 0xe400 + i < m->nirqs; i++)
			m->prio[EXC_IRQ(offset - 0xe400 + i)] = (value >> (8 * i)) & PRIO_MASK;
		return;
	}
	ppb_write32(m, offset & ~3u, (uint32_t)value);
}

int core_map(struct m4 *m)
{
	return uc_mmio_map(m->uc, PPB_BASE, PPB_SIZE, ppb_read, m, ppb_write, m);
}

void core_reset(struct m4 *m)
{
	memset(m->pend, 0, sizeof(m->pend));
	memset(m->enabled, 0, sizeof(m->enabled));
	memset(m->prio, 0, sizeof(m->prio));
	m->nactive = 0;
	m->vtor = m->vtor_reset;
	m->aircr = 0;
	m->scr = 0;
	m->ccr = 0x200;		/* STKALIGN */
	m->shcsr = 0;
	m->cpacr = 0;
	m->fpccr = 0xc0000000u;	/* ASPEN, LSPEN */
	m->cfsr = 0;
	m->hfsr = 0;
	m->st_csr = 0;
	m->st_rvr = 0;
	m->st_countflag = false;
	m->sleeping = false;
}
