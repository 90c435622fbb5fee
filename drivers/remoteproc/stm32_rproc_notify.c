// SPDX-License-Identifier: GPL-2.0-only
/*
 * STM32MP1 Cortex-M4 remoteproc: IPCC notifications.
 *
 * Receive path. A vring notification arrives as a mailbox RX callback,
 * which only marks the vring and queues its work item (one per vring, on a
 * high-priority workqueue): it never waits, whatever the controller, so
 * the channel is acknowledged at once and a remote that busy-waits for
 * that before notifying again (ST's MAILBOX_Notify) is never held by
 * Linux. The work item runs rproc_vq_interrupt(), whose RPMsg endpoint
 * callbacks may sleep, e.g. in rpmsg_send() waiting for a TX buffer; the
 * two vrings' work items run independently, so the vring 1 notification
 * that returns that buffer is delivered meanwhile. No rproc lock is taken:
 * a stop or a recovery never blocks message delivery.
 *
 * Kicks. A kick is a doorbell: the M4 drains the whole vring per
 * notification. The channel is asked for TX done by the client
 * (knows_txdone); this project's stm32-ipcc grants it where the DT cell
 * says the M4 clears the flag before it reads the ring
 * (STM32MP_IPCC_ACK_FIRST): the kick is done once rung, no TX-free
 * interrupt, and a kick while the M4 has not taken the previous one is
 * merged into it by the controller. Elsewhere (ST's plain cells, other
 * controllers) TX done is the M4's clear, and the driver keeps at most one
 * kick in flight and one pending, rung again on the clear.
 *
 * Safety: notifications are only delivered through a gate that a
 * subdevice opens after every virtio device is up and closes before any is
 * torn down (the gate subdevice is appended last, so it starts last and
 * stops first); closing it waits for deliveries in progress, vring 0
 * (messages) before vring 1 (returned TX buffers), see
 * stm32_rproc_gate_close(). A notification that arrives while the gate is
 * closed is kept and replayed when it opens.
 */

#include <linux/bitops.h>
#include <linux/device.h>
#include <linux/mailbox_client.h>
#include <linux/mailbox_controller.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/remoteproc.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <stm32mp/compat.h>

#include "stm32_rproc.h"

static const char * const stm32_rproc_mbox_names[STM32_MB_NUM] = {
	"vq0", "vq1", "shutdown", "detach",
};

/* One pass over a vring, from its work item, gate open */
static void stm32_rproc_vq_deliver(struct stm32_rproc_mb *mb)
{
	struct stm32_rproc *ddata = mb->ddata;
	unsigned int rings = atomic_xchg(&mb->rings, 0);

	/* The notify id of vring n is n (one vdev, two vrings) */
	if (rproc_vq_interrupt(ddata->rproc, mb->id) == IRQ_HANDLED) {
		mb->empty = 0;
		mb->storm_warned = false;
		return;
	}
	/* A firmware that rings without work is flooding IPCC: say so once */
	mb->empty += rings;
	if (mb->empty >= STM32_RPROC_STORM_EMPTY && !mb->storm_warned) {
		mb->storm_warned = true;
		dev_warn(ddata->dev,
			 "vq%u: %u notifications in a row without work: the %s floods IPCC\n",
			 mb->id, mb->empty, ddata->var->core);
	}
}

static void stm32_rproc_rx_work(struct work_struct *work)
{
	struct stm32_rproc_mb *mb = container_of(work, struct stm32_rproc_mb,
						 rx_work);
	struct stm32_rproc *ddata = mb->ddata;
	bool deliver;

	spin_lock_irq(&ddata->rx_lock);
	deliver = test_bit(mb->id, &ddata->rx_open) &&
		  __test_and_clear_bit(mb->id, &ddata->rx_pending);
	WRITE_ONCE(mb->delivering, deliver);
	spin_unlock_irq(&ddata->rx_lock);
	if (!deliver)
		return;

	stm32_rproc_vq_deliver(mb);
	WRITE_ONCE(mb->delivering, false);
	wake_up_all(&ddata->rx_wq);
}

