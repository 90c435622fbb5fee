// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit tests: the stm32-ipcc mailbox driver against the virtual-board model.
 *
 * Runs on the virtual board (loaded after the model and the IPCC driver).
 * The test client is the DT node "stm32mp-vboard,ipcc-test-client", whose
 * "mboxes" lists IPCC channels 1..6 in order. The model plays the M4.
 * The RIF cases run the driver on an STM32MP25-like instance: see
 * struct ipcc_rif.
 */

#include <kunit/test.h>
#include <linux/atomic.h>
#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/mailbox_client.h>
#include <linux/mailbox_controller.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_irq.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/regmap.h>
#include <linux/slab.h>

#include <stm32mp/compat.h>
#include <stm32mp/ipcc.h>
#include <stm32mp/ipcc-regs.h>

#include "../model/vboard.h"

static unsigned int hammer_msgs = 10000;
module_param(hammer_msgs, uint, 0444);
MODULE_PARM_DESC(hammer_msgs, "messages per channel and direction in the hammer test");

#define POLL_TIMEOUT_MS		2000

struct ipcc_client {
	struct mbox_client cl;
	struct mbox_chan *chan;
	struct vboard *vb;
	unsigned int ch;
	atomic_t rx;
	atomic_t rx_unacked;	/* the M4 could not ring again from a callback */
	atomic_t rx_flag_up;	/* callbacks that found the M4's flag still up */
	atomic_t resend;	/* callbacks left that make the M4 ring again */
	atomic_t hold_ms;	/* time a callback takes (sleeping) */
	atomic_t busy;		/* a callback is running */
	atomic_t txdone;
	int last_tx_status;
};

struct ipcc_rif;

struct ipcc_ctx {
	struct vboard *vb;
	struct platform_device *client_pdev;
	struct platform_device *ipcc_pdev;
	struct device_node *ipcc_np;
	struct device_driver *drv;	/* stm32-ipcc */
	struct ipcc_rif *rif;		/* a RIF case's instance, if any */
	unsigned int nch;
};

#define poll_until(cond, ms) ({						\
	unsigned long __end = jiffies + msecs_to_jiffies(ms);		\
	bool __ok;							\
	while (!(__ok = (cond)) && time_before(jiffies, __end))		\
		usleep_range(200, 500);					\
	__ok;								\
})

static void ipcc_rx_cb(struct mbox_client *cl, void *msg)
{
	struct ipcc_client *c = container_of(cl, struct ipcc_client, cl);

	/* Acknowledged before the callback, in task context (ipcc.h) */
	might_sleep();
	if (vboard_m4_flag(c->vb, c->ch))
		atomic_inc(&c->rx_flag_up);
	atomic_inc(&c->rx);
	/* The M4 rings again while the client works */
	if (atomic_add_unless(&c->resend, -1, 0) &&
	    vboard_m4_send(c->vb, c->ch))
		atomic_inc(&c->rx_unacked);	/* flag not cleared: fail */
	if (atomic_read(&c->hold_ms)) {
		atomic_set(&c->busy, 1);
		msleep(atomic_read(&c->hold_ms));
		atomic_set(&c->busy, 0);
	}
}

static void ipcc_txdone_cb(struct mbox_client *cl, void *msg, int r)
{
	struct ipcc_client *c = container_of(cl, struct ipcc_client, cl);

	c->last_tx_status = r;
	if (!r)
		atomic_inc(&c->txdone);
}

static struct ipcc_client *ipcc_open_cl(struct kunit *test, unsigned int ch,
					bool block, unsigned int tout_ms,
					bool knows_txdone)
{
	struct ipcc_ctx *ctx = test->priv;
	struct ipcc_client *c;

	c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	c->vb = ctx->vb;
	c->ch = ch;
	c->cl.dev = &ctx->client_pdev->dev;
	c->cl.knows_txdone = knows_txdone;
	c->cl.rx_callback = ipcc_rx_cb;
	c->cl.tx_done = block ? NULL : ipcc_txdone_cb;
	c->cl.tx_block = block;
	c->cl.tx_tout = tout_ms;
	c->chan = mbox_request_channel(&c->cl, ch);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(c->chan), "request ch%u: %ld",
			       ch + 1, PTR_ERR(c->chan));
	return c;
}

static struct ipcc_client *ipcc_open(struct kunit *test, unsigned int ch,
				     bool block, unsigned int tout_ms)
{
	return ipcc_open_cl(test, ch, block, tout_ms, false);
}

static void ipcc_close(struct ipcc_client *c)
{
	if (c && !IS_ERR_OR_NULL(c->chan))
		mbox_free_channel(c->chan);
}

static int ipcc_test_init(struct kunit *test)
{
	struct ipcc_ctx *ctx;
	struct device_node *np;
	unsigned int ch;

	ctx = kunit_kzalloc(test, sizeof(*ctx), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ctx);
	ctx->vb = vboard_get();
	KUNIT_ASSERT_NOT_NULL_MSG(test, ctx->vb, "model not bound");

	np = of_find_compatible_node(NULL, NULL,
				     "stm32mp-vboard,ipcc-test-client");
	KUNIT_ASSERT_NOT_NULL(test, np);
	ctx->client_pdev = of_find_device_by_node(np);
	of_node_put(np);
	KUNIT_ASSERT_NOT_NULL(test, ctx->client_pdev);

	ctx->ipcc_np = of_find_compatible_node(NULL, NULL, "st,stm32mp1-ipcc");
	KUNIT_ASSERT_NOT_NULL(test, ctx->ipcc_np);
	ctx->ipcc_pdev = of_find_device_by_node(ctx->ipcc_np);
	KUNIT_ASSERT_NOT_NULL(test, ctx->ipcc_pdev);
	KUNIT_ASSERT_NOT_NULL_MSG(test, ctx->ipcc_pdev->dev.driver,
				  "stm32-ipcc not bound");
	ctx->drv = ctx->ipcc_pdev->dev.driver;

	ctx->nch = vboard_channels(ctx->vb);
	/* Every test starts with a quiet M4 that does not acknowledge */
	for (ch = 0; ch < IPCC_MAX_CHANNELS; ch++)
		vboard_m4_set_autoack(ctx->vb, ch, false);
	test->priv = ctx;
	return 0;
}

