// SPDX-License-Identifier: GPL-2.0-only
/*
 * STM32MP Cortex-M remote processor driver: lifecycle. It runs the
 * STM32MP15 Cortex-M4 and the STM32MP2 Cortex-M33 and Cortex-M0+ (their
 * differences are the match data, struct stm32_rproc_variant); "M4" in the
 * comments below stands for any of them.
 *
 * Loads an ELF image into the M4 memories described by "memory-region"
 * (M4 addresses from the parent bus "dma-ranges"), starts and stops the M4
 * through its reset and hold-boot controls, attaches to an M4 a bootloader
 * started (TAMP backup registers) and detaches from it, and reports
 * watchdog crashes. This file has the rproc operations that drive the M4's
 * life (load: segments at their p_paddr; start, stop, attach, detach, with
 * the shutdown and detach requests the M4 acknowledges within
 * STM32_RPROC_SHUTDOWN_TMO_MS) and the probe, so ST's "file stm32_rproc.c"
 * dynamic-debug line selects every debug message of the driver. The other
 * concerns have their own files:
 *   stm32_rproc_of.c       the controls the DT node gives (resets, syscons)
 *   stm32_rproc_mem.c      memories and firmware checks
 *   stm32_rproc_notify.c   IPCC channels: receive gate, kicks, requests
 *   stm32_rproc_table.c    the M4's resource table and the attach table
 *   stm32_rproc_debugfs.c  the crash log (trace0_crash), fw_format
 *   stm32_rproc_tee.c      the client of OP-TEE's remoteproc TA
 *   stm32_rproc_tee_ops.c  the lifecycle when OP-TEE loads the core
 *   stm32_rproc_fw.c       the image and resource-table validator
 */

#include <linux/clk.h>
#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/mailbox_client.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_device.h>
#include <linux/platform_device.h>
#include <linux/regmap.h>
#include <linux/remoteproc.h>
#include <linux/reset.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include <stm32mp/compat.h>
#include <stm32mp/tamp-regs.h>

#include "stm32_rproc.h"

static int stm32_rproc_syscon_write(struct stm32_syscon *sc, u32 val)
{
	if (!sc->map)
		return 0;
	return regmap_update_bits(sc->map, sc->reg, sc->mask, val);
}

static int stm32_rproc_set_hold_boot(struct stm32_rproc *ddata, bool hold)
{
	if (ddata->hold_boot)
		return hold ? reset_control_assert(ddata->hold_boot) :
			      reset_control_deassert(ddata->hold_boot);
	/* RCC BOOT_MCU: set = the M4 may run */
	return stm32_rproc_syscon_write(&ddata->hold_boot_sc,
					hold ? 0 : ddata->hold_boot_sc.mask);
}

static int stm32_rproc_set_state(struct stm32_rproc *ddata, u32 state)
{
	return stm32_rproc_syscon_write(&ddata->m4_state, state);
}

/*
 * A recovery reloads the file without parsing it: the core goes on with
 * the table of the image it started. If the file changed meanwhile, that
 * table is written where the new image has its own: refused if it would
 * not fit there (or the new image has none). The rproc is left crashed
 * (the core would leave it offline with its resources held, where it
 * refuses "stop"): "stop" then cleans up and "start" boots the new image.
 */
static int stm32_rproc_check_reload(struct stm32_rproc *ddata)
{
	struct rproc *rproc = ddata->rproc;

	if (ddata->fw_parsed || !rproc->table_ptr ||
	    ddata->fw_info.rsc_size >= rproc->table_sz)
		return 0;
	dev_err(ddata->dev,
		"recovery: %s changed since start (resource table 0x%x bytes, running one 0x%zx): not loaded, %s left crashed; stop, then start it\n",
		rproc->firmware, ddata->fw_info.rsc_size, rproc->table_sz,
		ddata->var->core);
	rproc->state = RPROC_CRASHED;
	return -EINVAL;
}