/*
 * The mailbox RX callback, whatever the controller and its context: note
 * the notification and queue the vring's work. It never waits, so the
 * controller acknowledges the channel at once (a remote that busy-waits
 * for its flag to clear before it notifies again, as ST's MAILBOX_Notify
 * does, is never held by Linux's RPMsg callbacks).
 */
static void stm32_rproc_rx_callback(struct mbox_client *cl, void *data)
{
	struct stm32_rproc_mb *mb = container_of(cl, struct stm32_rproc_mb, cl);
	struct stm32_rproc *ddata = mb->ddata;
	unsigned long flags;

	atomic_inc(&mb->rings);
	spin_lock_irqsave(&ddata->rx_lock, flags);
	__set_bit(mb->id, &ddata->rx_pending);
	if (test_bit(mb->id, &ddata->rx_open))
		queue_work(ddata->wq, &mb->rx_work);
	spin_unlock_irqrestore(&ddata->rx_lock, flags);
}

static void stm32_rproc_gate_open(struct stm32_rproc *ddata)
{
	unsigned int i;

	spin_lock_irq(&ddata->rx_lock);
	for (i = STM32_MB_VQ0; i <= STM32_MB_VQ1; i++) {
		__set_bit(i, &ddata->rx_open);
		/* What arrived while the gate was closed is delivered now */
		if (test_bit(i, &ddata->rx_pending))
			queue_work(ddata->wq, &ddata->mb[i].rx_work);
	}
	spin_unlock_irq(&ddata->rx_lock);
}

/* No more deliveries on vring @id; waits for the one in progress */
static void stm32_rproc_gate_close_vq(struct stm32_rproc *ddata,
				      unsigned int id)
{
	struct stm32_rproc_mb *mb = &ddata->mb[id];

	spin_lock_irq(&ddata->rx_lock);
	__clear_bit(id, &ddata->rx_open);
	__clear_bit(id, &ddata->rx_pending);
	spin_unlock_irq(&ddata->rx_lock);

	if (!wait_event_timeout(ddata->rx_wq, !READ_ONCE(mb->delivering),
				msecs_to_jiffies(STM32_RPROC_RX_DRAIN_MS)))
		dev_warn(ddata->dev,
			 "vq%u: an RPMsg callback still runs after %d ms (waiting for the %s to return a buffer?): waiting for it\n",
			 id, STM32_RPROC_RX_DRAIN_MS, ddata->var->core);
	cancel_work_sync(&mb->rx_work);
}

/*
 * Messages first, TX completions last: an endpoint callback (vring 0) may
 * be blocked in rpmsg_send() until the M4 returns a TX buffer, which only
 * a vring 1 delivery hands back. Closing vring 1 first would hold the stop
 * (and rproc->lock) for virtio_rpmsg's 15 s send timeout; with vring 1 open
 * the wait lasts as long as the M4 takes to return a buffer.
 */
static void stm32_rproc_gate_close(struct stm32_rproc *ddata)
{
	stm32_rproc_gate_close_vq(ddata, STM32_MB_VQ0);
	stm32_rproc_gate_close_vq(ddata, STM32_MB_VQ1);
}

/*
 * An RPMsg driver unbound from (or bound to) our virtio device: the core
 * reset (or set) the vdev status in Linux's table without a kick, so the
 * M4 would not see it. Write it now.
 */
static int stm32_rproc_virtio_event(struct notifier_block *nb,
				    unsigned long action, void *data)
{
	struct stm32_rproc *ddata = container_of(nb, struct stm32_rproc,
						 virtio_nb);
	struct device *dev = data;

	if (action != BUS_NOTIFY_BOUND_DRIVER &&
	    action != BUS_NOTIFY_UNBOUND_DRIVER)
		return NOTIFY_DONE;
	/* virtio device <- rproc-virtio device <- our rproc */
	if (!dev->parent || dev->parent->parent != &ddata->rproc->dev)
		return NOTIFY_DONE;
	stm32_rproc_table_sync(ddata);
	return NOTIFY_OK;
}

static int stm32_rproc_match_rvdev(struct device *dev, void *unused)
{
	return dev_is_platform(dev) && strstarts(dev_name(dev), "rproc-virtio");
}

