// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual STM32MP25 board: the SmartRun domain, the Cortex-M0+ and what
 * surrounds it.
 *
 * A child node of the model ("stm32mp-vboard,smartrun") bound to this
 * driver, which provides:
 *
 *  - IPCC2: a second IPCC instance (vboard-ipcc.c), 16 channels with RIF,
 *    as regmap "ipcc" of this device for the IPCC node that is our DT
 *    child. Its lines are the model's 4 (RX, EXTI2 on the SoC) and 5 (TX).
 *    The model's secure world filters Linux's register block to CID 1 and
 *    reserves the channels written to debugfs "m0/seccfgr".
 *  - the M0+ clock (a gate: clocks = <&smartrun>), on while the core runs;
 *  - the M0+ reset, the model's reset line 2: a level, the core runs while
 *    it is released and its clock is on;
 *  - IWDG5's early interrupt, the model's line 6: debugfs "m0/crash" stops
 *    the core from refreshing it.
 *
 * The core itself is behavioural, like the M33: out of reset it fetches
 * its vector table at the start of LPSRAM1 (STM32MP2_M0_BOOT_DA), locks up
 * if the initial stack pointer or reset vector point outside its memories
 * (a Cortex-M0+ HardFault in the reset handler), then does what the test
 * image's startup code does (copy .data from its load address, clear
 * .bss, fw/fw-m0.c) and serves the channels its descriptor (vector 7,
 * fw/vboard-fw.h) says: "shutdown" (channel 3, cell 2) is acknowledged
 * and the core then sleeps. It logs into its trace buffer when the image
 * has one. State and counters in /sys/kernel/debug/vboard/m0/state.
 */

#include <linux/bitfield.h>
#include <linux/clk-provider.h>
#include <linux/debugfs.h>
#include <linux/kstrtox.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/seq_file.h>
#include <linux/unaligned.h>

#include <stm32mp/mp2-regs.h>

#include "vboard-internal.h"
#include "../fw/vboard-fw.h"

#define M0_MAX_MEMS		4
#define M0_CHANNELS		16
#define M0_CH_SHUTDOWN		2	/* 0-based: DT cell 2, channel 3 */

enum m0_state {
	M0_OFF,			/* in reset */
	M0_NO_CLOCK,		/* released, clock off: not running */
	M0_RUNNING,
	M0_LOCKUP,		/* faulted in its reset handler */
	M0_SLEEPING,		/* acknowledged the shutdown request */
	M0_HUNG,		/* stopped refreshing IWDG5 (crash knob) */
	M0_CLOCK_CUT,		/* clock turned off under the running core */
};

static const char * const m0_state_names[] = {
	[M0_OFF] = "reset",
	[M0_NO_CLOCK] = "released-no-clock",
	[M0_RUNNING] = "running",
	[M0_LOCKUP] = "lockup",
	[M0_SLEEPING] = "sleeping",
	[M0_HUNG] = "hung",
	[M0_CLOCK_CUT] = "clock-cut",
};

struct vboard_m0 {
	struct vboard *vb;
	struct device *dev;
	struct vboard_mem mem[M0_MAX_MEMS];
	unsigned int nmem;
	struct clk_hw clk;
	struct work_struct rx_work;

	/* under vb->lock: what the IPCC and the lines see */
	struct vboard_ipcc ipcc;
	unsigned int lin;		/* IPCC2 processor of Linux (st,proc-id) */
	unsigned int core;		/* ... of the M0+ */
	enum m0_state state;
	bool serves;			/* its descriptor names its channels */
	u32 flags;			/* descriptor flags */
	bool wdg_level;
	unsigned long shutdown_reqs;
	unsigned long shutdown_acks;
	unsigned long rx_other;
	unsigned long rx_unserved;	/* rang while nothing serves: masked */

