// SPDX-License-Identifier: GPL-2.0-only
/*
 * Shared data buffers over RPMsg: the "rpmsg-sdb-channel" service, ST's
 * indirect mode for streams RPMsg's 512-byte copies cannot carry.
 *
 * Each channel is a misc device (/dev/rpmsg-sdb for the first, then
 * rpmsg-sdb1, ...) opened by one process at a time. mmap() takes one buffer
 * from the core's pool and tells the core where it is as the core sees it;
 * the core reports a filled buffer and Linux wakes userspace through the
 * buffer's eventfd (ST's interface) or a record on read()/poll(). The
 * wire format and the user interface are in
 * include/uapi/stm32mp/rpmsg-sdb.h.
 *
 * The pool is the reserved-memory region of the remote processor whose
 * node name starts with "sdb" (a "shared-dma-pool" in its memory-region
 * list): the remoteproc driver made it one of the core's carve-outs, so
 * the carve-out gives the core's address of every buffer (the parent bus
 * dma-ranges, as for the firmware). Allocation and mapping to userspace
 * are the DMA API's (the region is the per-device coherent pool of a
 * device this driver owns), never remap_pfn_range on memory of our own.
 *
 * Lifetime: the instance lives as long as the channel or an open file.
 * When the channel goes (the core stopped or crashed), readers get
 * POLLHUP and -EPIPE, eventfds are signalled, and the buffers return to
 * the pool when the file is closed (the mappings hold it open); close also
 * withdraws every buffer from a still-running core (length 0).
 *
 * Nothing the core sends is trusted: a report names a buffer of this
 * device by id, in the right direction and ownership, with a length that
 * fits; anything else is counted and refused.
 */

#include <linux/dma-mapping.h>
#include <linux/eventfd.h>
#include <linux/fs.h>
#include <linux/idr.h>
#include <linux/kstrtox.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/of_reserved_mem.h>
#include <linux/poll.h>
#include <linux/remoteproc.h>
#include <linux/rpmsg.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <stm32mp/compat.h>
#include <stm32mp/rpmsg-sdb-proto.h>
#include <uapi/stm32mp/rpmsg-sdb.h>

#define SDB_MAX_BUFS	64
#define SDB_EVQ_LEN	256

enum sdb_owner {
	SDB_LINUX,	/* TO_CORE, not submitted */
	SDB_CORE,	/* announced (FROM_CORE) or submitted (TO_CORE) */
	SDB_FULL,	/* FROM_CORE, filled, not released */
	SDB_USER,	/* FULL, its size read through ST's GET_DATA_SIZE */
};

struct sdb_buf {
	void *va;
	dma_addr_t dma;
	u32 da;
	u32 size;
	u32 len;
	u32 dir;
	enum sdb_owner owner;
	struct eventfd_ctx *efd;
};

struct sdb {
	struct device pool;		/* holds the instance; the DMA pool */
	struct miscdevice misc;
	char name[24];
	int ida;
	phys_addr_t pool_pa;
	u64 pool_da;
	u64 pool_size;

	struct mutex lock;		/* open, mmap, ioctl, remove */
	struct rpmsg_device *rpdev;	/* NULL once the channel is gone */
	bool busy;
	u32 next_dir;
	struct eventfd_ctx *next_efd;
	unsigned int nbufs;
	u64 bytes;

	spinlock_t slock;		/* with the callback: below, bufs[] state */
	struct sdb_buf bufs[SDB_MAX_BUFS];
	struct rpmsg_sdb_event evq[SDB_EVQ_LEN];
	unsigned int ev_head, ev_count;
	u32 ev_seq;
	struct rpmsg_sdb_stats st;
	bool dead;
	wait_queue_head_t wq;
};

static DEFINE_IDA(sdb_ida);

static void sdb_pool_release(struct device *dev)
{
	struct sdb *sdb = container_of(dev, struct sdb, pool);

	of_reserved_mem_device_release(dev);
	kfree(sdb);
}

