// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware image and resource-table validation for the STM32MP1 M4.
 *
 * The ELF and resource-table structures are <linux/elf.h>'s and
 * <linux/remoteproc.h>'s, copied out of the buffer before use (an image
 * or a table in device memory has no alignment guarantee); like the core,
 * fields are read in the CPU's byte order (STM32MP SoCs and the M4 are
 * little endian). The host build (fuzzer, fwcheck) gets the same
 * structures from the uapi <linux/elf.h> and tools/testing/fuzz/include.
 */
#ifdef __KERNEL__
#include <linux/build_bug.h>
#include <linux/elf.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/remoteproc.h>
#include <linux/string.h>
#else
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/elf.h>
#include <linux/remoteproc.h>
#endif

#include "stm32_rproc_fw.h"

#define RSC_TABLE_NAME	".resource_table"
#define VECTORS_NAME	".isr_vectors"	/* the MP2 boot address */

/* The layouts firmware uses; the host build's structures must agree */
static_assert(sizeof(struct resource_table) == 16, "resource_table");
static_assert(sizeof(struct fw_rsc_hdr) == 4, "fw_rsc_hdr");
static_assert(sizeof(struct fw_rsc_carveout) == 52, "fw_rsc_carveout");
static_assert(sizeof(struct fw_rsc_trace) == 44, "fw_rsc_trace");
static_assert(sizeof(struct fw_rsc_vdev) == 24, "fw_rsc_vdev");
static_assert(sizeof(struct fw_rsc_vdev_vring) == 20, "fw_rsc_vdev_vring");
#define VDEV_SIZE	(sizeof(struct fw_rsc_hdr) + sizeof(struct fw_rsc_vdev))
#define VRING_SIZE	sizeof(struct fw_rsc_vdev_vring)

