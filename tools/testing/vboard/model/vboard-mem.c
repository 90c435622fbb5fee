// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual STM32MP board: a coprocessor's memories as the core sees them.
 *
 * The memory-region list of the core's node, each region translated to a
 * core address through the parent bus "dma-ranges" (none: the core sees
 * memory at its physical address, as the STM32MP25 M33 sees DDR), mapped
 * for the model. Used by the M4/M33 (vboard-m4.c) and the M0+
 * (vboard-m0.c). When the secure world loads the core, the image memories
 * are the model node's own list instead, claimed exclusively.
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

static void vboard_mem_unclaim(void *data)
{
	struct vboard_mem *r = data;

	release_mem_region(r->pa, r->size);
}

/*
 * The regions of list_np's @prop, as core_np's core sees them, mapped
 * (devm on dev) into mem[] after the *n already there, up to max. With
 * @secure, each is first claimed exclusively: the kernel then refuses it
 * to every other user, /dev/mem included (STRICT_DEVMEM), as the SoC's
 * firewall keeps the secure world's memories from the non-secure one.
 */
static int vboard_map_list(struct device *dev, struct device_node *list_np,
			   const char *prop, struct device_node *core_np,
			   bool secure, struct vboard_mem *mem,
			   unsigned int max, unsigned int *n)
{
	int i, count, ret;

	count = of_count_phandle_with_args(list_np, prop, NULL);
	for (i = 0; i < count && *n < max; i++) {
		struct device_node *rnp = of_parse_phandle(list_np, prop, i);
		struct reserved_mem *rmem = rnp ? of_reserved_mem_lookup(rnp) : NULL;
		struct vboard_mem *r = &mem[*n];

		of_node_put(rnp);
		if (!rmem || !vboard_mem_da(core_np, rmem, &r->da))
			continue;	/* not on the core's bus */
		r->pa = rmem->base;
		r->size = rmem->size;
		if (secure) {
			if (!request_mem_region_exclusive(r->pa, r->size,
							  "vboard secure world"))
				return dev_err_probe(dev, -EBUSY,
						     "secure memory %pa already in use\n",
						     &r->pa);
			ret = devm_add_action_or_reset(dev, vboard_mem_unclaim, r);
			if (ret)
				return ret;
		}
		r->va = devm_memremap(dev, r->pa, r->size, MEMREMAP_WC);
		if (IS_ERR(r->va))
			return PTR_ERR(r->va);
		(*n)++;
	}
	return 0;
}

/* Maps np's memories (devm on dev) into mem[], up to max; *n of them */
int vboard_map_memories(struct device *dev, struct device_node *np,
			struct vboard_mem *mem, unsigned int max,
			unsigned int *n)
{
	*n = 0;
	return vboard_map_list(dev, np, "memory-region", np, false, mem, max, n);
}

/*
 * The memories the secure world keeps to itself when it loads the core
 * (the model node's "secure-memory-region": the core's
 * image memories, which the core node then does not list), added to mem[]
 */
int vboard_map_secure_memories(struct device *dev, struct device_node *core_np,
			       struct vboard_mem *mem, unsigned int max,
			       unsigned int *n)
{
	return vboard_map_list(dev, dev->of_node,
			       "secure-memory-region", core_np,
			       true, mem, max, n);
}
