// SPDX-License-Identifier: GPL-2.0-only
/*
 * Firmware image and resource-table validation for the STM32MP1 M4.
 *
 * Fields are read byte-wise as little endian: the image buffer has no
 * alignment guarantee and the code must behave the same on the host.
 */
#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#else
#include <errno.h>
#include <stdio.h>
#include <string.h>
#endif

#include "stm32_rproc_fw.h"

/* ELF32 layout (offsets in bytes) */
#define EHDR_SIZE	52
#define E_TYPE		16
#define E_MACHINE	18
#define E_VERSION	20
#define E_ENTRY		24
#define E_PHOFF		28
#define E_SHOFF		32
#define E_PHENTSIZE	42
#define E_PHNUM		44
#define E_SHENTSIZE	46
#define E_SHNUM		48
#define E_SHSTRNDX	50
#define PHDR_SIZE	32
#define P_TYPE		0
#define P_OFFSET	4
#define P_PADDR		12
#define P_FILESZ	16
#define P_MEMSZ		20
#define SHDR_SIZE	40
#define SH_NAME		0
#define SH_TYPE		4
#define SH_ADDR		12
#define SH_OFFSET	16
#define SH_SIZE		20
#define PT_LOAD		1
#define SHT_NOBITS	8
#define EM_ARM		40
#define ET_EXEC		2

/* Resource table layout (include/linux/remoteproc.h) */
#define RSC_HDR_SIZE	16	/* ver, num, reserved[2] */
#define RSC_CARVEOUT	0
#define RSC_DEVMEM	1
#define RSC_TRACE	2
#define RSC_VDEV	3
#define RSC_VENDOR_START 128
#define RSC_VENDOR_END	512
#define CARVEOUT_SIZE	(4 + 32 + 32)	/* type + 6 u32 + name */
#define TRACE_SIZE	(4 + 12 + 32)
#define VDEV_SIZE	(4 + 24)
#define VRING_SIZE	20
#define ADDR_ANY	0xffffffffu

#define RSC_TABLE_NAME	".resource_table"