static int stm32_rproc_any_child(struct device *dev, void *unused)
{
	return 1;
}

static void stm32_rproc_virtio_watch_stop(void *data)
{
	struct stm32_rproc *ddata = data;

	bus_unregister_notifier(ddata->virtio_bus, &ddata->virtio_nb);
}

/* The virtio bus is the core's; found through our first virtio device */
static void stm32_rproc_virtio_watch(struct stm32_rproc *ddata)
{
	struct device *rvdev, *vdev;

	if (ddata->virtio_bus)
		return;
	rvdev = device_find_child(&ddata->rproc->dev, NULL,
				  stm32_rproc_match_rvdev);
	if (!rvdev)
		return;
	vdev = device_find_child(rvdev, NULL, stm32_rproc_any_child);
	put_device(rvdev);
	if (!vdev)
		return;
	ddata->virtio_bus = vdev->bus;
	put_device(vdev);

	ddata->virtio_nb.notifier_call = stm32_rproc_virtio_event;
	if (bus_register_notifier(ddata->virtio_bus, &ddata->virtio_nb) ||
	    devm_add_action_or_reset(ddata->dev, stm32_rproc_virtio_watch_stop,
				     ddata)) {
		dev_warn(ddata->dev, "virtio driver changes will not reach the %s until a kick\n",
			 ddata->var->core);
		ddata->virtio_bus = NULL;
	}
}

int stm32_rproc_gate_start(struct rproc_subdev *subdev)
{
	struct stm32_rproc *ddata = container_of(subdev, struct stm32_rproc,
						 rx_gate);

	stm32_rproc_virtio_watch(ddata);
	/* The vdevs are up: their status and features go to the M4 */
	stm32_rproc_table_sync(ddata);
	stm32_rproc_gate_open(ddata);
	return 0;
}

/*
 * First step of a stop: no more notifications to Linux, then ask the M4 to
 * quiesce *before* the vdevs and their vrings are torn down, so a firmware
 * that honours the request no longer touches shared memory being freed.
 */
void stm32_rproc_gate_stop(struct rproc_subdev *subdev, bool crashed)
{
	struct stm32_rproc *ddata = container_of(subdev, struct stm32_rproc,
						 rx_gate);

	stm32_rproc_gate_close(ddata);
	/*
	 * Only for an M4 Linux started: the same path runs on detach, where
	 * the M4 must go on, and an attached M4 being stopped is asked in
	 * .stop.
	 */
	if (!crashed && ddata->rproc->state == RPROC_RUNNING)
		stm32_rproc_request_shutdown(ddata);
}

/* Appended at each start/attach, after the vdevs: starts last, stops first */
void stm32_rproc_gate_add(struct stm32_rproc *ddata)
{
	if (ddata->rx_gate_added)
		return;
	rproc_add_subdev(ddata->rproc, &ddata->rx_gate);
	ddata->rx_gate_added = true;
}

void stm32_rproc_gate_remove(struct stm32_rproc *ddata)
{
	stm32_rproc_gate_close(ddata);
	if (ddata->rx_gate_added) {
		rproc_remove_subdev(ddata->rproc, &ddata->rx_gate);
		ddata->rx_gate_added = false;
	}
}

static int stm32_rproc_ring(struct stm32_rproc_mb *mb)
{
	int ret = mbox_send_message(mb->chan, STM32MP_MBOX_DOORBELL);

	return ret < 0 ? ret : 0;
}

static void stm32_rproc_kick_done(struct mbox_client *cl, void *msg, int r)
{
	struct stm32_rproc_mb *mb = container_of(cl, struct stm32_rproc_mb, cl);
	unsigned long flags;
	bool again;

	if (mb->doorbell)
		return;
	spin_lock_irqsave(&mb->lock, flags);
	again = mb->again;
	mb->again = false;
	mb->busy = again;
	spin_unlock_irqrestore(&mb->lock, flags);

	/* A kick came while the doorbell was up: ring once more */
	if (again && stm32_rproc_ring(mb)) {
		spin_lock_irqsave(&mb->lock, flags);
		mb->busy = false;
		spin_unlock_irqrestore(&mb->lock, flags);
	}
}