static __printf(2, 3) int sdb_send(struct sdb *sdb, const char *fmt, ...)
{
	char msg[SDB_MSG_MAX];
	va_list args;
	int len, ret;

	lockdep_assert_held(&sdb->lock);
	if (!sdb->rpdev)
		return -EPIPE;
	va_start(args, fmt);
	len = vscnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	ret = rpmsg_send(sdb->rpdev->ept, msg, len);
	if (ret)
		dev_warn_ratelimited(&sdb->rpdev->dev, "cannot send '%s': %d\n",
				     msg, ret);
	else
		sdb->st.tx_msgs++;
	return ret;
}

/* Tell the core where buffer @id is (ST: "B<id>A<addr>L<len>") */
static int sdb_announce(struct sdb *sdb, unsigned int id, u32 size)
{
	struct sdb_buf *b = &sdb->bufs[id];

	return sdb_send(sdb, SDB_MSG_ANNOUNCE,
			b->dir == RPMSG_SDB_TO_CORE ? SDB_KIND_TO_CORE :
			SDB_KIND_FROM_CORE, id, b->da, size);
}

/* Called with slock held: a record for read(), or the buffer's eventfd */
static void sdb_event(struct sdb *sdb, unsigned int id, u32 flags)
{
	struct sdb_buf *b = &sdb->bufs[id];
	struct rpmsg_sdb_event *ev;

	if (b->efd) {
		stm32mp_eventfd_signal(b->efd);
		sdb->ev_seq++;
		return;
	}
	if (sdb->ev_count == SDB_EVQ_LEN) {
		sdb->st.events_lost++;
		sdb->ev_seq++;
		return;
	}
	ev = &sdb->evq[(sdb->ev_head + sdb->ev_count) % SDB_EVQ_LEN];
	ev->id = id;
	ev->len = b->len;
	ev->flags = flags;
	ev->seq = sdb->ev_seq++;
	sdb->ev_count++;
	wake_up_interruptible(&sdb->wq);
}

/* "B<decimal id>L<8 hex digits>", an optional NUL or newline after it */
static int sdb_parse(const void *data, int len, u32 *id, u32 *n)
{
	char s[SDB_MSG_MAX], *l;

	while (len > 0 && (((const char *)data)[len - 1] == '\0' ||
			   ((const char *)data)[len - 1] == '\n'))
		len--;
	if (len < 3 || len >= sizeof(s))
		return -EINVAL;
	memcpy(s, data, len);
	s[len] = '\0';
	l = strchr(s, 'L');
	if (s[0] != 'B' || !l || l == s + 1 || strlen(l + 1) != 8)
		return -EINVAL;
	*l = '\0';
	if (kstrtou32(s + 1, 10, id) || kstrtou32(l + 1, 16, n))
		return -EINVAL;
	return 0;
}

static int sdb_cb(struct rpmsg_device *rpdev, void *data, int len, void *priv,
		  u32 src)
{
	struct sdb *sdb = dev_get_drvdata(&rpdev->dev);
	const char *why = NULL;
	struct sdb_buf *b;
	unsigned long flags;
	u32 id, n;

	/* the endpoint exists before probe has set the instance */
	if (!sdb)
		return 0;
	if (sdb_parse(data, len, &id, &n)) {
		spin_lock_irqsave(&sdb->slock, flags);
		sdb->st.refused++;
		spin_unlock_irqrestore(&sdb->slock, flags);
		dev_warn_ratelimited(&rpdev->dev,
				     "refused a malformed report (%d bytes): want B<id>L<8 hex digits>\n",
				     len);
		return 0;
	}

	spin_lock_irqsave(&sdb->slock, flags);
	if (sdb->dead) {
		spin_unlock_irqrestore(&sdb->slock, flags);
		return 0;
	}
	b = id < SDB_MAX_BUFS ? &sdb->bufs[id] : NULL;
	if (!b || !b->va)
		why = "no such buffer";
	else if (n > b->size)
		why = "length past the end of the buffer";
	else if (b->dir == RPMSG_SDB_TO_CORE && b->owner != SDB_CORE)
		why = "buffer was not submitted to the core";
	else if (b->dir == RPMSG_SDB_FROM_CORE && b->owner == SDB_LINUX)
		why = "buffer is not the core's";

	if (why) {
		sdb->st.refused++;
	} else if (b->dir == RPMSG_SDB_TO_CORE) {
		b->owner = SDB_LINUX;
		b->len = n;
		sdb->st.done++;
		sdb_event(sdb, id, RPMSG_SDB_EV_DONE);
	} else {
		u32 ev = RPMSG_SDB_EV_FILLED;

		if (b->owner == SDB_FULL || b->owner == SDB_USER) {
			/* ST's cores have no flow control: never silent */
			sdb->st.overruns++;
			ev |= RPMSG_SDB_EV_OVERRUN;
		}
		b->owner = SDB_FULL;
		b->len = n;
		sdb->st.filled++;
		sdb_event(sdb, id, ev);
	}
	spin_unlock_irqrestore(&sdb->slock, flags);

	if (why)
		dev_warn_ratelimited(&rpdev->dev,
				     "refused report for buffer %u (length 0x%x): %s\n",
				     id, n, why);
	return 0;
}

