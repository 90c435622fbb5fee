// SPDX-License-Identifier: GPL-2.0-only
/*
 * STM32MP1 Cortex-M4 remoteproc: the resource table the M4 sees.
 *
 * The M4 can write its memory at any time, so the core never works on the
 * table there: it uses a Linux-private copy (the core's cached copy of the
 * image's table when Linux boots the M4, a validated copy of the table
 * found in M4 memory when it attaches). The driver writes the whole copy
 * to M4 memory before the M4 runs; afterwards only the bytes Linux changed
 * (vdev status, features, vring addresses), before each kick, when the
 * vdevs are up and when an RPMsg driver is (un)bound from the virtio
 * device (a virtio bus notifier, stm32_rproc_notify.c: no kick then). What
 * the M4 writes into its copy, or keeps after it, is never put back in
 * time and never reaches the core. A detach writes back the table as it
 * was at attach.
 *
 * Why this design and not upstream's (the core on the table in M4
 * memory): there the core reads num_of_vrings and config_len from memory
 * the M4 can rewrite at any time. The private copy costs a byte compare
 * per kick.
 *
 * Attach: the table address a boot stage left (MP15: BKP17R; MP2: the
 * rsc-tbl-addr/size nvmem cells), mapped and validated at probe and again
 * at attach (never trusted).
 */

#include <linux/bitops.h>
#include <linux/io.h>
#include <linux/nvmem-consumer.h>
#include <linux/regmap.h>
#include <linux/remoteproc.h>
#include <linux/spinlock.h>

#include <stm32mp/mp2-regs.h>
#include <stm32mp/tamp-regs.h>

#include "stm32_rproc.h"

/*
 * Write to the M4's table the bytes of @tbl that differ from what Linux
 * last wrote there (tbl_shadow), and nothing else: what the M4 wrote into
 * its own copy (or keeps after the table) is never put back in time.
 */
static void stm32_rproc_table_push_locked(struct stm32_rproc *ddata,
					  const u8 *tbl)
{
	size_t i = 0, start, n = ddata->tbl_size;

	lockdep_assert_held(&ddata->tbl_lock);
	while (i < n) {
		if (ddata->tbl_shadow[i] == tbl[i]) {
			i++;
			continue;
		}
		for (start = i; i < n && ddata->tbl_shadow[i] != tbl[i]; i++)
			;
		memcpy(ddata->tbl_shadow + start, tbl + start, i - start);
		memcpy_toio(ddata->tbl_dev + start, tbl + start, i - start);
	}
}

void stm32_rproc_table_push(struct stm32_rproc *ddata, const void *tbl)
{
	unsigned long flags;

	spin_lock_irqsave(&ddata->tbl_lock, flags);
	if (ddata->tbl_dev && tbl)
		stm32_rproc_table_push_locked(ddata, tbl);
	spin_unlock_irqrestore(&ddata->tbl_lock, flags);
}

/* What Linux changed in its table (vdev status, features) goes to the M4 */
void stm32_rproc_table_sync(struct stm32_rproc *ddata)
{
	stm32_rproc_table_push(ddata, ddata->rproc->table_ptr);
}

/*
 * From now on the M4's table at @dev follows Linux's (@dev NULL: stop).
 * @full: the M4 does not run yet, write the whole table; else tbl_shadow
 * already holds what is there (the attached table as it was validated).
 */
void stm32_rproc_table_bind(struct stm32_rproc *ddata,
			    void __iomem *dev, size_t size, bool full)
{
	const void *tbl = ddata->rproc->table_ptr;

	spin_lock_irq(&ddata->tbl_lock);
	ddata->tbl_dev = tbl && size <= STM32_FW_RSC_MAX ? dev : NULL;
	ddata->tbl_size = size;
	if (ddata->tbl_dev && full) {
		memcpy(ddata->tbl_shadow, tbl, size);
		memcpy_toio(dev, ddata->tbl_shadow, size);
	} else if (ddata->tbl_dev) {
		stm32_rproc_table_push_locked(ddata, tbl);
	}
	spin_unlock_irq(&ddata->tbl_lock);
}

