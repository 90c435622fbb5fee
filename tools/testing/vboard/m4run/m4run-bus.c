// SPDX-License-Identifier: GPL-2.0-only
/*
 * m4run: the STM32MP15 peripherals as the M4's firmware sees them.
 * On the STM32MP25 board, the M33's IPCC1 and TAMP (the model's), and
 * nothing else modelled.
 *
 * Blocks the model owns (IPCC processor-2 side, TAMP) are forwarded to it
 * through /dev/vboard-m4, so Linux and the M4 share one register file.
 * Blocks private to the M4 are modelled here: RCC enable set/clear pairs,
 * PWR, EXTI and SYSCFG register files, GPIO (BSRR, IDR follows ODR), HSEM
 * (1-step and 2-step locks, core ID of the M4), WWDG1 (down-counter on the
 * guest clock; expiry fires the watchdog Linux sees), DBGMCU IDCODE, and
 * USART3/UART4/UART7 whose transmit register goes to the log file. Any
 * other peripheral page is mapped on first touch and reported once per
 * address with the PC; it reads as zero and ignores writes.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "m4run.h"

#define PERIPH_LO	0x40000000u
#define PERIPH_HI	0x60000000u
#define PAGE		0x1000u
#define NREGS		(PAGE / 4)
#define HSEM_COREID_M4	2u
#define WWDG_PCLK_HZ	104500000ull

enum kind { K_MODEL, K_REGS, K_RCC, K_GPIO, K_HSEM, K_WWDG, K_DBGMCU, K_UART };

struct block {
	uint32_t base;
	enum kind kind;
	const char *name;
	uint32_t door;		/* K_MODEL: its address on the model's door */
};

static const struct block blocks[] = {
	{ M4_IPCC_BASE, K_MODEL, "IPCC", VBOARD_CPU_IPCC_BASE },
	{ M4_TAMP_BASE, K_MODEL, "TAMP", VBOARD_CPU_TAMP_BASE },
	{ M4_HSEM_BASE, K_HSEM, "HSEM", 0 },
	{ M4_RCC_BASE, K_RCC, "RCC", 0 },
	{ M4_PWR_BASE, K_REGS, "PWR", 0 },
	{ M4_EXTI_BASE, K_REGS, "EXTI", 0 },
	{ M4_SYSCFG_BASE, K_REGS, "SYSCFG", 0 },
	{ M4_DBGMCU_BASE, K_DBGMCU, "DBGMCU", 0 },
	{ M4_WWDG1_BASE, K_WWDG, "WWDG1", 0 },
	{ M4_USART3_BASE, K_UART, "USART3", 0 },
	{ M4_UART4_BASE, K_UART, "UART4", 0 },
	{ M4_UART7_BASE, K_UART, "UART7", 0 },
};

/*
 * The STM32MP25 M33: the blocks the model owns, at the M33's addresses;
 * the rest of its map is unmodelled (reported on first touch)
 */
static const struct block mp25_blocks[] = {
	{ MP25_M33_IPCC1_BASE, K_MODEL, "IPCC1", VBOARD_CPU_IPCC_BASE },
	{ MP25_M33_TAMP_BASE, K_MODEL, "TAMP", VBOARD_CPU_TAMP_BASE },
};

#define NBLOCKS		ARRAY_SIZE(blocks)
#define NFILES		(NBLOCKS + M4_GPIO_COUNT)

struct dev {
	struct m4 *m;
	uint32_t base;
	enum kind kind;
	const char *name;
	uint32_t *regs;
	uint32_t door;
};

static struct dev devs[NFILES];

/* addresses reported once */
static uint32_t reported[256];
static unsigned int nreported;

static uint32_t pc_of(struct m4 *m)
{
	uint32_t pc = 0;

	uc_reg_read(m->uc, UC_ARM_REG_PC, &pc);
	return pc;
}

static void report_once(struct m4 *m, uint32_t addr, bool write)
{
	unsigned int i;

	for (i = 0; i < nreported; i++)
		if (reported[i] == addr)
			return;
	if (nreported < ARRAY_SIZE(reported))
		reported[nreported++] = addr;
	m->unmodelled++;
	m4_log("unmodelled peripheral: %s 0x%08x at pc 0x%08x (%s)",
	       write ? "write" : "read", addr, pc_of(m),
	       write ? "ignored" : "reads as zero");
}

/* ------------------------------------------------------------ the model's */

static uint32_t model_read(struct dev *d, uint32_t addr)
{
	uint32_t v = 0;

	if (pread(d->m->fd, &v, 4, d->door + (addr - d->base)) != 4)
		report_once(d->m, addr, false);
	return v;
}