	/* under lock: the core's reset and clock inputs, the boot */
	struct mutex lock;
	bool released;
	bool clk_on;
	unsigned long boots;
	unsigned long resets;
	unsigned long lockups;
	unsigned long clock_cuts;
	bool data_ok;
	char why[64];			/* the lockup's cause */
	char name[32];
	char *trace;
	u32 trace_len;
	u32 trace_pos;
};

static void *m0_va(struct vboard_m0 *m0, u32 da, u32 len)
{
	return vboard_mem_lookup(m0->mem, m0->nmem, da, len);
}

static __printf(2, 3) void m0_log(struct vboard_m0 *m0, const char *fmt, ...)
{
	char line[96];
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(line, sizeof(line) - 1, fmt, args);
	va_end(args);
	line[n++] = '\n';
	if (!m0->trace || m0->trace_pos + n >= m0->trace_len)
		return;
	memcpy(m0->trace + m0->trace_pos, line, n);
	m0->trace_pos += n;
	m0->trace[m0->trace_pos] = '\0';
}

static void m0_set_state(struct vboard_m0 *m0, enum m0_state state,
			 bool serves, bool wdg)
{
	struct vboard *vb = m0->vb;

	raw_spin_lock_irq(&vb->lock);
	m0->state = state;
	m0->serves = serves;
	m0->wdg_level = wdg;
	if (state == M0_RUNNING) {
		/*
		 * Its IPCC init, as ST's HAL_IPCC_Init: what Linux left pending
		 * (a request an earlier image never took) is cleared unseen,
		 * then RX interrupt on, every channel unmasked
		 */
		m0->ipcc.flags[m0->lin] = 0;
		m0->ipcc.cr[m0->core] = IPCC_XCR_RXOIE;
		m0->ipcc.mr[m0->core] &= ~IPCC_ALL_CH(vboard_ipcc_nch(&m0->ipcc));
	}
	vboard_update_locked(vb);
	raw_spin_unlock_irq(&vb->lock);
}

static void m0_lockup(struct vboard_m0 *m0, const char *why, u32 val)
{
	m0->lockups++;
	scnprintf(m0->why, sizeof(m0->why), "%s 0x%08x", why, val);
	dev_info(m0->dev, "M0+ lockup: %s\n", m0->why);
	m0_set_state(m0, M0_LOCKUP, false, false);
}

/* Its startup code: .data from its load address, .bss cleared */
static bool m0_startup(struct vboard_m0 *m0, const struct vboard_fw_desc *d)
{
	void *lma = m0_va(m0, d->data_lma, d->data_len);
	void *vma = m0_va(m0, d->data_vma, d->data_len);
	void *bss = m0_va(m0, d->bss_start, d->bss_len);

	if (d->data_len < 4 || !lma || !vma || (d->bss_len && !bss))
		return false;
	memmove(vma, lma, d->data_len);
	if (d->bss_len)
		memset(bss, 0, d->bss_len);
	return get_unaligned_le32(vma) == VBOARD_FW_M0_DATA_MAGIC;
}

