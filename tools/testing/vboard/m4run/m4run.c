// SPDX-License-Identifier: GPL-2.0-only
/*
 * m4run: the virtual board's executing Cortex-M4 (STM32MP15), or Cortex-M33
 * (STM32MP25: the model says which board, and where the core boots).
 *
 * A guest process around the Unicorn engine (Debian's libunicorn, static
 * armhf build). It opens /dev/vboard-m4 (the model's door, see
 * model/vboard-cpu.h) and, each time the model says the core runs, maps
 * the M4 memories where the M4 sees them, resets the core from the vector
 * table at 0 (the M33: at M33_INITNSVTOR; initial SP, reset vector) and
 * executes the image Linux (or
 * the model as bootloader) loaded there. m4run-core.c provides the NVIC,
 * SysTick and exception model, m4run-bus.c the peripherals.
 *
 * One thread. The loop runs the core until something needs it: news from
 * the model (a sequence word in a page the model shares), a timer
 * deadline, a write to the system block, a mask dropped with an exception
 * waiting, WFI, an exception return, a fault. A block hook looks at those
 * at the start of each translation block and stops the core there. Only
 * there: a stop requested from a register callback would make Unicorn run
 * the interrupted block again from its start, repeating its accesses. In
 * WFI the loop sleeps in ppoll() on the model's device until news or the
 * next deadline: an idle M4 costs no CPU between its timer ticks.
 * A fault the firmware cannot survive (HardFault, lockup, WWDG1 expiry) is
 * reported to the model, which fires the M4 watchdog Linux handles; the
 * core then waits for its next reset.
 *
 * Usage: m4run [-l UART-LOG] [-v]   (the virtual board's init starts it)
 *        m4run --mips [N]            (instructions per second, no board)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "m4run.h"

#define EXCP_SWI		2	/* QEMU's exception numbers, as Unicorn reports them */
#define EXCP_BKPT		7
#define EXCP_EXCEPTION_EXIT	8

static struct m4 the_m4;
static bool verbose;
static int intno = -1;

struct mapping {
	void *va;
	uint32_t da, size;
};

static struct mapping maps[VBOARD_CPU_MAX_MEMS];
static unsigned int nmaps;

uint64_t m4_now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000000000ull + t.tv_nsec;
}

void m4_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "m4run: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* The firmware is dead: tell the model, stop until the next reset */
void m4_fault(struct m4 *m, uint32_t pc, uint32_t addr, const char *what)
{
	struct vboard_cpu_fault f = { .gen = m->gen, .pc = pc, .addr = addr };

	if (!m->run)
		return;
	snprintf(f.what, sizeof(f.what), "%s", what);
	m4_log("boot %u: %s at pc 0x%08x, address 0x%08x", m->gen, what, pc, addr);
	m->run = false;
	if (ioctl(m->fd, VBOARD_CPU_FAULT, &f))
		m4_log("fault report refused: %s", strerror(errno));
	m->stop_hit = true;	/* the block hook stops the core */
}

/* ------------------------------------------------------------ waking */

static const struct vboard_cpu_status *status;	/* the model's page */
static uint32_t seen_seq;
static uint64_t deadline;	/* next timer event (ns), 0: none */
static unsigned int blocks;

static void set_deadline(struct m4 *m)
{
	uint64_t a = core_next_deadline(m), b = bus_next_deadline(m);

	deadline = !a ? b : !b ? a : a < b ? a : b;
}

static bool model_news(void)
{
	return __atomic_load_n(&status->seq, __ATOMIC_ACQUIRE) != seen_seq;
}

/* Asleep (WFI, or no core): until the model has news or the next deadline */
static void wait_news(struct m4 *m)
{
	struct pollfd p = { .fd = m->fd, .events = POLLIN };
	struct timespec ts, *tp = NULL;
	uint64_t now = m4_now_ns();

	if (model_news())
		return;
	if (m->run && deadline) {
		uint64_t d = deadline > now ? deadline - now : 0;

		ts.tv_sec = d / 1000000000ull;
		ts.tv_nsec = d % 1000000000ull;
		tp = &ts;
	}
	ppoll(&p, 1, tp, NULL);
	m->wakeups++;
}

/* SIGUSR1: where the core is, for a user wondering why it is quiet */
static int dump_wanted;

static void on_usr1(int sig)
{
	(void)sig;
	__atomic_store_n(&dump_wanted, 1, __ATOMIC_RELAXED);
}