static int sdb_open(struct inode *inode, struct file *file)
{
	struct sdb *sdb = container_of(file->private_data, struct sdb, misc);
	int ret = 0;

	/* misc_open() holds misc_mtx: remove cannot have dropped the device */
	mutex_lock(&sdb->lock);
	if (sdb->busy) {
		ret = -EBUSY;
	} else {
		sdb->busy = true;
		get_device(&sdb->pool);
		file->private_data = sdb;
	}
	mutex_unlock(&sdb->lock);
	if (!ret)
		stream_open(inode, file);
	return ret;
}

/* The file is closed, so no mapping is left: give everything back */
static int sdb_release(struct inode *inode, struct file *file)
{
	struct sdb *sdb = file->private_data;
	unsigned int i;

	mutex_lock(&sdb->lock);
	for (i = 0; i < sdb->nbufs; i++) {
		struct sdb_buf *b = &sdb->bufs[i];

		/* a running core must stop writing there: length 0 */
		sdb_announce(sdb, i, 0);
		spin_lock_irq(&sdb->slock);
		b->owner = SDB_LINUX;
		spin_unlock_irq(&sdb->slock);
		dma_free_coherent(&sdb->pool, b->size, b->va, b->dma);
		if (b->efd)
			eventfd_ctx_put(b->efd);
		spin_lock_irq(&sdb->slock);
		memset(b, 0, sizeof(*b));
		spin_unlock_irq(&sdb->slock);
	}
	if (sdb->next_efd)
		eventfd_ctx_put(sdb->next_efd);
	sdb->next_efd = NULL;
	sdb->next_dir = RPMSG_SDB_FROM_CORE;
	sdb->nbufs = 0;
	sdb->bytes = 0;
	spin_lock_irq(&sdb->slock);
	sdb->ev_head = 0;
	sdb->ev_count = 0;
	spin_unlock_irq(&sdb->slock);
	sdb->busy = false;
	mutex_unlock(&sdb->lock);
	put_device(&sdb->pool);
	return 0;
}

