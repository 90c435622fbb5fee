// SPDX-License-Identifier: GPL-2.0-only
/*
 * STM32MP1 IPCC mailbox driver.
 *
 * Each IPCC channel is a pair of doorbell flags, one per processor. Sending
 * sets our own flag; the remote acknowledges by clearing it, which is our
 * TX-done (TX-free interrupt). The remote sends by setting its flag, which
 * raises our RX-occupied interrupt; we acknowledge by clearing it, then
 * call the client. The channels are doorbells (the data lives in shared
 * memory the client manages, e.g. vrings): acknowledging first means a
 * notification the remote raises while the client works sets the flag again
 * instead of merging into a flag about to be cleared, and a remote that
 * waits for its flag to clear before notifying again (ST's firmware does)
 * is released before the client runs. Clients are called from the
 * interrupt thread with a NULL message (include/stm32mp/ipcc.h).
 * When the clients return, the thread reads the flags again and serves
 * what the remote raised meanwhile without a new interrupt (a bounded
 * number of passes, counted as "rx_polled" in debugfs): under load the
 * remote's notifications cost one interrupt per burst, not one each.
 *
 * A client that knows when its send is done (mbox_client::knows_txdone, a
 * vring kick) gets a doorbell channel: TX done by the client's ack, no
 * TX-free interrupt, and a send that finds our flag still up (the remote has
 * not taken the previous notification) leaves it as it is: the remote takes
 * both at once. Counted as "coalesced" in debugfs. Everything else (a
 * request the remote answers by clearing the flag) has TX done on the
 * TX-free interrupt.
 *
 * Register access goes through a regmap: the parent device's regmap named
 * "ipcc" when the parent provides one (a hardware model or an MFD), else an
 * MMIO regmap over the node's "reg" (the SoC). The register layout is in
 * include/stm32mp/ipcc-regs.h, shared with the virtual-board model.
 *
 * The STM32MP25's instance (same compatible) has RIF registers: when HWCFGR
 * says the instance filters on CIDs, a processor block assigned to another
 * CID than Linux's fails the probe; when it has security control, a
 * channel the secure firmware reserved is refused at request time. The
 * STM32MP15 has neither, and these registers are never read there.
 */

#include <linux/bitfield.h>
#include <linux/bitops.h>
#include <linux/clk.h>
#include <linux/debugfs.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/mailbox_client.h>
#include <linux/mailbox_controller.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_wakeirq.h>
#include <linux/regmap.h>
#include <linux/seq_file.h>

#include <dt-bindings/mailbox/stm32mp-ipcc.h>
#include <stm32mp/compat.h>
#include <stm32mp/ipcc.h>
#include <stm32mp/ipcc-regs.h>

#define STM32_IPCC_DRV_NAME	"stm32-ipcc"

struct stm32_ipcc_stats {
	atomic_long_t sent;
	atomic_long_t received;
	atomic_long_t txdone;
	atomic_long_t timeouts;
	atomic_long_t coalesced;
};

struct stm32_ipcc {
	struct mbox_controller mbox;
	struct device *dev;
	struct regmap *regmap;
	unsigned int proc_id;
	unsigned int own;	/* offset of our register block */
	unsigned int other;	/* offset of the remote's register block */
	unsigned int nch;
	u32 all_ch;		/* mask of the implemented channels */
	bool secctrl;		/* RIF: SECCFGR implemented (HWCFGR) */
	bool cidfilt;		/* RIF: CIDCFGR implemented (HWCFGR) */
	int irq_rx;
	int irq_tx;
	unsigned long tx_pending;	/* sent, not yet freed by the remote */
	unsigned long doorbell;		/* channels with TX done by the client */
	unsigned long ack_first;	/* channels whose remote acks first */
	u32 saved_cr;
	u32 saved_mr;
	struct stm32_ipcc_stats *stats;
	atomic_long_t rx_polled;	/* RX passes without an interrupt */
	struct dentry *dbg;
};

