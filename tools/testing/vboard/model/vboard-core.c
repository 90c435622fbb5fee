// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual STM32MP15 board: hardware model.
 *
 * Stands in, on QEMU "virt", for the STM32MP15 blocks the coprocessor
 * drivers touch:
 *
 *  - IPCC: the register file of both processors (regmap "ipcc" on this
 *    device, used by the IPCC node that is our DT child), with the reference
 *    manual's write-1-to-set/clear semantics and level-sensitive lines;
 *  - an interrupt controller whose lines are *levels*: an event raised while
 *    a line is masked is kept and delivered when the line is unmasked, as a
 *    GIC/EXTI line driven by IPCC would be (irq_sim drops such events and has
 *    no unmask hook, hence this small chip);
 *  - RCC: MCU reset (self-clearing pulse) and BOOT_MCU hold-boot, as a reset
 *    controller;
 *  - TAMP backup registers, as a syscon regmap;
 *  - the M4 watchdog early-interrupt line;
 *  - the Cortex-M4 side of IPCC, driven from debugfs and from test modules.
 *
 * See include/stm32mp/ipcc-regs.h for the IPCC register semantics.
 */

#include <linux/bitfield.h>
#include <linux/debugfs.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/irq_work.h>
#include <linux/irqdomain.h>
#include <linux/kstrtox.h>
#include <linux/mfd/syscon.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/regmap.h>
#include <linux/reset-controller.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/sort.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <stm32mp/ipcc-regs.h>
#include <stm32mp/mp2-regs.h>

#include "vboard-internal.h"

static struct vboard *vboard_instance;

/* ---------------------------------------------------------------- levels */

unsigned int vboard_nch(struct vboard *vb)
{
	return vboard_ipcc_nch(&vb->ipcc);
}

bool vboard_rx_level(struct vboard *vb, unsigned int p)
{
	return vboard_ipcc_rx_level(&vb->ipcc, p);
}

bool vboard_tx_level(struct vboard *vb, unsigned int p)
{
	return vboard_ipcc_tx_level(&vb->ipcc, p);
}

/* Recompute every line; called with vb->lock held after any change */
void vboard_update_locked(struct vboard *vb)
{
	bool lvl[VBOARD_NR_LINES];
	bool kick = false;
	unsigned int i;

	lvl[VBOARD_LINE_IPCC_RX] = vboard_rx_level(vb, vb->lin);
	lvl[VBOARD_LINE_IPCC_WAKEUP] = lvl[VBOARD_LINE_IPCC_RX];
	lvl[VBOARD_LINE_IPCC_TX] = vboard_tx_level(vb, vb->lin);
	lvl[VBOARD_LINE_WDG] = vb->wdg_level;
	vboard_m0_lines_locked(vb, lvl);

	for (i = 0; i < VBOARD_NR_LINES; i++) {
		vb->level[i] = lvl[i];
		if (lvl[i] && !vb->masked[i]) {
			__set_bit(i, &vb->fire);
			kick = true;
		}
	}
	if (kick)
		irq_work_queue(&vb->irq_work);

	/* The M4's own interrupts: the executing core, or the model's M4 */
	if (vboard_cpu_running_locked(vb))
		vboard_cpu_update_locked(vb);
	else if (vboard_rx_level(vb, vb->m4))
		queue_work(vb->m4_wq, &vb->m4_work);
}

static void vboard_irq_work(struct irq_work *work)
{
	struct vboard *vb = container_of(work, struct vboard, irq_work);
	unsigned long pending, flags;
	unsigned int i;
	bool deliver;

	raw_spin_lock_irqsave(&vb->lock, flags);
	pending = vb->fire;
	vb->fire = 0;
	raw_spin_unlock_irqrestore(&vb->lock, flags);

	for_each_set_bit(i, &pending, VBOARD_NR_LINES) {
		raw_spin_lock_irqsave(&vb->lock, flags);
		deliver = vb->level[i] && !vb->masked[i];
		if (deliver)
			vb->delivered[i]++;
		raw_spin_unlock_irqrestore(&vb->lock, flags);
		if (deliver)
			generic_handle_domain_irq(vb->domain, i);
	}
}

static void vboard_irq_mask(struct irq_data *d)
{
	struct vboard *vb = irq_data_get_irq_chip_data(d);
	unsigned long flags;

	raw_spin_lock_irqsave(&vb->lock, flags);
	vb->masked[irqd_to_hwirq(d)] = true;
	raw_spin_unlock_irqrestore(&vb->lock, flags);
}

static void vboard_irq_unmask(struct irq_data *d)
{
	struct vboard *vb = irq_data_get_irq_chip_data(d);
	irq_hw_number_t hw = irqd_to_hwirq(d);
	unsigned long flags;

	raw_spin_lock_irqsave(&vb->lock, flags);
	vb->masked[hw] = false;
	/* A level that is still high fires again, as on a real GIC */
	if (vb->level[hw]) {
		__set_bit(hw, &vb->fire);
		irq_work_queue(&vb->irq_work);
	}
	raw_spin_unlock_irqrestore(&vb->lock, flags);
}