static void ipcc_rif_stop(struct kunit *test);

static void ipcc_test_exit(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	unsigned int ch;

	if (!ctx)
		return;
	/* A RIF case that stopped early: the model's device back first */
	ipcc_rif_stop(test);
	/* Leave no message pending for the next test */
	for (ch = 0; ch < ctx->nch; ch++) {
		vboard_m4_ack(ctx->vb, ch);
		vboard_m4_set_autoack(ctx->vb, ch, false);
	}
	platform_device_put(ctx->ipcc_pdev);
	platform_device_put(ctx->client_pdev);
	of_node_put(ctx->ipcc_np);
}

/* Linux->M4: the send sets our flag; one M4 ack gives exactly one TX done */
static void ipcc_test_send_and_ack(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	struct vboard_m4_chan_stats st0, st;
	struct ipcc_client *c;
	const unsigned int ch = 0;
	u32 flags_reg;

	flags_reg = IPCC_PROC_OFFSET(vboard_linux_proc(ctx->vb)) + IPCC_XTOYSR;
	vboard_m4_stats(ctx->vb, ch, &st0);
	c = ipcc_open(test, ch, false, 0);

	KUNIT_EXPECT_GE(test, mbox_send_message(c->chan, STM32MP_MBOX_DOORBELL), 0);
	KUNIT_EXPECT_TRUE(test, vboard_ipcc_peek(ctx->vb, flags_reg) & BIT(ch));
	KUNIT_EXPECT_TRUE(test, poll_until(({ vboard_m4_stats(ctx->vb, ch, &st);
					      st.rx == st0.rx + 1; }),
					   POLL_TIMEOUT_MS));
	vboard_settle(ctx->vb);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->txdone), 0);

	KUNIT_EXPECT_EQ(test, vboard_m4_ack(ctx->vb, ch), 0);
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&c->txdone) == 1,
					   POLL_TIMEOUT_MS));
	vboard_settle(ctx->vb);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->txdone), 1);
	KUNIT_EXPECT_EQ(test, c->last_tx_status, 0);
	KUNIT_EXPECT_FALSE(test, vboard_ipcc_peek(ctx->vb, flags_reg) & BIT(ch));
	vboard_m4_stats(ctx->vb, ch, &st);
	KUNIT_EXPECT_EQ(test, st.acked - st0.acked, 1);
	ipcc_close(c);
}

/* M4->Linux: one send, exactly one RX callback, and the flag is cleared */
static void ipcc_test_receive_once(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	struct vboard_m4_chan_stats st0, st;
	struct ipcc_client *c;
	const unsigned int ch = 1;

	vboard_m4_stats(ctx->vb, ch, &st0);
	c = ipcc_open(test, ch, false, 0);

	KUNIT_ASSERT_EQ(test, vboard_m4_send(ctx->vb, ch), 0);
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&c->rx) == 1,
					   POLL_TIMEOUT_MS));
	KUNIT_EXPECT_TRUE(test, poll_until(!vboard_m4_flag(ctx->vb, ch),
					   POLL_TIMEOUT_MS));
	vboard_settle(ctx->vb);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->rx), 1);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->rx_unacked), 0);
	/* Cleared before the callback, not after it returned */
	KUNIT_EXPECT_EQ(test, atomic_read(&c->rx_flag_up), 0);
	vboard_m4_stats(ctx->vb, ch, &st);
	KUNIT_EXPECT_EQ(test, st.tx_freed - st0.tx_freed, 1);
	ipcc_close(c);
}

/*
 * What the M4 raises while the client works is served in the same
 * interrupt (the thread looks again), up to STM32MP_IPCC_RX_ROUNDS passes;
 * then the level line raises a new interrupt and nothing is lost.
 */
static void ipcc_test_rx_recheck(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	const unsigned int ch = 1, storm = 100;
	struct ipcc_client *c;
	unsigned long irqs0;

	c = ipcc_open(test, ch, false, 0);
	irqs0 = vboard_line_delivered(ctx->vb, VBOARD_LINE_IPCC_RX);
	atomic_set(&c->resend, 1);
	KUNIT_ASSERT_EQ(test, vboard_m4_send(ctx->vb, ch), 0);
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&c->rx) == 2,
					   POLL_TIMEOUT_MS));
	vboard_settle(ctx->vb);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->rx), 2);
	KUNIT_EXPECT_EQ(test, vboard_line_delivered(ctx->vb, VBOARD_LINE_IPCC_RX) -
			irqs0, 1);

	/* A remote that keeps ringing: bounded passes, every ring served */
	atomic_set(&c->rx, 0);
	irqs0 = vboard_line_delivered(ctx->vb, VBOARD_LINE_IPCC_RX);
	atomic_set(&c->resend, storm);
	KUNIT_ASSERT_EQ(test, vboard_m4_send(ctx->vb, ch), 0);
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&c->rx) == storm + 1,
					   POLL_TIMEOUT_MS));
	vboard_settle(ctx->vb);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->rx), storm + 1);
	KUNIT_EXPECT_EQ(test, vboard_line_delivered(ctx->vb, VBOARD_LINE_IPCC_RX) -
			irqs0, DIV_ROUND_UP(storm + 1, STM32MP_IPCC_RX_ROUNDS));
	KUNIT_EXPECT_EQ(test, atomic_read(&c->rx_unacked), 0);
	KUNIT_EXPECT_FALSE(test, vboard_m4_flag(ctx->vb, ch));
	ipcc_close(c);
}