static int stm32_rproc_load(struct rproc *rproc, const struct firmware *fw)
{
	struct stm32_rproc *ddata = rproc->priv;
	const struct elf32_hdr *ehdr = (const void *)fw->data;
	const struct elf32_phdr *phdr;
	unsigned int i;
	int ret;

	/* Re-validate: the image must be the one that was checked */
	ret = stm32_rproc_check_fw(rproc, fw, true);
	if (ret)
		return ret;
	ret = stm32_rproc_check_reload(ddata);
	ddata->fw_parsed = false;
	if (ret)
		return ret;

	phdr = (const void *)(fw->data + ehdr->e_phoff);
	for (i = 0; i < ehdr->e_phnum; i++, phdr++) {
		bool iomem = false;
		void *va;

		if (phdr->p_type != PT_LOAD || !phdr->p_memsz)
			continue;
		dev_dbg(ddata->dev, "segment %u: da 0x%x (vaddr 0x%x) filesz 0x%x memsz 0x%x\n",
			i, phdr->p_paddr, phdr->p_vaddr, phdr->p_filesz,
			phdr->p_memsz);
		va = stm32_rproc_da_to_va(rproc, phdr->p_paddr, phdr->p_memsz,
					  &iomem);
		if (!va) {
			dev_err(ddata->dev, "segment %u: da 0x%x size 0x%x not mapped\n",
				i, phdr->p_paddr, phdr->p_memsz);
			return -EINVAL;
		}
		if (iomem) {
			void __iomem *io = (__force void __iomem *)va;

			memcpy_toio(io, fw->data + phdr->p_offset,
				    phdr->p_filesz);
			memset_io(io + phdr->p_filesz, 0,
				  phdr->p_memsz - phdr->p_filesz);
		} else {
			memcpy(va, fw->data + phdr->p_offset, phdr->p_filesz);
			memset(va + phdr->p_filesz, 0,
			       phdr->p_memsz - phdr->p_filesz);
		}
	}

	if (ddata->fw_info.rsc_size)
		dev_dbg(ddata->dev, "resource table: da 0x%x, 0x%x bytes (file offset 0x%x)\n",
			ddata->fw_info.rsc_da, ddata->fw_info.rsc_size,
			ddata->fw_info.rsc_offset);
	return 0;
}

/* Ask the M4 something on a request channel; its acknowledge answers */
static void stm32_rproc_request(struct stm32_rproc *ddata, unsigned int id,
				const char *what, const char *consequence)
{
	struct stm32_rproc_mb *mb = &ddata->mb[id];
	int ret;

	if (!mb->chan)
		return;
	dev_dbg(ddata->dev, "%s request sent to the %s\n", what,
		ddata->var->core);
	ret = mbox_send_message(mb->chan, STM32MP_MBOX_DOORBELL);
	if (ret >= 0)
		dev_dbg(ddata->dev, "%s request acknowledged\n", what);
	else if (ret == -ETIME)
		dev_warn(ddata->dev,
			 "%s did not acknowledge the %s request within %d ms%s\n",
			 ddata->var->core, what, STM32_RPROC_SHUTDOWN_TMO_MS,
			 consequence);
	else if (ret < 0)
		dev_warn(ddata->dev, "%s request failed: %d\n", what, ret);
}

void stm32_rproc_request_shutdown(struct stm32_rproc *ddata)
{
	if (ddata->shutdown_requested)
		return;
	ddata->shutdown_requested = true;
	stm32_rproc_request(ddata, STM32_MB_SHUTDOWN, "shutdown",
			    ", stopping it anyway");
}

/* The watchdog line is enabled only while the M4 runs */
void stm32_rproc_wdg_enable(struct stm32_rproc *ddata, bool on)
{
	unsigned long flags;

	if (ddata->wdg_irq <= 0)
		return;

	spin_lock_irqsave(&ddata->wdg_lock, flags);
	if (ddata->wdg_irq_enabled != on) {
		ddata->wdg_irq_enabled = on;
		if (on)
			enable_irq(ddata->wdg_irq);
		else
			disable_irq_nosync(ddata->wdg_irq);
	}
	spin_unlock_irqrestore(&ddata->wdg_lock, flags);
	if (!on)
		synchronize_irq(ddata->wdg_irq);
}