static void dump_state(struct m4 *m)
{
	uint32_t pc = 0, primask = 0;
	int i;

	if (m->uc) {
		uc_reg_read(m->uc, UC_ARM_REG_PC, &pc);
		uc_reg_read(m->uc, UC_ARM_REG_PRIMASK, &primask);
	}
	m4_log("boot %u: run %d pc 0x%08x primask %u sleeping %d lines 0x%x %s %llu %s %llu",
	       m->gen, m->run, pc, primask, m->sleeping, m->lines, "exceptions",
	       (unsigned long long)m->exceptions, "wakeups",
	       (unsigned long long)m->wakeups);
	for (i = 0; i < m->nactive; i++)
		m4_log("  active exception %d", m->active[i]);
	for (i = 2; i < M4_NR_EXC; i++)
		if (m->pend[i])
			m4_log("  pending exception %d%s", i,
			       m->enabled[i] || i < 16 ? "" : " (disabled)");
}

/* ------------------------------------------------------------ boot */

static void teardown(struct m4 *m)
{
	unsigned int i;

	if (m->uc)
		uc_close(m->uc);
	m->uc = NULL;
	for (i = 0; i < nmaps; i++)
		munmap(maps[i].va, maps[i].size);
	nmaps = 0;
}

/*
 * At the start of each translation block: does the loop want the core?
 * News from the model (a word in its status page), a register write that
 * changed the interrupt state, a mask dropped with an exception waiting,
 * or, looked at every 64 blocks, a timer deadline.
 */
static void hook_block(uc_engine *uc, uint64_t addr, uint32_t size, void *data)
{
	struct m4 *m = data;

	(void)addr;
	(void)size;
	if (m->stop_hit || (status && model_news()) ||
	    __atomic_load_n(&dump_wanted, __ATOMIC_RELAXED) ||
	    (m->wake_armed && core_unmasked(m)) ||
	    (!(++blocks & 63) && deadline && m4_now_ns() >= deadline))
		uc_emu_stop(uc);
}

static void hook_intr(uc_engine *uc, uint32_t no, void *data)
{
	(void)data;
	intno = (int)no;
	uc_emu_stop(uc);
}

static uint32_t fault_addr;

/* An unmapped access: a peripheral page to report, or the fault's address */
static bool hook_unmapped(uc_engine *uc, uc_mem_type type, uint64_t addr,
			  int size, int64_t value, void *data)
{
	(void)uc;
	(void)size;
	(void)value;
	if (!bus_unmapped(data, addr, type == UC_MEM_WRITE_UNMAPPED))
		return true;
	fault_addr = (uint32_t)addr;
	return false;
}

static int power_on(struct m4 *m)
{
	struct vboard_cpu_mems mems;
	uc_hook h1, h2, h3;
	uint32_t sp = 0, pc = 0;
	unsigned int i;
	uc_engine *uc;
	int err;

	if (ioctl(m->fd, VBOARD_CPU_GET_MEMS, &mems))
		return -errno;
	m->soc = mems.soc;
	if (m->soc == VBOARD_CPU_SOC_STM32MP25) {
		m->nirqs = MP25_M33_NR_IRQS;
		m->cpuid = MP25_M33_CPUID;
		m->irq_ipcc_rx = MP25_M33_IRQ_IPCC1_RX;
		m->irq_ipcc_tx = MP25_M33_IRQ_IPCC1_TX;
	} else {
		m->nirqs = M4_NR_IRQS;
		m->cpuid = M4_CPUID;
		m->irq_ipcc_rx = M4_IRQ_IPCC_RX1;
		m->irq_ipcc_tx = M4_IRQ_IPCC_TX1;
	}
	err = uc_open(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS, &uc);
	if (err)
		return -EINVAL;
	uc_ctl_set_cpu_model(uc, m->soc == VBOARD_CPU_SOC_STM32MP25 ?
			     UC_CPU_ARM_CORTEX_M33 : UC_CPU_ARM_CORTEX_M4);
	for (i = 0; i < mems.count; i++) {
		void *va = mmap(NULL, mems.mem[i].size, PROT_READ | PROT_WRITE,
				MAP_SHARED, m->fd, (off_t)mems.mem[i].da);

		if (va == MAP_FAILED) {
			m4_log("cannot map M4 memory 0x%08x: %s", mems.mem[i].da,
			       strerror(errno));
			continue;
		}
		maps[nmaps++] = (struct mapping){ va, mems.mem[i].da, mems.mem[i].size };
		err = uc_mem_map_ptr(uc, mems.mem[i].da, mems.mem[i].size,
				     UC_PROT_ALL, va);
		if (err)
			m4_log("cannot give 0x%08x to the core: %s", mems.mem[i].da,
			       uc_strerror(err));
	}
	m->uc = uc;
	if (core_map(m) || bus_map(m))
		return -EINVAL;
	uc_hook_add(uc, &h1, UC_HOOK_INTR, hook_intr, m, 1, 0);
	uc_hook_add(uc, &h3, UC_HOOK_BLOCK, hook_block, m, 1, 0);
	uc_hook_add(uc, &h2, UC_HOOK_MEM_READ_UNMAPPED | UC_HOOK_MEM_WRITE_UNMAPPED,
		    hook_unmapped, m, 1, 0);
	core_reset(m);
	bus_reset(m);
	uc_mem_read(uc, m->vtor_reset, &sp, 4);
	uc_mem_read(uc, m->vtor_reset + 4, &pc, 4);
	m->boots++;
	m4_log("boot %u: %s, vector table at 0x%08x: initial SP 0x%08x, reset vector 0x%08x",
	       m->gen, m->soc == VBOARD_CPU_SOC_STM32MP25 ? "Cortex-M33" :
	       "Cortex-M4", m->vtor_reset, sp, pc);
	uc_reg_write(uc, UC_ARM_REG_MSP, &sp);
	uc_reg_write(uc, UC_ARM_REG_SP, &sp);
	pc &= ~1u;
	uc_reg_write(uc, UC_ARM_REG_PC, &pc);
	return 0;
}

