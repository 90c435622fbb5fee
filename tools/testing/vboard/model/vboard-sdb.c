// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual STM32MP15 board: the M4's side of "rpmsg-sdb-channel" (shared
 * data buffers, drivers/rpmsg/rpmsg_sdb.c), as ST's logic-analyser example
 * plays it, for images with VBOARD_SVC_SDB.
 *
 * Linux announces each buffer with "B<id>A<addr>L<len>" (the core fills
 * it) or "T<id>A<addr>L<len>" (Linux fills it); the address is the M4's.
 * A "B" buffer announced again is free again (Linux took its data); length
 * 0 withdraws it. The producer fills free "B" buffers with a
 * sequence-numbered pattern at the rate the "sdb" debugfs knob asks and
 * reports "B<id>L<len>"; a buffer due when none is free is lost, counted
 * here, and its sequence number skipped so Linux sees the gap. A "T"
 * buffer Linux submits ("B<id>L<len>") is checked word by word and handed
 * back the same way.
 *
 * /sys/kernel/debug/vboard/sdb, written:
 *   "produce COUNT LEN RATE [stamp]"
 *                             COUNT buffers of LEN bytes (0: the whole
 *                             buffer) at RATE KiB/s (0: as fast as Linux
 *                             frees buffers); "produce 0 0 0" stops;
 *                             "stamp": header and last word only (the
 *                             benchmark: the model's CPU does not write
 *                             the payload, as a DMA engine's would not)
 *   "hostile KIND"            one bad report: id, past-end, format, address
 * read: "buffers N free F produced P lost L consumed C errors E bad B"
 */

#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/kstrtox.h>
#include <linux/math64.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>

#include <stm32mp/rpmsg-sdb-proto.h>

#include "vboard-internal.h"
#include "../fw/vboard-fw.h"

#define SDB_BUFS	64

struct sdb_buf {
	u32 da;
	u32 size;
	u32 *va;
	bool tx;	/* Linux fills it */
	bool free;	/* "B": the M4 may fill it */
};

struct vboard_sdb {
	struct vboard_m4 *m;
	spinlock_t lock;	/* the knobs, against the M4 thread */
	u64 want;		/* buffers left to produce */
	u32 chunk;
	u32 rate_kib;
	bool stamp;		/* header and last word only */
	char hostile[16];
	ktime_t start;
	u64 due;		/* buffers due since start */

	/* the M4 thread's */
	struct sdb_buf buf[SDB_BUFS];
	u32 linux_addr;
	u32 seq;
	unsigned int next;

	/* counters, read by debugfs */
	u64 produced;
	u64 lost;
	u64 consumed;
	u64 errors;		/* TO_CORE data not what the pattern says */
	u64 bad;		/* announcements the M4 could not use */
};

static __printf(2, 3) void sdb_reply(struct vboard_sdb *s, const char *fmt, ...)
{
	char msg[SDB_MSG_MAX];
	va_list args;
	int n;

	va_start(args, fmt);
	n = vscnprintf(msg, sizeof(msg), fmt, args);
	va_end(args);
	vboard_m4emu_send(s->m, VBOARD_ADDR_SDB, s->linux_addr, msg, n);
}

void vboard_sdb_reset(struct vboard_sdb *s)
{
	memset(s->buf, 0, sizeof(s->buf));
	s->next = 0;
}

static void sdb_announce(struct vboard_sdb *s, bool tx, u32 id, u32 da, u32 len)
{
	struct sdb_buf *b;

	if (id >= SDB_BUFS) {
		s->bad++;
		return;
	}
	b = &s->buf[id];
	if (!len) {
		memset(b, 0, sizeof(*b));
		return;
	}
	b->va = vboard_m4emu_da_to_va(s->m, da, len);
	if (!b->va || len & 3) {
		vboard_m4emu_log(s->m, "sdb: buffer %u at 0x%x (0x%x bytes) is not M4 memory",
				 id, da, len);
		memset(b, 0, sizeof(*b));
		s->bad++;
		return;
	}
	b->da = da;
	b->size = len;
	b->tx = tx;
	b->free = !tx;
}

/* Linux filled buffer @id for the M4: check it, hand it back */
static void sdb_consume(struct vboard_sdb *s, u32 id, u32 len)
{
	struct sdb_buf *b = id < SDB_BUFS ? &s->buf[id] : NULL;
	u32 i, seq;

	if (!b || !b->va || !b->tx || len > b->size || len < 8) {
		s->bad++;
		return;
	}
	seq = READ_ONCE(b->va[0]);
	for (i = 2; i < len / 4; i++)
		if (READ_ONCE(b->va[i]) != vboard_sdb_word(seq, i))
			break;
	if (i < len / 4 || READ_ONCE(b->va[1]) != len)
		s->errors++;
	else
		s->consumed++;
	sdb_reply(s, SDB_MSG_FILLED, id, len);
}

void vboard_sdb_rx(struct vboard_sdb *s, u32 src, const u8 *data, u32 len)
{
	char msg[SDB_MSG_MAX];
	u32 id, da, n;
	char c;

	len = min_t(u32, len, sizeof(msg) - 1);
	memcpy(msg, data, len);
	msg[len] = '\0';
	s->linux_addr = src;
	if (sscanf(msg, SDB_MSG_ANNOUNCE, &c, &id, &da, &n) == 4 &&
	    (c == SDB_KIND_FROM_CORE || c == SDB_KIND_TO_CORE))
		sdb_announce(s, c == SDB_KIND_TO_CORE, id, da, n);
	else if (sscanf(msg, SDB_MSG_FILLED, &id, &n) == 2)
		sdb_consume(s, id, n);
	else
		s->bad++;
}

static void sdb_fill(struct vboard_sdb *s, unsigned int id, u32 len,
		     bool stamp)
{
	struct sdb_buf *b = &s->buf[id];
	u32 i;

	b->va[0] = s->seq;
	b->va[1] = len;
	if (stamp)
		b->va[len / 4 - 1] = vboard_sdb_word(s->seq, len / 4 - 1);
	else
		for (i = 2; i < len / 4; i++)
			b->va[i] = vboard_sdb_word(s->seq, i);
	b->free = false;
	sdb_reply(s, SDB_MSG_FILLED, id, len);
}

static bool sdb_hostile(struct vboard_sdb *s, const char *kind)
{
	u32 past = s->buf[0].size + 4;

	if (!strcmp(kind, "id"))
		sdb_reply(s, SDB_MSG_FILLED, 77, 16);
	else if (!strcmp(kind, "past-end"))
		sdb_reply(s, SDB_MSG_FILLED, 0, past);
	else if (!strcmp(kind, "format"))
		sdb_reply(s, "B0Lxyz");
	else if (!strcmp(kind, "address"))
		sdb_reply(s, "B0A%08xL%08x", 0x1000, 16);
	else
		return false;
	vboard_m4emu_log(s->m, "sdb: hostile report '%s' (by design)", kind);
	return true;
}

/*
 * Fill what is due: true if the M4 should come back at once (buffers due
 * and free, or queued messages to push)
 */
bool vboard_sdb_produce(struct vboard_sdb *s)
{
	char hostile[16] = "";
	u64 due, want;
	u32 chunk, rate;
	unsigned int i;
	bool stamp;

	spin_lock(&s->lock);
	want = s->want;
	stamp = s->stamp;
	chunk = s->chunk;
	rate = s->rate_kib;
	strscpy(hostile, s->hostile, sizeof(hostile));
	s->hostile[0] = '\0';
	due = want;
	if (rate && want) {
		u64 ns = ktime_to_ns(ktime_sub(ktime_get(), s->start));
		u64 per = div_u64((u64)(chunk ? chunk : 65536) * NSEC_PER_SEC,
				  rate * 1024);

		due = min(want, div64_u64(ns, max_t(u64, per, 1)) + 1 - s->due);
	}
	spin_unlock(&s->lock);

	if (hostile[0] && s->linux_addr)
		sdb_hostile(s, hostile);
	while (due && vboard_m4emu_can_send(s->m)) {
		for (i = 0; i < SDB_BUFS; i++) {
			unsigned int id = (s->next + i) % SDB_BUFS;

			if (s->buf[id].free)
				break;
		}
		if (i == SDB_BUFS) {
			if (!rate)
				break;	/* as fast as Linux frees them */
			s->lost++;	/* due, nowhere to put it */
		} else {
			unsigned int id = (s->next + i) % SDB_BUFS;
			u32 len = chunk ? min(chunk, s->buf[id].size) :
					  s->buf[id].size;

			sdb_fill(s, id, len & ~3u, stamp);
			s->next = id + 1;
			s->produced++;
		}
		s->seq++;
		due--;
		spin_lock(&s->lock);
		s->want--;
		s->due++;
		spin_unlock(&s->lock);
	}
	return due && vboard_m4emu_can_send(s->m);
}

static int sdb_show(struct seq_file *sf, void *unused)
{
	struct vboard_sdb *s = sf->private;
	unsigned int i, n = 0, nfree = 0;

	for (i = 0; i < SDB_BUFS; i++) {
		n += !!s->buf[i].va;
		nfree += s->buf[i].free;
	}
	seq_printf(sf, "buffers %u free %u produced %llu lost %llu consumed %llu errors %llu bad %llu\n",
		   n, nfree, s->produced, s->lost, s->consumed, s->errors,
		   s->bad);
	return 0;
}

static int sdb_open(struct inode *inode, struct file *file)
{
	return single_open(file, sdb_show, inode->i_private);
}

static ssize_t sdb_write(struct file *file, const char __user *ubuf,
			 size_t count, loff_t *ppos)
{
	struct vboard_sdb *s = file_inode(file)->i_private;
	char buf[64], kind[16], mode[8] = "";
	u64 n;
	u32 len, rate;
	int k;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	spin_lock(&s->lock);
	k = sscanf(buf, "produce %llu %u %u %7s", &n, &len, &rate, mode);
	if ((k == 3 || (k == 4 && !strcmp(mode, "stamp"))) &&
	    (!len || len >= 12)) {
		s->stamp = k == 4;
		s->want = n;
		s->chunk = len;
		s->rate_kib = rate;
		s->start = ktime_get();
		s->due = 0;
	} else if (sscanf(buf, "hostile %15s", kind) == 1) {
		strscpy(s->hostile, kind, sizeof(s->hostile));
	} else {
		count = -EINVAL;
	}
	spin_unlock(&s->lock);
	vboard_m4emu_wake_thread(s->m);
	return count;
}

static const struct file_operations sdb_fops = {
	.owner = THIS_MODULE,
	.open = sdb_open,
	.read = seq_read,
	.llseek = seq_lseek,
	.release = single_release,
	.write = sdb_write,
};

struct vboard_sdb *vboard_sdb_create(struct vboard_m4 *m, struct dentry *dir)
{
	struct vboard_sdb *s;

	s = devm_kzalloc(vboard_m4emu_dev(m), sizeof(*s), GFP_KERNEL);
	if (!s)
		return NULL;
	s->m = m;
	spin_lock_init(&s->lock);
	debugfs_create_file("sdb", 0600, dir, s, &sdb_fops);
	return s;
}