/* Put the core in reset (and leave it there for a level reset) */
static int stm32_rproc_reset(struct stm32_rproc *ddata)
{
	int ret = stm32_rproc_set_hold_boot(ddata, true);

	return ret ? ret : reset_control_assert(ddata->mcu_rst);
}

/*
 * Let the reset core run. With a hold-boot control: release it and hold
 * again at once, as U-Boot and the in-tree driver do: the release boots
 * it, the hold keeps a later MCU reset (its watchdog) from rebooting the
 * image behind Linux's back, so a crashed core stays as it crashed until
 * Linux recovers it. The M0+ has none: clock on, reset deasserted.
 */
static int stm32_rproc_release(struct stm32_rproc *ddata)
{
	const char *core = ddata->var->core;
	int ret;

	if (ddata->var->rst_level) {
		ret = clk_prepare_enable(ddata->clk);
		if (ret) {
			dev_err(ddata->dev, "cannot enable the %s clock: %d\n",
				core, ret);
			return ret;
		}
		ret = reset_control_deassert(ddata->mcu_rst);
		if (ret) {
			dev_err(ddata->dev, "cannot release the %s reset: %d\n",
				core, ret);
			clk_disable_unprepare(ddata->clk);
			return ret;
		}
	}
	if (!ddata->hold_boot && !ddata->hold_boot_sc.map)
		return 0;
	ret = stm32_rproc_set_hold_boot(ddata, false);
	if (ret) {
		dev_err(ddata->dev, "cannot release the %s hold boot: %d\n",
			core, ret);
		return ret;
	}
	ret = stm32_rproc_set_hold_boot(ddata, true);
	if (ret)	/* it runs, but a watchdog reset would reboot it */
		dev_err(ddata->dev, "%s started but cannot be held again: %d\n",
			core, ret);
	return ret;
}

static int stm32_rproc_start(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;
	int ret;

	stm32_rproc_kick_reset(ddata);
	ddata->shutdown_requested = false;
	ret = stm32_rproc_syscon_write(&ddata->pdds, 0);
	if (!ret)
		ret = stm32_rproc_pd_get(ddata);
	if (ret)
		return ret;

	/*
	 * Boot from a clean reset: hold, reset, boot address (MP2 M33). The
	 * MP15 MCURST is a pulse on the RCC (self-clearing, RM0436): there is
	 * nothing to deassert, and the reset driver's deassert would write
	 * the clear register. The M0+ reset is a level: released by
	 * stm32_rproc_release().
	 */
	ret = stm32_rproc_reset(ddata);
	if (!ret)
		ret = stm32_rproc_syscon_write(&ddata->nsvtor,
					       ddata->fw_info.vtor_da);
	if (ret) {
		dev_err(ddata->dev, "cannot reset the %s: %d\n",
			ddata->var->core, ret);
		stm32_rproc_pd_put(ddata);
		return ret;
	}

	stm32_rproc_table_bind(ddata, stm32_rproc_loaded_table(ddata),
			       rproc->table_sz, true);
	stm32_rproc_gate_add(ddata);
	stm32_rproc_wdg_enable(ddata, true);

	ret = stm32_rproc_release(ddata);
	if (ret)
		goto undo;
	dev_dbg(ddata->dev, "%s released, entry 0x%x, table %s\n",
		ddata->var->core, ddata->fw_info.entry, ddata->tbl_dev ? "written" : "none");
	return 0;

undo:
	stm32_rproc_wdg_enable(ddata, false);
	stm32_rproc_gate_remove(ddata);
	stm32_rproc_table_bind(ddata, NULL, 0, false);
	stm32_rproc_pd_put(ddata);
	return ret;
}