static int vboard_irq_set_type(struct irq_data *d, unsigned int type)
{
	/* The lines are levels; accept the DT's level-high and nothing else */
	return (type & IRQ_TYPE_SENSE_MASK) == IRQ_TYPE_LEVEL_HIGH ? 0 : -EINVAL;
}

static struct irq_chip vboard_irq_chip = {
	.name = "vboard",
	.irq_mask = vboard_irq_mask,
	.irq_unmask = vboard_irq_unmask,
	.irq_set_type = vboard_irq_set_type,
	.flags = IRQCHIP_SKIP_SET_WAKE,
};

static int vboard_irq_map(struct irq_domain *d, unsigned int virq,
			  irq_hw_number_t hw)
{
	irq_set_chip_data(virq, d->host_data);
	irq_set_chip_and_handler(virq, &vboard_irq_chip, handle_level_irq);
	return 0;
}

static const struct irq_domain_ops vboard_irq_domain_ops = {
	.map = vboard_irq_map,
	.xlate = irq_domain_xlate_twocell,
};

/* ---------------------------------------------------------------- IPCC */

/* Register write from processor p's point of view; vb->lock held */
void vboard_ipcc_write_locked(struct vboard *vb, unsigned int reg, u32 val)
{
	unsigned int p = reg >= IPCC_PROC_STRIDE;
	unsigned long sets, clrs;
	unsigned int ch;
	u32 set, clr;

	vboard_ipcc_regs_write(&vb->ipcc, reg, val, &set, &clr);
	if (p == vb->lin && reg < 2 * IPCC_PROC_STRIDE) {
		sets = set;
		clrs = clr;
		for_each_set_bit(ch, &sets, IPCC_MAX_CHANNELS)
			vb->m4_stats[ch].lin_sets++;
		/* Linux acknowledged M4 messages */
		for_each_set_bit(ch, &clrs, IPCC_MAX_CHANNELS)
			vb->m4_stats[ch].tx_freed++;
		/* A storming M4 rings again at once */
		if (vb->m4_storm && clr) {
			vb->ipcc.flags[!p] |= clr;
			vb->storm_events++;
		}
	}
	vboard_update_locked(vb);
}

u32 vboard_ipcc_read_locked(struct vboard *vb, unsigned int reg)
{
	return vboard_ipcc_regs_read(&vb->ipcc, reg);
}

static int vboard_ipcc_reg_read(void *ctx, unsigned int reg, unsigned int *val)
{
	struct vboard *vb = ctx;
	unsigned long flags;

	raw_spin_lock_irqsave(&vb->lock, flags);
	*val = vboard_ipcc_read_locked(vb, reg);
	raw_spin_unlock_irqrestore(&vb->lock, flags);
	return 0;
}

static int vboard_ipcc_reg_write(void *ctx, unsigned int reg, unsigned int val)
{
	struct vboard *vb = ctx;
	unsigned long flags;

	raw_spin_lock_irqsave(&vb->lock, flags);
	vboard_ipcc_write_locked(vb, reg, val);
	raw_spin_unlock_irqrestore(&vb->lock, flags);

	/* M4 senders wait for Linux to free their channel */
	wake_up_all(&vb->m4_waitq);
	return 0;
}

static const struct regmap_config vboard_ipcc_regmap_cfg = {
	.name = "ipcc",
	.reg_bits = 32,
	.val_bits = 32,
	.reg_stride = 4,
	.max_register = IPCC_MMIO_SIZE - 4,
	.reg_read = vboard_ipcc_reg_read,
	.reg_write = vboard_ipcc_reg_write,
	.fast_io = true,
};

/* The M4's RX-occupied interrupt handler */
static void vboard_m4_work(struct work_struct *work)
{
	struct vboard *vb = container_of(work, struct vboard, m4_work);
	unsigned int m4 = vb->m4;
	unsigned long pending;
	unsigned int ch;

	raw_spin_lock_irq(&vb->lock);
	if (vboard_cpu_running_locked(vb)) {
		/* executing firmware: its own handler takes the channels */
		raw_spin_unlock_irq(&vb->lock);
		return;
	}
	pending = vboard_ipcc_rx_pending(&vb->ipcc, m4);
	/* Firmware running: it handles its channels */
	if (pending && vboard_m4emu_rx_locked(vb, pending)) {
		vboard_update_locked(vb);
		raw_spin_unlock_irq(&vb->lock);
		vboard_m4emu_wake(vb);
		return;
	}
	/* No firmware: debugfs/test-driven M4 */
	for_each_set_bit(ch, &pending, IPCC_MAX_CHANNELS) {
		vb->m4_stats[ch].rx++;
		if (test_bit(ch, &vb->m4_autoack)) {
			vb->ipcc.flags[vb->lin] &= ~BIT(ch);
			vb->m4_stats[ch].acked++;
		} else {
			/* Held until acknowledged from debugfs or a test */
			vb->ipcc.mr[m4] |= BIT(ch);
		}
	}
	vboard_update_locked(vb);
	raw_spin_unlock_irq(&vb->lock);
}