/* The model's news: run state, generation, interrupt levels */
static void take_state(struct m4 *m)
{
	struct vboard_cpu_state st;

	seen_seq = __atomic_load_n(&status->seq, __ATOMIC_ACQUIRE);
	while (!ioctl(m->fd, VBOARD_CPU_GET_STATE, &st)) {
		bool newboot = st.run && (!m->uc || st.gen != m->gen);

		if (m->uc && (!st.run || st.gen != m->gen)) {
			if (verbose)
				m4_log("boot %u: core stopped", m->gen);
			teardown(m);
		}
		m->gen = st.gen;
		m->run = st.run;
		m->lines = st.lines;
		m->vtor_reset = st.vtor & 0xffffff80u;
		if (newboot && power_on(m)) {
			m4_log("boot %u failed", m->gen);
			m->run = false;
		}
	}
}

static void apply_lines(struct m4 *m)
{
	const struct { uint32_t line; int irq; } map[] = {
		{ VBOARD_CPU_LINE_IPCC_RX, m->irq_ipcc_rx },
		{ VBOARD_CPU_LINE_IPCC_TX, m->irq_ipcc_tx },
	};
	unsigned int i;
	int j;

	for (i = 0; i < ARRAY_SIZE(map); i++) {
		int exc = EXC_IRQ(map[i].irq);
		bool active = false;

		if (!(m->lines & map[i].line))
			continue;
		for (j = 0; j < m->nactive; j++)
			active |= m->active[j] == exc;
		/* a level: pending while asserted, again after its handler */
		if (!active)
			core_set_pending(m, exc, true);
	}
}

static const char *fault_name(uc_err err)
{
	switch (err) {
	case UC_ERR_READ_UNMAPPED:
		return "BusFault: read of unmapped memory";
	case UC_ERR_WRITE_UNMAPPED:
		return "BusFault: write to unmapped memory";
	case UC_ERR_FETCH_UNMAPPED:
		return "MemManage: execution from unmapped memory";
	case UC_ERR_READ_UNALIGNED:
	case UC_ERR_WRITE_UNALIGNED:
		return "UsageFault: unaligned access";
	case UC_ERR_INSN_INVALID:
		return "UsageFault: undefined instruction";
	case UC_ERR_FETCH_PROT:
	case UC_ERR_READ_PROT:
	case UC_ERR_WRITE_PROT:
		return "MemManage: access violation";
	default:
		return "HardFault: CPU exception";
	}
}