/*
 * Recovery of an attached M4 is off: Linux does not have the image that
 * runs there, and booting rproc-m4-fw in its place would reuse the
 * attached table for a different image. A crash leaves the rproc
 * "crashed"; "stop" then resets the M4 and a start boots a firmware of the
 * user's choice. The user's setting comes back on detach or stop.
 */
static void stm32_rproc_attached_recovery(struct stm32_rproc *ddata, bool attach)
{
	struct rproc *rproc = ddata->rproc;

	if (attach && !rproc->recovery_disabled) {
		rproc->recovery_disabled = true;
		ddata->attached_recovery_off = true;
		dev_info(ddata->dev,
			 "attached: recovery off until detach or stop (a crash leaves the %s crashed)\n",
			 ddata->var->core);
	} else if (!attach && ddata->attached_recovery_off) {
		rproc->recovery_disabled = false;
		ddata->attached_recovery_off = false;
	}
}

static int stm32_rproc_detach(struct rproc *rproc);

/*
 * Attach only: "stop" detaches, the core keeps running. rproc_stop() does
 * not put the clean table back as rproc_detach() does (it frees its clean
 * copy, without clearing rproc->clean_table, before calling us): the table
 * as found at attach (tbl_clean) goes back into tbl_attach, which the
 * detach writes to the core.
 */
static int stm32_rproc_stop_attached(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;

	if (rproc->state == RPROC_CRASHED)
		stm32_rproc_save_crash_log(ddata);
	memcpy(ddata->tbl_attach, ddata->tbl_clean, ddata->rsc_size);
	return stm32_rproc_detach(rproc);
}

/* Attach only: after "stop" (a detach) the core is still there to attach */
static int stm32_rproc_unprepare(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;

	if (ddata->attach_only)
		rproc->state = RPROC_DETACHED;
	return 0;
}

static int stm32_rproc_stop(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;
	int ret;

	if (ddata->attach_only)
		return stm32_rproc_stop_attached(rproc);

	stm32_rproc_gate_remove(ddata);
	stm32_rproc_table_bind(ddata, NULL, 0, false);
	if (rproc->state == RPROC_CRASHED)
		stm32_rproc_save_crash_log(ddata);
	stm32_rproc_attached_recovery(ddata, false);

	/* A crashed M4 cannot acknowledge anything */
	if (rproc->state != RPROC_CRASHED)
		stm32_rproc_request_shutdown(ddata);

	stm32_rproc_wdg_enable(ddata, false);

	ret = stm32_rproc_reset(ddata);
	if (ret) {
		dev_err(ddata->dev, "cannot stop the %s: %d\n",
			ddata->var->core, ret);
		return ret;
	}
	if (ddata->var->rst_level)
		clk_disable_unprepare(ddata->clk);
	stm32_rproc_pd_put(ddata);

	ret = stm32_rproc_syscon_write(&ddata->pdds, ddata->pdds.mask);
	if (!ret)
		ret = stm32_rproc_set_state(ddata, STM32MP_M4_STATE_OFF);
	if (!ret)
		ret = stm32_rproc_syscon_write(&ddata->rsc_tbl, 0);
	if (ret)
		dev_err(ddata->dev, "cannot update the M4 power state: %d\n",
			ret);
	return ret;
}

static int stm32_rproc_attach(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;
	int ret;

	/* The bootloader left BOOT_MCU set: hold, so a crash stays a crash */
	ret = stm32_rproc_set_hold_boot(ddata, true);
	if (ret) {
		dev_err(ddata->dev, "cannot hold the attached %s: %d\n",
			ddata->var->core, ret);
		return ret;
	}
	ret = stm32_rproc_pd_get(ddata);
	if (ret)
		return ret;
	stm32_rproc_attached_recovery(ddata, true);
	stm32_rproc_kick_reset(ddata);
	ddata->shutdown_requested = false;
	/* The validated copy the core uses is what the M4 sees from now on */
	stm32_rproc_table_bind(ddata, ddata->rsc_va, rproc->table_sz, false);
	stm32_rproc_gate_add(ddata);
	stm32_rproc_wdg_enable(ddata, true);
	dev_dbg(ddata->dev, "attached, resource table at da 0x%x\n",
		ddata->rsc_da);
	return 0;
}