/*
 * Freeing a channel while its client's callback runs waits for that
 * callback to return: the core forgets the client once the free returns.
 */
static void ipcc_test_free_in_callback(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	const unsigned int ch = 2;
	struct ipcc_client *c;

	c = ipcc_open(test, ch, false, 0);
	atomic_set(&c->hold_ms, 200);
	/* Expectations only: the channel is freed whatever happens */
	KUNIT_EXPECT_EQ(test, vboard_m4_send(ctx->vb, ch), 0);
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&c->busy),
					   POLL_TIMEOUT_MS));
	mbox_free_channel(c->chan);
	c->chan = NULL;
	KUNIT_EXPECT_EQ(test, atomic_read(&c->busy), 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->rx), 1);
}

/*
 * A client that knows its TX done gets a doorbell: no TX-free interrupt, a
 * send while the M4 has not taken the previous one merges into it. The
 * next client of the channel that does not know gets TX-free again.
 */
static void ipcc_test_doorbell(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	unsigned int own = IPCC_PROC_OFFSET(vboard_linux_proc(ctx->vb));
	struct vboard_m4_chan_stats st0, st;
	struct ipcc_client *c;
	const unsigned int ch = 2;

	vboard_m4_stats(ctx->vb, ch, &st0);
	c = ipcc_open_cl(test, ch, false, 0, true);
	KUNIT_EXPECT_EQ(test, c->chan->txdone_method, STM32MP_TXDONE_BY_ACK);

	KUNIT_EXPECT_GE(test, mbox_send_message(c->chan, STM32MP_MBOX_DOORBELL), 0);
	mbox_client_txdone(c->chan, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->txdone), 1);
	KUNIT_EXPECT_TRUE(test, vboard_linux_flag(ctx->vb, ch));
	/* TX-free stays masked: nothing to wait for */
	KUNIT_EXPECT_TRUE(test, vboard_ipcc_peek(ctx->vb, own + IPCC_XMR) &
			  IPCC_CH_HI_BIT(ch));
	KUNIT_EXPECT_TRUE(test, poll_until(({ vboard_m4_stats(ctx->vb, ch, &st);
					      st.rx == st0.rx + 1; }),
					   POLL_TIMEOUT_MS));

	/* Not taken yet: merged, no second interrupt at the M4 */
	KUNIT_EXPECT_GE(test, mbox_send_message(c->chan, STM32MP_MBOX_DOORBELL), 0);
	mbox_client_txdone(c->chan, 0);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->txdone), 2);
	vboard_settle(ctx->vb);
	vboard_m4_stats(ctx->vb, ch, &st);
	KUNIT_EXPECT_EQ(test, st.rx, st0.rx + 1);
	KUNIT_EXPECT_EQ(test, st.lin_sets, st0.lin_sets + 1);

	/* Taken: the next one rings again */
	KUNIT_EXPECT_EQ(test, vboard_m4_ack(ctx->vb, ch), 0);
	KUNIT_EXPECT_GE(test, mbox_send_message(c->chan, STM32MP_MBOX_DOORBELL), 0);
	mbox_client_txdone(c->chan, 0);
	KUNIT_EXPECT_TRUE(test, poll_until(({ vboard_m4_stats(ctx->vb, ch, &st);
					      st.rx == st0.rx + 2; }),
					   POLL_TIMEOUT_MS));
	KUNIT_EXPECT_EQ(test, vboard_m4_ack(ctx->vb, ch), 0);
	ipcc_close(c);

	/*
	 * A channel whose cell lacks STM32MP_IPCC_ACK_FIRST (entry 3 has ST's
	 * 0x100 flag only) is no doorbell: its remote may clear late
	 */
	c = ipcc_open_cl(test, 3, false, 0, true);
	KUNIT_EXPECT_EQ(test, c->chan->txdone_method, STM32MP_TXDONE_BY_IRQ);
	ipcc_close(c);

	/* The channel's next client waits for the M4 as before */
	c = ipcc_open(test, ch, false, 0);
	KUNIT_EXPECT_EQ(test, c->chan->txdone_method, STM32MP_TXDONE_BY_IRQ);
	KUNIT_EXPECT_GE(test, mbox_send_message(c->chan, STM32MP_MBOX_DOORBELL), 0);
	vboard_settle(ctx->vb);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->txdone), 0);
	KUNIT_EXPECT_EQ(test, vboard_m4_ack(ctx->vb, ch), 0);
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&c->txdone) == 1,
					   POLL_TIMEOUT_MS));
	ipcc_close(c);
}

/* A closed (masked) channel keeps the message; opening it delivers once */
static void ipcc_test_masked_channel(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	struct vboard_m4_chan_stats st0, st;
	struct ipcc_client *c;
	const unsigned int ch = 2;

	vboard_m4_stats(ctx->vb, ch, &st0);
	KUNIT_ASSERT_EQ(test, vboard_m4_send(ctx->vb, ch), 0);
	vboard_settle(ctx->vb);
	/* Nobody acknowledged it: it is still pending on the M4 side */
	KUNIT_EXPECT_TRUE(test, vboard_m4_flag(ctx->vb, ch));
	vboard_m4_stats(ctx->vb, ch, &st);
	KUNIT_EXPECT_EQ(test, st.tx_freed, st0.tx_freed);

	c = ipcc_open(test, ch, false, 0);
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&c->rx) == 1,
					   POLL_TIMEOUT_MS));
	KUNIT_EXPECT_TRUE(test, poll_until(!vboard_m4_flag(ctx->vb, ch),
					   POLL_TIMEOUT_MS));
	vboard_settle(ctx->vb);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->rx), 1);
	ipcc_close(c);
}

