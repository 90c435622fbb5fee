// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Test image for the STM32MP25 Cortex-M0+ (ARMv6-M), fw-m0.ld's layout.
 *
 * The M0+ runs no OpenAMP: no virtio, a resource table only for its trace
 * buffer (FW_NO_RSC_TABLE: none, as ST's CM0PLUS examples), and the
 * "shutdown" request on IPCC2. The startup code copies .data from its
 * load address and clears .bss; main() sleeps between interrupts. The
 * descriptor (vboard-fw.h, vector 7) tells the model's behavioural M0+
 * what this code does; the model checks the first word of .data after
 * the startup copy (VBOARD_FW_M0_DATA_MAGIC).
 *
 * Build knobs: FW_NAME, FW_FLAGS (VBOARD_FW_F_*), FW_NO_RSC_TABLE,
 * FW_BAD_SP (an initial stack pointer outside the M0+'s RAM).
 */
#include <stddef.h>

#include "vboard-fw.h"

#ifndef FW_NAME
#define FW_NAME "m0"
#endif
#ifndef FW_FLAGS
#define FW_FLAGS 0
#endif

#define TRACE_LEN	1024

struct rsc_trace {
	unsigned int type;
	unsigned int da, len, reserved;
	char name[32];
};

struct fw_resource_table {
	unsigned int ver, num, reserved[2];
	unsigned int offset[1];
	struct rsc_trace trace;
};

extern unsigned int _sidata[], _sdata[], _edata[], _sbss[], _ebss[];
extern unsigned int _estack[];
extern char __fw_data_size[], __fw_bss_size[];

char trace_buf[TRACE_LEN];
__attribute__((section(".data.m0_first"), used))
volatile unsigned int fw_m0_data = VBOARD_FW_M0_DATA_MAGIC;
volatile unsigned int fw_m0_wakeups;

void reset_handler(void);
void default_handler(void);

#ifndef FW_NO_RSC_TABLE
__attribute__((section(".resource_table"), used))
const struct fw_resource_table resource_table = {
	.ver = 1,
	.num = 1,
	.offset = { offsetof(struct fw_resource_table, trace) },
	.trace = {
		.type = 2,		/* RSC_TRACE */
		.da = (unsigned int)trace_buf,
		.len = TRACE_LEN,
		.name = "cm0_log",
	},
};
#define RSC_TABLE_DA ((unsigned int)&resource_table)
#else
#define RSC_TABLE_DA 0
#endif

const struct vboard_fw_desc fw_desc = {
	.magic = VBOARD_FW_MAGIC,
	.version = VBOARD_FW_VERSION,
	.flags = FW_FLAGS,
	.rsc_table = RSC_TABLE_DA,
	.trace_buf = (unsigned int)trace_buf,
	.trace_len = TRACE_LEN,
	.data_lma = (unsigned int)_sidata,
	.data_vma = (unsigned int)_sdata,
	.data_len = (unsigned int)__fw_data_size,
	.bss_start = (unsigned int)_sbss,
	.bss_len = (unsigned int)__fw_bss_size,
	.name = FW_NAME,
};

#ifdef FW_BAD_SP
#define FW_SP ((void (*)(void))0x30000000u)
#else
#define FW_SP ((void (*)(void))_estack)
#endif

/* 16 system exceptions, then the 32 interrupts of the ARMv6-M NVIC */
__attribute__((section(".isr_vector"), used))
void (*const vectors[48])(void) = {
	[0] = FW_SP,
	[1] = reset_handler,
	[2 ... 6] = default_handler,
	[VBOARD_FW_DESC_VECTOR] = (void (*)(void))&fw_desc,
	[8 ... 47] = default_handler,
};

void default_handler(void)
{
	for (;;)
		;
}

static void fw_log(const char *s)
{
	static unsigned int pos;

	while (*s && pos < TRACE_LEN - 1)
		trace_buf[pos++] = *s++;
	trace_buf[pos] = '\0';
}

int main(void)
{
	fw_log("M0+ " FW_NAME " up\n");
	for (;;) {
		__asm__ volatile ("wfi");
		fw_m0_wakeups++;
	}
}

void reset_handler(void)
{
	unsigned int *src = _sidata, *dst;

	for (dst = _sdata; dst < _edata; )
		*dst++ = *src++;
	for (dst = _sbss; dst < _ebss; )
		*dst++ = 0;
	main();
}