static const struct stm32_rproc_mem *stm32_rproc_find_mem(struct stm32_rproc *ddata,
							  u32 da, size_t *avail)
{
	unsigned int i;

	for (i = 0; i < ddata->nmems; i++) {
		const struct stm32_rproc_mem *m = &ddata->mems[i];

		if (da >= m->da && da - m->da < m->size) {
			*avail = m->size - (da - m->da);
			return m;
		}
	}
	return NULL;
}

/*
 * Where the running core's table is: MP15, BKP17R (st,syscfg-rsc-tbl), at
 * most STM32_RPROC_ATTACH_RSC_SIZE bytes read; MP2, the nvmem cells
 * rsc-tbl-addr and rsc-tbl-size the secure world or the boot stages wrote.
 * An address of 0 means no table.
 */
static int stm32_rproc_rsc_location(struct stm32_rproc *ddata, u32 *da,
				    u32 *size)
{
	int ret;

	*size = STM32_RPROC_ATTACH_RSC_SIZE;
	if (!ddata->rsc_nvmem && !ddata->rsc_tbl.map) {
		/* an MP2 tree with st,syscfg-cm-state but not the cells */
		dev_err(ddata->dev, "cannot attach: the DT does not say where the table is (rsc-tbl-addr/rsc-tbl-size nvmem cells)\n");
		return -ENOENT;
	}
	if (!ddata->rsc_nvmem) {
		ret = regmap_read(ddata->rsc_tbl.map, ddata->rsc_tbl.reg, da);
		*da &= ddata->rsc_tbl.mask;
		return ret;
	}
	ret = nvmem_cell_read_u32(ddata->dev, "rsc-tbl-addr", da);
	if (!ret)
		ret = nvmem_cell_read_u32(ddata->dev, "rsc-tbl-size", size);
	if (ret)
		dev_err(ddata->dev, "cannot read the rsc-tbl nvmem cells: %d\n",
			ret);
	return ret;
}

/*
 * Map and check the table a boot stage left for a core it started.
 * Called at probe: a bad table means "not attachable", with the reason, and
 * the rproc is offered as offline (a normal start resets the core).
 */
static int stm32_rproc_map_attach_table(struct stm32_rproc *ddata)
{
	const struct stm32_rproc_mem *m;
	char msg[STM32_FW_MSG_LEN];
	u32 da, want;
	size_t size, avail;
	int ret;

	ret = stm32_rproc_rsc_location(ddata, &da, &want);
	if (ret)
		return ret;
	if (!da && ddata->rsc_nvmem) {
		dev_err(ddata->dev, "cannot attach: resource table address (rsc-tbl-addr) is 0\n");
		return -EINVAL;
	}
	if (!da) {
		dev_err(ddata->dev, "cannot attach: resource table address (BKP17R) is 0\n");
		return -EINVAL;
	}
	m = stm32_rproc_find_mem(ddata, da, &avail);
	if (!m) {
		dev_err(ddata->dev,
			"cannot attach: resource table address 0x%x is outside every %s memory (memory-region)\n",
			da, ddata->var->core);
		return -EINVAL;
	}
	if (ddata->rsc_nvmem &&
	    (!want || want > avail || want > STM32_FW_RSC_MAX)) {
		dev_err(ddata->dev,
			"cannot attach: resource table size 0x%x at 0x%x (rsc-tbl-size): want 1..0x%zx, inside %s\n",
			want, da, min_t(size_t, avail, STM32_FW_RSC_MAX), m->name);
		return -EINVAL;
	}
	size = min_t(size_t, avail, want);

	if (ddata->rsc_va) {
		/* Mapped at an earlier attach: the table may have moved */
		devm_iounmap(ddata->dev, ddata->rsc_va);
		ddata->rsc_va = NULL;
	}
	ddata->rsc_va = devm_ioremap_wc(ddata->dev, m->pa + (da - m->da), size);
	if (!ddata->rsc_va)
		return -ENOMEM;
	ddata->rsc_da = da;
	memcpy_fromio(ddata->tbl_attach, ddata->rsc_va, size);
	ret = stm32_fw_check_rsc_table(ddata->tbl_attach, size, ddata->fw_mems,
				       ddata->nfw_mems, &ddata->fw_info, msg,
				       sizeof(msg));
	if (ret) {
		dev_err(ddata->dev, "cannot attach: table at 0x%x: %s\n", da, msg);
		devm_iounmap(ddata->dev, ddata->rsc_va);
		ddata->rsc_va = NULL;
		return ret;
	}
	ddata->rsc_size = size;
	return 0;
}