/* A masked interrupt line loses nothing: the level fires on unmask, once */
static void ipcc_test_masked_line(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	struct ipcc_client *c;
	const unsigned int ch = 3;
	int irq;

	irq = of_irq_get_byname(ctx->ipcc_np, "rx");
	KUNIT_ASSERT_GT(test, irq, 0);
	c = ipcc_open(test, ch, false, 0);

	disable_irq(irq);
	KUNIT_EXPECT_EQ(test, vboard_m4_send(ctx->vb, ch), 0);
	vboard_settle(ctx->vb);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->rx), 0);
	KUNIT_EXPECT_TRUE(test, vboard_m4_flag(ctx->vb, ch));
	enable_irq(irq);

	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&c->rx) == 1,
					   POLL_TIMEOUT_MS));
	KUNIT_EXPECT_TRUE(test, poll_until(!vboard_m4_flag(ctx->vb, ch),
					   POLL_TIMEOUT_MS));
	vboard_settle(ctx->vb);
	KUNIT_EXPECT_EQ(test, atomic_read(&c->rx), 1);
	ipcc_close(c);
}

/* A blocking send the M4 never acknowledges times out; the channel lives on */
static void ipcc_test_blocking_timeout(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	struct ipcc_client *c;
	const unsigned int ch = 4;
	unsigned long t0;

	c = ipcc_open(test, ch, true, 100);

	t0 = jiffies;
	KUNIT_EXPECT_EQ(test, mbox_send_message(c->chan, STM32MP_MBOX_DOORBELL),
			-ETIME);
	KUNIT_EXPECT_GE(test, jiffies_to_msecs(jiffies - t0), 100U);
	KUNIT_EXPECT_TRUE(test, vboard_linux_flag(ctx->vb, ch));

	/* Sending again while the first is unacknowledged times out too */
	KUNIT_EXPECT_EQ(test, mbox_send_message(c->chan, STM32MP_MBOX_DOORBELL),
			-ETIME);

	/* The late ack frees the channel; a new send completes normally */
	KUNIT_EXPECT_EQ(test, vboard_m4_ack(ctx->vb, ch), 0);
	KUNIT_EXPECT_TRUE(test, poll_until(!vboard_linux_flag(ctx->vb, ch),
					   POLL_TIMEOUT_MS));
	vboard_m4_set_autoack(ctx->vb, ch, true);
	/* A successful blocking send returns its (non-negative) queue slot */
	KUNIT_EXPECT_GE(test, mbox_send_message(c->chan, STM32MP_MBOX_DOORBELL),
			0);
	KUNIT_EXPECT_GE(test, mbox_send_message(c->chan, STM32MP_MBOX_DOORBELL),
			0);
	ipcc_close(c);
}

struct hammer_thread {
	struct ipcc_ctx *ctx;
	struct ipcc_client *c;
	unsigned int ch;
	unsigned int n;
	int errors;
	int first_error;
	struct completion done;
};

static int hammer_linux_tx(void *data)
{
	struct hammer_thread *h = data;
	unsigned int i;
	int ret;

	for (i = 0; i < h->n; i++) {
		ret = mbox_send_message(h->c->chan, STM32MP_MBOX_DOORBELL);
		if (ret < 0) {
			if (!h->errors++)
				h->first_error = ret;
		}
	}
	complete(&h->done);
	return 0;
}

static int hammer_m4_tx(void *data)
{
	struct hammer_thread *h = data;
	unsigned int i;
	int ret;

	for (i = 0; i < h->n; i++) {
		ret = vboard_m4_send_wait(h->ctx->vb, h->ch, POLL_TIMEOUT_MS);
		if (ret < 0) {
			if (!h->errors++)
				h->first_error = ret;
		}
	}
	complete(&h->done);
	return 0;
}

static int ipcc_rebind(struct ipcc_ctx *ctx)
{
	device_release_driver(&ctx->ipcc_pdev->dev);
	return device_attach(&ctx->ipcc_pdev->dev);
}

/* HWCFGR decides the channel count the driver exposes */
static void ipcc_test_channel_count(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	struct ipcc_client *c;
	struct mbox_client cl = { .dev = &ctx->client_pdev->dev };
	struct mbox_chan *chan;

	KUNIT_ASSERT_EQ(test, vboard_set_channels(ctx->vb, 3), 0);
	KUNIT_EXPECT_EQ(test, ipcc_rebind(ctx), 1);

	chan = mbox_request_channel(&cl, 3);
	KUNIT_EXPECT_TRUE(test, IS_ERR(chan));
	if (!IS_ERR(chan))
		mbox_free_channel(chan);

	/* The channels that remain work */
	c = ipcc_open(test, 2, false, 0);
	KUNIT_EXPECT_EQ(test, vboard_m4_send(ctx->vb, 2), 0);
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&c->rx) == 1,
					   POLL_TIMEOUT_MS));
	ipcc_close(c);

	KUNIT_ASSERT_EQ(test, vboard_set_channels(ctx->vb, ctx->nch), 0);
	KUNIT_EXPECT_EQ(test, ipcc_rebind(ctx), 1);
	c = ipcc_open(test, ctx->nch - 1, false, 0);
	ipcc_close(c);
}

/* Unbind/rebind cycles are clean and the mailbox works afterwards */
static void ipcc_test_rebind(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	struct ipcc_client *c;
	unsigned int i;

	for (i = 0; i < 5; i++)
		KUNIT_EXPECT_EQ(test, ipcc_rebind(ctx), 1);

	c = ipcc_open(test, 0, true, POLL_TIMEOUT_MS);
	vboard_m4_set_autoack(ctx->vb, 0, true);
	KUNIT_EXPECT_GE(test, mbox_send_message(c->chan, STM32MP_MBOX_DOORBELL),
			0);
	KUNIT_EXPECT_EQ(test, vboard_m4_send(ctx->vb, 0), 0);
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&c->rx) == 1,
					   POLL_TIMEOUT_MS));
	ipcc_close(c);
}

