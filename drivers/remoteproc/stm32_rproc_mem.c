// SPDX-License-Identifier: GPL-2.0-only
/*
 * STM32MP Cortex-M remoteproc: memories and loading.
 *
 * The core's memories come from "memory-region" (reserved memory)
 * translated to core addresses through the parent bus "dma-ranges" (none:
 * the same addresses, as the STM32MP2 M33 sees DDR); each is a carve-out
 * of the core, mapped write-combined. Images are checked by the validator
 * (stm32_rproc_fw.c) before the core uses them, and again at load (the
 * core's recovery path skips the sanity check; the load itself is in
 * stm32_rproc.c).
 */

#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_reserved_mem.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>

#include "stm32_rproc.h"

static int stm32_rproc_mem_alloc(struct rproc *rproc,
				 struct rproc_mem_entry *mem)
{
	void __iomem *va;

	va = ioremap_wc(mem->dma, mem->len);
	if (!va) {
		dev_err(&rproc->dev, "cannot map %s (pa %pad, 0x%zx bytes)\n",
			mem->name, &mem->dma, mem->len);
		return -ENOMEM;
	}
	/* The core keeps a plain pointer; is_iomem tells how to access it */
	mem->va = (__force void *)va;
	mem->is_iomem = true;
	return 0;
}

static int stm32_rproc_mem_release(struct rproc *rproc,
				   struct rproc_mem_entry *mem)
{
	iounmap((__force void __iomem *)mem->va);
	return 0;
}

void *stm32_rproc_da_to_va(struct rproc *rproc, u64 da, size_t len,
			   bool *is_iomem)
{
	struct rproc_mem_entry *mem;

	if (!len)
		return NULL;

	list_for_each_entry(mem, &rproc->carveouts, node) {
		if (!mem->va || da < mem->da || len > mem->len ||
		    da - mem->da > mem->len - len)
			continue;
		if (is_iomem)
			*is_iomem = mem->is_iomem;
		return mem->va + (da - mem->da);
	}
	return NULL;
}

static int stm32_rproc_pa_to_da(struct stm32_rproc *ddata, phys_addr_t pa,
				u64 size, u32 *da)
{
	struct device_node *bus = ddata->dev->of_node->parent;
	struct of_range_parser parser;
	struct of_range range;

	/*
	 * No dma-ranges on the parent (STM32MP2: the M33 node sits at the
	 * root): the core sees memory at its physical address
	 */
	if (!of_find_property(bus, "dma-ranges", NULL)) {
		if (pa > U32_MAX || size > U32_MAX - pa + 1ULL)
			return -EINVAL;
		*da = pa;
		return 0;
	}
	if (of_pci_dma_range_parser_init(&parser, bus))
		return -EINVAL;

	for_each_of_range(&parser, &range) {
		if (range.cpu_addr == OF_BAD_ADDR || pa < range.cpu_addr ||
		    size > range.size || pa - range.cpu_addr > range.size - size)
			continue;
		*da = range.bus_addr + (pa - range.cpu_addr);
		return 0;
	}
	return -EINVAL;
}

/*
 * STM32MP15 (RM0436, memory map): the MCU SRAMs answer the M4 at 0x10000000
 * and again at 0x30000000. Memories declared at either view are the same
 * bytes, which the validator needs to see overlaps.
 */
#define STM32MP15_SRAM_ALIAS	0x30000000
#define STM32MP15_SRAM		0x10000000
#define STM32MP15_SRAM_SIZE	0x60000

static u32 stm32_rproc_canon(u32 da)
{
	if (da >= STM32MP15_SRAM_ALIAS &&
	    da - STM32MP15_SRAM_ALIAS < STM32MP15_SRAM_SIZE)
		return da - STM32MP15_SRAM_ALIAS + STM32MP15_SRAM;
	return da;
}