#define fw_err(msg, len, fmt, ...) \
	(snprintf(msg, len, fmt, ##__VA_ARGS__), -EINVAL)

/* A structure out of the buffer (no alignment there) */
#define get_struct(dst, src)	memcpy(&(dst), (src), sizeof(dst))

/* [off, off + len) inside [0, size) without overflow */
static int in_bounds(size_t off, size_t len, size_t size)
{
	return off <= size && len <= size - off;
}

/*
 * The memory holding [da, da + len) entirely (len 0 counts as one byte), or
 * -1. @canon, if not NULL, gets da in the canonical view.
 */
static int mem_of(u32 da, u32 len, const struct stm32_fw_mem *mems,
		  unsigned int nmems, u32 *canon)
{
	unsigned int i;

	if (!len)
		len = 1;
	for (i = 0; i < nmems; i++) {
		if (da >= mems[i].da && len <= mems[i].size &&
		    da - mems[i].da <= mems[i].size - len) {
			if (canon)
				*canon = mems[i].canon + (da - mems[i].da);
			return i;
		}
	}
	return -1;
}

static int da_in_mems(u32 da, u32 len, const struct stm32_fw_mem *mems,
		      unsigned int nmems)
{
	return mem_of(da, len, mems, nmems, NULL) >= 0;
}

static int is_pow2(u32 v)
{
	return v && !(v & (v - 1));
}

/* @e: the entry (header included), @avail bytes to the table end */
static int check_vdev(const u8 *e, size_t avail, unsigned int i, u32 *esize,
		      char *msg, size_t len)
{
	struct fw_rsc_vdev vd;
	u32 nvr, cfg, need, v;

	if (avail < VDEV_SIZE)
		return fw_err(msg, len, "rsc[%u] vdev truncated: %zu bytes, need %zu",
			      i, avail, VDEV_SIZE);
	get_struct(vd, e + sizeof(struct fw_rsc_hdr));
	nvr = vd.num_of_vrings;
	cfg = vd.config_len;
	if (!nvr || nvr > 2)
		return fw_err(msg, len, "rsc[%u] vdev num_of_vrings %u (1..2)", i, nvr);
	need = VDEV_SIZE + nvr * VRING_SIZE + cfg;
	if (cfg > avail || need > avail)
		return fw_err(msg, len,
			      "rsc[%u] vdev with %u vrings and config_len %u needs %u bytes, %zu left",
			      i, nvr, cfg, need, avail);
	for (v = 0; v < nvr; v++) {
		struct fw_rsc_vdev_vring vr;

		get_struct(vr, e + VDEV_SIZE + v * VRING_SIZE);
		if (!is_pow2(vr.num) || vr.num > 32768)
			return fw_err(msg, len,
				      "rsc[%u] vring%u num %u (power of two, 1..32768)",
				      i, v, vr.num);
		if (!is_pow2(vr.align) || vr.align < 4 || vr.align > 0x10000)
			return fw_err(msg, len,
				      "rsc[%u] vring%u align 0x%x (power of two, 4..0x10000)",
				      i, v, vr.align);
	}
	*esize = need;
	return 0;
}

int stm32_fw_check_rsc_table(const u8 *t, size_t size,
			     const struct stm32_fw_mem *mems,
			     unsigned int nmems, struct stm32_fw_info *info,
			     char *msg, size_t len)
{
	const size_t hdr = sizeof(struct resource_table);
	struct resource_table rt;
	u32 i, prev_end;

	if (size < hdr)
		return fw_err(msg, len, "resource table size %zu < header %zu",
			      size, hdr);
	if (size > STM32_FW_RSC_MAX)
		return fw_err(msg, len, "resource table size %zu > %u",
			      size, STM32_FW_RSC_MAX);
	get_struct(rt, t);
	if (rt.ver != 1)
		return fw_err(msg, len, "resource table ver %u (want 1)", rt.ver);
	if (rt.reserved[0] || rt.reserved[1])
		return fw_err(msg, len, "resource table reserved fields not zero");
	if (rt.num > (size - hdr) / sizeof(u32))
		return fw_err(msg, len,
			      "resource table num %u does not fit in %zu bytes",
			      rt.num, size);

	prev_end = hdr + rt.num * sizeof(u32);
	for (i = 0; i < rt.num; i++) {
		struct fw_rsc_carveout co;
		struct fw_rsc_trace tr;
		struct fw_rsc_hdr eh;
		const u8 *e;
		size_t avail;
		u32 off, esize;
		int ret;

		get_struct(off, t + hdr + sizeof(u32) * i);
		if (off < prev_end || off % 4)
			return fw_err(msg, len,
				      "rsc[%u] offset 0x%x overlaps the previous entry or header (next free 0x%x) or is unaligned",
				      i, off, prev_end);
		if (!in_bounds(off, sizeof(eh), size))
			return fw_err(msg, len,
				      "rsc[%u] offset 0x%x past table end 0x%zx",
				      i, off, size);
		e = t + off;
		avail = size - off;
		get_struct(eh, e);
		switch (eh.type) {
		case RSC_CARVEOUT:
			esize = sizeof(eh) + sizeof(co);
			if (avail < esize)
				return fw_err(msg, len, "rsc[%u] carveout truncated", i);
			get_struct(co, e + sizeof(eh));
			if (co.da != (u32)FW_RSC_ADDR_ANY &&
			    !da_in_mems(co.da, co.len, mems, nmems))
				return fw_err(msg, len,
					      "rsc[%u] carveout da 0x%x len 0x%x outside the declared memories",
					      i, co.da, co.len);
			break;
		case RSC_DEVMEM:
			return fw_err(msg, len,
				      "rsc[%u] RSC_DEVMEM not supported (the M4 has no IOMMU)",
				      i);
		case RSC_TRACE:
			esize = sizeof(eh) + sizeof(tr);
			if (avail < esize)
				return fw_err(msg, len, "rsc[%u] trace truncated", i);
			get_struct(tr, e + sizeof(eh));
			if (!tr.len || !da_in_mems(tr.da, tr.len, mems, nmems))
				return fw_err(msg, len,
					      "rsc[%u] trace da 0x%x len 0x%x outside the declared memories",
					      i, tr.da, tr.len);
			if (info && !info->trace_len) {
				info->trace_da = tr.da;
				info->trace_len = tr.len;
			}
			break;
		case RSC_VDEV:
			ret = check_vdev(e, avail, i, &esize, msg, len);
			if (ret)
				return ret;
			break;
		default:
			if (eh.type >= RSC_VENDOR_START && eh.type <= RSC_VENDOR_END) {
				esize = sizeof(eh);
				break;
			}
			return fw_err(msg, len, "rsc[%u] unknown type %u", i, eh.type);
		}
		prev_end = off + esize;
	}
	return 0;
}

static int section_named(const u8 *elf, const struct elf32_shdr *strtab,
			 const struct elf32_shdr *sh, const char *name,
			 size_t namesz)
{
	return sh->sh_name < strtab->sh_size &&
	       strtab->sh_size - sh->sh_name >= namesz &&
	       !memcmp(elf + strtab->sh_offset + sh->sh_name, name, namesz);
}

/* The sections Linux uses: .resource_table and (MP2) .isr_vectors */
static int find_sections(const u8 *elf, size_t size,
			 const struct elf32_hdr *eh,
			 struct stm32_fw_info *info, char *msg, size_t len)
{
	const u32 shsize = sizeof(struct elf32_shdr);
	struct elf32_shdr sh, strtab;
	int rsc_found = 0;
	u32 i;

	if (!eh->e_shoff || !eh->e_shnum)
		return 0;	/* no sections: no resource table */
	if (eh->e_shentsize != shsize)
		return fw_err(msg, len, "ELF e_shentsize %u (want %u)",
			      eh->e_shentsize, shsize);
	if (!in_bounds(eh->e_shoff, (size_t)eh->e_shnum * shsize, size))
		return fw_err(msg, len,
			      "ELF section headers [0x%x + %u * %u] past end of file 0x%zx",
			      eh->e_shoff, eh->e_shnum, shsize, size);
	if (eh->e_shstrndx >= eh->e_shnum)
		return fw_err(msg, len, "ELF e_shstrndx %u >= e_shnum %u",
			      eh->e_shstrndx, eh->e_shnum);
	get_struct(strtab, elf + eh->e_shoff + eh->e_shstrndx * shsize);
	if (!in_bounds(strtab.sh_offset, strtab.sh_size, size))
		return fw_err(msg, len,
			      "ELF section names [0x%x + 0x%x] past end of file 0x%zx",
			      strtab.sh_offset, strtab.sh_size, size);

	for (i = 0; i < eh->e_shnum; i++) {
		get_struct(sh, elf + eh->e_shoff + i * shsize);
		if (!info->has_vtor &&
		    section_named(elf, &strtab, &sh, VECTORS_NAME,
				  sizeof(VECTORS_NAME))) {
			info->has_vtor = 1;
			info->vtor_da = sh.sh_addr;
			continue;
		}
		if (rsc_found ||
		    !section_named(elf, &strtab, &sh, RSC_TABLE_NAME,
				   sizeof(RSC_TABLE_NAME)))
			continue;
		if (sh.sh_type == SHT_NOBITS)
			return fw_err(msg, len, "section %s has no file data",
				      RSC_TABLE_NAME);
		if (!in_bounds(sh.sh_offset, sh.sh_size, size))
			return fw_err(msg, len,
				      "section %s [0x%x + 0x%x] past end of file 0x%zx",
				      RSC_TABLE_NAME, sh.sh_offset, sh.sh_size, size);
		info->rsc_offset = sh.sh_offset;
		info->rsc_size = sh.sh_size;
		info->rsc_da = sh.sh_addr;
		rsc_found = 1;
	}
	return 0;
}

/* A loaded segment, in canonical addresses */
struct seg {
	u32 start, fend, end;	/* file data ends at fend, zero fill at end */
	u32 off;		/* file offset of start */
};

/*
 * The table goes where the M4 reads it, sh_addr, written by Linux before the
 * M4 runs. Loaded bytes under it must be the table itself (a table inside a
 * loaded segment at its load address); zero fill under it is fine.
 */
static int check_rsc_place(const u8 *elf, const struct seg *segs,
			   unsigned int nseg, const struct stm32_fw_mem *mems,
			   unsigned int nmems, const struct stm32_fw_info *info,
			   char *msg, size_t len)
{
	u32 start, end, i;

	if (mem_of(info->rsc_da, info->rsc_size, mems, nmems, &start) < 0)
		return fw_err(msg, len,
			      "section .resource_table da 0x%x size 0x%x not inside one memory of the core: the core reads its table at sh_addr, where Linux writes it; link .resource_table into a memory-region of the DT (not the RPMsg buffer pool)",
			      info->rsc_da, info->rsc_size);
	end = start + info->rsc_size;
	for (i = 0; i < nseg; i++) {
		u32 lo = start > segs[i].start ? start : segs[i].start;
		u32 hi = end < segs[i].fend ? end : segs[i].fend;

		if (lo >= hi)
			continue;
		if (memcmp(elf + info->rsc_offset + (lo - start),
			   elf + segs[i].off + (lo - segs[i].start), hi - lo))
			return fw_err(msg, len,
				      "section .resource_table da 0x%x size 0x%x lies on other loaded data (segment %u): Linux writes the table there and would corrupt it; give .resource_table its own place (VMA) or load it at its VMA",
				      info->rsc_da,
				      info->rsc_size, i);
	}
	return 0;
}

int stm32_fw_check_image(const u8 *elf, size_t size,
			 const struct stm32_fw_mem *mems, unsigned int nmems,
			 struct stm32_fw_info *info, char *msg, size_t len)
{
	const u32 phsize = sizeof(struct elf32_phdr);
	struct seg segs[STM32_FW_MAX_SEGMENTS];
	struct elf32_hdr eh;
	u32 i, j;
	int ret;

	memset(info, 0, sizeof(*info));
	if (size < sizeof(eh))
		return fw_err(msg, len, "image size %zu < ELF header %zu",
			      size, sizeof(eh));
	get_struct(eh, elf);
	if (memcmp(eh.e_ident, ELFMAG, SELFMAG))
		return fw_err(msg, len, "bad ELF magic");
	if (eh.e_ident[EI_CLASS] != ELFCLASS32)
		return fw_err(msg, len, "ELF class %u (want 1, ELF32)",
			      eh.e_ident[EI_CLASS]);
	if (eh.e_ident[EI_DATA] != ELFDATA2LSB)
		return fw_err(msg, len, "ELF data encoding %u (want 1, little endian)",
			      eh.e_ident[EI_DATA]);
	if (eh.e_ident[EI_VERSION] != EV_CURRENT || eh.e_version != EV_CURRENT)
		return fw_err(msg, len, "ELF version %u/%u (want 1)",
			      eh.e_ident[EI_VERSION], eh.e_version);
	if (eh.e_machine != EM_ARM)
		return fw_err(msg, len, "ELF e_machine %u (want %u, ARM)",
			      eh.e_machine, EM_ARM);
	if (eh.e_type != ET_EXEC)
		return fw_err(msg, len,
			      "ELF e_type %u (want %u, executable): link a fully linked image, not an object or a shared library",
			      eh.e_type, ET_EXEC);

	if (eh.e_phentsize != phsize)
		return fw_err(msg, len, "ELF e_phentsize %u (want %u)",
			      eh.e_phentsize, phsize);
	if (!eh.e_phnum)
		return fw_err(msg, len, "ELF has no program headers");
	if (!in_bounds(eh.e_phoff, (size_t)eh.e_phnum * phsize, size))
		return fw_err(msg, len,
			      "ELF program headers [0x%x + %u * %u] past end of file 0x%zx",
			      eh.e_phoff, eh.e_phnum, phsize, size);

	info->entry = eh.e_entry;
	for (i = 0; i < eh.e_phnum; i++) {
		struct seg *s = &segs[info->nseg];
		struct elf32_phdr ph;
		u32 start;

		get_struct(ph, elf + eh.e_phoff + i * phsize);
		if (ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		if (ph.p_filesz > ph.p_memsz)
			return fw_err(msg, len,
				      "segment %u p_filesz 0x%x > p_memsz 0x%x",
				      i, ph.p_filesz, ph.p_memsz);
		if (!in_bounds(ph.p_offset, ph.p_filesz, size))
			return fw_err(msg, len,
				      "segment %u data [0x%x + 0x%x] past end of file 0x%zx",
				      i, ph.p_offset, ph.p_filesz, size);
		if (mem_of(ph.p_paddr, ph.p_memsz, mems, nmems, &start) < 0)
			return fw_err(msg, len,
				      "segment %u da 0x%x size 0x%x not inside one declared memory: p_paddr is where Linux loads it; fit each PT_LOAD (LMA) into one memory-region of the DT (not the RPMsg buffer pool)",
				      i, ph.p_paddr, ph.p_memsz);
		if (info->nseg == STM32_FW_MAX_SEGMENTS)
			return fw_err(msg, len, "more than %u loadable segments",
				      STM32_FW_MAX_SEGMENTS);
		s->start = start;
		s->fend = start + ph.p_filesz;
		s->end = start + ph.p_memsz;
		for (j = 0; j < info->nseg; j++) {
			u32 lo = start > segs[j].start ? start : segs[j].start;
			u32 hi = s->end < segs[j].end ? s->end : segs[j].end;

			/* Zero fill over zero fill is harmless (GCC emits it) */
			if (lo < hi && (lo < s->fend || lo < segs[j].fend))
				return fw_err(msg, len,
					      "segment %u [0x%x + 0x%x] overlaps loaded data at [0x%x - 0x%x) (same SRAM bytes, aliases folded): one would overwrite the other; fix the load addresses (LMA)",
					      i, ph.p_paddr, ph.p_memsz, segs[j].start,
					      segs[j].end);
		}
		s->off = ph.p_offset;
		info->nseg++;
	}
	if (!info->nseg)
		return fw_err(msg, len, "no loadable segment");

	ret = find_sections(elf, size, &eh, info, msg, len);
	if (ret || !info->rsc_size)
		return ret;

	ret = stm32_fw_check_rsc_table(elf + info->rsc_offset, info->rsc_size,
				       mems, nmems, info, msg, len);
	if (ret)
		return ret;
	return check_rsc_place(elf, segs, info->nseg, mems, nmems, info, msg,
			       len);
}