static struct dentry *stm32_ipcc_dbg_root;

static const struct regmap_config stm32_ipcc_regmap_cfg = {
	.name = "ipcc",
	.reg_bits = 32,
	.val_bits = 32,
	.reg_stride = 4,
	.max_register = IPCC_MMIO_SIZE - 4,
	.fast_io = true,
};

static unsigned int stm32_ipcc_chan_idx(struct mbox_chan *chan)
{
	return (unsigned long)chan->con_priv;
}

static struct stm32_ipcc *stm32_ipcc_from_chan(struct mbox_chan *chan)
{
	return container_of(chan->mbox, struct stm32_ipcc, mbox);
}

static u32 stm32_ipcc_read(struct stm32_ipcc *ipcc, unsigned int reg)
{
	unsigned int val = 0;

	/* A failing regmap read leaves 0: no event is invented */
	regmap_read(ipcc->regmap, reg, &val);
	return val;
}

static unsigned long stm32_ipcc_rx_pending(struct stm32_ipcc *ipcc)
{
	u32 mr = stm32_ipcc_read(ipcc, ipcc->own + IPCC_XMR);

	return stm32_ipcc_read(ipcc, ipcc->other + IPCC_XTOYSR) & ~mr &
	       ipcc->all_ch;
}

static irqreturn_t stm32_ipcc_rx_thread(int irq, void *data)
{
	struct stm32_ipcc *ipcc = data;
	unsigned long pending;
	unsigned int idx, round;
	irqreturn_t ret = IRQ_NONE;

	/*
	 * Look again once the clients returned: what the remote raised while
	 * they worked is taken in this pass instead of a new interrupt (at
	 * most STM32MP_IPCC_RX_ROUNDS passes, then the level line takes over)
	 */
	for (round = 0; round < STM32MP_IPCC_RX_ROUNDS; round++) {
		pending = stm32_ipcc_rx_pending(ipcc);
		if (!pending)
			break;
		ret = IRQ_HANDLED;
		if (round)
			atomic_long_inc(&ipcc->rx_polled);
		for_each_set_bit(idx, &pending, ipcc->nch) {
			atomic_long_inc(&ipcc->stats[idx].received);
			/* Acknowledge first: see the top of the file */
			regmap_write(ipcc->regmap, ipcc->own + IPCC_XSCR,
				     IPCC_CH_BIT(idx));
			mbox_chan_received_data(&ipcc->mbox.chans[idx], NULL);
		}
	}

	return ret;
}

static irqreturn_t stm32_ipcc_tx_thread(int irq, void *data)
{
	struct stm32_ipcc *ipcc = data;
	unsigned long freed;
	unsigned int idx;
	u32 mr;

	mr = stm32_ipcc_read(ipcc, ipcc->own + IPCC_XMR);
	freed = ~stm32_ipcc_read(ipcc, ipcc->own + IPCC_XTOYSR) &
		~(mr >> IPCC_CH_HI_SHIFT) & ipcc->all_ch;

	for_each_set_bit(idx, &freed, ipcc->nch) {
		/* Nothing more to wait for on this channel */
		regmap_set_bits(ipcc->regmap, ipcc->own + IPCC_XMR,
				IPCC_CH_HI_BIT(idx));
		clear_bit(idx, &ipcc->tx_pending);
		atomic_long_inc(&ipcc->stats[idx].txdone);
		mbox_chan_txdone(&ipcc->mbox.chans[idx], 0);
	}

	return freed ? IRQ_HANDLED : IRQ_NONE;
}

