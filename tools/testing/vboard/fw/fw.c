// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Test firmware for the virtual STM32MP15 board: a real Cortex-M4 ELF with a
 * vector table in RETRAM, a resource table (vdev with two vrings and a trace
 * buffer) in MCU SRAM, and the descriptor that configures it. The executing
 * M4 (m4run) runs its code: startup here, then fw_main() (fw-rt.h); the
 * model's behavioural M4 reads the descriptor and does the same.
 *
 * The layout comes from the linker script (see Makefile and fw-*.ld): the
 * STM32CubeMP1 GCC convention by default, with .data and .resource_table
 * run from the data region and loaded after .text.
 *
 * Variants are selected at build time (see Makefile):
 *   FW_NO_RSC_TABLE       no .resource_table section at all
 *   FW_FLAGS=...          VBOARD_FW_F_* behaviour flags
 *   FW_BIG_KB=n           an extra n KiB loaded segment in MCU RAM (benchmark)
 *   FW_NO_TRACE           a smaller table: the vdev only, no trace entry
 */
#include <stddef.h>
#include "fw-rt.h"

#ifndef FW_NAME
#define FW_NAME "echo"
#endif
/* Offered virtio features: VIRTIO_RPMSG_F_NS (bit 0), as ST's tables */
#ifndef FW_DFEATURES
#define FW_DFEATURES 1
#endif
#ifndef FW_FLAGS
#define FW_FLAGS 0
#endif
#ifndef FW_SERVICES
#define FW_SERVICES (VBOARD_SVC_CLIENT_SAMPLE | VBOARD_SVC_TTY | VBOARD_SVC_RAW)
#endif
#ifndef FW_HANG_AFTER
#define FW_HANG_AFTER 0
#endif
#ifndef FW_WDG_MS
#define FW_WDG_MS 0
#endif

#define TRACE_LEN	2048
#define VRING_NUM	8
#define VRING_ALIGN	16	/* vring fits the 4 KiB vdev0vringN carve-outs */
#define ADDR_ANY	0xffffffffu

/* Layout of struct resource_table and its entries (linux/remoteproc.h) */
struct rsc_vring {
	unsigned int da, align, num, notifyid, pa;
};

struct rsc_vdev {
	unsigned int type;
	unsigned int id, notifyid, dfeatures, gfeatures, config_len;
	unsigned char status, num_of_vrings, reserved[2];
	struct rsc_vring vring[2];
};

struct rsc_trace {
	unsigned int type;
	unsigned int da, len, reserved;
	char name[32];
};

#ifdef FW_NO_TRACE
#define RSC_ENTRIES 1
#else
#define RSC_ENTRIES 2
#endif

struct fw_resource_table {
	unsigned int ver, num, reserved[2];
	unsigned int offset[RSC_ENTRIES];
	struct rsc_vdev vdev;
#ifndef FW_NO_TRACE
	struct rsc_trace trace;
#endif
};

/* Start-up symbols, from the linker script */
extern unsigned int _sidata[], _sdata[], _edata[], _sbss[], _ebss[];
extern char __fw_data_size[], __fw_bss_size[];	/* sizes, as addresses */

char trace_buf[TRACE_LEN];
/* Initialised data: the startup must copy it (checked by the model) */
volatile unsigned int fw_data_marker = 0x4441544d;	/* "MTAD" */
char ram_pattern[64];	/* the M4 writes a marker here (coredump test) */
static unsigned int stack[512];
struct vboard_fw_stats fw_stats;

void reset_handler(void);
void default_handler(void);
void SysTick_Handler(void);
void IPCC_RX1_IRQHandler(void);

#ifndef FW_NO_RSC_TABLE
__attribute__((section(".resource_table"), used))
struct fw_resource_table resource_table = {
	.ver = 1,
	.num = RSC_ENTRIES,
	.offset = {
		offsetof(struct fw_resource_table, vdev),
#ifndef FW_NO_TRACE
		offsetof(struct fw_resource_table, trace),
#endif
	},
	.vdev = {
		.type = 3,		/* RSC_VDEV */
		.id = 7,		/* VIRTIO_ID_RPMSG */
		.notifyid = 0,
		.dfeatures = FW_DFEATURES,
		.num_of_vrings = 2,
		.vring = {
			{ ADDR_ANY, VRING_ALIGN, VRING_NUM, 0, 0 },
			{ ADDR_ANY, VRING_ALIGN, VRING_NUM, 1, 0 },
		},
	},
#ifndef FW_NO_TRACE
	.trace = {
		.type = 2,		/* RSC_TRACE */
		.da = (unsigned int)trace_buf,
		.len = TRACE_LEN,
		.name = "cm4_log",
	},
#endif
};
#define RSC_TABLE_DA ((unsigned int)&resource_table)
#else
#define RSC_TABLE_DA 0
#endif

const struct vboard_fw_desc vboard_desc = {
	.magic = VBOARD_FW_MAGIC,
	.version = VBOARD_FW_VERSION,
	.flags = FW_FLAGS,
	.services = FW_SERVICES,
	.rsc_table = RSC_TABLE_DA,
	.trace_buf = (unsigned int)trace_buf,
	.trace_len = TRACE_LEN,
	.wdg_period_ms = FW_WDG_MS,
	.hang_after = FW_HANG_AFTER,
	.pattern_buf = (unsigned int)ram_pattern,
	.pattern_len = sizeof(ram_pattern),
	.data_lma = (unsigned int)_sidata,
	.data_vma = (unsigned int)_sdata,
	.data_len = (unsigned int)__fw_data_size,
	.bss_start = (unsigned int)_sbss,
	.bss_len = (unsigned int)__fw_bss_size,
	.name = FW_NAME,
	.stats = (unsigned int)&fw_stats,
};

#ifdef FW_BIG_KB
/* Load benchmark: a loaded segment of FW_BIG_KB KiB (contents in the file) */
__attribute__((section(".big"), used))
const unsigned char fw_big[FW_BIG_KB * 1024] = { 1, 2, 3, 4 };
#endif

/* Cortex-M4 core exceptions, then the STM32MP15 interrupt lines */
__attribute__((section(".isr_vector"), used))
const void *const vectors[16 + M4_NR_IRQS] = {
	[0] = &stack[512],
	[1] = (const void *)reset_handler,
	[2 ... 6] = (const void *)default_handler,
	[VBOARD_FW_DESC_VECTOR] = &vboard_desc,	/* a reserved slot */
	[11] = (const void *)default_handler,
	[14] = (const void *)default_handler,
	[15] = (const void *)SysTick_Handler,
	[16 ... 16 + M4_NR_IRQS - 1] = (const void *)default_handler,
	[16 + M4_IRQ_IPCC_RX1] = (const void *)IPCC_RX1_IRQHandler,
};

/* An exception nobody expects: stay here (the watchdog, if any, bites) */
void default_handler(void)
{
	for (;;)
		__asm__ volatile("wfi");
}

/* What a Cube startup file does before main() */
void reset_handler(void)
{
	unsigned int *src = _sidata, *dst = _sdata;

	while (dst < _edata)
		*dst++ = *src++;
	for (dst = _sbss; dst < _ebss; dst++)
		*dst = 0;
#ifdef __ARM_FP
	/* CP10, CP11 full access, as CMSIS SystemInit() does */
	*(volatile unsigned int *)0xe000ed88 |= 0xfu << 20;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
	fw_main();
}