void stm32_rproc_kick(struct rproc *rproc, int vqid)
{
	struct stm32_rproc *ddata = rproc->priv;
	struct stm32_rproc_mb *mb;
	unsigned long flags;
	int ret;

	if (vqid < STM32_MB_VQ0 || vqid > STM32_MB_VQ1) {
		dev_err_ratelimited(ddata->dev, "kick on unknown vring %d\n",
				    vqid);
		return;
	}
	mb = &ddata->mb[vqid];
	stm32_rproc_table_sync(ddata);

	if (mb->doorbell) {
		ret = stm32_rproc_ring(mb);
		if (ret)
			dev_err_ratelimited(ddata->dev, "kick vq%d failed: %d\n",
					    vqid, ret);
		else
			mbox_client_txdone(mb->chan, 0);
		return;
	}

	/*
	 * The IPCC flag is a doorbell: while it is up (the M4 has not
	 * acknowledged) another kick adds nothing but must not be lost, as
	 * the M4 may already have drained the ring. Remember it and ring again
	 * on the acknowledge.
	 */
	spin_lock_irqsave(&mb->lock, flags);
	if (mb->busy) {
		mb->again = true;
		spin_unlock_irqrestore(&mb->lock, flags);
		return;
	}
	mb->busy = true;
	spin_unlock_irqrestore(&mb->lock, flags);

	ret = stm32_rproc_ring(mb);
	if (ret) {
		dev_err_ratelimited(ddata->dev, "kick vq%d failed: %d\n",
				    vqid, ret);
		spin_lock_irqsave(&mb->lock, flags);
		mb->busy = false;
		spin_unlock_irqrestore(&mb->lock, flags);
	}
}

void stm32_rproc_kick_reset(struct stm32_rproc *ddata)
{
	unsigned int i;

	for (i = STM32_MB_VQ0; i <= STM32_MB_VQ1; i++) {
		spin_lock_irq(&ddata->mb[i].lock);
		ddata->mb[i].busy = false;
		ddata->mb[i].again = false;
		spin_unlock_irq(&ddata->mb[i].lock);
	}
}

static void stm32_rproc_free_mbox(void *data)
{
	mbox_free_channel(data);
}

int stm32_rproc_request_mbox(struct stm32_rproc *ddata)
{
	struct device *dev = ddata->dev;
	unsigned int i;
	int ret;

	for (i = 0; i < STM32_MB_NUM; i++) {
		struct stm32_rproc_mb *mb = &ddata->mb[i];
		const char *name = stm32_rproc_mbox_names[i];
		struct mbox_chan *chan;

		mb->ddata = ddata;
		mb->id = i;
		spin_lock_init(&mb->lock);
		INIT_WORK(&mb->rx_work, stm32_rproc_rx_work);
		mb->cl.dev = dev;
		if (i <= STM32_MB_VQ1) {
			mb->cl.rx_callback = stm32_rproc_rx_callback;
			mb->cl.tx_done = stm32_rproc_kick_done;
			/* A kick is done once rung, if the controller agrees */
			mb->cl.knows_txdone = true;
		} else {
			mb->cl.tx_block = true;
			mb->cl.tx_tout = STM32_RPROC_SHUTDOWN_TMO_MS;
		}

		if (of_property_match_string(dev->of_node, "mbox-names",
					     name) < 0) {
			if (i <= STM32_MB_VQ1 && !ddata->var->no_rpmsg)
				dev_info(dev, "no %s mailbox: no RPMsg\n", name);
			continue;
		}
		chan = mbox_request_channel_byname(&mb->cl, name);
		if (IS_ERR(chan))
			return dev_err_probe(dev, PTR_ERR(chan),
					     "cannot get mailbox %s\n", name);
		ret = devm_add_action_or_reset(dev, stm32_rproc_free_mbox, chan);
		if (ret)
			return ret;
		mb->chan = chan;
		mb->doorbell = chan->txdone_method == STM32MP_TXDONE_BY_ACK;
	}
	return 0;
}