static int sdb_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct sdb *sdb = file->private_data;
	size_t size = vma->vm_end - vma->vm_start;
	struct device *dev;
	struct sdb_buf *b;
	unsigned int id;
	dma_addr_t dma;
	u64 da;
	void *va;
	int ret;

	if (vma->vm_pgoff)
		return -EINVAL;
	mutex_lock(&sdb->lock);
	if (!sdb->rpdev) {
		ret = -EPIPE;
		goto out;
	}
	dev = &sdb->rpdev->dev;
	if (sdb->nbufs == SDB_MAX_BUFS || size > U32_MAX) {
		ret = -ENOSPC;
		goto out;
	}
	if (sdb->bytes + size > sdb->pool_size) {
		dev_warn_ratelimited(dev, "pool full: 0x%zx bytes asked, 0x%llx of 0x%llx held\n",
				     size, sdb->bytes, sdb->pool_size);
		ret = -ENOMEM;
		goto out;
	}
	va = dma_alloc_coherent(&sdb->pool, size, &dma, GFP_KERNEL);
	if (!va) {
		ret = -ENOMEM;
		goto out;
	}
	da = sdb->pool_da + (dma - sdb->pool_pa);
	if (da + size - 1 > U32_MAX) {
		dev_warn_ratelimited(dev, "buffer at core address 0x%llx: the message carries 32 bits\n",
				     da);
		ret = -ERANGE;
		goto free;
	}
	ret = dma_mmap_coherent(&sdb->pool, vma, va, dma, size);
	if (ret)
		goto free;

	id = sdb->nbufs;
	b = &sdb->bufs[id];
	spin_lock_irq(&sdb->slock);
	b->va = va;
	b->dma = dma;
	b->da = da;
	b->size = size;
	b->len = 0;
	b->dir = sdb->next_dir;
	b->owner = b->dir == RPMSG_SDB_TO_CORE ? SDB_LINUX : SDB_CORE;
	b->efd = sdb->next_efd;
	spin_unlock_irq(&sdb->slock);
	sdb->next_efd = NULL;
	sdb->nbufs++;
	sdb->bytes += size;
	ret = sdb_announce(sdb, id, size);
	if (!ret)
		goto out;
	/*
	 * The core was not told: mmap() fails, which tears the mapping down,
	 * and the buffer goes back to the pool (its eventfd waits for the
	 * next one)
	 */
	spin_lock_irq(&sdb->slock);
	b->va = NULL;
	b->size = 0;
	sdb->next_efd = b->efd;
	b->efd = NULL;
	spin_unlock_irq(&sdb->slock);
	sdb->nbufs--;
	sdb->bytes -= size;
free:
	dma_free_coherent(&sdb->pool, size, va, dma);
out:
	mutex_unlock(&sdb->lock);
	return ret;
}