int stm32_rproc_parse_memories(struct stm32_rproc *ddata)
{
	struct device *dev = ddata->dev;
	struct device_node *np = dev->of_node;
	int i, n;

	n = of_count_phandle_with_args(np, "memory-region", NULL);
	if (n <= 0)
		return dev_err_probe(dev, -EINVAL, "no memory-region\n");
	if (n > STM32_RPROC_MAX_MEMS)
		return dev_err_probe(dev, -EINVAL, "%d memory regions, max %d\n",
				     n, STM32_RPROC_MAX_MEMS);

	for (i = 0; i < n; i++) {
		struct stm32_rproc_mem *m = &ddata->mems[i];
		struct reserved_mem *rmem;
		struct device_node *rnp;

		rnp = of_parse_phandle(np, "memory-region", i);
		if (!rnp)
			return dev_err_probe(dev, -EINVAL,
					     "memory-region %d: bad phandle\n", i);
		rmem = of_reserved_mem_lookup(rnp);
		m->name = devm_kasprintf(dev, GFP_KERNEL, "%pOFn", rnp);
		of_node_put(rnp);
		if (!rmem)
			return dev_err_probe(dev, -EINVAL,
					     "memory-region %d is not reserved memory\n",
					     i);
		if (!m->name)
			return -ENOMEM;
		if (rmem->size > U32_MAX ||
		    stm32_rproc_pa_to_da(ddata, rmem->base, rmem->size, &m->da))
			return dev_err_probe(dev, -EINVAL,
					     "memory-region %s (pa %pa) not reachable through the bus dma-ranges\n",
					     m->name, &rmem->base);
		m->pa = rmem->base;
		m->size = rmem->size;
		m->index = i;
		/* The RPMsg buffer pool is the core's, never the image's */
		if (!strcmp(m->name, "vdev0buffer"))
			continue;
		ddata->fw_mems[ddata->nfw_mems].da = m->da;
		ddata->fw_mems[ddata->nfw_mems].size = m->size;
		ddata->fw_mems[ddata->nfw_mems].canon = stm32_rproc_canon(m->da);
		ddata->nfw_mems++;
	}
	ddata->nmems = n;
	return 0;
}

int stm32_rproc_prepare(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;
	struct device *dev = ddata->dev;
	struct rproc_mem_entry *mem;
	unsigned int i;

	for (i = 0; i < ddata->nmems; i++) {
		struct stm32_rproc_mem *m = &ddata->mems[i];

		if (!strcmp(m->name, "vdev0buffer"))
			mem = rproc_of_resm_mem_entry_init(dev, m->index, m->size,
							   m->da, m->name);
		else
			mem = rproc_mem_entry_init(dev, NULL, m->pa, m->size,
						   m->da, stm32_rproc_mem_alloc,
						   stm32_rproc_mem_release,
						   m->name);
		if (!mem)
			return -ENOMEM;
		rproc_add_carveout(rproc, mem);
		/*
		 * The coredump holds the M4 memories, not the RPMsg buffers
		 * nor the shared data buffers' pool (rpmsg_sdb)
		 */
		if (strncmp(m->name, "vdev", 4) && strncmp(m->name, "sdb", 3))
			rproc_coredump_add_segment(rproc, m->da, m->size);
	}
	return 0;
}

/*
 * MP2 M33: it boots at the vector table of the image, the section
 * .isr_vectors (as ST's linker scripts name it), whose address the
 * A35SS syscfg latches at hold-boot release. The register keeps bits
 * [31:7]: a table off a 128-byte boundary would boot somewhere else.
 */