static void model_write(struct dev *d, uint32_t addr, uint32_t v)
{
	if (pwrite(d->m->fd, &v, 4, d->door + (addr - d->base)) != 4)
		report_once(d->m, addr, true);
}

/* ------------------------------------------------------------ WWDG1 */

static uint64_t wwdg_tick_ns(struct m4 *m)
{
	unsigned int tb = (m->wwdg_cfr >> 11) & 7;

	return 4096ull * (1ull << tb) * 1000000000ull / WWDG_PCLK_HZ;
}

static uint32_t wwdg_counter(struct m4 *m)
{
	uint64_t ticks = (m4_now_ns() - m->wwdg_t0) / wwdg_tick_ns(m);
	uint32_t t = m->wwdg_cr & 0x7f;

	return ticks >= t ? 0 : t - (uint32_t)ticks;
}

uint64_t bus_next_deadline(struct m4 *m)
{
	uint32_t t = m->wwdg_cr & 0x7f;

	if (!(m->wwdg_cr & 0x80))
		return 0;
	/* T6 falls (0x40 -> 0x3f): reset */
	return m->wwdg_t0 + (t >= 0x3f ? t - 0x3f : 0) * wwdg_tick_ns(m);
}

void bus_wwdg_check(struct m4 *m)
{
	uint64_t dl = bus_next_deadline(m);

	if (dl && m4_now_ns() >= dl)
		m4_fault(m, pc_of(m), 0, "WWDG1 expired (not refreshed)");
}

/* ------------------------------------------------------------ accessors */

static uint32_t dev_read(struct dev *d, uint32_t off)
{
	struct m4 *m = d->m;
	uint32_t *r = d->regs, i;

	switch (d->kind) {
	case K_MODEL:
		return model_read(d, d->base + off);
	case K_RCC:
		if (off >= 0xa00 && off < 0xac0)
			return r[(off & ~7u) / 4];	/* SETR and CLRR read the enables */
		return r[off / 4];
	case K_GPIO:
		if (off == 0x10)
			return r[0x14 / 4] & 0xffff;	/* IDR: what it drives */
		if (off == 0x18)
			return 0;
		return r[off / 4];
	case K_HSEM:
		if (off >= 0x80 && off < 0x100) {
			i = (off - 0x80) / 4;		/* RLR: 1-step lock */
			if (!(r[i] & 0x80000000u))
				r[i] = 0x80000000u | HSEM_COREID_M4 << 8;
			return r[i];
		}
		return r[off / 4];
	case K_WWDG:
		if (off == M4_WWDG_CR)
			return (m->wwdg_cr & 0x80) | wwdg_counter(m);
		if (off == M4_WWDG_CFR)
			return m->wwdg_cfr;
		if (off == M4_WWDG_SR)
			return m->wwdg_sr;
		return 0;
	case K_DBGMCU:
		return off == 0 ? M4_DBGMCU_IDCODE : r[off / 4];
	case K_UART:
		if (off == M4_USART_ISR)
			return M4_USART_ISR_TXE | M4_USART_ISR_TC | (3u << 21);
		return r[off / 4];
	case K_REGS:
		return r[off / 4];
	}
	return 0;
}

static void dev_write(struct dev *d, uint32_t off, uint32_t v)
{
	struct m4 *m = d->m;
	uint32_t *r = d->regs, i;

	switch (d->kind) {
	case K_MODEL:
		model_write(d, d->base + off, v);
		return;
	case K_RCC:
		if (off >= 0xa00 && off < 0xac0) {
			if (off & 4)
				r[(off & ~7u) / 4] &= ~v;
			else
				r[(off & ~7u) / 4] |= v;
			return;
		}
		r[off / 4] = v;
		return;
	case K_GPIO:
		if (off == 0x18) {
			r[0x14 / 4] = (r[0x14 / 4] | (v & 0xffff)) & ~(v >> 16);
			return;
		}
		if (off != 0x10)
			r[off / 4] = v;
		return;
	case K_HSEM:
		if (off < 0x80) {
			i = off / 4;		/* R: 2-step lock, or unlock */
			if (v & 0x80000000u) {
				if (!(r[i] & 0x80000000u))
					r[i] = v;
			} else if ((r[i] & 0xfff) == (v & 0xfff)) {
				r[i] = 0;
			}
			return;
		}
		if (off < 0x100)
			return;
		r[off / 4] = v;
		return;
	case K_WWDG:
		if (off == M4_WWDG_CR) {
			/* WDGA cannot be cleared; T is reloaded */
			m->wwdg_cr = (m->wwdg_cr & 0x80) | (v & 0xff);
			m->wwdg_t0 = m4_now_ns();
			m->stop_hit = true;
		} else if (off == M4_WWDG_CFR) {
			m->wwdg_cfr = v & 0x3fff;
		} else if (off == M4_WWDG_SR) {
			m->wwdg_sr &= v;
		}
		return;
	case K_UART:
		if (off == M4_USART_TDR) {
			if (m->uart) {
				fputc(v & 0xff, m->uart);
				if ((v & 0xff) == '\n')
					fflush(m->uart);
			}
			return;
		}
		r[off / 4] = v;
		return;
	case K_DBGMCU:
	case K_REGS:
		r[off / 4] = v;
		return;
	}
}