/*
 * RIF (STM32MP25). The model is an STM32MP15: its HWCFGR has no RIF
 * controls and its RIF registers read zero. These cases run a second
 * stm32-ipcc device on the IPCC node, whose parent provides the "ipcc"
 * regmap: the model's registers (the M4 side still works), with HWCFGR's
 * RIF fields and the RIF registers as the case sets them. The
 * model's own IPCC device is unbound meanwhile (same node, same interrupt
 * lines) and bound again by ipcc_rif_stop().
 */
struct ipcc_rif {
	struct regmap *model;		/* the model's "ipcc" regmap */
	u32 hwcfgr;			/* HWCFGR's RIF fields */
	u32 seccfgr[2];			/* per processor (proc-id) */
	u32 privcfgr[2];
	u32 cidcfgr[2];
	atomic_t rif_reads;		/* reads of the RIF registers */
	atomic_t writes;		/* register writes of the driver */
	bool unbound;			/* the model's IPCC device is unbound */
	struct platform_device *parent;	/* provides the regmap */
	struct platform_device *pdev;	/* the RIF instance */
};

/* HWCFGR's RIF fields: SECCFGR and CIDCFGR implemented (any non-zero does) */
#define IPCC_RIF_HWCFGR		(FIELD_PREP(IPCC_HWCFGR_SECCTRL, 1) | \
				 FIELD_PREP(IPCC_HWCFGR_CIDWIDTH, 3))
/* CID filtering on, static CID cid */
#define IPCC_RIF_CID(cid)	(IPCC_CIDCFGR_CFEN | \
				 FIELD_PREP(IPCC_CIDCFGR_SCID, (cid)))

static u32 *ipcc_rif_reg(struct ipcc_rif *rif, unsigned int reg)
{
	unsigned int p, base;

	for (p = 0; p < 2; p++) {
		base = IPCC_PROC_OFFSET(p);
		if (reg == base + IPCC_XSECCFGR)
			return &rif->seccfgr[p];
		if (reg == base + IPCC_XPRIVCFGR)
			return &rif->privcfgr[p];
		if (reg == base + IPCC_XCIDCFGR)
			return &rif->cidcfgr[p];
	}
	return NULL;
}

static int ipcc_rif_reg_read(void *context, unsigned int reg,
			     unsigned int *val)
{
	struct ipcc_rif *rif = context;
	u32 *r = ipcc_rif_reg(rif, reg);
	int ret;

	if (r) {
		atomic_inc(&rif->rif_reads);
		*val = READ_ONCE(*r);
		return 0;
	}
	ret = regmap_read(rif->model, reg, val);
	if (!ret && reg == IPCC_HWCFGR)
		*val = (*val & ~(IPCC_HWCFGR_SECCTRL | IPCC_HWCFGR_CIDWIDTH)) |
		       rif->hwcfgr;
	return ret;
}

static int ipcc_rif_reg_write(void *context, unsigned int reg,
			      unsigned int val)
{
	struct ipcc_rif *rif = context;

	atomic_inc(&rif->writes);
	/* The secure firmware's registers: a non-secure write is ignored */
	if (ipcc_rif_reg(rif, reg))
		return 0;
	return regmap_write(rif->model, reg, val);
}

static const struct regmap_config ipcc_rif_regmap_cfg = {
	.name = "ipcc",
	.reg_bits = 32,
	.val_bits = 32,
	.reg_stride = 4,
	.max_register = IPCC_MMIO_SIZE - 4,
	.reg_read = ipcc_rif_reg_read,
	.reg_write = ipcc_rif_reg_write,
	/* The driver sends under the mailbox core's channel spinlock */
	.fast_io = true,
};

/* A RIF instance for this case, to set up before ipcc_rif_probe() */
static struct ipcc_rif *ipcc_rif_alloc(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	struct ipcc_rif *rif;

	/* kfree()d by ipcc_rif_stop(), after the devices that use it */
	rif = kzalloc(sizeof(*rif), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, rif);
	ctx->rif = rif;
	rif->model = dev_get_regmap(ctx->ipcc_pdev->dev.parent, "ipcc");
	KUNIT_ASSERT_NOT_NULL(test, rif->model);
	return rif;
}

/*
 * (Re)create the RIF instance with the registers as set now. Returns 0 if
 * the driver bound to it, else the probe's error (a second probe, the
 * first one's error is not reported by the device core).
 */
static int ipcc_rif_probe(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	struct ipcc_rif *rif = ctx->rif;
	struct platform_device *pdev;
	struct regmap *map;
	int ret;

	if (!rif->unbound) {
		device_release_driver(&ctx->ipcc_pdev->dev);
		rif->unbound = true;
	}
	if (rif->pdev) {
		platform_device_unregister(rif->pdev);
		rif->pdev = NULL;
	}
	if (!rif->parent) {
		pdev = platform_device_register_simple("ipcc-rif-regs",
						       PLATFORM_DEVID_AUTO,
						       NULL, 0);
		KUNIT_ASSERT_FALSE(test, IS_ERR(pdev));
		rif->parent = pdev;
		map = devm_regmap_init(&pdev->dev, NULL, rif,
				       &ipcc_rif_regmap_cfg);
		KUNIT_ASSERT_FALSE(test, IS_ERR(map));
	}
	atomic_set(&rif->rif_reads, 0);
	atomic_set(&rif->writes, 0);

	pdev = platform_device_alloc("ipcc-rif", PLATFORM_DEVID_AUTO);
	KUNIT_ASSERT_NOT_NULL(test, pdev);
	pdev->dev.parent = &rif->parent->dev;
	/* Put by the platform device's release */
	pdev->dev.of_node = of_node_get(ctx->ipcc_np);
	pdev->dev.of_node_reused = true;
	ret = platform_device_add(pdev);
	if (ret)
		platform_device_put(pdev);
	KUNIT_ASSERT_EQ(test, ret, 0);
	rif->pdev = pdev;

	if (pdev->dev.driver)
		return 0;
	return device_driver_attach(ctx->drv, &pdev->dev);
}