/* Doorbell channel: set our flag unless the remote has not taken it yet */
static int stm32_ipcc_ring(struct stm32_ipcc *ipcc, unsigned int idx)
{
	int ret;

	/* What the client wrote to shared memory, before the flag is read */
	mb();
	if (stm32_ipcc_read(ipcc, ipcc->own + IPCC_XTOYSR) & IPCC_CH_BIT(idx)) {
		atomic_long_inc(&ipcc->stats[idx].coalesced);
		return 0;
	}
	ret = regmap_write(ipcc->regmap, ipcc->own + IPCC_XSCR,
			   IPCC_CH_HI_BIT(idx));
	if (!ret)
		atomic_long_inc(&ipcc->stats[idx].sent);
	return ret;
}

static int stm32_ipcc_send_data(struct mbox_chan *chan, void *data)
{
	struct stm32_ipcc *ipcc = stm32_ipcc_from_chan(chan);
	unsigned int idx = stm32_ipcc_chan_idx(chan);
	int ret;

	if (test_bit(idx, &ipcc->doorbell))
		return stm32_ipcc_ring(ipcc, idx);

	/*
	 * With txdone_irq the core only sends once the previous message is
	 * done; a channel still pending here means the client stopped waiting
	 * (timed out) before the remote freed it. The flag is a doorbell, so
	 * setting it again merges both notifications.
	 */
	if (test_and_set_bit(idx, &ipcc->tx_pending))
		atomic_long_inc(&ipcc->stats[idx].timeouts);

	ret = regmap_write(ipcc->regmap, ipcc->own + IPCC_XSCR,
			   IPCC_CH_HI_BIT(idx));
	if (ret)
		return ret;
	atomic_long_inc(&ipcc->stats[idx].sent);

	/* Unmask TX-free only now that our flag is set */
	return regmap_clear_bits(ipcc->regmap, ipcc->own + IPCC_XMR,
				 IPCC_CH_HI_BIT(idx));
}

static int stm32_ipcc_startup(struct mbox_chan *chan)
{
	struct stm32_ipcc *ipcc = stm32_ipcc_from_chan(chan);
	unsigned int idx = stm32_ipcc_chan_idx(chan);

	/* chan->cl is set and the channel idle: choose how TX completes */
	if (chan->cl->knows_txdone && test_bit(idx, &ipcc->ack_first)) {
		set_bit(idx, &ipcc->doorbell);
		chan->txdone_method = STM32MP_TXDONE_BY_ACK;
	} else {
		clear_bit(idx, &ipcc->doorbell);
		chan->txdone_method = STM32MP_TXDONE_BY_IRQ;
	}

	/* A message that arrived while the channel was closed is kept */
	return regmap_clear_bits(ipcc->regmap, ipcc->own + IPCC_XMR,
				 IPCC_CH_BIT(idx));
}

static void stm32_ipcc_shutdown(struct mbox_chan *chan)
{
	struct stm32_ipcc *ipcc = stm32_ipcc_from_chan(chan);
	unsigned int idx = stm32_ipcc_chan_idx(chan);

	regmap_set_bits(ipcc->regmap, ipcc->own + IPCC_XMR,
			IPCC_CH_BIT(idx) | IPCC_CH_HI_BIT(idx));
	/*
	 * The core clears chan->cl when this returns: a thread that read the
	 * mask before it changed may still be calling this channel's client.
	 * Masked now, so after these no thread touches the channel again.
	 */
	synchronize_irq(ipcc->irq_rx);
	synchronize_irq(ipcc->irq_tx);
	clear_bit(idx, &ipcc->tx_pending);
	/* As registered, before the core turns a TXDONE_BY_ACK into polling */
	clear_bit(idx, &ipcc->doorbell);
	chan->txdone_method = STM32MP_TXDONE_BY_IRQ;
}

/*
 * RIF: our side of a channel the secure firmware marked secure is not ours
 * (a non-secure access is refused by the IPCC, its interrupts go to the
 * secure world). Read at request time: it is the firmware's configuration.
 */