unsigned long vboard_line_delivered(struct vboard *vb, enum vboard_line line)
{
	unsigned long n;

	raw_spin_lock_irq(&vb->lock);
	n = line < VBOARD_NR_LINES ? vb->delivered[line] : 0;
	raw_spin_unlock_irq(&vb->lock);
	return n;
}
EXPORT_SYMBOL_GPL(vboard_line_delivered);

/*
 * For tests: wait until every interrupt the model raised so far has been
 * handled, by Linux (the delivery irq_work, then each line's handler and
 * its thread) and by the M4 (its interrupt work), for a few rounds since
 * each side may answer the other. What has not happened by then is not in
 * flight: no time window is needed to see that something did not happen.
 */
void vboard_settle(struct vboard *vb)
{
	unsigned int round, i, virq;

	for (round = 0; round < 4; round++) {
		irq_work_sync(&vb->irq_work);
		for (i = 0; i < VBOARD_NR_LINES; i++) {
			virq = irq_find_mapping(vb->domain, i);
			if (virq)
				synchronize_irq(virq);
		}
		flush_workqueue(vb->m4_wq);
	}
}
EXPORT_SYMBOL_GPL(vboard_settle);

struct vboard *vboard_get(void)
{
	return READ_ONCE(vboard_instance);
}
EXPORT_SYMBOL_GPL(vboard_get);

unsigned int vboard_linux_proc(struct vboard *vb)
{
	return vb->lin;
}
EXPORT_SYMBOL_GPL(vboard_linux_proc);

unsigned int vboard_channels(struct vboard *vb)
{
	return vboard_nch(vb);
}
EXPORT_SYMBOL_GPL(vboard_channels);

/* Takes effect when the IPCC driver next probes, as a different SoC would */
int vboard_set_channels(struct vboard *vb, unsigned int nch)
{
	if (!nch || nch > IPCC_MAX_CHANNELS)
		return -EINVAL;

	raw_spin_lock_irq(&vb->lock);
	vb->ipcc.hwcfgr = FIELD_PREP(IPCC_HWCFGR_CHANNELS, nch);
	/* As after a reset of the new instance; the M4 listens on all */
	vb->ipcc.mr[vb->lin] = IPCC_ALL_CH(nch) | IPCC_ALL_CH(nch) << IPCC_CH_HI_SHIFT;
	vb->ipcc.mr[vb->m4] = IPCC_ALL_CH(nch) << IPCC_CH_HI_SHIFT;
	vboard_update_locked(vb);
	raw_spin_unlock_irq(&vb->lock);
	return 0;
}
EXPORT_SYMBOL_GPL(vboard_set_channels);

u32 vboard_ipcc_peek(struct vboard *vb, unsigned int reg)
{
	unsigned long flags;
	u32 val;

	raw_spin_lock_irqsave(&vb->lock, flags);
	val = vboard_ipcc_read_locked(vb, reg);
	raw_spin_unlock_irqrestore(&vb->lock, flags);
	return val;
}
EXPORT_SYMBOL_GPL(vboard_ipcc_peek);

bool vboard_m4_flag(struct vboard *vb, unsigned int ch)
{
	return vboard_ipcc_peek(vb, IPCC_PROC_OFFSET(vb->m4) + IPCC_XTOYSR) &
	       BIT(ch);
}
EXPORT_SYMBOL_GPL(vboard_m4_flag);

bool vboard_linux_flag(struct vboard *vb, unsigned int ch)
{
	return vboard_ipcc_peek(vb, IPCC_PROC_OFFSET(vb->lin) + IPCC_XTOYSR) &
	       BIT(ch);
}
EXPORT_SYMBOL_GPL(vboard_linux_flag);