#define fw_err(msg, len, fmt, ...) \
	(snprintf(msg, len, fmt, ##__VA_ARGS__), -EINVAL)

static u32 rd16(const u8 *p)
{
	return p[0] | p[1] << 8;
}

static u32 rd32(const u8 *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (u32)p[3] << 24;
}

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

static int check_vdev(const u8 *e, size_t avail, unsigned int i,
		      char *msg, size_t len)
{
	u32 nvr, cfg, need, v;

	if (avail < VDEV_SIZE)
		return fw_err(msg, len, "rsc[%u] vdev truncated: %zu bytes, need %u",
			      i, avail, VDEV_SIZE);
	nvr = e[4 + 21];
	cfg = rd32(e + 4 + 16);
	if (!nvr || nvr > 2)
		return fw_err(msg, len, "rsc[%u] vdev num_of_vrings %u (1..2)", i, nvr);
	need = VDEV_SIZE + nvr * VRING_SIZE + cfg;
	if (cfg > avail || need > avail)
		return fw_err(msg, len,
			      "rsc[%u] vdev with %u vrings and config_len %u needs %u bytes, %zu left",
			      i, nvr, cfg, need, avail);
	for (v = 0; v < nvr; v++) {
		const u8 *vr = e + VDEV_SIZE + v * VRING_SIZE;
		u32 align = rd32(vr + 4), num = rd32(vr + 8);

		if (!is_pow2(num) || num > 32768)
			return fw_err(msg, len,
				      "rsc[%u] vring%u num %u (power of two, 1..32768)",
				      i, v, num);
		if (!is_pow2(align) || align < 4 || align > 0x10000)
			return fw_err(msg, len,
				      "rsc[%u] vring%u align 0x%x (power of two, 4..0x10000)",
				      i, v, align);
	}
	return 0;
}

int stm32_fw_check_rsc_table(const u8 *t, size_t size,
			     const struct stm32_fw_mem *mems,
			     unsigned int nmems, struct stm32_fw_info *info,
			     char *msg, size_t len)
{
	u32 ver, num, i, prev_end;

	if (size < RSC_HDR_SIZE)
		return fw_err(msg, len, "resource table size %zu < header %u",
			      size, RSC_HDR_SIZE);
	if (size > STM32_FW_RSC_MAX)
		return fw_err(msg, len, "resource table size %zu > %u",
			      size, STM32_FW_RSC_MAX);
	ver = rd32(t);
	num = rd32(t + 4);
	if (ver != 1)
		return fw_err(msg, len, "resource table ver %u (want 1)", ver);
	if (rd32(t + 8) || rd32(t + 12))
		return fw_err(msg, len, "resource table reserved fields not zero");
	if (num > (size - RSC_HDR_SIZE) / 4)
		return fw_err(msg, len,
			      "resource table num %u does not fit in %zu bytes",
			      num, size);

	prev_end = RSC_HDR_SIZE + num * 4;
	for (i = 0; i < num; i++) {
		u32 off = rd32(t + RSC_HDR_SIZE + 4 * i);
		const u8 *e;
		size_t avail;
		u32 type, da, l, esize;
		int ret;

		if (off < prev_end || off % 4)
			return fw_err(msg, len,
				      "rsc[%u] offset 0x%x overlaps the previous entry or header (next free 0x%x) or is unaligned",
				      i, off, prev_end);
		if (!in_bounds(off, 4, size))
			return fw_err(msg, len,
				      "rsc[%u] offset 0x%x past table end 0x%zx",
				      i, off, size);
		e = t + off;
		avail = size - off;
		type = rd32(e);
		switch (type) {
		case RSC_CARVEOUT:
			if (avail < CARVEOUT_SIZE)
				return fw_err(msg, len, "rsc[%u] carveout truncated", i);
			da = rd32(e + 4);
			l = rd32(e + 12);
			if (da != ADDR_ANY && !da_in_mems(da, l, mems, nmems))
				return fw_err(msg, len,
					      "rsc[%u] carveout da 0x%x len 0x%x outside the declared memories",
					      i, da, l);
			esize = CARVEOUT_SIZE;
			break;
		case RSC_DEVMEM:
			return fw_err(msg, len,
				      "rsc[%u] RSC_DEVMEM not supported (the M4 has no IOMMU)",
				      i);
		case RSC_TRACE:
			if (avail < TRACE_SIZE)
				return fw_err(msg, len, "rsc[%u] trace truncated", i);
			da = rd32(e + 4);
			l = rd32(e + 8);
			if (!l || !da_in_mems(da, l, mems, nmems))
				return fw_err(msg, len,
					      "rsc[%u] trace da 0x%x len 0x%x outside the declared memories",
					      i, da, l);
			if (info && !info->trace_len) {
				info->trace_da = da;
				info->trace_len = l;
			}
			esize = TRACE_SIZE;
			break;
		case RSC_VDEV:
			ret = check_vdev(e, avail, i, msg, len);
			if (ret)
				return ret;
			esize = VDEV_SIZE + e[4 + 21] * VRING_SIZE +
				rd32(e + 4 + 16);
			break;
		default:
			if (type >= RSC_VENDOR_START && type <= RSC_VENDOR_END) {
				esize = 4;
				break;
			}
			return fw_err(msg, len, "rsc[%u] unknown type %u", i, type);
		}
		prev_end = off + esize;
	}
	return 0;
}

static int find_rsc_section(const u8 *elf, size_t size,
			    struct stm32_fw_info *info, char *msg, size_t len)
{
	u32 shoff = rd32(elf + E_SHOFF);
	u32 shnum = rd16(elf + E_SHNUM);
	u32 shstrndx = rd16(elf + E_SHSTRNDX);
	u32 stroff, strsize, i;
	const u8 *sh;

	if (!shoff || !shnum)
		return 0;	/* no sections: no resource table */
	if (rd16(elf + E_SHENTSIZE) != SHDR_SIZE)
		return fw_err(msg, len, "ELF e_shentsize %u (want %u)",
			      rd16(elf + E_SHENTSIZE), SHDR_SIZE);
	if (!in_bounds(shoff, (size_t)shnum * SHDR_SIZE, size))
		return fw_err(msg, len,
			      "ELF section headers [0x%x + %u * %u] past end of file 0x%zx",
			      shoff, shnum, SHDR_SIZE, size);
	if (shstrndx >= shnum)
		return fw_err(msg, len, "ELF e_shstrndx %u >= e_shnum %u",
			      shstrndx, shnum);
	sh = elf + shoff + shstrndx * SHDR_SIZE;
	stroff = rd32(sh + SH_OFFSET);
	strsize = rd32(sh + SH_SIZE);
	if (!in_bounds(stroff, strsize, size))
		return fw_err(msg, len,
			      "ELF section names [0x%x + 0x%x] past end of file 0x%zx",
			      stroff, strsize, size);

	for (i = 0; i < shnum; i++) {
		u32 name, off, sz;

		sh = elf + shoff + i * SHDR_SIZE;
		name = rd32(sh + SH_NAME);
		if (name >= strsize ||
		    strsize - name < sizeof(RSC_TABLE_NAME) ||
		    memcmp(elf + stroff + name, RSC_TABLE_NAME,
			   sizeof(RSC_TABLE_NAME)))
			continue;
		off = rd32(sh + SH_OFFSET);
		sz = rd32(sh + SH_SIZE);
		if (rd32(sh + SH_TYPE) == SHT_NOBITS)
			return fw_err(msg, len, "section %s has no file data",
				      RSC_TABLE_NAME);
		if (!in_bounds(off, sz, size))
			return fw_err(msg, len,
				      "section %s [0x%x + 0x%x] past end of file 0x%zx",
				      RSC_TABLE_NAME, off, sz, size);
		info->rsc_offset = off;
		info->rsc_size = sz;
		info->rsc_da = rd32(sh + SH_ADDR);
		return 0;
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
			      "section .resource_table da 0x%x size 0x%x not inside one M4 memory: the M4 reads its table at sh_addr, where Linux writes it; link .resource_table into a memory-region of the DT (not the RPMsg buffer pool)",
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
	struct seg segs[STM32_FW_MAX_SEGMENTS];
	u32 phoff, phnum, i, j;
	int ret;

	memset(info, 0, sizeof(*info));
	if (size < EHDR_SIZE)
		return fw_err(msg, len, "image size %zu < ELF header %u",
			      size, EHDR_SIZE);
	if (memcmp(elf, "\177ELF", 4))
		return fw_err(msg, len, "bad ELF magic");
	if (elf[4] != 1)
		return fw_err(msg, len, "ELF class %u (want 1, ELF32)", elf[4]);
	if (elf[5] != 1)
		return fw_err(msg, len, "ELF data encoding %u (want 1, little endian)",
			      elf[5]);
	if (elf[6] != 1 || rd32(elf + E_VERSION) != 1)
		return fw_err(msg, len, "ELF version %u/%u (want 1)", elf[6],
			      rd32(elf + E_VERSION));
	if (rd16(elf + E_MACHINE) != EM_ARM)
		return fw_err(msg, len, "ELF e_machine %u (want %u, ARM)",
			      rd16(elf + E_MACHINE), EM_ARM);
	if (rd16(elf + E_TYPE) != ET_EXEC)
		return fw_err(msg, len,
			      "ELF e_type %u (want %u, executable): link a fully linked image, not an object or a shared library",
			      rd16(elf + E_TYPE), ET_EXEC);

	phoff = rd32(elf + E_PHOFF);
	phnum = rd16(elf + E_PHNUM);
	if (rd16(elf + E_PHENTSIZE) != PHDR_SIZE)
		return fw_err(msg, len, "ELF e_phentsize %u (want %u)",
			      rd16(elf + E_PHENTSIZE), PHDR_SIZE);
	if (!phnum)
		return fw_err(msg, len, "ELF has no program headers");
	if (!in_bounds(phoff, (size_t)phnum * PHDR_SIZE, size))
		return fw_err(msg, len,
			      "ELF program headers [0x%x + %u * %u] past end of file 0x%zx",
			      phoff, phnum, PHDR_SIZE, size);

	info->entry = rd32(elf + E_ENTRY);
	for (i = 0; i < phnum; i++) {
		const u8 *ph = elf + phoff + i * PHDR_SIZE;
		u32 off = rd32(ph + P_OFFSET), da = rd32(ph + P_PADDR);
		u32 filesz = rd32(ph + P_FILESZ), memsz = rd32(ph + P_MEMSZ);
		struct seg *s = &segs[info->nseg];
		u32 start;

		if (rd32(ph + P_TYPE) != PT_LOAD || !memsz)
			continue;
		if (filesz > memsz)
			return fw_err(msg, len,
				      "segment %u p_filesz 0x%x > p_memsz 0x%x",
				      i, filesz, memsz);
		if (!in_bounds(off, filesz, size))
			return fw_err(msg, len,
				      "segment %u data [0x%x + 0x%x] past end of file 0x%zx",
				      i, off, filesz, size);
		if (mem_of(da, memsz, mems, nmems, &start) < 0)
			return fw_err(msg, len,
				      "segment %u da 0x%x size 0x%x not inside one declared memory: p_paddr is where Linux loads it; fit each PT_LOAD (LMA) into one memory-region of the DT (not the RPMsg buffer pool)",
				      i, da, memsz);
		if (info->nseg == STM32_FW_MAX_SEGMENTS)
			return fw_err(msg, len, "more than %u loadable segments",
				      STM32_FW_MAX_SEGMENTS);
		s->start = start;
		s->fend = start + filesz;
		s->end = start + memsz;
		for (j = 0; j < info->nseg; j++) {
			u32 lo = start > segs[j].start ? start : segs[j].start;
			u32 hi = s->end < segs[j].end ? s->end : segs[j].end;

			/* Zero fill over zero fill is harmless (GCC emits it) */
			if (lo < hi && (lo < s->fend || lo < segs[j].fend))
				return fw_err(msg, len,
					      "segment %u [0x%x + 0x%x] overlaps loaded data at [0x%x - 0x%x) (same SRAM bytes, aliases folded): one would overwrite the other; fix the load addresses (LMA)",
					      i, da, memsz, segs[j].start,
					      segs[j].end);
		}
		s->off = off;
		info->nseg++;
	}
	if (!info->nseg)
		return fw_err(msg, len, "no loadable segment");

	ret = find_rsc_section(elf, size, info, msg, len);
	if (ret || !info->rsc_size)
		return ret;

	ret = stm32_fw_check_rsc_table(elf + info->rsc_offset, info->rsc_size,
				       mems, nmems, info, msg, len);
	if (ret)
		return ret;
	return check_rsc_place(elf, segs, info->nseg, mems, nmems, info, msg,
			       len);
}
