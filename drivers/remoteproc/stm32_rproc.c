// SPDX-License-Identifier: GPL-2.0-only
/*
 * STM32MP1 Cortex-M4 remote processor driver.
 *
 * Loads an ELF image into the M4 memories described by "memory-region"
 * (M4 addresses from the parent bus "dma-ranges"), starts and stops the M4
 * through its reset and hold-boot controls, kicks vrings and receives their
 * notifications over IPCC mailbox channels, asks the M4 to shut down over
 * the "shutdown" channel, and reports watchdog crashes.
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
 * notification. On this project's stm32-ipcc the channel is asked for TX
 * done by the client (knows_txdone): the kick is done once rung, no TX-free
 * interrupt, and a kick while the M4 has not taken the previous one is
 * merged into it by the controller. On other controllers TX done is the
 * remote's acknowledge, and the driver keeps at most one kick in flight and
 * one pending.
 * Safety: notifications are only delivered through a gate that a
 * subdevice opens after every virtio device is up and closes before any is
 * torn down (the gate subdevice is appended last, so it starts last and
 * stops first); closing it waits for deliveries in progress, vring 0
 * (messages) before vring 1 (returned TX buffers), see
 * stm32_rproc_gate_close(). A notification that arrives while the gate is
 * closed is kept and replayed when it opens.
 *
 * Resource table. The M4 can write its memory at any time, so the core
 * never works on the table there: it uses a Linux-private copy (the core's
 * cached copy of the image's table when Linux boots the M4, a validated copy
 * of the table found in M4 memory when it attaches), and the driver writes
 * that copy to M4 memory before the M4 runs (or right after attaching) and
 * again, if Linux changed it (vdev status, features), before each kick and
 * when the vdevs are up. The M4 sees every Linux update; whatever it writes
 * into its own copy never reaches the core (no unbounded walk of a rewritten
 * table, no check-then-use window on attach).
 */

#include <linux/bitops.h>
#include <linux/debugfs.h>
#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/math64.h>
#include <linux/mailbox_client.h>
#include <linux/mailbox_controller.h>
#include <linux/mfd/syscon.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_address.h>
#include <linux/of_reserved_mem.h>
#include <linux/platform_device.h>
#include <linux/pm_wakeirq.h>
#include <linux/regmap.h>
#include <linux/remoteproc.h>
#include <linux/reset.h>
#include <linux/seq_file.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <stm32mp/compat.h>
#include <stm32mp/ipcc.h>
#include <stm32mp/tamp-regs.h>

/*
 * The module is this one file (plus the validator below): ST documents
 * "file stm32_rproc.c" for dynamic debug, and kbuild cannot link a module
 * from an object of its own name. The validator stays its own source file
 * because the host tools (fuzzer, fwcheck) build it unchanged.
 */
#include "stm32_rproc_fw.h"
#include "stm32_rproc_fw.c"

#define STM32_RPROC_DEFAULT_FW		"rproc-m4-fw"
#define STM32_RPROC_SHUTDOWN_TMO_MS	500
#define STM32_RPROC_MAX_MEMS		16
#define STM32_RPROC_ATTACH_RSC_SIZE	1024	/* table of an attached M4 */
#define STM32_RPROC_CRASH_LOG_MAX	SZ_64K
#define STM32_RPROC_STORM_EMPTY		1000	/* notifications without work */
#define STM32_RPROC_RX_DRAIN_MS		1000	/* then say a callback blocks */

enum stm32_rproc_mbox {
	STM32_MB_VQ0,
	STM32_MB_VQ1,
	STM32_MB_SHUTDOWN,
	STM32_MB_DETACH,
	STM32_MB_NUM
};

static const char * const stm32_rproc_mbox_names[STM32_MB_NUM] = {
	"vq0", "vq1", "shutdown", "detach",
};

struct stm32_syscon {
	struct regmap *map;
	u32 reg;
	u32 mask;
};

struct stm32_rproc_mem {
	phys_addr_t pa;
	u32 da;
	u32 size;
	const char *name;
	unsigned int index;	/* in memory-region */
};

struct stm32_rproc;