/* Remove the RIF instance, bind the model's IPCC device again */
static void ipcc_rif_stop(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	struct ipcc_rif *rif = ctx->rif;

	if (!rif)
		return;
	ctx->rif = NULL;
	if (rif->pdev)
		platform_device_unregister(rif->pdev);
	if (rif->parent)
		platform_device_unregister(rif->parent);
	if (rif->unbound)
		KUNIT_EXPECT_EQ(test, device_attach(&ctx->ipcc_pdev->dev), 1);
	kfree(rif);
}

/*
 * An STM32MP25-like setup: Linux's processor block for CID 1, the other
 * for the Cortex-M33; channels 3 and 4 (cells 2 and 3) secure on Linux's
 * side; channel 1 secure on the *other* side only, which does not concern
 * Linux. Every channel privileged-only, which Linux is.
 */
static struct ipcc_rif *ipcc_rif_mp25(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	unsigned int lin = vboard_linux_proc(ctx->vb);
	struct ipcc_rif *rif = ipcc_rif_alloc(test);

	rif->hwcfgr = IPCC_RIF_HWCFGR;
	rif->cidcfgr[lin] = IPCC_RIF_CID(IPCC_RIF_CID_CA_NS);
	rif->cidcfgr[!lin] = IPCC_RIF_CID(IPCC_RIF_CID_CM33);
	rif->seccfgr[lin] = IPCC_CH_BIT(2) | IPCC_CH_BIT(3);
	rif->seccfgr[!lin] = IPCC_CH_BIT(0);
	rif->privcfgr[lin] = IPCC_ALL_CH(ctx->nch);
	rif->privcfgr[!lin] = IPCC_ALL_CH(ctx->nch);
	return rif;
}

/* Request the test client's cell idx: 0 (and free it) or the error */
static int ipcc_request_err(struct ipcc_ctx *ctx, unsigned int idx)
{
	struct mbox_client cl = { .dev = &ctx->client_pdev->dev };
	struct mbox_chan *chan;

	chan = mbox_request_channel(&cl, idx);
	if (IS_ERR(chan))
		return PTR_ERR(chan);
	mbox_free_channel(chan);
	return 0;
}

/* A channel secure on Linux's side is refused at request, every time */
static void ipcc_test_rif_secure_refused(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	unsigned int own = IPCC_PROC_OFFSET(vboard_linux_proc(ctx->vb));
	struct ipcc_rif *rif = ipcc_rif_mp25(test);
	int reads;

	KUNIT_ASSERT_EQ(test, ipcc_rif_probe(test), 0);
	reads = atomic_read(&rif->rif_reads);
	KUNIT_EXPECT_EQ(test, ipcc_request_err(ctx, 2), -EACCES);
	/* Cell 3 has ST's 0x100 flag: accepted as such, refused for RIF */
	KUNIT_EXPECT_EQ(test, ipcc_request_err(ctx, 3), -EACCES);
	KUNIT_EXPECT_EQ(test, ipcc_request_err(ctx, 2), -EACCES);
	/* SECCFGR read at each request: the firmware's, not a probe copy */
	KUNIT_EXPECT_EQ(test, atomic_read(&rif->rif_reads) - reads, 3);
	/* ... and left the refused channels masked */
	KUNIT_EXPECT_EQ(test, vboard_ipcc_peek(ctx->vb, own + IPCC_XMR) &
			(IPCC_CH_BIT(2) | IPCC_CH_BIT(3)),
			IPCC_CH_BIT(2) | IPCC_CH_BIT(3));
	ipcc_rif_stop(test);
}

/* The non-secure channels of the same instance work both ways */
static void ipcc_test_rif_nonsecure_accepted(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	struct vboard_m4_chan_stats st0, st;
	struct ipcc_client *c;
	const unsigned int ch = 0;	/* secure on the other side only */
	unsigned int i;

	ipcc_rif_mp25(test);
	KUNIT_ASSERT_EQ(test, ipcc_rif_probe(test), 0);

	vboard_m4_stats(ctx->vb, ch, &st0);
	c = ipcc_open(test, ch, false, 0);
	KUNIT_EXPECT_GE(test, mbox_send_message(c->chan, STM32MP_MBOX_DOORBELL), 0);
	KUNIT_EXPECT_TRUE(test, poll_until(({ vboard_m4_stats(ctx->vb, ch, &st);
					      st.rx == st0.rx + 1; }),
					   POLL_TIMEOUT_MS));
	KUNIT_EXPECT_EQ(test, vboard_m4_ack(ctx->vb, ch), 0);
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&c->txdone) == 1,
					   POLL_TIMEOUT_MS));
	KUNIT_EXPECT_EQ(test, vboard_m4_send(ctx->vb, ch), 0);
	KUNIT_EXPECT_TRUE(test, poll_until(atomic_read(&c->rx) == 1,
					   POLL_TIMEOUT_MS));
	KUNIT_EXPECT_TRUE(test, poll_until(!vboard_m4_flag(ctx->vb, ch),
					   POLL_TIMEOUT_MS));
	ipcc_close(c);

	/* Every other channel but the two secure ones */
	for (i = 1; i < ctx->nch; i++)
		KUNIT_EXPECT_EQ_MSG(test, ipcc_request_err(ctx, i),
				    i == 2 || i == 3 ? -EACCES : 0,
				    "cell %u", i);
	ipcc_rif_stop(test);
}

