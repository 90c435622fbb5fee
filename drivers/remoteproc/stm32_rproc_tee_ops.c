// SPDX-License-Identifier: GPL-2.0-only
/*
 * STM32MP Cortex-M remoteproc: the lifecycle of a core the secure world
 * loads and starts (OP-TEE's remoteproc TA, through stm32_rproc_tee.c).
 *
 * Two bindings select it: ST's compatibles "st,stm32mp1-m4-tee" and
 * "st,stm32mp2-m33-tee" (the processor id is the match data's), and the
 * mainline proposal "st,rproc-tee = <&node id>" on the usual compatible,
 * the node's compatible being the TA's UUID. Linux has no reset, no
 * hold-boot and no mapping of the image memories here: "memory-region"
 * lists the shared memories and the region of the resource table only.
 *
 * sanity_check hands the signed image to the TA (LOAD_FW authenticates
 * and loads it), asks where its resource table is, and maps, copies and
 * validates that table as it would an ELF's (the TA's word is not
 * trusted); parse_fw gives the core its copy. load repeats LOAD_FW for
 * a recovery, where neither runs. start and stop are the TA's, around
 * the same table binding, receive gate and watchdog handling as the ELF
 * path; stop asks the core to shut down first and gives the TA its
 * RELEASE_FW after.
 */
#include <linux/firmware.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/remoteproc.h>
#include <linux/slab.h>

#include <stm32mp/rproc-ta.h>

#include "stm32_rproc.h"
#include "stm32_rproc_tee.h"

/*
 * Does @np ask for the secure world? Returns true with the TA's processor
 * id in @id; a "st,rproc-tee" link to a node that is not the TA is an error
 */
int stm32_rproc_tee_mode(struct device *dev, int var_id, u32 *id)
{
	struct of_phandle_args args;
	bool ta;
	int ret;

	if (var_id >= 0) {
		*id = var_id;
		return 1;
	}
	ret = of_parse_phandle_with_fixed_args(dev->of_node, "st,rproc-tee",
					       1, 0, &args);
	if (ret == -ENOENT)
		return 0;
	if (ret)
		return dev_err_probe(dev, ret, "bad st,rproc-tee\n");
	ta = of_device_is_compatible(args.np, STM32MP_TA_RPROC_UUID_STR);
	of_node_put(args.np);
	if (!ta)
		return dev_err_probe(dev, -EINVAL,
				     "st,rproc-tee does not point at OP-TEE's remoteproc TA (%s)\n",
				     STM32MP_TA_RPROC_UUID_STR);
	*id = args.args[0];
	return 1;
}

/*
 * Where the TA says the table is: inside a memory-region, read through a
 * mapping of our own (the carveouts are mapped later), validated as an
 * ELF's table, kept in tee_tbl for parse_fw
 */
static int stm32_rproc_tee_table(struct stm32_rproc *ddata)
{
	struct stm32_fw_info *info = &ddata->fw_info;
	char msg[STM32_FW_MSG_LEN];
	void __iomem *io;
	phys_addr_t pa;
	size_t size;
	bool found = false;
	unsigned int i;
	u32 da = 0;
	int ret;

	memset(info, 0, sizeof(*info));
	ret = stm32_rproc_tee_rsc_table(ddata->tee, &pa, &size);
	if (ret || !size)
		return ret;
	for (i = 0; i < ddata->nmems && !found; i++) {
		if (pa < ddata->mems[i].pa || size > ddata->mems[i].size ||
		    pa - ddata->mems[i].pa > ddata->mems[i].size - size)
			continue;
		da = ddata->mems[i].da + (pa - ddata->mems[i].pa);
		found = true;	/* da 0 is a core address too (RETRAM) */
	}
	if (!found) {
		dev_err(ddata->dev,
			"secure world puts the resource table at %pa (0x%zx bytes), outside every memory-region: refused\n",
			&pa, size);
		return -EINVAL;
	}
	io = ioremap_wc(pa, size);
	if (!io)
		return -ENOMEM;
	memcpy_fromio(ddata->tee_tbl, io, size);
	iounmap(io);
	ret = stm32_fw_check_rsc_table(ddata->tee_tbl, size, ddata->fw_mems,
				       ddata->nfw_mems, info, msg, sizeof(msg));
	if (ret) {
		dev_err(ddata->dev,
			"invalid resource table from the secure world: %s (an image must load its table where it runs: Linux reads it before the core starts)\n",
			msg);
		return ret;
	}
	info->rsc_size = size;
	info->rsc_da = da;
	return 0;
}

/*
 * The TA authenticates and loads the image here, before the core prepares
 * the device: a refusal then leaves nothing to undo (a parse_fw failure
 * would leave the prepared carveouts registered)
 */