struct stm32_rproc_mb {
	struct stm32_rproc *ddata;
	unsigned int id;
	struct mbox_client cl;
	struct mbox_chan *chan;
	/* TX done by our ack: the controller coalesces (stm32mp/ipcc.h) */
	bool doorbell;
	/* else kick coalescing here: one doorbell in flight, one pending */
	spinlock_t lock;
	bool busy;
	bool again;
	struct work_struct rx_work;
	bool delivering;	/* rx_work is in rproc_vq_interrupt() */
	atomic_t rings;		/* notifications since the work last ran */
	unsigned int empty;	/* notifications in a row that found nothing */
	bool storm_warned;
};

struct stm32_rproc {
	struct device *dev;
	struct rproc *rproc;
	struct reset_control *mcu_rst;
	struct reset_control *hold_boot;
	struct stm32_syscon hold_boot_sc;
	struct stm32_syscon pdds;
	struct stm32_syscon m4_state;
	struct stm32_syscon rsc_tbl;
	struct stm32_rproc_mem mems[STM32_RPROC_MAX_MEMS];
	struct stm32_fw_mem fw_mems[STM32_RPROC_MAX_MEMS];	/* for the image */
	unsigned int nmems;
	unsigned int nfw_mems;
	struct stm32_fw_info fw_info;
	struct stm32_rproc_mb mb[STM32_MB_NUM];
	struct workqueue_struct *wq;
	/* receive gate, see the top of the file */
	spinlock_t rx_lock;
	unsigned long rx_open;		/* vrings that may be delivered */
	unsigned long rx_pending;	/* vrings notified, not yet delivered */
	wait_queue_head_t rx_wq;	/* a delivery ended */
	struct rproc_subdev rx_gate;
	bool rx_gate_added;
	bool shutdown_requested;	/* in this run of the M4 */
	int wdg_irq;
	spinlock_t wdg_lock;	/* wdg_irq_enabled vs the handler */
	bool wdg_irq_enabled;
	/* attach: the table an earlier boot stage left in M4 memory */
	void __iomem *rsc_va;
	size_t rsc_size;
	u32 rsc_da;
	/* the M4's copy of the resource table, see the top of the file */
	spinlock_t tbl_lock;	/* tbl_dev, tbl_shadow, tbl_size */
	void __iomem *tbl_dev;	/* NULL: the M4 has no table to update */
	size_t tbl_size;
	u8 *tbl_shadow;		/* what tbl_dev holds */
	u8 *tbl_attach;		/* table_ptr while attached */
	bool fw_parsed;		/* .parse_fw ran for the image .load gets */
	/* virtio driver (un)binds change the vdev status: the M4 sees them */
	struct notifier_block virtio_nb;
	stm32mp_bus_ptr_t virtio_bus;
	bool attached_recovery_off;	/* we turned recovery off on attach */
	/* the M4 log as it was when the M4 crashed */
	struct mutex crash_lock;	/* crash_log* */
	char *crash_log;
	size_t crash_log_len;
	unsigned int crashes;
	u64 crash_time_ns;
};

/* ------------------------------------------------------------ controls */

static int stm32_rproc_syscon_get(struct stm32_rproc *ddata, const char *prop,
				  struct stm32_syscon *sc)
{
	struct device_node *np = ddata->dev->of_node;
	unsigned int args[2];
	struct regmap *map;

	if (!of_find_property(np, prop, NULL))
		return 0;
	map = syscon_regmap_lookup_by_phandle_args(np, prop, 2, args);
	if (IS_ERR(map))
		return dev_err_probe(ddata->dev, PTR_ERR(map),
				     "cannot get %s\n", prop);
	sc->map = map;
	sc->reg = args[0];
	sc->mask = args[1];
	return 0;
}

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

/* ------------------------------------------------------ resource table */

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

static void stm32_rproc_table_push(struct stm32_rproc *ddata, const void *tbl)
{
	unsigned long flags;

	spin_lock_irqsave(&ddata->tbl_lock, flags);
	if (ddata->tbl_dev && tbl)
		stm32_rproc_table_push_locked(ddata, tbl);
	spin_unlock_irqrestore(&ddata->tbl_lock, flags);
}