static int stm32_rproc_check_vtor(struct stm32_rproc *ddata)
{
	const struct stm32_fw_info *info = &ddata->fw_info;
	u32 mask = ddata->nsvtor.mask;
	unsigned int i;

	if (!ddata->var->vtor)
		return 0;
	if (!info->has_vtor) {
		dev_err(ddata->dev,
			"invalid firmware %s: no .isr_vectors section: the %s boots at the vector table that section holds (name it so in the linker script, as STM32CubeMP2 does)\n",
			ddata->rproc->firmware, ddata->var->core);
		return -EINVAL;
	}
	if (info->vtor_da & ~mask) {
		dev_err(ddata->dev,
			"invalid firmware %s: vector table .isr_vectors at 0x%x is not aligned for st,syscfg-nsvtor (mask 0x%x, 128-byte boundary): align it in the linker script\n",
			ddata->rproc->firmware, info->vtor_da, mask);
		return -EINVAL;
	}
	for (i = 0; i < ddata->nfw_mems; i++)
		if (info->vtor_da >= ddata->fw_mems[i].da &&
		    info->vtor_da - ddata->fw_mems[i].da < ddata->fw_mems[i].size)
			return 0;
	dev_err(ddata->dev,
		"invalid firmware %s: vector table .isr_vectors at 0x%x is outside every %s memory\n",
		ddata->rproc->firmware, info->vtor_da, ddata->var->core);
	return -EINVAL;
}

int stm32_rproc_check_fw(struct rproc *rproc, const struct firmware *fw,
			 bool report)
{
	struct stm32_rproc *ddata = rproc->priv;
	char msg[STM32_FW_MSG_LEN];
	int ret;

	if (ddata->attach_only) {
		dev_err(ddata->dev,
			"attach only (no resets in DT: the secure world loads and starts the %s): %s not loaded\n",
			ddata->var->core, rproc->firmware);
		return -EPERM;
	}
	ret = stm32_fw_check_image(fw->data, fw->size, ddata->fw_mems,
				   ddata->nfw_mems, &ddata->fw_info, msg,
				   sizeof(msg));
	if (ret && report)
		dev_err(ddata->dev, "invalid firmware %s: %s\n", rproc->firmware,
			msg);
	if (!ret)
		ret = stm32_rproc_check_vtor(ddata);
	return ret;
}

int stm32_rproc_sanity_check(struct rproc *rproc,
			     const struct firmware *fw)
{
	return stm32_rproc_check_fw(rproc, fw, true);
}

int stm32_rproc_parse_fw(struct rproc *rproc, const struct firmware *fw)
{
	struct stm32_rproc *ddata = rproc->priv;
	struct stm32_fw_info *info = &ddata->fw_info;
	int ret;

	ret = stm32_rproc_check_fw(rproc, fw, true);
	if (ret)
		return ret;
	ddata->fw_parsed = true;

	if (!info->rsc_size) {
		dev_info(ddata->dev, "%s has no resource table: no RPMsg, no trace\n",
			 rproc->firmware);
		return 0;
	}

	rproc->cached_table = kmemdup(fw->data + info->rsc_offset,
				      info->rsc_size, GFP_KERNEL);
	if (!rproc->cached_table)
		return -ENOMEM;
	rproc->table_ptr = rproc->cached_table;
	rproc->table_sz = info->rsc_size;

	/* The log is its own coredump segment, easy to find in the dump */
	if (info->trace_len)
		rproc_coredump_add_segment(rproc, info->trace_da,
					   info->trace_len);
	return 0;
}

/*
 * The core copies the cached table to the table this returns and then works
 * on that one. Returning none keeps the core on its private copy, which
 * stm32_rproc_start() writes to the M4 (see stm32_rproc_table.c).
 */
struct resource_table *
stm32_rproc_find_loaded_rsc_table(struct rproc *rproc,
				  const struct firmware *fw)
{
	return NULL;
}

/* The image's table in M4 memory (loaded by now), NULL if none */
void __iomem *stm32_rproc_loaded_table(struct stm32_rproc *ddata)
{
	bool iomem = false;
	void *va;

	if (!ddata->fw_info.rsc_size)
		return NULL;
	va = stm32_rproc_da_to_va(ddata->rproc, ddata->fw_info.rsc_da,
				  ddata->fw_info.rsc_size, &iomem);
	/* Our memories are all iomem; a table elsewhere is not updated */
	return iomem ? (__force void __iomem *)va : NULL;
}

u64 stm32_rproc_get_boot_addr(struct rproc *rproc,
			      const struct firmware *fw)
{
	struct stm32_rproc *ddata = rproc->priv;

	return ddata->fw_info.entry;
}