static int stm32_rproc_detach(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;
	int ret;

	stm32_rproc_gate_remove(ddata);
	stm32_rproc_wdg_enable(ddata, false);
	stm32_rproc_attached_recovery(ddata, false);
	/*
	 * The core has put the clean table (as found at attach) back into
	 * the copy it used, tbl_attach, and works on another copy now: the
	 * M4 gets the clean one back
	 */
	stm32_rproc_table_push(ddata, ddata->tbl_attach);
	stm32_rproc_table_bind(ddata, NULL, 0, false);

	/* Tell the M4 Linux goes away; its acknowledge means "ready" */
	if (rproc->state != RPROC_CRASHED)
		stm32_rproc_request(ddata, STM32_MB_DETACH, "detach", "");
	/*
	 * The M4 keeps running, no reset or state change; BOOT_MCU back as
	 * the bootloader left it, so the M4 may reboot on its own again.
	 */
	ret = stm32_rproc_set_hold_boot(ddata, false);
	if (ret)
		dev_err(ddata->dev, "cannot release the %s hold boot: %d\n",
			ddata->var->core, ret);
	else
		stm32_rproc_pd_put(ddata);
	return ret;
}

static irqreturn_t stm32_rproc_wdg_irq(int irq, void *data)
{
	struct stm32_rproc *ddata = data;

	/* The line stays up until the M4 is reset: mask it until then */
	spin_lock(&ddata->wdg_lock);
	if (ddata->wdg_irq_enabled) {
		ddata->wdg_irq_enabled = false;
		disable_irq_nosync(irq);
	}
	spin_unlock(&ddata->wdg_lock);
	dev_warn(ddata->dev, "%s watchdog expired\n", ddata->var->core);
	rproc_report_crash(ddata->rproc, RPROC_WATCHDOG);
	return IRQ_HANDLED;
}

static const struct rproc_ops stm32_rproc_ops = {
	.prepare = stm32_rproc_prepare,
	.unprepare = stm32_rproc_unprepare,
	.start = stm32_rproc_start,
	.stop = stm32_rproc_stop,
	.attach = stm32_rproc_attach,
	.detach = stm32_rproc_detach,
	.get_loaded_rsc_table = stm32_rproc_get_loaded_rsc_table,
	.kick = stm32_rproc_kick,
	.da_to_va = stm32_rproc_da_to_va,
	.sanity_check = stm32_rproc_sanity_check,
	.parse_fw = stm32_rproc_parse_fw,
	.find_loaded_rsc_table = stm32_rproc_find_loaded_rsc_table,
	.load = stm32_rproc_load,
	.get_boot_addr = stm32_rproc_get_boot_addr,
};

static int stm32_rproc_get_wdg(struct stm32_rproc *ddata,
			       struct platform_device *pdev)
{
	struct device *dev = ddata->dev;
	int irq, ret;

	irq = platform_get_irq_optional(pdev, 0);
	if (irq == -EPROBE_DEFER)
		return irq;
	if (irq <= 0)
		return 0;

	/* Enabled while the M4 runs */
	ret = devm_request_irq(dev, irq, stm32_rproc_wdg_irq, IRQF_NO_AUTOEN,
			       dev_name(dev), ddata);
	if (ret)
		return dev_err_probe(dev, ret, "cannot request watchdog irq\n");
	ddata->wdg_irq = irq;
	return stm32_rproc_wakeup_init(ddata);
}

static void stm32_rproc_wq_destroy(void *data)
{
	destroy_workqueue(data);
}