/* Out of reset with its clock on: m0->lock held */
static void m0_boot(struct vboard_m0 *m0)
{
	struct vboard_fw_desc d = { };
	u32 *vec, sp, reset, desc_da;
	void *p;

	m0->boots++;
	m0->why[0] = '\0';
	m0->trace = NULL;
	m0->data_ok = false;
	strscpy(m0->name, "-", sizeof(m0->name));

	vec = m0_va(m0, STM32MP2_M0_BOOT_DA, 8 * sizeof(u32));
	if (!vec)
		return m0_lockup(m0, "no memory at the boot address",
				 STM32MP2_M0_BOOT_DA);
	sp = get_unaligned_le32(&vec[0]);
	reset = get_unaligned_le32(&vec[1]);
	desc_da = get_unaligned_le32(&vec[VBOARD_FW_DESC_VECTOR]);
	if ((sp & 3) || !sp || !m0_va(m0, sp - 4, 4))
		return m0_lockup(m0, "initial SP outside its RAM", sp);
	if (!(reset & 1) || !m0_va(m0, reset & ~1u, 2))
		return m0_lockup(m0, "reset vector outside its code", reset);

	p = desc_da ? m0_va(m0, desc_da, sizeof(d)) : NULL;
	if (p)
		memcpy(&d, p, sizeof(d));
	if (d.magic != VBOARD_FW_MAGIC || d.version != VBOARD_FW_VERSION) {
		/* Not a test image: it runs, and answers nothing we know */
		m0_set_state(m0, M0_RUNNING, false, false);
		return;
	}
	d.name[sizeof(d.name) - 1] = '\0';
	strscpy(m0->name, d.name, sizeof(m0->name));
	m0->data_ok = m0_startup(m0, &d);
	m0->trace = m0_va(m0, d.trace_buf, d.trace_len);
	m0->trace_len = m0->trace ? d.trace_len : 0;
	m0->trace_pos = 0;
	if (m0->trace)
		m0->trace[0] = '\0';
	m0_log(m0, "M0+ %s: boot %lu, .data %s", m0->name, m0->boots,
	       m0->data_ok ? "ok" : "WRONG");

	raw_spin_lock_irq(&m0->vb->lock);
	m0->flags = d.flags;
	raw_spin_unlock_irq(&m0->vb->lock);
	if (d.flags & VBOARD_FW_F_CRASH_AT_BOOT)
		m0_log(m0, "M0+ %s: stuck at boot, IWDG5 expires", m0->name);
	m0_set_state(m0, M0_RUNNING, true,
		     d.flags & VBOARD_FW_F_CRASH_AT_BOOT);
}

/* ------------------------------------------------------------ IPCC2 */

/* The M0+'s RX-occupied handler */
static void m0_rx_work(struct work_struct *work)
{
	struct vboard_m0 *m0 = container_of(work, struct vboard_m0, rx_work);
	struct vboard *vb = m0->vb;
	unsigned long pending;
	unsigned int ch;
	bool sleep = false;

	raw_spin_lock_irq(&vb->lock);
	pending = vboard_ipcc_rx_pending(&m0->ipcc, m0->core);
	for_each_set_bit(ch, &pending, M0_CHANNELS) {
		bool ack = m0->state == M0_RUNNING && m0->serves;

		if (ch == M0_CH_SHUTDOWN && ack) {
			m0->shutdown_reqs++;
			if (m0->flags & VBOARD_FW_F_NO_SHUTDOWN_ACK)
				ack = false;
			else
				sleep = true;
		} else if (ack) {
			m0->rx_other++;
		}
		if (ack) {
			m0->ipcc.flags[m0->lin] &= ~BIT(ch);
			if (ch == M0_CH_SHUTDOWN)
				m0->shutdown_acks++;
		} else {
			/* Nobody takes it: masked, so it does not ring again */
			m0->ipcc.mr[m0->core] |= BIT(ch);
			m0->rx_unserved++;
		}
	}
	if (sleep)
		m0->state = M0_SLEEPING;
	vboard_update_locked(vb);
	raw_spin_unlock_irq(&vb->lock);
}

/* vboard_update_locked(): the M0+'s lines, and its own RX interrupt */
void vboard_m0_lines_locked(struct vboard *vb, bool *lvl)
{
	struct vboard_m0 *m0 = vb->m0;

	lvl[VBOARD_LINE_IPCC2_RX] = m0 && vboard_ipcc_rx_level(&m0->ipcc, m0->lin);
	lvl[VBOARD_LINE_IPCC2_TX] = m0 && vboard_ipcc_tx_level(&m0->ipcc, m0->lin);
	lvl[VBOARD_LINE_M0_WDG] = m0 && m0->wdg_level;
	if (m0 && vboard_ipcc_rx_level(&m0->ipcc, m0->core))
		queue_work(vb->m4_wq, &m0->rx_work);
}

