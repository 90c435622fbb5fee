// SPDX-License-Identifier: GPL-2.0-only
/*
 * STM32MP Cortex-M remoteproc: the files the driver adds for the user.
 *
 * The crash log: a recovery reloads the image and its trace buffer, so the
 * M4 log as it was when the M4 crashed is saved at the stop and shown in
 * debugfs as trace0_crash, next to the core's trace0. fw_format, in sysfs
 * next to state: "ELF" when Linux loads the image, "TEE" when the secure
 * world does (a signed container, stm32_rproc_tee_ops.c).
 */

#include <linux/debugfs.h>
#include <linux/io.h>
#include <linux/math64.h>
#include <linux/remoteproc.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/sysfs.h>

#include "stm32_rproc.h"

/* Keep what the M4 logged before it died: recovery reloads the buffer */
void stm32_rproc_save_crash_log(struct stm32_rproc *ddata)
{
	struct stm32_fw_info *info = &ddata->fw_info;
	size_t len = min_t(size_t, info->trace_len, STM32_RPROC_CRASH_LOG_MAX);
	bool iomem = false;
	char *buf;
	void *va;

	if (!len)
		return;
	va = stm32_rproc_da_to_va(ddata->rproc, info->trace_da, len, &iomem);
	if (!va)
		return;
	buf = kmalloc(len + 1, GFP_KERNEL);
	if (!buf)
		return;
	if (iomem)
		memcpy_fromio(buf, (__force void __iomem *)va, len);
	else
		memcpy(buf, va, len);
	buf[len] = '\0';

	mutex_lock(&ddata->crash_lock);
	kfree(ddata->crash_log);
	ddata->crash_log = buf;
	ddata->crash_log_len = strnlen(buf, len);
	ddata->crashes++;
	ddata->crash_time_ns = ktime_get_boottime_ns();
	mutex_unlock(&ddata->crash_lock);
}

static int stm32_rproc_crash_log_show(struct seq_file *s, void *unused)
{
	struct stm32_rproc *ddata = s->private;

	mutex_lock(&ddata->crash_lock);
	if (ddata->crash_log) {
		u64 t = ddata->crash_time_ns;
		u32 ms;

		t = div_u64_rem(t, NSEC_PER_SEC, &ms);
		seq_printf(s, "# %s log saved at crash %u (boot time %llu.%03u s)\n",
			   ddata->var->core, ddata->crashes, t,
			   (u32)(ms / NSEC_PER_MSEC));
		seq_write(s, ddata->crash_log, ddata->crash_log_len);
	}
	mutex_unlock(&ddata->crash_lock);
	return 0;
}

DEFINE_SHOW_ATTRIBUTE(stm32_rproc_crash_log);

static void stm32_rproc_debugfs_remove(void *data)
{
	debugfs_remove(data);
}

/* trace0_crash next to trace0: the M4 log from before the last crash */
void stm32_rproc_debugfs_init(struct stm32_rproc *ddata)
{
	struct dentry *d;

	if (!ddata->rproc->dbg_dir)
		return;
	d = debugfs_create_file("trace0_crash", 0400, ddata->rproc->dbg_dir,
				ddata, &stm32_rproc_crash_log_fops);
	devm_add_action_or_reset(ddata->dev, stm32_rproc_debugfs_remove, d);
}

void stm32_rproc_free_crash_log(void *data)
{
	struct stm32_rproc *ddata = data;

	kfree(ddata->crash_log);
}

static ssize_t fw_format_show(struct device *dev, struct device_attribute *attr,
			      char *buf)
{
	struct rproc *rproc = container_of(dev, struct rproc, dev);
	struct stm32_rproc *ddata = rproc->priv;

	return sysfs_emit(buf, "%s\n", ddata->tee ? "TEE" : "ELF");
}
static DEVICE_ATTR_RO(fw_format);

static void stm32_rproc_sysfs_remove(void *data)
{
	struct rproc *rproc = data;

	sysfs_remove_file(&rproc->dev.kobj, &dev_attr_fw_format.attr);
}

/* After rproc_add(): removed before the rproc goes (devm order) */
int stm32_rproc_sysfs_init(struct stm32_rproc *ddata)
{
	int ret;

	ret = sysfs_create_file(&ddata->rproc->dev.kobj,
				&dev_attr_fw_format.attr);
	if (ret)
		return ret;
	return devm_add_action_or_reset(ddata->dev, stm32_rproc_sysfs_remove,
					ddata->rproc);
}