static int stm32_rproc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	const struct stm32_rproc_variant *var = of_device_get_match_data(dev);
	const char *fw_name = var->default_fw;
	const struct rproc_ops *ops = &stm32_rproc_ops;
	struct stm32_rproc *ddata;
	struct rproc *rproc;
	u32 tee_id;
	int tee, ret;

	tee = stm32_rproc_tee_mode(dev, var->tee ? var->tee_id : -1, &tee_id);
	if (tee < 0)
		return tee;
	if (IS_ENABLED(CONFIG_TEE) && tee)
		ops = &stm32_rproc_tee_ops;
	of_property_read_string(np, "firmware-name", &fw_name);
	rproc = devm_rproc_alloc(dev, np->name, ops, fw_name, sizeof(*ddata));
	if (!rproc)
		return -ENOMEM;

	ddata = rproc->priv;
	ddata->dev = dev;
	ddata->rproc = rproc;
	ddata->var = var;
	spin_lock_init(&ddata->rx_lock);
	spin_lock_init(&ddata->wdg_lock);
	spin_lock_init(&ddata->tbl_lock);
	mutex_init(&ddata->crash_lock);
	init_waitqueue_head(&ddata->rx_wq);
	ddata->tbl_shadow = devm_kzalloc(dev, STM32_FW_RSC_MAX, GFP_KERNEL);
	ddata->tbl_attach = devm_kzalloc(dev, STM32_FW_RSC_MAX, GFP_KERNEL);
	ddata->tbl_clean = devm_kzalloc(dev, STM32_FW_RSC_MAX, GFP_KERNEL);
	if (!ddata->tbl_shadow || !ddata->tbl_attach || !ddata->tbl_clean)
		return -ENOMEM;
	ddata->rx_gate.start = stm32_rproc_gate_start;
	ddata->rx_gate.stop = stm32_rproc_gate_stop;
	rproc->auto_boot = stm32_rproc_auto_boot(np);
	rproc->has_iommu = false;
	/* For the coredump: this driver does not use the core's ELF helpers */
	rproc->elf_class = ELFCLASS32;
	rproc->elf_machine = EM_ARM;
	platform_set_drvdata(pdev, ddata);

	ret = stm32_rproc_parse_memories(ddata);
	if (ret)
		return ret;

	/* The secure world owns resets and hold-boot of a core it loads */
	if (tee)
		ret = stm32_rproc_tee_init(ddata, tee_id);
	else
		ret = stm32_rproc_get_controls(ddata);
	if (ret)
		return ret;

	ret = stm32_rproc_get_syscons(ddata);
	if (ret)
		return ret;

	ddata->wq = alloc_workqueue("%s", WQ_HIGHPRI | WQ_MEM_RECLAIM, 0,
				    dev_name(dev));
	if (!ddata->wq)
		return -ENOMEM;
	ret = devm_add_action_or_reset(dev, stm32_rproc_wq_destroy, ddata->wq);
	if (ret)
		return ret;

	ret = stm32_rproc_request_mbox(ddata);
	if (ret)
		return ret;

	ret = stm32_rproc_get_wdg(ddata, pdev);
	if (ret)
		return ret;

	ret = stm32_rproc_pd_init(ddata);
	if (ret)
		return ret;

	ret = devm_add_action_or_reset(dev, stm32_rproc_free_crash_log, ddata);
	if (ret)
		return ret;

	if (ddata->tee) {
		dev_info(dev, "the secure world loads and starts the %s (OP-TEE remoteproc TA, processor %u)\n",
			 ddata->var->core, tee_id);
	} else if (ddata->attach_only) {
		/* Offered as detached: "start" attaches when it runs */
		rproc->state = RPROC_DETACHED;
		dev_info(dev, "attach only (no resets in DT): the %s is %s\n",
			 ddata->var->core,
			 stm32_rproc_m4_running(ddata, false) ?
			 "running, attachable" : "not running now");
	} else if (stm32_rproc_m4_running(ddata, false)) {
		/* Started by a bootloader: offer to attach */
		rproc->state = RPROC_DETACHED;
		dev_info(dev, "%s running (CRUN), resource table at 0x%x: attachable\n",
			 ddata->var->core, stm32_rproc_rsc_da(ddata));
	} else {
		/* Keep the M4 from booting until Linux starts it */
		ret = stm32_rproc_set_hold_boot(ddata, true);
		if (ret)
			return dev_err_probe(dev, ret, "cannot hold the %s\n",
					     ddata->var->core);
	}

	ret = devm_rproc_add(dev, rproc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot register rproc\n");
	ret = stm32_rproc_sysfs_init(ddata);
	if (ret)
		return dev_err_probe(dev, ret, "cannot add fw_format\n");

	stm32_rproc_debugfs_init(ddata);
	return 0;
}