struct resource_table *
stm32_rproc_get_loaded_rsc_table(struct rproc *rproc, size_t *size)
{
	struct stm32_rproc *ddata = rproc->priv;
	char msg[STM32_FW_MSG_LEN];
	int ret;

	/*
	 * Attach-only cores are offered as "detached" whatever they do: the
	 * core may have been started (or restarted) since probe.
	 */
	if (ddata->attach_only && !stm32_rproc_m4_running(ddata, true))
		return ERR_PTR(-ENODEV);
	if (!ddata->rsc_va)
		return ERR_PTR(-ENODEV);
	/* Checked at probe, but the core may have changed it since: again */
	memcpy_fromio(ddata->tbl_attach, ddata->rsc_va, ddata->rsc_size);
	ret = stm32_fw_check_rsc_table(ddata->tbl_attach, ddata->rsc_size,
				       ddata->fw_mems, ddata->nfw_mems,
				       &ddata->fw_info, msg, sizeof(msg));
	if (ret) {
		dev_err(ddata->dev, "cannot attach: table at 0x%x: %s\n",
			ddata->rsc_da, msg);
		return ERR_PTR(ret);
	}
	/* What the core has now: Linux's changes are written against it */
	spin_lock_irq(&ddata->tbl_lock);
	memcpy(ddata->tbl_shadow, ddata->tbl_attach, ddata->rsc_size);
	spin_unlock_irq(&ddata->tbl_lock);
	memcpy(ddata->tbl_clean, ddata->tbl_attach, ddata->rsc_size);
	*size = ddata->rsc_size;
	return (struct resource_table *)ddata->tbl_attach;
}

unsigned int stm32_rproc_rsc_da(struct stm32_rproc *ddata)
{
	return ddata->rsc_va ? ddata->rsc_da : 0;
}

static const char * const stm32mp2_cstates[] = {
	[STM32MP2_CSTATE_OFF] = "OFF",
	[STM32MP2_CSTATE_CRUN] = "CRUN",
	[STM32MP2_CSTATE_CSLEEP] = "CSLEEP",
	[STM32MP2_CSTATE_CSTOP] = "CSTOP",
};

/*
 * The core runs an image a boot stage started (MP15: CRUN in BKP18R; MP2:
 * any PWR_CPU2D2SR state but OFF) and its table is usable: it can be
 * attached to. @report: say why not, if not.
 */
bool stm32_rproc_m4_running(struct stm32_rproc *ddata, bool report)
{
	const char *core = ddata->var->core;
	unsigned int state;
	int ret;

	if (ddata->cm_state.map) {
		ret = regmap_read(ddata->cm_state.map, ddata->cm_state.reg,
				  &state);
		state = (state & ddata->cm_state.mask) >>
			(ddata->cm_state.mask ? __ffs(ddata->cm_state.mask) : 0);
		if (!ret && state == STM32MP2_CSTATE_OFF) {
			if (report)
				dev_err(ddata->dev, "cannot attach: the %s is not running (PWR state OFF); it is started by the secure world\n",
					core);
			return false;
		}
		if (!ret)
			dev_dbg(ddata->dev, "%s state %s\n", core,
				stm32mp2_cstates[state & 3]);
	} else if (ddata->m4_state.map && ddata->rsc_tbl.map) {
		ret = regmap_read(ddata->m4_state.map, ddata->m4_state.reg,
				  &state);
		if (!ret && (state & ddata->m4_state.mask) !=
			    STM32MP_M4_STATE_CRUN)
			return false;
	} else {
		if (report)
			dev_err(ddata->dev, "cannot attach: no %s state in DT\n",
				core);
		return false;
	}
	if (ret) {
		dev_err(ddata->dev, "cannot read the %s state: %d\n", core, ret);
		return false;
	}
	return !stm32_rproc_map_attach_table(ddata);
}
