/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Firmware image and resource-table validation for the STM32MP1 M4.
 *
 * Plain C with no kernel dependency beyond fixed-width types, so the same
 * code runs in the module and in a host build (fuzzing). Everything the
 * image or the M4 writes is untrusted: every offset, length and address is
 * checked before use, and each failure produces a message naming the field
 * and its value.
 */
#ifndef _STM32_RPROC_FW_H
#define _STM32_RPROC_FW_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stddef.h>
typedef unsigned char u8;	/* host build (fuzzing): the kernel's names */
typedef unsigned short u16;
typedef unsigned int u32;
#endif

#define STM32_FW_MAX_SEGMENTS	16
#define STM32_FW_MSG_LEN	256
#define STM32_FW_RSC_MAX	4096	/* largest resource table accepted */

/*
 * A memory the M4 may use, in M4 (device) addresses. @canon is the M4
 * address of the same bytes in the SoC's one reference view: on STM32MP15
 * the MCU SRAM answers at 0x10000000 and again at 0x30000000, so a memory at
 * 0x30000000 has canon 0x10000000; segments and the table are checked for
 * overlap in canonical addresses.
 */
struct stm32_fw_mem {
	u32 da;
	u32 size;
	u32 canon;
};

struct stm32_fw_info {
	u32 entry;		/* e_entry */
	u32 nseg;		/* PT_LOAD segments with a non-zero size */
	u32 rsc_offset;		/* file offset of .resource_table, if found */
	u32 rsc_size;		/* 0: the image has no resource table */
	u32 rsc_da;
	u32 trace_da;		/* first trace entry, 0 if none */
	u32 trace_len;
	u32 has_vtor;		/* the image has a .isr_vectors section */
	u32 vtor_da;		/* its sh_addr: where an MP2 core boots */
};

/*
 * Check an ELF32 image as the remoteproc core will use it: header, program
 * headers, every PT_LOAD inside the file and, at its load address p_paddr,
 * entirely inside one memory, no two segments on the same bytes (aliases
 * folded); the ".resource_table" section (optional) inside the file, its
 * run address sh_addr inside one memory (Linux writes the table there before
 * the M4 starts: loaded there or not, as the vendors' linker scripts do),
 * not over loaded bytes that differ from it, and a valid table. Returns 0 or
 * a negative errno with @msg filled: what is wrong, the rule, and the fix.
 */
int stm32_fw_check_image(const u8 *elf, size_t size,
			 const struct stm32_fw_mem *mems, unsigned int nmems,
			 struct stm32_fw_info *info, char *msg, size_t msglen);

/*
 * Check a resource table (from the image or from device memory on attach).
 * @info, if not NULL, gets the first trace buffer.
 */
int stm32_fw_check_rsc_table(const u8 *table, size_t size,
			     const struct stm32_fw_mem *mems,
			     unsigned int nmems, struct stm32_fw_info *info,
			     char *msg, size_t msglen);

#endif /* _STM32_RPROC_FW_H */