static int stm32_ipcc_chan_rif_check(struct stm32_ipcc *ipcc, unsigned int idx,
				     u32 cell)
{
	u32 seccfgr;
	int ret;

	if (!ipcc->secctrl)
		return 0;

	ret = regmap_read(ipcc->regmap, ipcc->own + IPCC_XSECCFGR, &seccfgr);
	if (ret) {
		dev_err(ipcc->dev, "mailbox cell 0x%x: channel %u: cannot read C%uSECCFGR (%d)\n",
			cell, idx + 1, ipcc->proc_id + 1, ret);
		return ret;
	}
	if (seccfgr & IPCC_CH_BIT(idx)) {
		dev_err(ipcc->dev, "mailbox cell 0x%x: channel %u: reserved to the secure world (C%uSECCFGR)\n",
			cell, idx + 1, ipcc->proc_id + 1);
		return -EACCES;
	}
	return 0;
}

/* <&ipcc cell>: channel index in the low byte, flags above (dt-bindings) */
static struct mbox_chan *stm32_ipcc_xlate(struct mbox_controller *mbox,
					  const struct of_phandle_args *sp)
{
	struct stm32_ipcc *ipcc = container_of(mbox, struct stm32_ipcc, mbox);
	const u32 known = STM32MP_IPCC_IRQ_CONTEXT | STM32MP_IPCC_ACK_FIRST;
	unsigned int idx;
	u32 flags;
	int ret;

	if (sp->args_count != 1) {
		dev_err(ipcc->dev, "%pOF: mailbox specifier needs 1 cell, has %d\n",
			sp->np, sp->args_count);
		return ERR_PTR(-EINVAL);
	}
	idx = sp->args[0] & STM32MP_IPCC_CHAN_MASK;
	flags = sp->args[0] & ~STM32MP_IPCC_CHAN_MASK;
	if (flags & ~known) {
		dev_err(ipcc->dev, "mailbox cell 0x%x: unknown flags 0x%x\n",
			sp->args[0], flags & ~known);
		return ERR_PTR(-EINVAL);
	}
	if (idx >= ipcc->nch) {
		dev_err(ipcc->dev, "mailbox cell 0x%x: channel %u, the IPCC has %u\n",
			sp->args[0], idx + 1, ipcc->nch);
		return ERR_PTR(-EINVAL);
	}
	ret = stm32_ipcc_chan_rif_check(ipcc, idx, sp->args[0]);
	if (ret)
		return ERR_PTR(ret);
	/* Under the core's request lock; a channel in use keeps its mode */
	if (!mbox->chans[idx].cl)
		assign_bit(idx, &ipcc->ack_first,
			   flags & STM32MP_IPCC_ACK_FIRST);
	return &mbox->chans[idx];
}

static const struct mbox_chan_ops stm32_ipcc_ops = {
	.send_data = stm32_ipcc_send_data,
	.startup = stm32_ipcc_startup,
	.shutdown = stm32_ipcc_shutdown,
};

static int stm32_ipcc_counters_show(struct seq_file *s, void *unused)
{
	struct stm32_ipcc *ipcc = s->private;
	unsigned int i;

	seq_puts(s, "channel sent received txdone timeouts coalesced\n");
	for (i = 0; i < ipcc->nch; i++) {
		struct stm32_ipcc_stats *st = &ipcc->stats[i];

		seq_printf(s, "%u %ld %ld %ld %ld %ld\n", i + 1,
			   atomic_long_read(&st->sent),
			   atomic_long_read(&st->received),
			   atomic_long_read(&st->txdone),
			   atomic_long_read(&st->timeouts),
			   atomic_long_read(&st->coalesced));
	}
	seq_printf(s, "rx_polled %ld\n", atomic_long_read(&ipcc->rx_polled));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stm32_ipcc_counters);

enum stm32_ipcc_reg_cond {
	STM32_IPCC_REG_ALWAYS,
	STM32_IPCC_REG_SECCTRL,	/* HWCFGR.SECCTRL != 0 */
	STM32_IPCC_REG_CIDFILT,	/* HWCFGR.CIDWIDTH != 0 */
};