static int m0_ipcc_read(void *ctx, unsigned int reg, unsigned int *val)
{
	struct vboard_m0 *m0 = ctx;
	unsigned long flags;

	raw_spin_lock_irqsave(&m0->vb->lock, flags);
	*val = vboard_ipcc_regs_read(&m0->ipcc, reg);
	raw_spin_unlock_irqrestore(&m0->vb->lock, flags);
	return 0;
}

static int m0_ipcc_write(void *ctx, unsigned int reg, unsigned int val)
{
	struct vboard_m0 *m0 = ctx;
	unsigned long flags;
	u32 set, clr;

	raw_spin_lock_irqsave(&m0->vb->lock, flags);
	vboard_ipcc_regs_write(&m0->ipcc, reg, val, &set, &clr);
	vboard_update_locked(m0->vb);
	raw_spin_unlock_irqrestore(&m0->vb->lock, flags);
	return 0;
}

static const struct regmap_config m0_ipcc_cfg = {
	.name = "ipcc",
	.reg_bits = 32,
	.val_bits = 32,
	.reg_stride = 4,
	.max_register = IPCC_MMIO_SIZE - 4,
	.reg_read = m0_ipcc_read,
	.reg_write = m0_ipcc_write,
	.fast_io = true,
};

/* ------------------------------------------------------------ reset, clock */

/* The model's reset line VBOARD_RESET_M0 */
void vboard_m0_reset(struct vboard *vb, bool assert)
{
	struct vboard_m0 *m0 = vb->m0;

	if (!m0)
		return;
	mutex_lock(&m0->lock);
	if (assert) {
		if (m0->released)
			m0->resets++;
		m0->released = false;
		m0_set_state(m0, M0_OFF, false, false);
	} else if (!m0->released) {
		m0->released = true;
		if (m0->clk_on)
			m0_boot(m0);
		else
			m0_set_state(m0, M0_NO_CLOCK, false, false);
	}
	mutex_unlock(&m0->lock);
}

bool vboard_m0_in_reset(struct vboard *vb)
{
	return vb->m0 && !READ_ONCE(vb->m0->released);
}

static int m0_clk_prepare(struct clk_hw *hw)
{
	struct vboard_m0 *m0 = container_of(hw, struct vboard_m0, clk);

	mutex_lock(&m0->lock);
	m0->clk_on = true;
	if (m0->released && READ_ONCE(m0->state) == M0_NO_CLOCK)
		m0_boot(m0);
	mutex_unlock(&m0->lock);
	return 0;
}

static void m0_clk_unprepare(struct clk_hw *hw)
{
	struct vboard_m0 *m0 = container_of(hw, struct vboard_m0, clk);

	mutex_lock(&m0->lock);
	m0->clk_on = false;
	if (m0->released) {
		/* The core stops where it was: nothing Linux should do */
		m0->clock_cuts++;
		m0_set_state(m0, M0_CLOCK_CUT, false, false);
	}
	mutex_unlock(&m0->lock);
}

static int m0_clk_is_prepared(struct clk_hw *hw)
{
	return READ_ONCE(container_of(hw, struct vboard_m0, clk)->clk_on);
}

static const struct clk_ops m0_clk_ops = {
	.prepare = m0_clk_prepare,
	.unprepare = m0_clk_unprepare,
	.is_prepared = m0_clk_is_prepared,
};

/* ------------------------------------------------------------ debugfs */