static ssize_t sdb_read(struct file *file, char __user *ubuf, size_t count,
			loff_t *ppos)
{
	struct sdb *sdb = file->private_data;
	struct rpmsg_sdb_event ev[16];
	unsigned int n, i;
	int ret;

	if (count < sizeof(ev[0]))
		return -EINVAL;
	spin_lock_irq(&sdb->slock);
	while (!sdb->ev_count && !sdb->dead) {
		spin_unlock_irq(&sdb->slock);
		if (file->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = wait_event_interruptible(sdb->wq,
					       READ_ONCE(sdb->ev_count) ||
					       READ_ONCE(sdb->dead));
		if (ret)
			return ret;
		spin_lock_irq(&sdb->slock);
	}
	n = min3(count / sizeof(ev[0]), ARRAY_SIZE(ev), (size_t)sdb->ev_count);
	for (i = 0; i < n; i++) {
		ev[i] = sdb->evq[sdb->ev_head];
		sdb->ev_head = (sdb->ev_head + 1) % SDB_EVQ_LEN;
	}
	sdb->ev_count -= n;
	spin_unlock_irq(&sdb->slock);
	if (!n)
		return -EPIPE;
	if (copy_to_user(ubuf, ev, n * sizeof(ev[0])))
		return -EFAULT;
	return n * sizeof(ev[0]);
}

static __poll_t sdb_poll(struct file *file, poll_table *wait)
{
	struct sdb *sdb = file->private_data;
	__poll_t mask = 0;

	poll_wait(file, &sdb->wq, wait);
	spin_lock_irq(&sdb->slock);
	if (sdb->ev_count)
		mask |= EPOLLIN | EPOLLRDNORM;
	if (sdb->dead)
		mask |= EPOLLHUP | EPOLLERR;
	spin_unlock_irq(&sdb->slock);
	return mask;
}

/* ST's numbers carry the size of a pointer: 4 or 8 bytes, both accepted */
static bool sdb_st_cmd(unsigned int cmd, unsigned int nr)
{
	return _IOC_TYPE(cmd) == 'R' && _IOC_NR(cmd) == nr &&
	       (_IOC_SIZE(cmd) == 4 || _IOC_SIZE(cmd) == 8);
}

static int sdb_set_efd(struct sdb *sdb, int fd)
{
	struct eventfd_ctx *efd = NULL;

	if (fd >= 0) {
		efd = eventfd_ctx_fdget(fd);
		if (IS_ERR(efd))
			return PTR_ERR(efd);
	}
	/* for the next mmap(); a second call replaces the first */
	if (sdb->next_efd)
		eventfd_ctx_put(sdb->next_efd);
	sdb->next_efd = efd;
	return 0;
}

/* Hand buffer @id back to the core (it reads: free again) */
static int sdb_give_back(struct sdb *sdb, u32 id)
{
	struct sdb_buf *b;
	bool mine;

	if (id >= sdb->nbufs || sdb->bufs[id].dir != RPMSG_SDB_FROM_CORE)
		return -EINVAL;
	b = &sdb->bufs[id];
	spin_lock_irq(&sdb->slock);
	mine = b->owner == SDB_FULL || b->owner == SDB_USER;
	if (mine)
		b->owner = SDB_CORE;
	spin_unlock_irq(&sdb->slock);
	if (!mine)
		return -EBUSY;
	/* ST's cores record the buffer again; ours take it as free */
	return sdb_announce(sdb, id, b->size);
}

/*
 * ST's GET_DATA_SIZE: the length of a filled buffer (~0 if none), which
 * userspace then reads. ST's interface has no release: a buffer read this
 * way goes back to the core when userspace asks for another buffer (it is
 * done with the previous one), or with RPMSG_SDB_IOC_RELEASE.
 */
static int sdb_get_data_size(struct sdb *sdb, u32 id, u32 *len)
{
	unsigned int i;
	bool full;
	int ret;

	if (id >= sdb->nbufs || sdb->bufs[id].dir != RPMSG_SDB_FROM_CORE)
		return -EINVAL;
	spin_lock_irq(&sdb->slock);
	full = sdb->bufs[id].owner == SDB_FULL;
	if (full)
		sdb->bufs[id].owner = SDB_USER;
	*len = full ? sdb->bufs[id].len : U32_MAX;
	spin_unlock_irq(&sdb->slock);
	if (!full)
		return 0;
	for (i = 0; i < sdb->nbufs; i++) {
		if (i == id || sdb->bufs[i].owner != SDB_USER)
			continue;
		ret = sdb_give_back(sdb, i);
		if (ret)
			return ret;
	}
	return 0;
}

static int sdb_submit(struct sdb *sdb, const struct rpmsg_sdb_submit *q)
{
	struct sdb_buf *b;
	int ret = 0;

	if (q->id >= sdb->nbufs)
		return -EINVAL;
	b = &sdb->bufs[q->id];
	if (b->dir != RPMSG_SDB_TO_CORE || !q->len || q->len > b->size)
		return -EINVAL;
	spin_lock_irq(&sdb->slock);
	if (b->owner != SDB_LINUX)
		ret = -EBUSY;
	else
		b->owner = SDB_CORE;
	spin_unlock_irq(&sdb->slock);
	if (ret)
		return ret;
	ret = sdb_send(sdb, SDB_MSG_FILLED, q->id, q->len);
	if (ret) {
		spin_lock_irq(&sdb->slock);
		b->owner = SDB_LINUX;
		spin_unlock_irq(&sdb->slock);
	}
	return ret;
}

/*
 * User memory is copied in and out with sdb->lock released: mmap() takes
 * it under the mmap lock, which a fault on the argument would take.
 */
static long sdb_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct sdb *sdb = file->private_data;
	void __user *argp = (void __user *)arg;
	union {
		struct rpmsg_sdb_ioctl_set_efd efd;
		struct rpmsg_sdb_ioctl_get_data_size size;
		struct rpmsg_sdb_submit submit;
		struct rpmsg_sdb_stats st;
		u32 v;
	} a;
	size_t in = 0, out = 0;
	long ret;

	if (sdb_st_cmd(cmd, 0))
		in = sizeof(a.efd);
	else if (sdb_st_cmd(cmd, 1))
		in = sizeof(a.size);
	else if (cmd == RPMSG_SDB_IOC_RELEASE || cmd == RPMSG_SDB_IOC_DIRECTION)
		in = sizeof(a.v);
	else if (cmd == RPMSG_SDB_IOC_SUBMIT)
		in = sizeof(a.submit);
	else if (cmd == RPMSG_SDB_IOC_STATS)
		out = sizeof(a.st);
	else
		return -ENOTTY;
	if (sdb_st_cmd(cmd, 1))
		out = sizeof(a.size);
	memset(&a, 0, sizeof(a));
	if (in && copy_from_user(&a, argp, in))
		return -EFAULT;

	mutex_lock(&sdb->lock);
	if (sdb_st_cmd(cmd, 0)) {
		ret = sdb_set_efd(sdb, a.efd.eventfd);
	} else if (sdb_st_cmd(cmd, 1)) {
		ret = a.size.bufferId < 0 ? -EINVAL :
		      sdb_get_data_size(sdb, a.size.bufferId, &a.size.size);
	} else if (cmd == RPMSG_SDB_IOC_RELEASE) {
		ret = sdb_give_back(sdb, a.v);
	} else if (cmd == RPMSG_SDB_IOC_DIRECTION) {
		ret = a.v > RPMSG_SDB_TO_CORE ? -EINVAL : 0;
		if (!ret)
			sdb->next_dir = a.v;
	} else if (cmd == RPMSG_SDB_IOC_SUBMIT) {
		ret = sdb_submit(sdb, &a.submit);
	} else {
		spin_lock_irq(&sdb->slock);
		a.st = sdb->st;
		spin_unlock_irq(&sdb->slock);
		a.st.buffers = sdb->nbufs;
		a.st.bytes = sdb->bytes;
		ret = 0;
	}
	mutex_unlock(&sdb->lock);

	if (!ret && out && copy_to_user(argp, &a, out))
		ret = -EFAULT;
	return ret;
}