static int stm32_ipcc_regs_show(struct seq_file *s, void *unused)
{
	static const struct {
		const char *name;
		unsigned int off;
		enum stm32_ipcc_reg_cond cond;
	} regs[] = {
		{ "C1CR", IPCC_XCR },
		{ "C1MR", IPCC_XMR },
		{ "C1TOC2SR", IPCC_XTOYSR },
		{ "C2CR", IPCC_PROC_STRIDE + IPCC_XCR },
		{ "C2MR", IPCC_PROC_STRIDE + IPCC_XMR },
		{ "C2TOC1SR", IPCC_PROC_STRIDE + IPCC_XTOYSR },
		{ "C1SECCFGR", IPCC_XSECCFGR, STM32_IPCC_REG_SECCTRL },
		{ "C1PRIVCFGR", IPCC_XPRIVCFGR, STM32_IPCC_REG_SECCTRL },
		{ "C1CIDCFGR", IPCC_XCIDCFGR, STM32_IPCC_REG_CIDFILT },
		{ "C2SECCFGR", IPCC_PROC_STRIDE + IPCC_XSECCFGR,
		  STM32_IPCC_REG_SECCTRL },
		{ "C2PRIVCFGR", IPCC_PROC_STRIDE + IPCC_XPRIVCFGR,
		  STM32_IPCC_REG_SECCTRL },
		{ "C2CIDCFGR", IPCC_PROC_STRIDE + IPCC_XCIDCFGR,
		  STM32_IPCC_REG_CIDFILT },
		{ "HWCFGR", IPCC_HWCFGR },
		{ "VER", IPCC_VER },
		{ "IPIDR", IPCC_IPIDR },
		{ "SIDR", IPCC_SIDR },
	};
	struct stm32_ipcc *ipcc = s->private;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(regs); i++) {
		/* The RIF registers where HWCFGR says the instance has them */
		if ((regs[i].cond == STM32_IPCC_REG_SECCTRL && !ipcc->secctrl) ||
		    (regs[i].cond == STM32_IPCC_REG_CIDFILT && !ipcc->cidfilt))
			continue;
		seq_printf(s, "%-10s 0x%08x\n", regs[i].name,
			   stm32_ipcc_read(ipcc, regs[i].off));
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(stm32_ipcc_regs);

static void stm32_ipcc_debugfs_remove(void *data)
{
	debugfs_remove_recursive(data);
}

static int stm32_ipcc_debugfs_init(struct stm32_ipcc *ipcc)
{
	ipcc->dbg = debugfs_create_dir(dev_name(ipcc->dev),
				       stm32_ipcc_dbg_root);
	debugfs_create_file("counters", 0444, ipcc->dbg, ipcc,
			    &stm32_ipcc_counters_fops);
	debugfs_create_file("regs", 0444, ipcc->dbg, ipcc,
			    &stm32_ipcc_regs_fops);
	debugfs_create_u32("channels", 0444, ipcc->dbg, &ipcc->nch);
	debugfs_create_u32("proc_id", 0444, ipcc->dbg, &ipcc->proc_id);

	return devm_add_action_or_reset(ipcc->dev, stm32_ipcc_debugfs_remove,
					ipcc->dbg);
}

static void stm32_ipcc_hw_disable(void *data)
{
	struct stm32_ipcc *ipcc = data;

	regmap_set_bits(ipcc->regmap, ipcc->own + IPCC_XMR,
			ipcc->all_ch | ipcc->all_ch << IPCC_CH_HI_SHIFT);
	regmap_clear_bits(ipcc->regmap, ipcc->own + IPCC_XCR,
			  IPCC_XCR_RXOIE | IPCC_XCR_TXFIE);
}

static void stm32_ipcc_wakeirq_clear(void *data)
{
	dev_pm_clear_wake_irq(data);
}

static void stm32_ipcc_wakeup_disable(void *data)
{
	device_init_wakeup(data, false);
}

static int stm32_ipcc_wakeup_init(struct stm32_ipcc *ipcc,
				  struct platform_device *pdev)
{
	struct device *dev = ipcc->dev;
	int irq, ret;

	if (!of_property_read_bool(dev->of_node, "wakeup-source"))
		return 0;

	/* A dedicated (EXTI) wake line if described, else the RX line */
	irq = platform_get_irq_byname_optional(pdev, "wakeup");
	if (irq == -EPROBE_DEFER)
		return irq;

	/*
	 * Capable, not enabled (as the in-tree driver): a chatty M4 must not
	 * keep the system from suspending unless the user asks for it
	 * (echo enabled > /sys/devices/.../power/wakeup).
	 */
	device_set_wakeup_capable(dev, true);
	ret = devm_add_action_or_reset(dev, stm32_ipcc_wakeup_disable, dev);
	if (ret)
		return ret;

	if (irq > 0)
		ret = dev_pm_set_dedicated_wake_irq(dev, irq);
	else
		ret = dev_pm_set_wake_irq(dev, ipcc->irq_rx);
	if (ret)
		return dev_err_probe(dev, ret, "cannot set wake irq\n");

	return devm_add_action_or_reset(dev, stm32_ipcc_wakeirq_clear, dev);
}

/*
 * RIF: with CID filtering on, only the static CID reaches our processor's
 * registers. Another CID's block is not Linux's to drive (accesses would be
 * refused and raise illegal-access events): refuse it before touching it.
 */
static int stm32_ipcc_rif_init(struct stm32_ipcc *ipcc, u32 hwcfg)
{
	u32 cidcfgr;
	int ret;

	ipcc->secctrl = FIELD_GET(IPCC_HWCFGR_SECCTRL, hwcfg) != 0;
	ipcc->cidfilt = FIELD_GET(IPCC_HWCFGR_CIDWIDTH, hwcfg) != 0;
	if (!ipcc->cidfilt)
		return 0;

	ret = regmap_read(ipcc->regmap, ipcc->own + IPCC_XCIDCFGR, &cidcfgr);
	if (ret)
		return dev_err_probe(ipcc->dev, ret, "cannot read C%uCIDCFGR\n",
				     ipcc->proc_id + 1);
	if ((cidcfgr & IPCC_CIDCFGR_CFEN) &&
	    FIELD_GET(IPCC_CIDCFGR_SCID, cidcfgr) != IPCC_RIF_CID_CA_NS)
		return dev_err_probe(ipcc->dev, -EPERM,
				     "st,proc-id %u: C%uCIDCFGR 0x%08x assigns the registers to CID %lu, expected CID %u (Linux)\n",
				     ipcc->proc_id, ipcc->proc_id + 1, cidcfgr,
				     FIELD_GET(IPCC_CIDCFGR_SCID, cidcfgr),
				     IPCC_RIF_CID_CA_NS);
	return 0;
}

static struct regmap *stm32_ipcc_get_regmap(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct regmap *map = NULL;
	void __iomem *base;

	if (dev->parent)
		map = dev_get_regmap(dev->parent, stm32_ipcc_regmap_cfg.name);
	if (map)
		return map;

	base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(base))
		return ERR_CAST(base);

	return devm_regmap_init_mmio(dev, base, &stm32_ipcc_regmap_cfg);
}