/* Linux's processor block assigned to another CID: no probe, no access */
static void ipcc_test_rif_wrong_cid(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	unsigned int lin = vboard_linux_proc(ctx->vb);
	struct ipcc_rif *rif = ipcc_rif_mp25(test);

	rif->cidcfgr[lin] = IPCC_RIF_CID(IPCC_RIF_CID_CM33);
	KUNIT_EXPECT_EQ(test, ipcc_rif_probe(test), -EPERM);
	KUNIT_EXPECT_NULL(test, rif->pdev->dev.driver);
	/* Refused before the driver wrote a register */
	KUNIT_EXPECT_EQ(test, atomic_read(&rif->writes), 0);
	/* No mailbox: a request fails at once */
	KUNIT_EXPECT_EQ(test, ipcc_request_err(ctx, 0), -EPROBE_DEFER);

	/* CID 0 (the secure firmware's) is not Linux's either */
	rif->cidcfgr[lin] = IPCC_RIF_CID(0);
	KUNIT_EXPECT_EQ(test, ipcc_rif_probe(test), -EPERM);
	ipcc_rif_stop(test);
}

/* CID filtering on with Linux's CID, or off: the driver binds */
static void ipcc_test_rif_cid_ok(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	unsigned int lin = vboard_linux_proc(ctx->vb);
	struct ipcc_rif *rif = ipcc_rif_alloc(test);

	/* CID filtering only, no security control */
	rif->hwcfgr = FIELD_PREP(IPCC_HWCFGR_CIDWIDTH, 3);
	rif->cidcfgr[lin] = IPCC_RIF_CID(IPCC_RIF_CID_CA_NS);
	/* The other processor's block for the M33 does not matter */
	rif->cidcfgr[!lin] = IPCC_RIF_CID(IPCC_RIF_CID_CM33);
	/* Without SECCTRL, SECCFGR means nothing and is not read */
	rif->seccfgr[lin] = IPCC_ALL_CH(ctx->nch);
	KUNIT_ASSERT_EQ(test, ipcc_rif_probe(test), 0);
	KUNIT_EXPECT_NOT_NULL(test, rif->pdev->dev.driver);
	KUNIT_EXPECT_EQ(test, ipcc_request_err(ctx, 0), 0);
	KUNIT_EXPECT_EQ(test, ipcc_request_err(ctx, 2), 0);
	/* CIDCFGR only, once at probe */
	KUNIT_EXPECT_EQ(test, atomic_read(&rif->rif_reads), 1);

	/* Filtering off: any CID may use the block, SCID is meaningless */
	rif->cidcfgr[lin] = FIELD_PREP(IPCC_CIDCFGR_SCID, IPCC_RIF_CID_CM33);
	KUNIT_ASSERT_EQ(test, ipcc_rif_probe(test), 0);
	KUNIT_EXPECT_EQ(test, ipcc_request_err(ctx, 0), 0);
	ipcc_rif_stop(test);
}

/*
 * STM32MP15: HWCFGR has no RIF controls and the driver reads no RIF
 * register, whatever they would hold (here: everything secure, another
 * CID); every channel is available as before.
 */
static void ipcc_test_rif_mp15_unchanged(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	struct ipcc_rif *rif;
	struct ipcc_client *c;
	unsigned int p, i;

	rif = ipcc_rif_alloc(test);
	rif->hwcfgr = 0;
	for (p = 0; p < 2; p++) {
		rif->seccfgr[p] = IPCC_ALL_CH(ctx->nch);
		rif->privcfgr[p] = IPCC_ALL_CH(ctx->nch);
		rif->cidcfgr[p] = IPCC_RIF_CID(IPCC_RIF_CID_CM33);
	}
	KUNIT_ASSERT_EQ(test, ipcc_rif_probe(test), 0);
	for (i = 0; i < ctx->nch; i++) {
		c = ipcc_open(test, i, false, 0);
		ipcc_close(c);
	}
	KUNIT_EXPECT_EQ(test, atomic_read(&rif->rif_reads), 0);
	ipcc_rif_stop(test);
}

/*
 * Every channel, both directions at once: exact counts, nothing lost.
 * Runs last: it leaves a known traffic pattern in the driver's counters.
 */