static void step(struct m4 *m)
{
	uint32_t pc = 0;
	uint16_t insn = 0;
	uc_err err;

	apply_lines(m);
	core_timers(m);
	bus_wwdg_check(m);
	if (!m->run)
		return;
	if (core_take_exception(m))
		m->sleeping = false;
	if (!m->run)
		return;
	set_deadline(m);
	if (m->sleeping) {
		/* WFI: any pending exception wakes the core, even masked */
		if (!core_any_pending(m)) {
			wait_news(m);
			return;
		}
		m->sleeping = false;
	}
	m->stop_hit = false;
	intno = -1;
	fault_addr = 0;
	uc_reg_read(m->uc, UC_ARM_REG_PC, &pc);
	err = uc_emu_start(m->uc, pc | 1, 0xffffffffu, 0, 0);
	if (!m->run)
		return;
	uc_reg_read(m->uc, UC_ARM_REG_PC, &pc);
	if (verbose)
		m4_log("stop: %s, pc 0x%08x, exception %d", uc_strerror(err), pc, intno);

	if (intno == EXCP_EXCEPTION_EXIT ||
	    ((err == UC_ERR_EXCEPTION || err == UC_ERR_FETCH_UNMAPPED) &&
	     pc >= 0xffffffe0u)) {
		core_exception_return(m, pc | 1);
		return;
	}
	if (intno == EXCP_SWI) {
		core_set_pending(m, EXC_SVCALL, true);
		return;
	}
	if (intno >= 0) {
		char what[48];

		snprintf(what, sizeof(what), "%s (exception %d)",
			 intno == EXCP_BKPT ? "HardFault: breakpoint" :
			 "UsageFault", intno);
		m4_fault(m, pc, 0, what);
		return;
	}
	if (err) {
		m4_fault(m, pc, fault_addr, fault_name(err));
		return;
	}
	/* stopped on WFI/WFE, or by a stop request */
	if (!uc_mem_read(m->uc, pc - 2, &insn, 2) &&
	    (insn == 0xbf30 || insn == 0xbf20))
		m->sleeping = true;
}

static int mips(unsigned long n)
{
	/* ldr r2,[r1]; adds r2,#1; str r2,[r1]; subs r0,#1; bne; b . */
	static const uint16_t code[] = { 0x680a, 0x3201, 0x600a, 0x3801, 0xd1fa, 0xe7fe };
	uint32_t r0 = n, r1 = 0x20001000, sp = 0x20008000;
	uc_engine *uc;
	uc_hook h;
	uint64_t t;

	if (uc_open(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS, &uc))
		return 1;
	uc_ctl_set_cpu_model(uc, UC_CPU_ARM_CORTEX_M4);
	uc_mem_map(uc, 0x20000000, 0x10000, UC_PROT_ALL);
	uc_mem_write(uc, 0x20000100, code, sizeof(code));
	uc_reg_write(uc, UC_ARM_REG_R0, &r0);
	uc_reg_write(uc, UC_ARM_REG_R1, &r1);
	uc_reg_write(uc, UC_ARM_REG_SP, &sp);
	uc_hook_add(uc, &h, UC_HOOK_BLOCK, hook_block, &the_m4, 1, 0);
	t = m4_now_ns();
	uc_emu_start(uc, 0x20000101, 0x2000010a, 0, 0);
	t = m4_now_ns() - t;
	printf("m4run: %lu instructions in %.3f s: %.1f MIPS\n", n * 5, t / 1e9,
	       n * 5 / (t / 1e3));
	uc_close(uc);
	return 0;
}

int main(int argc, char **argv)
{
	struct m4 *m = &the_m4;
	const char *uart = "/tmp/m4-uart.log";
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--mips"))
			return mips(i + 1 < argc ? strtoul(argv[i + 1], NULL, 0) : 4000000);
		if (!strcmp(argv[i], "-l") && i + 1 < argc)
			uart = argv[++i];
		else if (!strcmp(argv[i], "-v"))
			verbose = true;
	}
	m->uart = fopen(uart, "a");
	m->fd = open("/dev/vboard-m4", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (m->fd < 0) {
		m4_log("/dev/vboard-m4: %s", strerror(errno));
		return 1;
	}
	status = mmap(NULL, 4096, PROT_READ, MAP_SHARED, m->fd,
		      (off_t)VBOARD_CPU_STATUS_OFFSET);
	if (status == MAP_FAILED) {
		m4_log("status page: %s", strerror(errno));
		return 1;
	}
	m4_log("attached to the virtual board");
	signal(SIGUSR1, on_usr1);
	for (;;) {
		if (__atomic_exchange_n(&dump_wanted, 0, __ATOMIC_RELAXED))
			dump_state(m);
		if (model_news())
			take_state(m);
		if (!m->run) {
			wait_news(m);
			continue;
		}
		step(m);
	}
}