/* What Linux changed in its table (vdev status, features) goes to the M4 */
static void stm32_rproc_table_sync(struct stm32_rproc *ddata)
{
	stm32_rproc_table_push(ddata, ddata->rproc->table_ptr);
}

/*
 * From now on the M4's table at @dev follows Linux's (@dev NULL: stop).
 * @full: the M4 does not run yet, write the whole table; else tbl_shadow
 * already holds what is there (the attached table as it was validated).
 */
static void stm32_rproc_table_bind(struct stm32_rproc *ddata,
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

/* --------------------------------------------------------- receive gate */

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
			 "vq%u: %u notifications in a row without work: the M4 floods IPCC\n",
			 mb->id, mb->empty);
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
			 "vq%u: an RPMsg callback still runs after %d ms (waiting for the M4 to return a buffer?): waiting for it\n",
			 id, STM32_RPROC_RX_DRAIN_MS);
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

static void stm32_rproc_request_shutdown(struct stm32_rproc *ddata);

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
		dev_warn(ddata->dev, "virtio driver changes will not reach the M4 until a kick\n");
		ddata->virtio_bus = NULL;
	}
}

static int stm32_rproc_gate_start(struct rproc_subdev *subdev)
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
static void stm32_rproc_gate_stop(struct rproc_subdev *subdev, bool crashed)
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
static void stm32_rproc_gate_add(struct stm32_rproc *ddata)
{
	if (ddata->rx_gate_added)
		return;
	rproc_add_subdev(ddata->rproc, &ddata->rx_gate);
	ddata->rx_gate_added = true;
}

static void stm32_rproc_gate_remove(struct stm32_rproc *ddata)
{
	stm32_rproc_gate_close(ddata);
	if (ddata->rx_gate_added) {
		rproc_remove_subdev(ddata->rproc, &ddata->rx_gate);
		ddata->rx_gate_added = false;
	}
}

/* --------------------------------------------------------------- kicks */

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

static void stm32_rproc_kick(struct rproc *rproc, int vqid)
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

static void stm32_rproc_kick_reset(struct stm32_rproc *ddata)
{
	unsigned int i;

	for (i = STM32_MB_VQ0; i <= STM32_MB_VQ1; i++) {
		spin_lock_irq(&ddata->mb[i].lock);
		ddata->mb[i].busy = false;
		ddata->mb[i].again = false;
		spin_unlock_irq(&ddata->mb[i].lock);
	}
}

/* ------------------------------------------------------------ memories */

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

static void *stm32_rproc_da_to_va(struct rproc *rproc, u64 da, size_t len,
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

static int stm32_rproc_parse_memories(struct stm32_rproc *ddata)
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

static int stm32_rproc_prepare(struct rproc *rproc)
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
		/* The coredump holds the M4 memories, not the RPMsg buffers */
		if (strncmp(m->name, "vdev", 4))
			rproc_coredump_add_segment(rproc, m->da, m->size);
	}
	return 0;
}

/* ------------------------------------------------------------ firmware */

static int stm32_rproc_check_fw(struct rproc *rproc, const struct firmware *fw,
				bool report)
{
	struct stm32_rproc *ddata = rproc->priv;
	char msg[STM32_FW_MSG_LEN];
	int ret;

	ret = stm32_fw_check_image(fw->data, fw->size, ddata->fw_mems,
				   ddata->nfw_mems, &ddata->fw_info, msg,
				   sizeof(msg));
	if (ret && report)
		dev_err(ddata->dev, "invalid firmware %s: %s\n", rproc->firmware,
			msg);
	return ret;
}

static int stm32_rproc_sanity_check(struct rproc *rproc,
				    const struct firmware *fw)
{
	return stm32_rproc_check_fw(rproc, fw, true);
}

static int stm32_rproc_parse_fw(struct rproc *rproc, const struct firmware *fw)
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
 * stm32_rproc_start() writes to the M4 (see the top of the file).
 */
static struct resource_table *
stm32_rproc_find_loaded_rsc_table(struct rproc *rproc,
				  const struct firmware *fw)
{
	return NULL;
}

/* The image's table in M4 memory (loaded by now), NULL if none */
static void __iomem *stm32_rproc_loaded_table(struct stm32_rproc *ddata)
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
		"recovery: %s changed since start (resource table 0x%x bytes, running one 0x%zx): not loaded, M4 left crashed; stop, then start it\n",
		rproc->firmware, ddata->fw_info.rsc_size, rproc->table_sz);
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