static void ipcc_test_hammer(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	struct vboard_m4_chan_stats st0[IPCC_MAX_CHANNELS], st;
	struct hammer_thread *tx, *rx;
	struct ipcc_client **c;
	unsigned int ch, n = hammer_msgs;
	struct task_struct *t;

	tx = kunit_kcalloc(test, ctx->nch, sizeof(*tx), GFP_KERNEL);
	rx = kunit_kcalloc(test, ctx->nch, sizeof(*rx), GFP_KERNEL);
	c = kunit_kcalloc(test, ctx->nch, sizeof(*c), GFP_KERNEL);
	KUNIT_ASSERT_TRUE(test, tx && rx && c);

	/* Fresh driver counters: the guest checks them against this traffic */
	KUNIT_ASSERT_EQ(test, ipcc_rebind(ctx), 1);
	for (ch = 0; ch < ctx->nch; ch++) {
		vboard_m4_stats(ctx->vb, ch, &st0[ch]);
		vboard_m4_set_autoack(ctx->vb, ch, true);
		c[ch] = ipcc_open(test, ch, true, POLL_TIMEOUT_MS);
	}

	for (ch = 0; ch < ctx->nch; ch++) {
		tx[ch] = (struct hammer_thread){ .ctx = ctx, .c = c[ch],
						 .ch = ch, .n = n };
		rx[ch] = tx[ch];
		init_completion(&tx[ch].done);
		init_completion(&rx[ch].done);
		t = kthread_run(hammer_linux_tx, &tx[ch], "ipcc-tx%u", ch + 1);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
		t = kthread_run(hammer_m4_tx, &rx[ch], "ipcc-m4tx%u", ch + 1);
		KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	}

	for (ch = 0; ch < ctx->nch; ch++) {
		wait_for_completion(&tx[ch].done);
		wait_for_completion(&rx[ch].done);
	}

	for (ch = 0; ch < ctx->nch; ch++) {
		KUNIT_EXPECT_EQ_MSG(test, tx[ch].errors, 0, "ch%u tx err %d",
				    ch + 1, tx[ch].first_error);
		KUNIT_EXPECT_EQ_MSG(test, rx[ch].errors, 0, "ch%u m4 err %d",
				    ch + 1, rx[ch].first_error);
		KUNIT_EXPECT_TRUE_MSG(test,
				      poll_until(atomic_read(&c[ch]->rx) == n,
						 POLL_TIMEOUT_MS),
				      "ch%u rx %d of %u", ch + 1,
				      atomic_read(&c[ch]->rx), n);
		KUNIT_EXPECT_TRUE(test, poll_until(!vboard_m4_flag(ctx->vb, ch),
						   POLL_TIMEOUT_MS));
	}
	vboard_settle(ctx->vb);

	for (ch = 0; ch < ctx->nch; ch++) {
		vboard_m4_stats(ctx->vb, ch, &st);
		KUNIT_EXPECT_EQ_MSG(test, atomic_read(&c[ch]->rx), (int)n,
				    "ch%u", ch + 1);
		KUNIT_EXPECT_EQ_MSG(test, st.rx - st0[ch].rx, n, "ch%u", ch + 1);
		KUNIT_EXPECT_EQ_MSG(test, st.acked - st0[ch].acked, n, "ch%u",
				    ch + 1);
		KUNIT_EXPECT_EQ_MSG(test, st.tx - st0[ch].tx, n, "ch%u", ch + 1);
		KUNIT_EXPECT_EQ_MSG(test, st.tx_freed - st0[ch].tx_freed, n,
				    "ch%u", ch + 1);
		ipcc_close(c[ch]);
	}

	/*
	 * Known tail for the debugfs counter check (guest scenario
	 * 20-ipcc-counters): channel 5 gets two blocking sends the M4 does
	 * not acknowledge (the second is counted as a timeout), then a late
	 * acknowledge (one more TX done).
	 */
	vboard_m4_set_autoack(ctx->vb, 4, false);
	c[4] = ipcc_open(test, 4, true, 100);
	KUNIT_EXPECT_EQ(test, mbox_send_message(c[4]->chan, STM32MP_MBOX_DOORBELL),
			-ETIME);
	KUNIT_EXPECT_EQ(test, mbox_send_message(c[4]->chan, STM32MP_MBOX_DOORBELL),
			-ETIME);
	KUNIT_EXPECT_EQ(test, vboard_m4_ack(ctx->vb, 4), 0);
	KUNIT_EXPECT_TRUE(test, poll_until(!vboard_linux_flag(ctx->vb, 4),
					   POLL_TIMEOUT_MS));
	vboard_settle(ctx->vb);
	ipcc_close(c[4]);
}

/* Registers as the reference manual has them, from the Linux side */
static void ipcc_test_registers(struct kunit *test)
{
	struct ipcc_ctx *ctx = test->priv;
	unsigned int own = IPCC_PROC_OFFSET(vboard_linux_proc(ctx->vb));
	u32 all = IPCC_ALL_CH(ctx->nch);
	u32 masked = all | all << IPCC_CH_HI_SHIFT;
	u32 enabled = IPCC_XCR_RXOIE | IPCC_XCR_TXFIE;
	struct ipcc_client *c;
	u32 val;

	val = vboard_ipcc_peek(ctx->vb, IPCC_HWCFGR) & IPCC_HWCFGR_CHANNELS;
	KUNIT_EXPECT_EQ(test, val, ctx->nch);
	val = vboard_ipcc_peek(ctx->vb, own + IPCC_XCR);
	KUNIT_EXPECT_EQ(test, val, enabled);
	/* Closed channels are masked both ways */
	val = vboard_ipcc_peek(ctx->vb, own + IPCC_XMR);
	KUNIT_EXPECT_EQ(test, val, masked);
	c = ipcc_open(test, 5, false, 0);
	KUNIT_EXPECT_FALSE(test, vboard_ipcc_peek(ctx->vb, own + IPCC_XMR) &
			   IPCC_CH_BIT(5));
	KUNIT_EXPECT_EQ(test, vboard_ipcc_peek(ctx->vb, own + IPCC_XSCR), 0);
	ipcc_close(c);
	KUNIT_EXPECT_TRUE(test, vboard_ipcc_peek(ctx->vb, own + IPCC_XMR) &
			  IPCC_CH_BIT(5));
}

static struct kunit_case ipcc_test_cases[] = {
	KUNIT_CASE(ipcc_test_registers),
	KUNIT_CASE(ipcc_test_send_and_ack),
	KUNIT_CASE(ipcc_test_receive_once),
	KUNIT_CASE(ipcc_test_rx_recheck),
	KUNIT_CASE(ipcc_test_free_in_callback),
	KUNIT_CASE(ipcc_test_doorbell),
	KUNIT_CASE(ipcc_test_masked_channel),
	KUNIT_CASE(ipcc_test_masked_line),
	KUNIT_CASE(ipcc_test_blocking_timeout),
	KUNIT_CASE(ipcc_test_channel_count),
	KUNIT_CASE(ipcc_test_rebind),
	KUNIT_CASE(ipcc_test_rif_secure_refused),
	KUNIT_CASE(ipcc_test_rif_nonsecure_accepted),
	KUNIT_CASE(ipcc_test_rif_wrong_cid),
	KUNIT_CASE(ipcc_test_rif_cid_ok),
	KUNIT_CASE(ipcc_test_rif_mp15_unchanged),
	KUNIT_CASE_SLOW(ipcc_test_hammer),
	{}
};

static struct kunit_suite ipcc_test_suite = {
	.name = "stm32_ipcc",
	.init = ipcc_test_init,
	.exit = ipcc_test_exit,
	.test_cases = ipcc_test_cases,
};

kunit_test_suite(ipcc_test_suite);

MODULE_DESCRIPTION("KUnit tests for the STM32 IPCC driver on the virtual board");
MODULE_LICENSE("GPL");