static int stm32_ipcc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	const char *rx_name, *tx_name;
	struct stm32_ipcc *ipcc;
	struct clk *clk;
	unsigned int i;
	u32 hwcfg, ver;
	int ret;

	ipcc = devm_kzalloc(dev, sizeof(*ipcc), GFP_KERNEL);
	if (!ipcc)
		return -ENOMEM;
	ipcc->dev = dev;

	ret = of_property_read_u32(dev->of_node, "st,proc-id", &ipcc->proc_id);
	if (ret)
		return dev_err_probe(dev, ret, "missing st,proc-id\n");
	if (ipcc->proc_id > 1)
		return dev_err_probe(dev, -EINVAL, "invalid st,proc-id %u\n",
				     ipcc->proc_id);
	ipcc->own = IPCC_PROC_OFFSET(ipcc->proc_id);
	ipcc->other = IPCC_PROC_OFFSET(!ipcc->proc_id);

	ipcc->regmap = stm32_ipcc_get_regmap(pdev);
	if (IS_ERR(ipcc->regmap))
		return dev_err_probe(dev, PTR_ERR(ipcc->regmap),
				     "cannot get registers\n");

	clk = devm_clk_get_enabled(dev, NULL);
	if (IS_ERR(clk))
		return dev_err_probe(dev, PTR_ERR(clk), "cannot enable clock\n");

	ipcc->irq_rx = platform_get_irq_byname(pdev, "rx");
	if (ipcc->irq_rx < 0)
		return ipcc->irq_rx;
	ipcc->irq_tx = platform_get_irq_byname(pdev, "tx");
	if (ipcc->irq_tx < 0)
		return ipcc->irq_tx;

	ret = regmap_read(ipcc->regmap, IPCC_HWCFGR, &hwcfg);
	if (ret)
		return dev_err_probe(dev, ret, "cannot read HWCFGR\n");
	ipcc->nch = FIELD_GET(IPCC_HWCFGR_CHANNELS, hwcfg);
	if (!ipcc->nch || ipcc->nch > IPCC_MAX_CHANNELS)
		return dev_err_probe(dev, -ENODEV,
				     "HWCFGR reports %u channels (1..%u)\n",
				     ipcc->nch, IPCC_MAX_CHANNELS);
	ipcc->all_ch = IPCC_ALL_CH(ipcc->nch);

	ret = stm32_ipcc_rif_init(ipcc, hwcfg);
	if (ret)
		return ret;

	ipcc->stats = devm_kcalloc(dev, ipcc->nch, sizeof(*ipcc->stats),
				   GFP_KERNEL);
	ipcc->mbox.chans = devm_kcalloc(dev, ipcc->nch,
					sizeof(*ipcc->mbox.chans), GFP_KERNEL);
	if (!ipcc->stats || !ipcc->mbox.chans)
		return -ENOMEM;
	for (i = 0; i < ipcc->nch; i++)
		ipcc->mbox.chans[i].con_priv = (void *)(unsigned long)i;

	/* Every channel masked, both interrupts enabled at the IP level */
	ret = regmap_set_bits(ipcc->regmap, ipcc->own + IPCC_XMR,
			      ipcc->all_ch | ipcc->all_ch << IPCC_CH_HI_SHIFT);
	if (!ret)
		ret = regmap_set_bits(ipcc->regmap, ipcc->own + IPCC_XCR,
				      IPCC_XCR_RXOIE | IPCC_XCR_TXFIE);
	if (ret)
		return dev_err_probe(dev, ret, "cannot initialise registers\n");
	ret = devm_add_action_or_reset(dev, stm32_ipcc_hw_disable, ipcc);
	if (ret)
		return ret;

	rx_name = devm_kasprintf(dev, GFP_KERNEL, "%s:rx", dev_name(dev));
	tx_name = devm_kasprintf(dev, GFP_KERNEL, "%s:tx", dev_name(dev));
	if (!rx_name || !tx_name)
		return -ENOMEM;
	ret = devm_request_threaded_irq(dev, ipcc->irq_rx, NULL,
					stm32_ipcc_rx_thread, IRQF_ONESHOT,
					rx_name, ipcc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot request rx irq\n");
	ret = devm_request_threaded_irq(dev, ipcc->irq_tx, NULL,
					stm32_ipcc_tx_thread, IRQF_ONESHOT,
					tx_name, ipcc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot request tx irq\n");

	ret = stm32_ipcc_wakeup_init(ipcc, pdev);
	if (ret)
		return ret;

	ipcc->mbox.dev = dev;
	ipcc->mbox.ops = &stm32_ipcc_ops;
	ipcc->mbox.num_chans = ipcc->nch;
	ipcc->mbox.txdone_irq = true;
	ipcc->mbox.of_xlate = stm32_ipcc_xlate;
	ret = devm_mbox_controller_register(dev, &ipcc->mbox);
	if (ret)
		return dev_err_probe(dev, ret, "cannot register mailbox\n");

	platform_set_drvdata(pdev, ipcc);

	ret = stm32_ipcc_debugfs_init(ipcc);
	if (ret)
		return ret;

	ret = regmap_read(ipcc->regmap, IPCC_VER, &ver);
	if (ret)
		return dev_err_probe(dev, ret, "cannot read VER\n");
	dev_info(dev, "IPCC rev %lu.%lu, %u channels, proc %u%s\n",
		 FIELD_GET(IPCC_VER_MAJREV, ver), FIELD_GET(IPCC_VER_MINREV, ver),
		 ipcc->nch, ipcc->proc_id + 1,
		 device_can_wakeup(dev) ? ", wakeup capable" : "");

	return 0;
}

static int stm32_ipcc_suspend(struct device *dev)
{
	struct stm32_ipcc *ipcc = dev_get_drvdata(dev);
	int ret;

	ret = regmap_read(ipcc->regmap, ipcc->own + IPCC_XCR, &ipcc->saved_cr);
	if (!ret)
		ret = regmap_read(ipcc->regmap, ipcc->own + IPCC_XMR,
				  &ipcc->saved_mr);
	return ret;
}

static int stm32_ipcc_resume(struct device *dev)
{
	struct stm32_ipcc *ipcc = dev_get_drvdata(dev);
	int ret;

	/* MR first: enabling CR with stale masks could fire a spurious IRQ */
	ret = regmap_write(ipcc->regmap, ipcc->own + IPCC_XMR, ipcc->saved_mr);
	if (!ret)
		ret = regmap_write(ipcc->regmap, ipcc->own + IPCC_XCR,
				   ipcc->saved_cr);
	return ret;
}

static DEFINE_SIMPLE_DEV_PM_OPS(stm32_ipcc_pm_ops, stm32_ipcc_suspend,
				stm32_ipcc_resume);

static const struct of_device_id stm32_ipcc_of_match[] = {
	{ .compatible = "st,stm32mp1-ipcc" },
	{ }
};
MODULE_DEVICE_TABLE(of, stm32_ipcc_of_match);

static struct platform_driver stm32_ipcc_driver = {
	.driver = {
		.name = STM32_IPCC_DRV_NAME,
		.of_match_table = stm32_ipcc_of_match,
		.pm = pm_sleep_ptr(&stm32_ipcc_pm_ops),
	},
	.probe = stm32_ipcc_probe,
};

static int __init stm32_ipcc_init(void)
{
	int ret;

	stm32_ipcc_dbg_root = debugfs_create_dir(STM32_IPCC_DRV_NAME, NULL);
	ret = platform_driver_register(&stm32_ipcc_driver);
	if (ret)
		debugfs_remove_recursive(stm32_ipcc_dbg_root);
	return ret;
}
module_init(stm32_ipcc_init);

static void __exit stm32_ipcc_exit(void)
{
	platform_driver_unregister(&stm32_ipcc_driver);
	debugfs_remove_recursive(stm32_ipcc_dbg_root);
}
module_exit(stm32_ipcc_exit);

MODULE_AUTHOR("STM32MP coprocessor driver project");
MODULE_DESCRIPTION("STM32MP1 IPCC mailbox driver");
MODULE_LICENSE("GPL");
MODULE_VERSION("0.2.0");