static u64 stm32_rproc_get_boot_addr(struct rproc *rproc,
				     const struct firmware *fw)
{
	struct stm32_rproc *ddata = rproc->priv;

	return ddata->fw_info.entry;
}

/* ------------------------------------------------------- start and stop */

/* The watchdog line is enabled only while the M4 runs */
static void stm32_rproc_wdg_enable(struct stm32_rproc *ddata, bool on)
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

static int stm32_rproc_start(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;
	int ret;

	stm32_rproc_kick_reset(ddata);
	ddata->shutdown_requested = false;
	ret = stm32_rproc_syscon_write(&ddata->pdds, 0);
	if (ret)
		return ret;

	/*
	 * Boot from a clean reset: hold, reset. MCURST is a pulse on the RCC
	 * (self-clearing, RM0436): there is nothing to deassert, and the
	 * reset driver's deassert would write the clear register.
	 */
	ret = stm32_rproc_set_hold_boot(ddata, true);
	if (!ret)
		ret = reset_control_assert(ddata->mcu_rst);
	if (ret) {
		dev_err(ddata->dev, "cannot reset the M4: %d\n", ret);
		return ret;
	}

	stm32_rproc_table_bind(ddata, stm32_rproc_loaded_table(ddata),
			       rproc->table_sz, true);
	stm32_rproc_gate_add(ddata);
	stm32_rproc_wdg_enable(ddata, true);

	/*
	 * Release the M4 and hold it again at once, as U-Boot and the in-tree
	 * driver do: the release boots it, the hold keeps a later MCU reset
	 * (its watchdog) from rebooting the image behind Linux's back, so a
	 * crashed M4 stays as it crashed until Linux recovers it.
	 */
	ret = stm32_rproc_set_hold_boot(ddata, false);
	if (ret) {
		dev_err(ddata->dev, "cannot release the M4 hold boot: %d\n", ret);
		goto undo;
	}
	ret = stm32_rproc_set_hold_boot(ddata, true);
	if (ret) {
		/* It runs, but a watchdog reset would reboot it: report it */
		dev_err(ddata->dev, "M4 started but cannot be held again: %d\n",
			ret);
		goto undo;
	}
	dev_dbg(ddata->dev, "M4 released, entry 0x%x, table %s\n",
		ddata->fw_info.entry, ddata->tbl_dev ? "written" : "none");
	return 0;

undo:
	stm32_rproc_wdg_enable(ddata, false);
	stm32_rproc_gate_remove(ddata);
	stm32_rproc_table_bind(ddata, NULL, 0, false);
	return ret;
}

/* Ask the M4 something on a request channel; its acknowledge answers */
static void stm32_rproc_request(struct stm32_rproc *ddata, unsigned int id,
				const char *what, const char *consequence)
{
	struct stm32_rproc_mb *mb = &ddata->mb[id];
	int ret;

	if (!mb->chan)
		return;
	dev_dbg(ddata->dev, "%s request sent to the M4\n", what);
	ret = mbox_send_message(mb->chan, STM32MP_MBOX_DOORBELL);
	if (ret >= 0)
		dev_dbg(ddata->dev, "%s request acknowledged\n", what);
	else if (ret == -ETIME)
		dev_warn(ddata->dev,
			 "M4 did not acknowledge the %s request within %d ms%s\n",
			 what, STM32_RPROC_SHUTDOWN_TMO_MS, consequence);
	else if (ret < 0)
		dev_warn(ddata->dev, "%s request failed: %d\n", what, ret);
}

static void stm32_rproc_request_shutdown(struct stm32_rproc *ddata)
{
	if (ddata->shutdown_requested)
		return;
	ddata->shutdown_requested = true;
	stm32_rproc_request(ddata, STM32_MB_SHUTDOWN, "shutdown",
			    ", stopping it anyway");
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
			 "attached: recovery off until detach or stop (a crash leaves the M4 crashed)\n");
	} else if (!attach && ddata->attached_recovery_off) {
		rproc->recovery_disabled = false;
		ddata->attached_recovery_off = false;
	}
}