static uint64_t bus_read(uc_engine *uc, uint64_t offset, unsigned int size,
			 void *data)
{
	struct dev *d = data;
	uint32_t v = dev_read(d, offset & ~3u) >> ((offset & 3) * 8);

	(void)uc;
	return size == 4 ? v : v & ((1u << (8 * size)) - 1);
}

static void bus_write(uc_engine *uc, uint64_t offset, unsigned int size,
		      uint64_t value, void *data)
{
	struct dev *d = data;
	uint32_t v = (uint32_t)value;

	if (size != 4) {
		/* narrow write: merge into the register (UART TDR takes bytes) */
		uint32_t shift = (offset & 3) * 8, mask = ((1u << (8 * size)) - 1) << shift;

		if (d->kind == K_UART && (offset & ~3u) == M4_USART_TDR)
			v = (uint32_t)value;
		else
			v = (dev_read(d, offset & ~3u) & ~mask) | ((v << shift) & mask);
	}
	(void)uc;
	dev_write(d, offset & ~3u, v);
}

/* ------------------------------------------------------------ unmodelled */

static uint64_t unmodelled_read(uc_engine *uc, uint64_t offset, unsigned int size,
				void *data)
{
	struct dev *d = data;

	(void)uc;
	(void)size;
	report_once(d->m, d->base + (uint32_t)offset, false);
	return 0;
}

static void unmodelled_write(uc_engine *uc, uint64_t offset, unsigned int size,
			     uint64_t value, void *data)
{
	struct dev *d = data;

	(void)uc;
	(void)size;
	(void)value;
	report_once(d->m, d->base + (uint32_t)offset, true);
}

static struct dev unmodelled_pages[64];
static unsigned int nunmodelled;

/* An access to an unmapped address: a peripheral page we do not model? */
int bus_unmapped(struct m4 *m, uint64_t addr, bool write)
{
	struct dev *d;

	if (addr < PERIPH_LO || addr >= PERIPH_HI ||
	    nunmodelled == ARRAY_SIZE(unmodelled_pages))
		return -1;
	d = &unmodelled_pages[nunmodelled++];
	d->m = m;
	d->base = (uint32_t)addr & ~(PAGE - 1);
	d->name = "unmodelled";
	(void)write;
	if (uc_mmio_map(m->uc, d->base, PAGE, unmodelled_read, d, unmodelled_write, d))
		return -1;
	return 0;
}

/* ------------------------------------------------------------ setup */

void bus_reset(struct m4 *m)
{
	memset(m->regfile, 0, NFILES * PAGE);
	m->wwdg_cr = 0x7f;
	m->wwdg_cfr = 0x7f;
	m->wwdg_sr = 0;
	m->wwdg_t0 = m4_now_ns();
	nreported = 0;
	nunmodelled = 0;
}

int bus_map(struct m4 *m)
{
	const struct block *b = blocks;
	unsigned int nb = NBLOCKS, ngpio = M4_GPIO_COUNT;
	unsigned int i, n = 0;
	int ret;

	if (!m->regfile) {
		m->regfile = calloc(NFILES, PAGE);
		if (!m->regfile)
			return -ENOMEM;
	}
	if (m->soc == VBOARD_CPU_SOC_STM32MP25) {
		b = mp25_blocks;
		nb = ARRAY_SIZE(mp25_blocks);
		ngpio = 0;
	}
	for (i = 0; i < nb; i++, n++) {
		devs[n] = (struct dev){ m, b[i].base, b[i].kind, b[i].name,
					m->regfile + n * NREGS, b[i].door };
	}
	for (i = 0; i < ngpio; i++, n++)
		devs[n] = (struct dev){ m, M4_GPIOA_BASE + i * PAGE, K_GPIO, "GPIO",
					m->regfile + n * NREGS, 0 };
	for (i = 0; i < n; i++) {
		ret = uc_mmio_map(m->uc, devs[i].base, PAGE, bus_read, &devs[i],
				  bus_write, &devs[i]);
		if (ret) {
			m4_log("cannot map %s at 0x%08x: %s", devs[i].name,
			       devs[i].base, uc_strerror(ret));
			return -EINVAL;
		}
	}
	return 0;
}