static int m0_dbg_state_show(struct seq_file *s, void *unused)
{
	struct vboard_m0 *m0 = s->private;
	struct vboard *vb = m0->vb;
	unsigned int p;

	mutex_lock(&m0->lock);
	seq_printf(s, "firmware %s\nreleased %d\nclock %d\nboots %lu\nresets %lu\n",
		   m0->name, m0->released, m0->clk_on, m0->boots, m0->resets);
	seq_printf(s, "lockups %lu\nlockup_cause %s\nclock_cuts %lu\ndata_ok %d\n",
		   m0->lockups, m0->why[0] ? m0->why : "-", m0->clock_cuts,
		   m0->data_ok);
	raw_spin_lock_irq(&vb->lock);
	seq_printf(s, "state %s\nwatchdog %d\n", m0_state_names[m0->state],
		   m0->wdg_level);
	seq_printf(s, "shutdown_requests %lu\nshutdown_acks %lu\nrx_other %lu\nrx_unserved %lu\n",
		   m0->shutdown_reqs, m0->shutdown_acks, m0->rx_other,
		   m0->rx_unserved);
	seq_printf(s, "linux_proc %u\nm0_proc %u\nHWCFGR 0x%08x\n",
		   m0->lin + 1, m0->core + 1, m0->ipcc.hwcfgr);
	for (p = 0; p < 2; p++)
		seq_printf(s, "C%uCR 0x%08x\nC%uMR 0x%08x\nC%uTOC%uSR 0x%08x\nC%uSECCFGR 0x%08x\nC%uCIDCFGR 0x%08x\n",
			   p + 1, m0->ipcc.cr[p], p + 1, m0->ipcc.mr[p], p + 1,
			   2 - p, m0->ipcc.flags[p], p + 1, m0->ipcc.seccfgr[p],
			   p + 1, m0->ipcc.cidcfgr[p]);
	raw_spin_unlock_irq(&vb->lock);
	mutex_unlock(&m0->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(m0_dbg_state);

/* The core hangs: IWDG5 is not refreshed, its early interrupt rises */
static ssize_t m0_dbg_crash_write(struct file *file, const char __user *ubuf,
				  size_t count, loff_t *ppos)
{
	struct vboard_m0 *m0 = file->private_data;
	int ret = -EBUSY;

	mutex_lock(&m0->lock);
	if (READ_ONCE(m0->state) == M0_RUNNING) {
		m0_log(m0, "M0+ %s: hung, IWDG5 expires", m0->name);
		m0_set_state(m0, M0_HUNG, false, true);
		ret = count;
	}
	mutex_unlock(&m0->lock);
	return ret;
}

static const struct file_operations m0_dbg_crash_fops = {
	.open = simple_open,
	.write = m0_dbg_crash_write,
};

/* The secure world's SECCFGR for Linux's side (channel n = bit n-1) */
static int m0_dbg_seccfgr_get(void *data, u64 *val)
{
	struct vboard_m0 *m0 = data;

	raw_spin_lock_irq(&m0->vb->lock);
	*val = m0->ipcc.seccfgr[m0->lin];
	raw_spin_unlock_irq(&m0->vb->lock);
	return 0;
}

static int m0_dbg_seccfgr_set(void *data, u64 val)
{
	struct vboard_m0 *m0 = data;

	raw_spin_lock_irq(&m0->vb->lock);
	vboard_ipcc_set_rif(&m0->ipcc, m0->lin, val,
			    m0->ipcc.cidcfgr[m0->lin]);
	raw_spin_unlock_irq(&m0->vb->lock);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(m0_dbg_seccfgr_fops, m0_dbg_seccfgr_get,
			 m0_dbg_seccfgr_set, "0x%llx\n");

/* ------------------------------------------------------------ probe */

static void m0_detach(void *data)
{
	struct vboard_m0 *m0 = data;

	raw_spin_lock_irq(&m0->vb->lock);
	m0->vb->m0 = NULL;
	raw_spin_unlock_irq(&m0->vb->lock);
	cancel_work_sync(&m0->rx_work);
}

static int m0_find(struct vboard_m0 *m0)
{
	struct device *dev = m0->dev;
	struct device_node *np;
	u32 id = 0;
	int ret;

	np = of_get_compatible_child(dev->of_node, "st,stm32mp1-ipcc");
	if (!np)
		return dev_err_probe(dev, -ENODEV, "no IPCC2 child node\n");
	of_property_read_u32(np, "st,proc-id", &id);
	of_node_put(np);
	if (id > 1)
		return dev_err_probe(dev, -EINVAL, "IPCC2: bad st,proc-id %u\n", id);
	m0->lin = id;
	m0->core = !id;

	np = of_find_compatible_node(NULL, NULL, "st,stm32mp2-m0");
	if (!np)
		return dev_err_probe(dev, -ENODEV, "no st,stm32mp2-m0 node\n");
	ret = vboard_map_memories(dev, np, m0->mem, M0_MAX_MEMS, &m0->nmem);
	of_node_put(np);
	return ret ? dev_err_probe(dev, ret, "cannot map the M0+ memories\n") : 0;
}

static int vboard_m0_probe(struct platform_device *pdev)
{
	struct vboard *vb = dev_get_drvdata(pdev->dev.parent);
	struct device *dev = &pdev->dev;
	struct clk_init_data init = {
		.name = "vboard-m0-clk",
		.ops = &m0_clk_ops,
	};
	struct vboard_m0 *m0;
	struct regmap *map;
	struct dentry *dir;
	int ret;

	if (!vb)
		return -ENODEV;
	m0 = devm_kzalloc(dev, sizeof(*m0), GFP_KERNEL);
	if (!m0)
		return -ENOMEM;
	m0->vb = vb;
	m0->dev = dev;
	mutex_init(&m0->lock);
	INIT_WORK(&m0->rx_work, m0_rx_work);
	ret = m0_find(m0);
	if (ret)
		return ret;

	/*
	 * Reset values, then the secure world's setup: Linux's block filtered
	 * to CID 1 (the Cortex-A35 non-secure), no channel reserved
	 */
	vboard_ipcc_init(&m0->ipcc, M0_CHANNELS, true);
	vboard_ipcc_set_rif(&m0->ipcc, m0->lin, 0, IPCC_CIDCFGR_CFEN |
			    FIELD_PREP(IPCC_CIDCFGR_SCID, IPCC_RIF_CID_CA_NS));

	map = devm_regmap_init(dev, NULL, m0, &m0_ipcc_cfg);
	if (IS_ERR(map))
		return dev_err_probe(dev, PTR_ERR(map), "IPCC2 regmap\n");

	m0->clk.init = &init;
	ret = devm_clk_hw_register(dev, &m0->clk);
	if (!ret)
		ret = devm_of_clk_add_hw_provider(dev, of_clk_hw_simple_get,
						  &m0->clk);
	if (ret)
		return dev_err_probe(dev, ret, "cannot register the M0+ clock\n");

	raw_spin_lock_irq(&vb->lock);
	vb->m0 = m0;
	raw_spin_unlock_irq(&vb->lock);
	ret = devm_add_action_or_reset(dev, m0_detach, m0);
	if (ret)
		return ret;

	/* IPCC2 is ours: create it now */
	ret = devm_of_platform_populate(dev);
	if (ret)
		return dev_err_probe(dev, ret, "cannot populate IPCC2\n");

	/* The device cannot go (no unbind, the model stays): neither do these */
	dir = debugfs_create_dir("m0", vb->dbg);
	debugfs_create_file("state", 0444, dir, m0, &m0_dbg_state_fops);
	debugfs_create_file("crash", 0200, dir, m0, &m0_dbg_crash_fops);
	debugfs_create_file_unsafe("seccfgr", 0644, dir, m0,
				   &m0_dbg_seccfgr_fops);
	dev_info(dev, "SmartRun: M0+ on IPCC2 (Linux is processor %u, %u channels, RIF)\n",
		 m0->lin + 1, M0_CHANNELS);
	return 0;
}

static const struct of_device_id vboard_m0_of_match[] = {
	{ .compatible = "stm32mp-vboard,smartrun" },
	{ }
};
MODULE_DEVICE_TABLE(of, vboard_m0_of_match);

struct platform_driver vboard_m0_driver = {
	.driver = {
		.name = "stm32mp-vboard-smartrun",
		.of_match_table = vboard_m0_of_match,
		.suppress_bind_attrs = true,
	},
	.probe = vboard_m0_probe,
};