int vboard_m4_send(struct vboard *vb, unsigned int ch)
{
	int ret = 0;

	raw_spin_lock_irq(&vb->lock);
	if (ch >= vboard_nch(vb)) {
		ret = -EINVAL;
	} else if (vb->ipcc.flags[vb->m4] & BIT(ch)) {
		ret = -EBUSY;
	} else {
		vb->m4_stats[ch].tx++;
		vboard_ipcc_write_locked(vb, IPCC_PROC_OFFSET(vb->m4) + IPCC_XSCR,
					 IPCC_CH_HI_BIT(ch));
	}
	raw_spin_unlock_irq(&vb->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(vboard_m4_send);

int vboard_m4_send_wait(struct vboard *vb, unsigned int ch,
			unsigned int timeout_ms)
{
	long left = msecs_to_jiffies(timeout_ms);
	int ret;

	for (;;) {
		ret = vboard_m4_send(vb, ch);
		if (ret != -EBUSY)
			return ret;
		left = wait_event_timeout(vb->m4_waitq,
					  !vboard_m4_flag(vb, ch), left);
		if (!left)
			return -ETIMEDOUT;
	}
}
EXPORT_SYMBOL_GPL(vboard_m4_send_wait);

int vboard_m4_ack(struct vboard *vb, unsigned int ch)
{
	int ret = 0;

	raw_spin_lock_irq(&vb->lock);
	if (ch >= vboard_nch(vb)) {
		ret = -EINVAL;
	} else if (!(vb->ipcc.flags[vb->lin] & BIT(ch))) {
		ret = -ENOMSG;
	} else {
		vb->m4_stats[ch].acked++;
		vb->ipcc.mr[vb->m4] &= ~BIT(ch);
		vboard_ipcc_write_locked(vb, IPCC_PROC_OFFSET(vb->m4) + IPCC_XSCR,
					 IPCC_CH_BIT(ch));
	}
	raw_spin_unlock_irq(&vb->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(vboard_m4_ack);

void vboard_m4_set_autoack(struct vboard *vb, unsigned int ch, bool on)
{
	bool held;

	if (ch >= IPCC_MAX_CHANNELS)
		return;
	if (on)
		set_bit(ch, &vb->m4_autoack);
	else
		clear_bit(ch, &vb->m4_autoack);
	/* A message seen and held while autoack was off is acknowledged now */
	raw_spin_lock_irq(&vb->lock);
	held = (vb->ipcc.mr[vb->m4] & BIT(ch)) && (vb->ipcc.flags[vb->lin] & BIT(ch));
	raw_spin_unlock_irq(&vb->lock);
	if (on && held)
		vboard_m4_ack(vb, ch);
}
EXPORT_SYMBOL_GPL(vboard_m4_set_autoack);

void vboard_m4_stats(struct vboard *vb, unsigned int ch,
		     struct vboard_m4_chan_stats *st)
{
	raw_spin_lock_irq(&vb->lock);
	*st = vb->m4_stats[min_t(unsigned int, ch, IPCC_MAX_CHANNELS - 1)];
	raw_spin_unlock_irq(&vb->lock);
}
EXPORT_SYMBOL_GPL(vboard_m4_stats);

/* ---------------------------------------------------------------- TAMP */

static int vboard_tamp_reg_read(void *ctx, unsigned int reg, unsigned int *val)
{
	struct vboard *vb = ctx;

	*val = 0;
	if (reg >= TAMP_BKP_BASE && reg < TAMP_BKP_BASE + 4 * TAMP_BKP_COUNT)
		*val = READ_ONCE(vb->bkp[(reg - TAMP_BKP_BASE) / 4]);
	return 0;
}

static int vboard_tamp_reg_write(void *ctx, unsigned int reg, unsigned int val)
{
	struct vboard *vb = ctx;

	if (reg >= TAMP_BKP_BASE && reg < TAMP_BKP_BASE + 4 * TAMP_BKP_COUNT)
		WRITE_ONCE(vb->bkp[(reg - TAMP_BKP_BASE) / 4], val);
	return 0;
}

static const struct regmap_config vboard_tamp_regmap_cfg = {
	.name = "tamp",
	.reg_bits = 32,
	.val_bits = 32,
	.reg_stride = 4,
	.max_register = TAMP_MAX_REG,
	.reg_read = vboard_tamp_reg_read,
	.reg_write = vboard_tamp_reg_write,
	.fast_io = true,
};

/* ---------------------------------------------------------------- RCC */

static struct vboard *rcdev_to_vboard(struct reset_controller_dev *rcdev)
{
	return container_of(rcdev, struct vboard, rcdev);
}

/*
 * An MCU reset (MCURST, or the M4 watchdog WWDG1). The M4 core stops; IPCC,
 * TAMP and the memories keep their state. Out of reset the M4 boots at once
 * unless RCC BOOT_MCU holds it (hold_boot): then it waits for the release.
 */
static void vboard_mcu_reset(struct vboard *vb)
{
	bool boot;

	vboard_m4emu_reset(vb);
	raw_spin_lock_irq(&vb->lock);
	vb->mcu_resets++;
	boot = !vb->hold_boot;
	vb->reset_since_boot = !boot;
	if (boot)
		vb->boots++;
	raw_spin_unlock_irq(&vb->lock);
	if (boot)
		vboard_m4emu_boot(vb);
}

/*
 * WWDG1 expired: it resets the M4 and then raises its reset interrupt (the
 * EXTI line Linux handles), which stays up until the next MCU reset.
 */
void vboard_wwdg_reset(struct vboard *vb)
{
	vboard_mcu_reset(vb);
	raw_spin_lock_irq(&vb->lock);
	vb->wdg_level = true;
	vboard_update_locked(vb);
	raw_spin_unlock_irq(&vb->lock);
}

static int vboard_reset_assert(struct reset_controller_dev *rcdev,
			       unsigned long id)
{
	struct vboard *vb = rcdev_to_vboard(rcdev);

	if (id == VBOARD_RESET_M0) {
		vboard_m0_reset(vb, true);
	} else if (id == VBOARD_RESET_MCU) {
		/* MCURST is a pulse: asserting it resets and self-clears */
		vboard_mcu_reset(vb);
	} else {
		raw_spin_lock_irq(&vb->lock);
		vb->hold_boot = true;
		raw_spin_unlock_irq(&vb->lock);
	}
	return 0;
}

static int vboard_reset_deassert(struct reset_controller_dev *rcdev,
				 unsigned long id)
{
	struct vboard *vb = rcdev_to_vboard(rcdev);
	bool boot = false;

	if (id == VBOARD_RESET_M0)
		vboard_m0_reset(vb, false);
	if (id != VBOARD_RESET_HOLDBOOT)
		return 0;

	raw_spin_lock_irq(&vb->lock);
	if (vb->hold_boot && vb->reset_since_boot) {
		/* Releasing the hold after a reset boots the M4 */
		vb->reset_since_boot = false;
		vb->boots++;
		boot = true;
	}
	vb->hold_boot = false;
	raw_spin_unlock_irq(&vb->lock);

	if (boot)
		vboard_m4emu_boot(vb);
	return 0;
}

static int vboard_reset_reset(struct reset_controller_dev *rcdev,
			      unsigned long id)
{
	struct vboard *vb = rcdev_to_vboard(rcdev);

	if (id == VBOARD_RESET_M0) {
		vboard_m0_reset(vb, true);
		vboard_m0_reset(vb, false);
		return 0;
	}
	if (id != VBOARD_RESET_MCU)
		return -EOPNOTSUPP;
	vboard_mcu_reset(vb);
	return 0;
}

static int vboard_reset_status(struct reset_controller_dev *rcdev,
			       unsigned long id)
{
	struct vboard *vb = rcdev_to_vboard(rcdev);

	if (id == VBOARD_RESET_M0)
		return vboard_m0_in_reset(vb);
	return id == VBOARD_RESET_HOLDBOOT ? READ_ONCE(vb->hold_boot) : 0;
}

/*
 * The secure world (vboard-tee.c) owns the core's resets when OP-TEE loads
 * it: the same RCC sequence as Linux's driver, hold-boot around a reset;
 * on the STM32MP25 it also sets the M33's boot address (@vtor)
 */
void vboard_secure_start(struct vboard *vb, u32 vtor)
{
	if (vb->mp2)
		WRITE_ONCE(vb->nsvtor, vtor & STM32MP2_NSVTOR_MASK);
	vboard_reset_assert(&vb->rcdev, VBOARD_RESET_HOLDBOOT);
	vboard_mcu_reset(vb);
	vboard_reset_deassert(&vb->rcdev, VBOARD_RESET_HOLDBOOT);
}

void vboard_secure_stop(struct vboard *vb)
{
	vboard_reset_assert(&vb->rcdev, VBOARD_RESET_HOLDBOOT);
	vboard_mcu_reset(vb);
}

static const struct reset_control_ops vboard_reset_ops = {
	.assert = vboard_reset_assert,
	.deassert = vboard_reset_deassert,
	.reset = vboard_reset_reset,
	.status = vboard_reset_status,
};

/* ---------------------------------------------------------------- debugfs */

static int vboard_dbg_parse_ch(struct vboard *vb, const char __user *ubuf,
			       size_t count, unsigned int *ch)
{
	unsigned int n;
	int ret;

	ret = kstrtouint_from_user(ubuf, count, 0, &n);
	if (ret)
		return ret;
	if (!n || n > vboard_nch(vb))
		return -EINVAL;
	*ch = n - 1;
	return 0;
}

static ssize_t vboard_dbg_send_write(struct file *file,
				     const char __user *ubuf, size_t count,
				     loff_t *ppos)
{
	struct vboard *vb = file->private_data;
	unsigned int ch;
	int ret;

	ret = vboard_dbg_parse_ch(vb, ubuf, count, &ch);
	if (!ret)
		ret = vboard_m4_send(vb, ch);
	return ret ?: count;
}

static const struct file_operations vboard_dbg_send_fops = {
	.open = simple_open,
	.write = vboard_dbg_send_write,
};

static ssize_t vboard_dbg_ack_write(struct file *file, const char __user *ubuf,
				    size_t count, loff_t *ppos)
{
	struct vboard *vb = file->private_data;
	unsigned int ch;
	int ret;

	ret = vboard_dbg_parse_ch(vb, ubuf, count, &ch);
	if (!ret)
		ret = vboard_m4_ack(vb, ch);
	return ret ?: count;
}

static const struct file_operations vboard_dbg_ack_fops = {
	.open = simple_open,
	.write = vboard_dbg_ack_write,
};

static int vboard_dbg_autoack_get(void *data, u64 *val)
{
	struct vboard *vb = data;

	*val = READ_ONCE(vb->m4_autoack);
	return 0;
}

static int vboard_dbg_autoack_set(void *data, u64 val)
{
	struct vboard *vb = data;
	unsigned int ch;

	for (ch = 0; ch < IPCC_MAX_CHANNELS; ch++)
		vboard_m4_set_autoack(vb, ch, val & BIT(ch));
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(vboard_dbg_autoack_fops, vboard_dbg_autoack_get,
			 vboard_dbg_autoack_set, "0x%llx\n");

static int vboard_dbg_channels_get(void *data, u64 *val)
{
	*val = vboard_nch(data);
	return 0;
}

static int vboard_dbg_channels_set(void *data, u64 val)
{
	return vboard_set_channels(data, val > IPCC_MAX_CHANNELS ? 0 : val);
}
DEFINE_DEBUGFS_ATTRIBUTE(vboard_dbg_channels_fops, vboard_dbg_channels_get,
			 vboard_dbg_channels_set, "%llu\n");

static int vboard_dbg_wdg_get(void *data, u64 *val)
{
	struct vboard *vb = data;

	*val = READ_ONCE(vb->wdg_level);
	return 0;
}

static int vboard_dbg_wdg_set(void *data, u64 val)
{
	struct vboard *vb = data;

	raw_spin_lock_irq(&vb->lock);
	vb->wdg_level = !!val;
	vboard_update_locked(vb);
	raw_spin_unlock_irq(&vb->lock);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(vboard_dbg_wdg_fops, vboard_dbg_wdg_get,
			 vboard_dbg_wdg_set, "%llu\n");

/*
 * make bench: the physical limit of a firmware load. "PA SIZE" (hex) maps
 * the carve-out at PA as the rproc drivers do (write-combined) and copies
 * SIZE bytes into it with memcpy_toio() 9 times; reading gives the median.
 * Only while the M4 is stopped (it would see the pattern).
 */
static u64 vboard_memcpy_bytes, vboard_memcpy_ns, vboard_memcpy_cold_ns;

static int vboard_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return x < y ? -1 : x > y;
}

static ssize_t vboard_dbg_memcpy_write(struct file *file,
				       const char __user *ubuf, size_t count,
				       loff_t *ppos)
{
	char buf[48];
	u64 ns[9];
	void __iomem *dst;
	unsigned int i;
	phys_addr_t pa;
	u32 addr, size;
	void *src;

	if (!count || count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (sscanf(buf, "%x %x", &addr, &size) != 2 || !size || size > SZ_4M)
		return -EINVAL;
	pa = addr;
	src = vmalloc(size);
	dst = ioremap_wc(pa, size);
	if (!src || !dst) {
		vfree(src);
		if (dst)
			iounmap(dst);
		return -ENOMEM;
	}
	memset(src, 0x5a, size);
	for (i = 0; i < ARRAY_SIZE(ns); i++) {
		ktime_t t0 = ktime_get();

		memcpy_toio(dst, src, size);
		wmb();	/* the copy is out of the write buffers */
		ns[i] = ktime_to_ns(ktime_sub(ktime_get(), t0));
	}
	iounmap(dst);
	vfree(src);
	/* The first copy meets a fresh mapping, as a firmware load does */
	WRITE_ONCE(vboard_memcpy_cold_ns, ns[0]);
	sort(ns, ARRAY_SIZE(ns), sizeof(ns[0]), vboard_cmp_u64, NULL);
	WRITE_ONCE(vboard_memcpy_bytes, size);
	WRITE_ONCE(vboard_memcpy_ns, ns[ARRAY_SIZE(ns) / 2]);
	return count;
}

static int vboard_dbg_memcpy_show(struct seq_file *s, void *unused)
{
	seq_printf(s, "bytes %llu ns %llu cold_ns %llu\n",
		   READ_ONCE(vboard_memcpy_bytes), READ_ONCE(vboard_memcpy_ns),
		   READ_ONCE(vboard_memcpy_cold_ns));
	return 0;
}

static int vboard_dbg_memcpy_open(struct inode *inode, struct file *file)
{
	return single_open(file, vboard_dbg_memcpy_show, inode->i_private);
}

static const struct file_operations vboard_dbg_memcpy_fops = {
	.open = vboard_dbg_memcpy_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = vboard_dbg_memcpy_write,
};

static int vboard_dbg_counters_show(struct seq_file *s, void *unused)
{
	struct vboard *vb = s->private;
	struct vboard_m4_chan_stats st;
	unsigned int ch;

	seq_puts(s, "channel m4_rx m4_acked m4_tx m4_tx_freed\n");
	for (ch = 0; ch < vboard_nch(vb); ch++) {
		vboard_m4_stats(vb, ch, &st);
		seq_printf(s, "%u %lu %lu %lu %lu\n", ch + 1, st.rx, st.acked,
			   st.tx, st.tx_freed);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vboard_dbg_counters);

static int vboard_dbg_state_show(struct seq_file *s, void *unused)
{
	static const char * const names[VBOARD_NR_LINES] = {
		"ipcc-rx", "ipcc-tx", "wdg", "ipcc-wakeup", "ipcc2-rx",
		"ipcc2-tx", "m0-wdg",
	};
	struct vboard *vb = s->private;
	unsigned int i;

	raw_spin_lock_irq(&vb->lock);
	seq_printf(s, "linux_proc %u\nm4_proc %u\n", vb->lin + 1, vb->m4 + 1);
	for (i = 0; i < 2; i++)
		seq_printf(s, "C%uCR 0x%08x\nC%uMR 0x%08x\nC%uTOC%uSR 0x%08x\n",
			   i + 1, vb->ipcc.cr[i], i + 1, vb->ipcc.mr[i], i + 1, 2 - i,
			   vb->ipcc.flags[i]);
	seq_printf(s, "HWCFGR 0x%08x\n", vb->ipcc.hwcfgr);
	for (i = 0; i < VBOARD_NR_LINES; i++)
		seq_printf(s, "line %s level %d masked %d\n", names[i],
			   vb->level[i], vb->masked[i]);
	seq_printf(s, "hold_boot %d\nmcu_resets %lu\nboots %lu\n",
		   vb->hold_boot, vb->mcu_resets, vb->boots);
	if (vb->mp2)
		seq_printf(s, "NSVTOR 0x%08x\n", vb->nsvtor);
	for (i = 0; i < TAMP_BKP_COUNT; i++)
		if (vb->bkp[i])
			seq_printf(s, "BKP%uR 0x%08x\n", i, vb->bkp[i]);
	raw_spin_unlock_irq(&vb->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vboard_dbg_state);

static void vboard_debugfs_remove(void *data)
{
	debugfs_remove_recursive(data);
}

static int vboard_debugfs_init(struct vboard *vb)
{
	struct dentry *ipcc;

	vb->dbg = debugfs_create_dir("vboard", NULL);
	debugfs_create_file("state", 0444, vb->dbg, vb, &vboard_dbg_state_fops);
	debugfs_create_file("memcpy", 0644, vb->dbg, vb, &vboard_dbg_memcpy_fops);
	debugfs_create_file_unsafe("wdg", 0644, vb->dbg, vb,
				   &vboard_dbg_wdg_fops);
	ipcc = debugfs_create_dir("ipcc", vb->dbg);
	debugfs_create_file("send", 0200, ipcc, vb, &vboard_dbg_send_fops);
	debugfs_create_file("ack", 0200, ipcc, vb, &vboard_dbg_ack_fops);
	debugfs_create_file_unsafe("autoack", 0644, ipcc, vb,
				   &vboard_dbg_autoack_fops);
	debugfs_create_file_unsafe("channels", 0644, ipcc, vb,
				   &vboard_dbg_channels_fops);
	debugfs_create_file("counters", 0444, ipcc, vb,
			    &vboard_dbg_counters_fops);
	vboard_m4emu_debugfs(vb, vb->dbg);
	vboard_cpu_debugfs(vb, vb->dbg);
	vboard_tee_debugfs(vb, vb->dbg);

	return devm_add_action_or_reset(vb->dev, vboard_debugfs_remove, vb->dbg);
}

/* ---------------------------------------------------------------- probe */

static void vboard_domain_remove(void *data)
{
	irq_domain_remove(data);
}

static void vboard_wq_destroy(void *data)
{
	destroy_workqueue(data);
}

static int vboard_find_linux_proc(struct vboard *vb)
{
	struct device_node *np;
	u32 id = 0;

	np = of_get_compatible_child(vb->dev->of_node, "st,stm32mp1-ipcc");
	if (!np)
		return dev_err_probe(vb->dev, -ENODEV, "no IPCC child node\n");
	of_property_read_u32(np, "st,proc-id", &id);
	of_node_put(np);
	if (id > 1)
		return dev_err_probe(vb->dev, -EINVAL, "bad st,proc-id %u\n", id);
	vb->lin = id;
	vb->m4 = !id;
	return 0;
}

static int vboard_register_tamp(struct vboard *vb)
{
	struct device_node *np;
	int ret;

	vb->tamp_map = devm_regmap_init(vb->dev, NULL, vb,
					&vboard_tamp_regmap_cfg);
	if (IS_ERR(vb->tamp_map))
		return PTR_ERR(vb->tamp_map);

	np = of_get_compatible_child(vb->dev->of_node, "stm32mp-vboard,tamp");
	if (!np)
		return 0;	/* a board without TAMP: attach is not possible */
	ret = of_syscon_register_regmap(np, vb->tamp_map);
	of_node_put(np);
	return ret;
}

static int vboard_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np;
	struct vboard *vb;
	unsigned int i;
	int ret;

	if (vboard_instance)
		return dev_err_probe(dev, -EBUSY, "only one model per board\n");

	vb = devm_kzalloc(dev, sizeof(*vb), GFP_KERNEL);
	if (!vb)
		return -ENOMEM;
	vb->dev = dev;
	raw_spin_lock_init(&vb->lock);
	init_irq_work(&vb->irq_work, vboard_irq_work);
	INIT_WORK(&vb->m4_work, vboard_m4_work);
	init_waitqueue_head(&vb->m4_waitq);

	ret = vboard_find_linux_proc(vb);
	if (ret)
		return ret;
	np = vboard_core_node();
	vb->mp2 = of_device_is_compatible(np, "st,stm32mp2-m33") ||
		  of_device_is_compatible(np, "st,stm32mp2-m33-tee");
	of_node_put(np);

	vboard_ipcc_init(&vb->ipcc, IPCC_MP15_CHANNELS, false);
	for (i = 0; i < VBOARD_NR_LINES; i++)
		vb->masked[i] = true;
	/* The M4 firmware listens on every channel */
	vb->ipcc.cr[vb->m4] = IPCC_XCR_RXOIE;
	vb->ipcc.mr[vb->m4] &= ~IPCC_ALL_CH(IPCC_MP15_CHANNELS);
	vb->hold_boot = true;
	vb->reset_since_boot = true;	/* power-on reset */

	vb->m4_wq = alloc_ordered_workqueue("vboard-m4", 0);
	if (!vb->m4_wq)
		return -ENOMEM;
	ret = devm_add_action_or_reset(dev, vboard_wq_destroy, vb->m4_wq);
	if (ret)
		return ret;

	vb->ipcc_map = devm_regmap_init(dev, NULL, vb, &vboard_ipcc_regmap_cfg);
	if (IS_ERR(vb->ipcc_map))
		return dev_err_probe(dev, PTR_ERR(vb->ipcc_map), "ipcc regmap\n");

	ret = vboard_register_tamp(vb);
	if (ret)
		return dev_err_probe(dev, ret, "cannot register TAMP syscon\n");
	ret = vboard_mp2_init(vb);
	if (ret)
		return ret;

	vb->domain = irq_domain_create_linear(dev_fwnode(dev), VBOARD_NR_LINES,
					      &vboard_irq_domain_ops, vb);
	if (!vb->domain)
		return dev_err_probe(dev, -ENOMEM, "cannot create irq domain\n");
	ret = devm_add_action_or_reset(dev, vboard_domain_remove, vb->domain);
	if (ret)
		return ret;

	vb->rcdev.owner = THIS_MODULE;
	vb->rcdev.ops = &vboard_reset_ops;
	vb->rcdev.of_node = dev->of_node;
	vb->rcdev.of_reset_n_cells = 1;
	vb->rcdev.nr_resets = 3;
	ret = devm_reset_controller_register(dev, &vb->rcdev);
	if (ret)
		return dev_err_probe(dev, ret, "cannot register resets\n");

	ret = vboard_m4emu_init(vb);
	if (ret)
		return ret;
	ret = vboard_cpu_init(vb);
	if (ret)
		return ret;
	ret = vboard_tee_init(vb);
	if (ret)
		return dev_err_probe(vb->dev, ret, "cannot register the secure world\n");

	ret = vboard_debugfs_init(vb);
	if (ret)
		return ret;

	platform_set_drvdata(pdev, vb);
	WRITE_ONCE(vboard_instance, vb);

	/* The IPCC (and TAMP) nodes are ours: create them now */
	ret = devm_of_platform_populate(dev);
	if (ret)
		return dev_err_probe(dev, ret, "cannot populate children\n");

	dev_info(dev, "virtual %s model: Linux is IPCC processor %u, %u channels\n",
		 vb->mp2 ? "STM32MP25" : "STM32MP15", vb->lin + 1, vboard_nch(vb));
	return 0;
}

static const struct of_device_id vboard_of_match[] = {
	{ .compatible = "stm32mp-vboard,model" },
	{ }
};
MODULE_DEVICE_TABLE(of, vboard_of_match);

static struct platform_driver vboard_driver = {
	.driver = {
		.name = "stm32mp-vboard",
		.of_match_table = vboard_of_match,
		/* syscon registrations cannot be undone: never unbind */
		.suppress_bind_attrs = true,
	},
	.probe = vboard_probe,
};

/* No module_exit: the model cannot be unloaded (syscon has no unregister) */
static int __init vboard_init(void)
{
	int ret;

	ret = platform_driver_register(&vboard_nvram_driver);
	if (ret)
		return ret;
	ret = platform_driver_register(&vboard_pd_driver);
	if (ret)
		goto err_nvram;
	ret = platform_driver_register(&vboard_m0_driver);
	if (ret)
		goto err_pd;
	ret = platform_driver_register(&vboard_driver);
	if (ret)
		goto err_m0;
	return 0;

err_m0:
	platform_driver_unregister(&vboard_m0_driver);
err_pd:
	platform_driver_unregister(&vboard_pd_driver);
err_nvram:
	platform_driver_unregister(&vboard_nvram_driver);
	return ret;
}
module_init(vboard_init);

MODULE_DESCRIPTION("Virtual STM32MP15/STM32MP25 board hardware model (test only)");
MODULE_LICENSE("GPL");