/* Keep what the M4 logged before it died: recovery reloads the buffer */
static void stm32_rproc_save_crash_log(struct stm32_rproc *ddata)
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

static int stm32_rproc_stop(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;
	int ret;

	stm32_rproc_gate_remove(ddata);
	stm32_rproc_table_bind(ddata, NULL, 0, false);
	if (rproc->state == RPROC_CRASHED)
		stm32_rproc_save_crash_log(ddata);
	stm32_rproc_attached_recovery(ddata, false);

	/* A crashed M4 cannot acknowledge anything */
	if (rproc->state != RPROC_CRASHED)
		stm32_rproc_request_shutdown(ddata);

	stm32_rproc_wdg_enable(ddata, false);

	ret = stm32_rproc_set_hold_boot(ddata, true);
	if (!ret)
		ret = reset_control_assert(ddata->mcu_rst);
	if (ret) {
		dev_err(ddata->dev, "cannot stop the M4: %d\n", ret);
		return ret;
	}

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

/* ------------------------------------------------------ attach, detach */

static int stm32_rproc_attach(struct rproc *rproc)
{
	struct stm32_rproc *ddata = rproc->priv;
	int ret;

	/* The bootloader left BOOT_MCU set: hold, so a crash stays a crash */
	ret = stm32_rproc_set_hold_boot(ddata, true);
	if (ret) {
		dev_err(ddata->dev, "cannot hold the attached M4: %d\n", ret);
		return ret;
	}
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
	stm32_rproc_request(ddata, STM32_MB_DETACH, "detach", "");
	/*
	 * The M4 keeps running, no reset or state change; BOOT_MCU back as
	 * the bootloader left it, so the M4 may reboot on its own again.
	 */
	ret = stm32_rproc_set_hold_boot(ddata, false);
	if (ret)
		dev_err(ddata->dev, "cannot release the M4 hold boot: %d\n", ret);
	return ret;
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
 * Map and check the table a bootloader left for an M4 it started (BKP17R).
 * Called at probe: a bad table means "not attachable", with the reason, and
 * the rproc is offered as offline (a normal start resets the M4).
 */
static int stm32_rproc_map_attach_table(struct stm32_rproc *ddata)
{
	const struct stm32_rproc_mem *m;
	char msg[STM32_FW_MSG_LEN];
	unsigned int da;
	size_t size, avail;
	int ret;

	ret = regmap_read(ddata->rsc_tbl.map, ddata->rsc_tbl.reg, &da);
	if (ret)
		return ret;
	da &= ddata->rsc_tbl.mask;
	if (!da) {
		dev_err(ddata->dev, "cannot attach: resource table address (BKP17R) is 0\n");
		return -EINVAL;
	}
	m = stm32_rproc_find_mem(ddata, da, &avail);
	if (!m) {
		dev_err(ddata->dev,
			"cannot attach: resource table address 0x%x is outside every M4 memory\n",
			da);
		return -EINVAL;
	}
	size = min_t(size_t, avail, STM32_RPROC_ATTACH_RSC_SIZE);

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

static struct resource_table *
stm32_rproc_get_loaded_rsc_table(struct rproc *rproc, size_t *size)
{
	struct stm32_rproc *ddata = rproc->priv;
	char msg[STM32_FW_MSG_LEN];
	int ret;

	if (!ddata->rsc_va)
		return ERR_PTR(-ENODEV);
	/* Checked at probe, but the M4 may have changed it since: again */
	memcpy_fromio(ddata->tbl_attach, ddata->rsc_va, ddata->rsc_size);
	ret = stm32_fw_check_rsc_table(ddata->tbl_attach, ddata->rsc_size,
				       ddata->fw_mems, ddata->nfw_mems,
				       &ddata->fw_info, msg, sizeof(msg));
	if (ret) {
		dev_err(ddata->dev, "cannot attach: table at 0x%x: %s\n",
			ddata->rsc_da, msg);
		return ERR_PTR(ret);
	}
	/* What the M4 has now: Linux's changes are written against it */
	spin_lock_irq(&ddata->tbl_lock);
	memcpy(ddata->tbl_shadow, ddata->tbl_attach, ddata->rsc_size);
	spin_unlock_irq(&ddata->tbl_lock);
	*size = ddata->rsc_size;
	return (struct resource_table *)ddata->tbl_attach;
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
	dev_warn(ddata->dev, "M4 watchdog expired\n");
	rproc_report_crash(ddata->rproc, RPROC_WATCHDOG);
	return IRQ_HANDLED;
}

static const struct rproc_ops stm32_rproc_ops = {
	.prepare = stm32_rproc_prepare,
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

/* --------------------------------------------------------------- probe */

static void stm32_rproc_free_mbox(void *data)
{
	mbox_free_channel(data);
}

static int stm32_rproc_request_mbox(struct stm32_rproc *ddata)
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
			if (i <= STM32_MB_VQ1)
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

static void stm32_rproc_wakeup_disable(void *dev)
{
	device_init_wakeup(dev, false);
}

static void stm32_rproc_wakeirq_clear(void *dev)
{
	dev_pm_clear_wake_irq(dev);
}

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

	if (!of_property_read_bool(dev->of_node, "wakeup-source"))
		return 0;

	ret = device_init_wakeup(dev, true);
	if (!ret)
		ret = devm_add_action_or_reset(dev, stm32_rproc_wakeup_disable,
					       dev);
	if (ret)
		return ret;
	ret = dev_pm_set_wake_irq(dev, irq);
	if (ret)
		return dev_err_probe(dev, ret, "cannot set wake irq\n");
	return devm_add_action_or_reset(dev, stm32_rproc_wakeirq_clear, dev);
}

static unsigned int stm32_rproc_rsc_da(struct stm32_rproc *ddata)
{
	unsigned int da = 0;

	if (ddata->rsc_tbl.map &&
	    !regmap_read(ddata->rsc_tbl.map, ddata->rsc_tbl.reg, &da))
		da &= ddata->rsc_tbl.mask;
	return da;
}

/* CRUN in TAMP and a usable table: the M4 can be attached to */
static bool stm32_rproc_m4_running(struct stm32_rproc *ddata)
{
	unsigned int state;

	if (!ddata->m4_state.map || !ddata->rsc_tbl.map ||
	    regmap_read(ddata->m4_state.map, ddata->m4_state.reg, &state))
		return false;
	state &= ddata->m4_state.mask;
	if (state != STM32MP_M4_STATE_CRUN)
		return false;
	return !stm32_rproc_map_attach_table(ddata);
}

static int stm32_rproc_crash_log_show(struct seq_file *s, void *unused)
{
	struct stm32_rproc *ddata = s->private;

	mutex_lock(&ddata->crash_lock);
	if (ddata->crash_log) {
		u64 t = ddata->crash_time_ns;
		u32 ms;

		t = div_u64_rem(t, NSEC_PER_SEC, &ms);
		seq_printf(s, "# M4 log saved at crash %u (boot time %llu.%03u s)\n",
			   ddata->crashes, t, (u32)(ms / NSEC_PER_MSEC));
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
static void stm32_rproc_debugfs_init(struct stm32_rproc *ddata)
{
	struct dentry *d;

	if (!ddata->rproc->dbg_dir)
		return;
	d = debugfs_create_file("trace0_crash", 0400, ddata->rproc->dbg_dir,
				ddata, &stm32_rproc_crash_log_fops);
	devm_add_action_or_reset(ddata->dev, stm32_rproc_debugfs_remove, d);
}

static void stm32_rproc_free_crash_log(void *data)
{
	struct stm32_rproc *ddata = data;

	kfree(ddata->crash_log);
}

static void stm32_rproc_wq_destroy(void *data)
{
	destroy_workqueue(data);
}

/*
 * "st,auto-boot;" (the binding's boolean) or "st,auto-boot = <1>;" as ST's
 * DTs write it; "= <0>" means no.
 */
static bool stm32_rproc_auto_boot(struct device_node *np)
{
	u32 val;

	if (!of_find_property(np, "st,auto-boot", NULL))
		return false;
	return of_property_read_u32(np, "st,auto-boot", &val) || val;
}

static int stm32_rproc_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct device_node *np = dev->of_node;
	const char *fw_name = STM32_RPROC_DEFAULT_FW;
	struct stm32_rproc *ddata;
	struct rproc *rproc;
	int ret;

	of_property_read_string(np, "firmware-name", &fw_name);
	rproc = devm_rproc_alloc(dev, np->name, &stm32_rproc_ops, fw_name,
				 sizeof(*ddata));
	if (!rproc)
		return -ENOMEM;

	ddata = rproc->priv;
	ddata->dev = dev;
	ddata->rproc = rproc;
	spin_lock_init(&ddata->rx_lock);
	spin_lock_init(&ddata->wdg_lock);
	spin_lock_init(&ddata->tbl_lock);
	mutex_init(&ddata->crash_lock);
	init_waitqueue_head(&ddata->rx_wq);
	ddata->tbl_shadow = devm_kzalloc(dev, STM32_FW_RSC_MAX, GFP_KERNEL);
	ddata->tbl_attach = devm_kzalloc(dev, STM32_FW_RSC_MAX, GFP_KERNEL);
	if (!ddata->tbl_shadow || !ddata->tbl_attach)
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

	ddata->mcu_rst = devm_reset_control_get_exclusive(dev, "mcu_rst");
	if (IS_ERR(ddata->mcu_rst))
		return dev_err_probe(dev, PTR_ERR(ddata->mcu_rst),
				     "cannot get mcu_rst reset\n");
	ret = stm32_rproc_syscon_get(ddata, "st,syscfg-holdboot",
				     &ddata->hold_boot_sc);
	if (ret)
		return ret;
	ddata->hold_boot = devm_reset_control_get_optional_exclusive(dev,
								     "hold_boot");
	if (IS_ERR(ddata->hold_boot))
		return dev_err_probe(dev, PTR_ERR(ddata->hold_boot),
				     "cannot get hold_boot reset\n");
	if (!ddata->hold_boot && !ddata->hold_boot_sc.map)
		return dev_err_probe(dev, -EINVAL,
				     "no hold boot control (hold_boot reset or st,syscfg-holdboot)\n");

	ret = stm32_rproc_syscon_get(ddata, "st,syscfg-pdds", &ddata->pdds);
	if (!ret)
		ret = stm32_rproc_syscon_get(ddata, "st,syscfg-m4-state",
					     &ddata->m4_state);
	if (!ret)
		ret = stm32_rproc_syscon_get(ddata, "st,syscfg-rsc-tbl",
					     &ddata->rsc_tbl);
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

	ret = devm_add_action_or_reset(dev, stm32_rproc_free_crash_log, ddata);
	if (ret)
		return ret;

	if (stm32_rproc_m4_running(ddata)) {
		/* Started by a bootloader: offer to attach */
		rproc->state = RPROC_DETACHED;
		dev_info(dev, "M4 running (CRUN), resource table at 0x%x: attachable\n",
			 stm32_rproc_rsc_da(ddata));
	} else {
		/* Keep the M4 from booting until Linux starts it */
		ret = stm32_rproc_set_hold_boot(ddata, true);
		if (ret)
			return dev_err_probe(dev, ret, "cannot hold the M4\n");
	}

	ret = devm_rproc_add(dev, rproc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot register rproc\n");

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
			dev_err(&pdev->dev, "cannot detach from the M4: %d\n", ret);
		else
			dev_info(&pdev->dev, "detached: the M4 keeps running\n");
	}
	return STM32MP_REMOVE_OK;
}

static const struct of_device_id stm32_rproc_of_match[] = {
	{ .compatible = "st,stm32mp1-m4" },
	{ }
};
MODULE_DEVICE_TABLE(of, stm32_rproc_of_match);

static struct platform_driver stm32_rproc_driver = {
	.probe = stm32_rproc_probe,
	.remove = stm32_rproc_remove,
	.driver = {
		.name = "stm32-rproc",
		.of_match_table = stm32_rproc_of_match,
	},
};
module_platform_driver(stm32_rproc_driver);

MODULE_AUTHOR("STM32MP coprocessor driver project");
MODULE_DESCRIPTION("STM32MP1 Cortex-M4 remoteproc driver");
MODULE_LICENSE("GPL");
MODULE_VERSION("0.2.0");