static int stm32_rproc_tee_sanity_check(struct rproc *rproc,
					const struct firmware *fw)
{
	struct stm32_rproc *ddata = rproc->priv;
	int ret;

	ret = stm32_rproc_tee_load(ddata->tee, rproc->firmware, fw);
	if (ret)
		return ret;
	ret = stm32_rproc_tee_table(ddata);
	if (ret)
		stm32_rproc_tee_release(ddata->tee);
	return ret;
}

static int stm32_rproc_tee_parse_fw(struct rproc *rproc,
				    const struct firmware *fw)
{
	struct stm32_rproc *ddata = rproc->priv;
	size_t size = ddata->fw_info.rsc_size;

	ddata->fw_parsed = true;
	if (!size) {
		dev_info(ddata->dev, "%s has no resource table: no RPMsg, no trace\n",
			 rproc->firmware);
		return 0;
	}
	rproc->cached_table = kmemdup(ddata->tee_tbl, size, GFP_KERNEL);
	if (!rproc->cached_table)
		return -ENOMEM;
	rproc->table_ptr = rproc->cached_table;
	rproc->table_sz = size;
	return 0;
}

/* Loaded by parse_fw; a recovery loads again (the TA re-checks it all) */
static int stm32_rproc_tee_load_op(struct rproc *rproc,
				   const struct firmware *fw)
{
	struct stm32_rproc *ddata = rproc->priv;

	if (ddata->fw_parsed) {
		ddata->fw_parsed = false;
		return 0;
	}
	return stm32_rproc_tee_load(ddata->tee, rproc->firmware, fw);
}

static int stm32_rproc_tee_start_op(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;
	int ret;

	stm32_rproc_kick_reset(ddata);
	ddata->shutdown_requested = false;
	ret = stm32_rproc_pd_get(ddata);
	if (ret)
		goto release;
	stm32_rproc_table_bind(ddata, stm32_rproc_loaded_table(ddata),
			       rproc->table_sz, true);
	stm32_rproc_gate_add(ddata);
	stm32_rproc_wdg_enable(ddata, true);
	ret = stm32_rproc_tee_start(ddata->tee);
	if (!ret)
		return 0;
	stm32_rproc_wdg_enable(ddata, false);
	stm32_rproc_gate_remove(ddata);
	stm32_rproc_table_bind(ddata, NULL, 0, false);
	stm32_rproc_pd_put(ddata);
release:
	stm32_rproc_tee_release(ddata->tee);
	return ret;
}

static int stm32_rproc_tee_stop_op(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;
	int ret;

	stm32_rproc_gate_remove(ddata);
	stm32_rproc_table_bind(ddata, NULL, 0, false);
	if (rproc->state == RPROC_CRASHED)
		stm32_rproc_save_crash_log(ddata);
	else
		stm32_rproc_request_shutdown(ddata);
	stm32_rproc_wdg_enable(ddata, false);
	ret = stm32_rproc_tee_stop(ddata->tee);
	stm32_rproc_tee_release(ddata->tee);
	stm32_rproc_pd_put(ddata);
	return ret;
}

/*
 * After a boot that failed past sanity_check, and after a stop: the TA
 * back to OFF (it answers a LOAD_FW in LOADED with success without looking
 * at the image: the next start would run the old one); harmless when OFF
 */
static int stm32_rproc_tee_unprepare(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;

	ddata->fw_parsed = false;
	stm32_rproc_tee_release(ddata->tee);
	return 0;
}

const struct rproc_ops stm32_rproc_tee_ops = {
	.prepare = stm32_rproc_prepare,
	.unprepare = stm32_rproc_tee_unprepare,
	.sanity_check = stm32_rproc_tee_sanity_check,
	.start = stm32_rproc_tee_start_op,
	.stop = stm32_rproc_tee_stop_op,
	.kick = stm32_rproc_kick,
	.da_to_va = stm32_rproc_da_to_va,
	.parse_fw = stm32_rproc_tee_parse_fw,
	.find_loaded_rsc_table = stm32_rproc_find_loaded_rsc_table,
	.load = stm32_rproc_tee_load_op,
};

int stm32_rproc_tee_init(struct stm32_rproc *ddata, u32 id)
{
	ddata->tee = devm_kzalloc(ddata->dev, sizeof(*ddata->tee), GFP_KERNEL);
	ddata->tee_tbl = devm_kzalloc(ddata->dev, STM32_FW_RSC_MAX, GFP_KERNEL);
	if (!ddata->tee || !ddata->tee_tbl)
		return -ENOMEM;
	return stm32_rproc_tee_open(ddata->dev, id, ddata->tee);
}