static stm32mp_remove_t stm32_rproc_remove(struct platform_device *pdev)
{
	struct stm32_rproc *ddata = platform_get_drvdata(pdev);
	struct rproc *rproc = ddata->rproc;

	/*
	 * An M4 Linux attached to was started by someone else and keeps
	 * running: detach, do not stop it. One Linux started is stopped by
	 * rproc_del() (devm).
	 */
	if (rproc->state == RPROC_ATTACHED) {
		int ret = rproc_detach(rproc);

		if (ret)
			dev_err(&pdev->dev, "cannot detach from the %s: %d\n",
				ddata->var->core, ret);
		else
			dev_info(&pdev->dev, "detached: the %s keeps running\n",
				 ddata->var->core);
	}
	return STM32MP_REMOVE_OK;
}

static const struct stm32_rproc_variant stm32mp15_m4 = {
	.core = "M4",
	.default_fw = STM32_RPROC_DEFAULT_FW,
	.needs_hold_boot = true,
};

static const struct stm32_rproc_variant stm32mp2_m33 = {
	.core = "M33",
	.default_fw = "rproc-m33-fw",
	.vtor = true,
	.attach_only_ok = true,
	.needs_hold_boot = true,
};

static const struct stm32_rproc_variant stm32mp2_m0 = {
	.core = "M0+",
	.default_fw = "rproc-m0-fw",
	.rst_level = true,
	.no_rpmsg = true,
};

/* ST's bindings for cores OP-TEE loads (stm32_rproc_tee_ops.c) */
static const struct stm32_rproc_variant stm32mp15_m4_tee = {
	.core = "M4",
	.default_fw = STM32_RPROC_DEFAULT_FW,
	.tee = true,
	.tee_id = 0,
};

static const struct stm32_rproc_variant stm32mp2_m33_tee = {
	.core = "M33",
	.default_fw = "rproc-m33-fw",
	.tee = true,
	.tee_id = 1,
};

static const struct of_device_id stm32_rproc_of_match[] = {
	{ .compatible = "st,stm32mp1-m4", .data = &stm32mp15_m4 },
	{ .compatible = "st,stm32mp1-m4-tee", .data = &stm32mp15_m4_tee },
	{ .compatible = "st,stm32mp2-m33-tee", .data = &stm32mp2_m33_tee },
	{ .compatible = "st,stm32mp2-m33", .data = &stm32mp2_m33 },
	{ .compatible = "st,stm32mp2-m0", .data = &stm32mp2_m0 },
	{ }
};

MODULE_DEVICE_TABLE(of, stm32_rproc_of_match);

static struct platform_driver stm32_rproc_driver = {
	.probe = stm32_rproc_probe,
	.remove = stm32_rproc_remove,
	.driver = {
		.name = "stm32-rproc",
		.of_match_table = stm32_rproc_of_match,
		.pm = pm_sleep_ptr(&stm32_rproc_pm_ops),
	},
};

module_platform_driver(stm32_rproc_driver);

MODULE_AUTHOR("STM32MP coprocessor driver project");

MODULE_DESCRIPTION("STM32MP Cortex-M4/M33/M0+ remoteproc driver");

MODULE_LICENSE("GPL");

MODULE_VERSION("0.2.0");