static const struct file_operations sdb_fops = {
	.owner = THIS_MODULE,
	.open = sdb_open,
	.release = sdb_release,
	.mmap = sdb_mmap,
	.read = sdb_read,
	.poll = sdb_poll,
	.unlocked_ioctl = sdb_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

/*
 * The pool: the core's memory-region whose node name starts with "sdb",
 * and the carve-out the remoteproc driver made of it (the core's address)
 */
static int sdb_find_pool(struct sdb *sdb, struct device *dev,
			 struct device_node **rproc_np, int *idx)
{
	struct rproc *rproc = rproc_get_by_child(dev);
	struct device_node *np, *rnp;
	struct rproc_mem_entry *mem;
	struct reserved_mem *rmem = NULL;
	int i, n;

	if (!rproc || !rproc->dev.parent || !rproc->dev.parent->of_node)
		return dev_err_probe(dev, -ENODEV,
				     "not the channel of a remote processor described in DT\n");
	np = rproc->dev.parent->of_node;
	*rproc_np = np;
	n = of_count_phandle_with_args(np, "memory-region", NULL);
	for (i = 0; i < n && !rmem; i++) {
		rnp = of_parse_phandle(np, "memory-region", i);
		if (rnp && of_node_name_prefix(rnp, "sdb")) {
			rmem = of_reserved_mem_lookup(rnp);
			*idx = i;
		}
		of_node_put(rnp);
	}
	if (!rmem)
		return dev_err_probe(dev, -ENODEV,
				     "%pOF has no memory-region named sdb*: the buffers need a shared-dma-pool the core can reach\n",
				     np);
	list_for_each_entry(mem, &rproc->carveouts, node) {
		if (mem->dma == rmem->base && mem->len >= rmem->size) {
			sdb->pool_pa = rmem->base;
			sdb->pool_da = mem->da;
			sdb->pool_size = rmem->size;
			return 0;
		}
	}
	return dev_err_probe(dev, -ENODEV,
			     "%s is not a memory of the core (no carve-out at %pa)\n",
			     rmem->name, &rmem->base);
}

static void sdb_put(void *data)
{
	put_device(data);
}

static void sdb_ida_free(void *data)
{
	struct sdb *sdb = data;

	ida_free(&sdb_ida, sdb->ida);
}

/*
 * The instance is released by devres, after the core has destroyed the
 * channel's endpoint: a report racing with remove still finds it.
 */
static int sdb_probe(struct rpmsg_device *rpdev)
{
	struct device *dev = &rpdev->dev;
	struct device_node *np;
	struct sdb *sdb;
	int ret, idx;

	sdb = kzalloc(sizeof(*sdb), GFP_KERNEL);
	if (!sdb)
		return -ENOMEM;
	device_initialize(&sdb->pool);
	sdb->pool.release = sdb_pool_release;
	sdb->pool.coherent_dma_mask = DMA_BIT_MASK(64);
	mutex_init(&sdb->lock);
	spin_lock_init(&sdb->slock);
	init_waitqueue_head(&sdb->wq);
	sdb->rpdev = rpdev;
	ret = devm_add_action_or_reset(dev, sdb_put, &sdb->pool);
	if (ret)
		return ret;
	ret = dev_set_name(&sdb->pool, "%s-pool", dev_name(dev));
	if (ret)
		return ret;
	ret = sdb_find_pool(sdb, dev, &np, &idx);
	if (ret)
		return ret;
	ret = of_reserved_mem_device_init_by_idx(&sdb->pool, np, idx);
	if (ret)
		return dev_err_probe(dev, ret, "cannot use the pool\n");

	sdb->ida = ida_alloc(&sdb_ida, GFP_KERNEL);
	if (sdb->ida < 0)
		return sdb->ida;
	ret = devm_add_action_or_reset(dev, sdb_ida_free, sdb);
	if (ret)
		return ret;
	if (sdb->ida)
		snprintf(sdb->name, sizeof(sdb->name), "rpmsg-sdb%d", sdb->ida);
	else
		strscpy(sdb->name, "rpmsg-sdb", sizeof(sdb->name));
	sdb->misc.minor = MISC_DYNAMIC_MINOR;
	sdb->misc.name = sdb->name;
	sdb->misc.fops = &sdb_fops;
	sdb->misc.parent = dev;
	dev_set_drvdata(dev, sdb);
	ret = misc_register(&sdb->misc);
	if (ret)
		return dev_err_probe(dev, ret, "cannot register /dev/%s\n",
				     sdb->name);
	dev_info(dev, "/dev/%s: pool %pa (core 0x%llx), 0x%llx bytes\n",
		 sdb->name, &sdb->pool_pa, sdb->pool_da, sdb->pool_size);
	return 0;
}

/* The endpoint still exists (the core destroys it after this) */
static void sdb_remove(struct rpmsg_device *rpdev)
{
	struct sdb *sdb = dev_get_drvdata(&rpdev->dev);
	unsigned int i;

	misc_deregister(&sdb->misc);
	mutex_lock(&sdb->lock);
	sdb->rpdev = NULL;
	spin_lock_irq(&sdb->slock);
	sdb->dead = true;
	/* legacy readers wake on their eventfd and find -EPIPE */
	for (i = 0; i < sdb->nbufs; i++)
		if (sdb->bufs[i].efd)
			stm32mp_eventfd_signal(sdb->bufs[i].efd);
	spin_unlock_irq(&sdb->slock);
	wake_up_interruptible(&sdb->wq);
	mutex_unlock(&sdb->lock);
}

static const struct rpmsg_device_id sdb_id_table[] = {
	{ .name = "rpmsg-sdb-channel" },
	{ },
};
MODULE_DEVICE_TABLE(rpmsg, sdb_id_table);

static struct rpmsg_driver sdb_driver = {
	.drv.name = KBUILD_MODNAME,
	.id_table = sdb_id_table,
	.probe = sdb_probe,
	.callback = sdb_cb,
	.remove = sdb_remove,
};
module_rpmsg_driver(sdb_driver);

MODULE_DESCRIPTION("Shared data buffers over RPMsg (rpmsg-sdb-channel)");
MODULE_LICENSE("GPL");
