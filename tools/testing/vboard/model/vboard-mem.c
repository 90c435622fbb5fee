// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual STM32MP board: a coprocessor's memories as the core sees them.
 *
 * The memory-region list of the core's node, each region translated to a
 * core address through the parent bus "dma-ranges" (none: the core sees
 * memory at its physical address, as the STM32MP25 M33 sees DDR), mapped
 * for the model. Used by the M4/M33 (vboard-m4.c) and the M0+
 * (vboard-m0.c).
 */

#include <linux/io.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_reserved_mem.h>

#include "vboard-internal.h"

/* [addr, addr + len) inside one memory, by core address */
void *vboard_mem_lookup(const struct vboard_mem *mem, unsigned int n, u64 addr,
			u32 len)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		const struct vboard_mem *r = &mem[i];
		u64 base = r->da;

		if (r->va && addr >= base && len <= r->size &&
		    addr - base <= r->size - len)
			return r->va + (addr - base);
	}
	return NULL;
}

/* The core address of a reserved region, false if the core cannot see it */
static bool vboard_mem_da(struct device_node *np, const struct reserved_mem *rmem,
			  u32 *da)
{
	struct of_pci_range_parser parser;
	struct of_pci_range range;

	if (!of_find_property(np->parent, "dma-ranges", NULL)) {
		*da = rmem->base;
		return rmem->base + rmem->size - 1 <= U32_MAX;
	}
	if (of_pci_dma_range_parser_init(&parser, np->parent))
		return false;
	for_each_of_pci_range(&parser, &range) {
		if (rmem->base < range.cpu_addr ||
		    rmem->base + rmem->size > range.cpu_addr + range.size)
			continue;
		*da = range.pci_addr + (rmem->base - range.cpu_addr);
		return true;
	}
	return false;
}

/* Maps np's memories (devm on dev) into mem[], up to max; *n of them */
int vboard_map_memories(struct device *dev, struct device_node *np,
			struct vboard_mem *mem, unsigned int max,
			unsigned int *n)
{
	int i, count;

	*n = 0;
	count = of_count_phandle_with_args(np, "memory-region", NULL);
	for (i = 0; i < count && *n < max; i++) {
		struct device_node *rnp = of_parse_phandle(np, "memory-region", i);
		struct reserved_mem *rmem = rnp ? of_reserved_mem_lookup(rnp) : NULL;
		struct vboard_mem *r = &mem[*n];

		of_node_put(rnp);
		if (!rmem || !vboard_mem_da(np, rmem, &r->da))
			continue;	/* not on the core's bus */
		r->pa = rmem->base;
		r->size = rmem->size;
		r->va = devm_memremap(dev, r->pa, r->size, MEMREMAP_WC);
		if (IS_ERR(r->va))
			return PTR_ERR(r->va);
		(*n)++;
	}
	return 0;
}
