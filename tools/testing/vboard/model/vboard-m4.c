// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual STM32MP15 board: the emulated Cortex-M4.
 *
 * When the hold-boot is released after an MCU reset, a kernel thread plays
 * the firmware Linux loaded: it finds the descriptor through the vector
 * table (fw/vboard-fw.h), does what the image's startup code does, and
 * behaves as an OpenAMP remote: it waits for DRIVER_OK in the loaded
 * resource table, announces its services over the RPMsg name service and
 * echoes what it receives. It logs into the trace buffer, handles the
 * shutdown and detach channels, and counts everything in
 * /sys/kernel/debug/vboard/m4. The coprocessor state in TAMP is written by
 * the bootloader (the "bootloader" knob, as U-Boot) and by Linux, never by
 * the firmware.
 *
 * IPCC as ST's firmware uses it: a vring channel is cleared as soon as it
 * is seen (before the ring is read; late with VBOARD_FW_F_LATE_ACK), and a
 * notification to Linux first waits for Linux to have cleared the previous
 * one on the channel (MAILBOX_Notify).
 *
 * Memory is reached as the M4 sees it: M4 addresses go through the M4
 * node's memory-region list and its bus dma-ranges. Vring descriptors
 * carry the buffers' CPU physical addresses, which the M4 uses as M4
 * addresses, as OpenAMP does (the board puts the RPMsg pool at pa == da).
 * ELF images (bootloader) and resource tables are read through the
 * kernel's structures and the driver's validator (vboard-fwcheck.c).
 */

#include <linux/delay.h>
#include <linux/firmware.h>
#include <linux/kstrtox.h>
#include <linux/uaccess.h>
#include <linux/debugfs.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/math64.h>
#include <linux/of.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/unaligned.h>
#include <linux/remoteproc.h>
#include <linux/virtio_byteorder.h>
#include <linux/virtio_config.h>
#include <linux/virtio_ring.h>

#include <stm32mp/mp2-regs.h>

#include "vboard-internal.h"
#include "vboard-cpu.h"
#include "../fw/vboard-fw.h"
#include "../../../../drivers/remoteproc/stm32_rproc_fw.h"

#define M4_MAX_MEMS		10
#define M4_VRING_MAX		1024
#define M4_PENDING_MAX		64
#define M4_PAYLOAD_MAX		496
#define M4_POLL_MS		10
#define RPMSG_HDR_SIZE		16
#define RPMSG_NS_ADDR		53
#define RPMSG_NS_NAME_SIZE	32

/* IPCC channels (0-based) as Linux uses them */
#define CH_VQ0			0
#define CH_VQ1			1
#define CH_SHUTDOWN		2
#define CH_DETACH		3

struct m4_vring {
	struct vring vr;
	u16 last_avail;
};

struct m4_msg {
	u32 src;
	u32 dst;
	u32 len;
	u8 data[M4_PAYLOAD_MAX];
};

struct vboard_m4 {
	struct vboard *vb;
	struct vboard_mem mem[M4_MAX_MEMS];
	unsigned int nmem;
	struct mutex lock;		/* boot vs reset */
	struct task_struct *task;
	wait_queue_head_t wq;
	unsigned long events;		/* IPCC channels that rang */
	bool running;			/* under vb->lock */
	u32 flags;			/* descriptor flags, under vb->lock */

	/* a delayed event, to wake a suspended Linux (wake_in knob) */
	struct delayed_work wake_work;
	bool wake_wdg;

	/* watchdog: the firmware kicks it while it is healthy */
	struct delayed_work wdg_work;
	struct work_struct wwdg_work;	/* the watchdog's MCU reset */
	unsigned long last_kick;
	unsigned int wdg_ms;

	/* owned by the thread during a boot */
	struct vboard_fw_desc desc;
	bool hung;
	unsigned long served;
	struct fw_rsc_vdev *vdev;	/* of the loaded table */
	bool vrings_up;
	bool drain_quiet;		/* this pass was not started by a kick */
	bool event_idx;			/* VIRTIO_RING_F_EVENT_IDX negotiated */
	bool halted;
	struct m4_vring vring[2];
	struct m4_msg *pend;
	unsigned int pend_head;
	unsigned int pend_count;
	ktime_t t0;
	char *trace;
	u32 trace_len;
	u32 trace_pos;

	/* counters, read by debugfs */
	unsigned long boots;
	unsigned long shutdown_reqs;
	unsigned long shutdown_acks;
	unsigned long detach_reqs;
	unsigned long rx_msgs;
	unsigned long tx_msgs;
	u64 drain_ns;		/* time spent serving messages, see m4_account() */
	unsigned long ns_sent;
	unsigned long dropped;
	unsigned long unnotified;	/* messages found without a kick */
	unsigned long buf_not_m4;	/* descriptors that are no M4 address */
	u64 last_buf;			/* the last buffer address, as the M4 used it */
	unsigned long errors;
	unsigned long wdg_fired;
	unsigned long notify_waits;	/* notifications that waited for Linux */
	u64 notify_wait_max_us;
	unsigned long late_acks;	/* vring channels cleared after a drain */
	unsigned long burst_rx;		/* burst service: messages consumed */
	unsigned long virtio_resets;	/* DRIVER_OK seen to go away */
	bool executed;			/* the image in memory runs on m4run */
	unsigned long pattern_boot;	/* its RAM marker's boot number */
	u32 peek_addr;			/* debugfs "mem" window */
	u32 peek_len;
	unsigned int burst_stall_ms;
	char state[24];
	char fw_name[32];
	struct vboard_sdb *sdb;		/* rpmsg-sdb-channel (vboard-sdb.c) */
};

static void m4_fold_fw_stats(struct vboard_m4 *m);

/* ------------------------------------------------------------ memory */

static void *m4_lookup(struct vboard_m4 *m, u64 addr, u32 len)
{
	return vboard_mem_lookup(m->mem, m->nmem, addr, len);
}

static void *m4_da_to_va(struct vboard_m4 *m, u32 da, u32 len)
{
	return m4_lookup(m, da, len);
}

/*
 * A buffer address from a vring descriptor, used as OpenAMP uses it: as an
 * M4 address. Linux writes CPU physical addresses there (virtio_rpmsg has
 * no DMA mapping on this path), so the buffer pool must be where the M4
 * sees it at its CPU address (pa == da, as vdev0buffer on the STM32MP15
 * boards and in the board DT here).
 */
static void *m4_buf_to_va(struct vboard_m4 *m, u64 addr, u32 len)
{
	void *va = addr > U32_MAX ? NULL : m4_lookup(m, addr, len);

	if (va)
		WRITE_ONCE(m->last_buf, addr);
	else
		m->buf_not_m4++;
	return va;
}

/* The memories, for the executing core (vboard-cpu.c) */
void vboard_m4emu_mems(struct vboard *vb, struct vboard_cpu_mems *out)
{
	struct vboard_m4 *m = vb->m4emu;
	unsigned int i;

	for (i = 0; i < m->nmem && i < VBOARD_CPU_MAX_MEMS; i++) {
		out->mem[i].da = m->mem[i].da;
		out->mem[i].size = m->mem[i].size;
	}
	out->count = i;
}

/* [da, da + len) inside one memory, page aligned: its CPU address */
int vboard_m4emu_mem_pa(struct vboard *vb, u32 da, u32 len, phys_addr_t *pa)
{
	struct vboard_m4 *m = vb->m4emu;
	unsigned int i;

	for (i = 0; i < m->nmem; i++) {
		struct vboard_mem *r = &m->mem[i];

		if (da < r->da || len > r->size || da - r->da > r->size - len ||
		    !PAGE_ALIGNED(r->pa))
			continue;
		*pa = r->pa + (da - r->da);
		return 0;
	}
	return -EINVAL;
}

/* ------------------------------------------------------------ log */

static __printf(2, 3) void m4_log(struct vboard_m4 *m, const char *fmt, ...)
{
	u64 us = ktime_us_delta(ktime_get(), m->t0);
	char line[128];
	va_list args;
	u32 frac;
	int n;

	us = div_u64_rem(us, USEC_PER_SEC, &frac);
	n = scnprintf(line, sizeof(line), "[%5llu.%06u] ", us, frac);
	va_start(args, fmt);
	n += vscnprintf(line + n, sizeof(line) - n - 1, fmt, args);
	va_end(args);
	line[n++] = '\n';

	/* Append while it fits; the buffer stays NUL terminated */
	if (!m->trace || m->trace_pos + n >= m->trace_len)
		return;
	memcpy(m->trace + m->trace_pos, line, n);
	m->trace_pos += n;
	m->trace[m->trace_pos] = '\0';
}

/* ------------------------------------------------------------ IPCC */

/*
 * Notify Linux as ST's MAILBOX_Notify (STM32CubeMP1's mbox_ipcc.c) and
 * Zephyr's IPCC driver do: spin until Linux has cleared the previous
 * notification on the channel, then set the flag. The M4 does nothing else
 * meanwhile (no draining, no watchdog refresh).
 */
static void m4_notify(struct vboard_m4 *m, unsigned int ch)
{
	struct vboard *vb = m->vb;
	ktime_t t0 = ktime_get();
	bool waited = false;
	u64 us;

	for (;;) {
		raw_spin_lock_irq(&vb->lock);
		if (!m->running) {
			raw_spin_unlock_irq(&vb->lock);
			return;
		}
		if (!(vb->ipcc.flags[vb->m4] & BIT(ch))) {
			vb->m4_stats[ch].tx++;
			vboard_ipcc_write_locked(vb, IPCC_PROC_OFFSET(vb->m4) + IPCC_XSCR,
						 IPCC_CH_HI_BIT(ch));
			raw_spin_unlock_irq(&vb->lock);
			break;
		}
		raw_spin_unlock_irq(&vb->lock);
		if (kthread_should_stop())
			return;
		waited = true;
		wait_event_timeout(vb->m4_waitq, !vboard_m4_flag(vb, ch) ||
				   kthread_should_stop(),
				   msecs_to_jiffies(M4_POLL_MS));
	}
	if (!waited)
		return;
	us = ktime_us_delta(ktime_get(), t0);
	WRITE_ONCE(m->notify_waits, m->notify_waits + 1);
	if (us > m->notify_wait_max_us)
		WRITE_ONCE(m->notify_wait_max_us, us);
}

/* Acknowledge a request channel the M4 kept masked until handled */
static void m4_ack(struct vboard_m4 *m, unsigned int ch)
{
	struct vboard *vb = m->vb;

	raw_spin_lock_irq(&vb->lock);
	if (vb->ipcc.flags[vb->lin] & BIT(ch))
		vb->m4_stats[ch].acked++;
	vb->ipcc.flags[vb->lin] &= ~BIT(ch);
	vb->ipcc.mr[vb->m4] &= ~BIT(ch);
	vboard_update_locked(vb);
	raw_spin_unlock_irq(&vb->lock);
	wake_up_all(&vb->m4_waitq);
}

bool vboard_m4emu_rx_locked(struct vboard *vb, unsigned long pending)
{
	struct vboard_m4 *m = vb->m4emu;
	unsigned int ch;

	if (!m->running)
		return false;

	for_each_set_bit(ch, &pending, IPCC_MAX_CHANNELS) {
		vb->m4_stats[ch].rx++;
		if ((ch == CH_VQ0 || ch == CH_VQ1) &&
		    !(m->flags & VBOARD_FW_F_LATE_ACK)) {
			/* Doorbells: acknowledge first, then drain the ring */
			vb->ipcc.flags[vb->lin] &= ~BIT(ch);
			vb->m4_stats[ch].acked++;
		} else {
			/* Held until the firmware has handled them */
			vb->ipcc.mr[vb->m4] |= BIT(ch);
		}
		set_bit(ch, &m->events);
	}
	return true;
}

void vboard_m4emu_wake(struct vboard *vb)
{
	wake_up(&vb->m4emu->wq);
}

/* ------------------------------------------------------------ vrings */

static u16 vr16(__virtio16 v)
{
	return __virtio16_to_cpu(true, v);
}

static void m4_used_add(struct vring *vr, u16 head, u32 len)
{
	u16 uidx = vr16(vr->used->idx);

	vr->used->ring[uidx % vr->num].id = __cpu_to_virtio32(true, head);
	vr->used->ring[uidx % vr->num].len = __cpu_to_virtio32(true, len);
	virt_wmb();	/* the entry before the index Linux reads */
	WRITE_ONCE(vr->used->idx, __cpu_to_virtio16(true, uidx + 1));
}

/*
 * Notification suppression, as an OpenAMP remote does it: no interrupt to
 * Linux for a ring whose driver set VRING_AVAIL_F_NO_INTERRUPT (RPMsg keeps
 * its TX ring quiet unless a sender waits for a buffer), and no kick wanted
 * for returned receive buffers unless the M4 ran out of them. With
 * VIRTIO_RING_F_EVENT_IDX (offered by a firmware whose table says so) the
 * event indexes replace the flags: an interrupt only when the used entries
 * added since @old cross Linux's used_event, a kick only for the entry the
 * M4 names in avail_event.
 */
static bool m4_wants_irq(struct vboard_m4 *m, struct vring *vr, u16 old)
{
	virt_mb();	/* the used index before Linux's flags or event index */
	if (m->event_idx)
		return vring_need_event(vr16(READ_ONCE(vring_used_event(vr))),
					vr16(vr->used->idx), old);
	return !(vr16(READ_ONCE(vr->avail->flags)) & VRING_AVAIL_F_NO_INTERRUPT);
}

/* Kick me for the next entry Linux adds (@want), or not at all */
static void m4_want_kicks(struct vboard_m4 *m, struct m4_vring *r, bool want)
{
	struct vring *vr = &r->vr;

	if (m->event_idx)
		WRITE_ONCE(vring_avail_event(vr),
			   __cpu_to_virtio16(true, want ? r->last_avail :
					     (u16)(r->last_avail - 1)));
	else
		WRITE_ONCE(vr->used->flags,
			   __cpu_to_virtio16(true, want ? 0 : VRING_USED_F_NO_NOTIFY));
	virt_mb();	/* the flag before the M4 looks at the ring again */
}

static int m4_setup_vrings(struct vboard_m4 *m)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		const struct fw_rsc_vdev_vring *e = &m->vdev->vring[i];
		u32 da = e->da, align = e->align, num = e->num;
		void *va;

		if (!num || num > M4_VRING_MAX || (num & (num - 1)) ||
		    !align || (align & (align - 1))) {
			m4_log(m, "vring%u: bad num %u align %u", i, num, align);
			return -EINVAL;
		}
		va = m4_da_to_va(m, da, vring_size(num, align));
		if (!va) {
			m4_log(m, "vring%u: da 0x%x not in M4 memory", i, da);
			return -EINVAL;
		}
		vring_init(&m->vring[i].vr, num, va, align);
		m->vring[i].last_avail = 0;
	}
	return 0;
}

/* Put one message into Linux's receive ring (vring0); false if no buffer */
static bool m4_put(struct vboard_m4 *m, const struct m4_msg *msg)
{
	struct m4_vring *r = &m->vring[0];
	struct vring *vr = &r->vr;
	u32 len;
	u64 pa;
	u8 *buf;
	u16 head;

	if (r->last_avail == vr16(READ_ONCE(vr->avail->idx)))
		return false;
	virt_rmb();	/* the ring entry after the index Linux published */
	head = vr16(vr->avail->ring[r->last_avail % vr->num]);
	r->last_avail++;
	if (head >= vr->num) {
		m->errors++;
		m4_log(m, "vring0: bad head %u", head);
		return true;
	}
	pa = __virtio64_to_cpu(true, vr->desc[head].addr);
	len = __virtio32_to_cpu(true, vr->desc[head].len);
	buf = m4_buf_to_va(m, pa, len);
	if (!buf || len < RPMSG_HDR_SIZE + msg->len) {
		m->errors++;
		m4_log(m, "vring0: bad buffer 0x%llx len %u", pa, len);
		return true;
	}
	put_unaligned_le32(msg->src, buf);
	put_unaligned_le32(msg->dst, buf + 4);
	put_unaligned_le32(0, buf + 8);
	put_unaligned_le16(msg->len, buf + 12);
	put_unaligned_le16(0, buf + 14);
	memcpy(buf + RPMSG_HDR_SIZE, msg->data, msg->len);

	if (m->desc.flags & VBOARD_FW_F_BAD_USED_ID && msg->dst != RPMSG_NS_ADDR)
		head = vr->num + 5;		/* hostile: out of range */
	if (m->desc.flags & VBOARD_FW_F_BAD_USED_LEN && msg->dst != RPMSG_NS_ADDR)
		len = 0x10000;			/* hostile: past the buffer */
	else
		len = RPMSG_HDR_SIZE + msg->len;
	m4_used_add(vr, head, len);
	m->tx_msgs++;
	return true;
}

/*
 * The M4's own time per message (make bench): draining Linux's ring and
 * filling its receive ring, without the notifications, whose interrupt may
 * run Linux's handlers on this CPU before the M4 thread goes on.
 */
static void m4_account(struct vboard_m4 *m, ktime_t t0)
{
	WRITE_ONCE(m->drain_ns,
		   m->drain_ns + ktime_to_ns(ktime_sub(ktime_get(), t0)));
}

static void m4_flush(struct vboard_m4 *m)
{
	struct vring *vr = &m->vring[0].vr;
	u16 old = vr16(vr->used->idx);
	ktime_t t0 = ktime_get();
	bool sent = false;

	while (m->pend_count) {
		if (!m4_put(m, &m->pend[m->pend_head]))
			break;
		m->pend_head = (m->pend_head + 1) % M4_PENDING_MAX;
		m->pend_count--;
		sent = true;
	}
	/*
	 * Out of receive buffers: ask for a kick for the next one, then look
	 * again. Asked again after every buffer taken: with the event index
	 * the request names one entry, and Linux kicks for that entry only.
	 */
	while (m->pend_count) {
		m4_want_kicks(m, &m->vring[0], true);
		if (!m4_put(m, &m->pend[m->pend_head]))
			break;
		m->pend_head = (m->pend_head + 1) % M4_PENDING_MAX;
		m->pend_count--;
		sent = true;
	}
	if (!m->pend_count)
		m4_want_kicks(m, &m->vring[0], false);
	m4_account(m, t0);
	if (sent && m4_wants_irq(m, vr, old))
		m4_notify(m, CH_VQ0);
}

static void m4_send(struct vboard_m4 *m, u32 src, u32 dst, const void *data,
		    u32 len)
{
	struct m4_msg *msg;

	if (m->pend_count == M4_PENDING_MAX) {
		m->dropped++;
		return;
	}
	msg = &m->pend[(m->pend_head + m->pend_count) % M4_PENDING_MAX];
	msg->src = src;
	msg->dst = dst;
	msg->len = min_t(u32, len, M4_PAYLOAD_MAX);
	memcpy(msg->data, data, msg->len);
	m->pend_count++;
}

/* For the services in their own files (vboard-sdb.c) */
void vboard_m4emu_send(struct vboard_m4 *m, u32 src, u32 dst,
		       const void *data, u32 len)
{
	m4_send(m, src, dst, data, len);
}

bool vboard_m4emu_can_send(struct vboard_m4 *m)
{
	return m->pend_count < M4_PENDING_MAX / 2;
}

void *vboard_m4emu_da_to_va(struct vboard_m4 *m, u32 da, u32 len)
{
	return m4_da_to_va(m, da, len);
}

void vboard_m4emu_log(struct vboard_m4 *m, const char *fmt, ...)
{
	char line[100];
	va_list args;

	va_start(args, fmt);
	vscnprintf(line, sizeof(line), fmt, args);
	va_end(args);
	m4_log(m, "%s", line);
}

struct device *vboard_m4emu_dev(struct vboard_m4 *m)
{
	return m->vb->dev;
}

void vboard_m4emu_wake_thread(struct vboard_m4 *m)
{
	wake_up(&m->wq);
}

static void m4_announce(struct vboard_m4 *m)
{
	static const struct {
		u32 bit;
		u32 addr;
		const char *name;
	} svc[] = {
		{ VBOARD_SVC_CLIENT_SAMPLE, VBOARD_ADDR_CLIENT_SAMPLE,
		  "rpmsg-client-sample" },
		{ VBOARD_SVC_TTY, VBOARD_ADDR_TTY, "rpmsg-tty" },
		{ VBOARD_SVC_RAW, VBOARD_ADDR_RAW, "rpmsg-raw" },
		{ VBOARD_SVC_TTY2, VBOARD_ADDR_TTY2, "rpmsg-tty" },
		{ VBOARD_SVC_BURST, VBOARD_ADDR_BURST, "rpmsg-vboard-burst" },
		{ VBOARD_SVC_SDB, VBOARD_ADDR_SDB, "rpmsg-sdb-channel" },
	};
	u8 ns[RPMSG_NS_NAME_SIZE + 8];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(svc); i++) {
		if (!(m->desc.services & svc[i].bit))
			continue;
		memset(ns, 0, sizeof(ns));
		strscpy(ns, svc[i].name, RPMSG_NS_NAME_SIZE);
		put_unaligned_le32(svc[i].addr, ns + RPMSG_NS_NAME_SIZE);
		put_unaligned_le32(0, ns + RPMSG_NS_NAME_SIZE + 4);
		m4_send(m, svc[i].addr, RPMSG_NS_ADDR, ns, sizeof(ns));
		m->ns_sent++;
		m4_log(m, "announce %s at 0x%x", svc[i].name, svc[i].addr);
	}
}

static bool m4_serves(struct vboard_m4 *m, u32 addr)
{
	switch (addr) {
	case VBOARD_ADDR_CLIENT_SAMPLE:
		return m->desc.services & VBOARD_SVC_CLIENT_SAMPLE;
	case VBOARD_ADDR_TTY:
		return m->desc.services & VBOARD_SVC_TTY;
	case VBOARD_ADDR_RAW:
		return m->desc.services & VBOARD_SVC_RAW;
	case VBOARD_ADDR_TTY2:
		return m->desc.services & VBOARD_SVC_TTY2;
	case VBOARD_ADDR_BURST:
		return m->desc.services & VBOARD_SVC_BURST;
	case VBOARD_ADDR_SDB:
		return m->sdb && (m->desc.services & VBOARD_SVC_SDB);
	}
	return false;
}

/* The burst service (vboard-fw.h): a trigger, then a sink */
static void m4_burst(struct vboard_m4 *m, u32 src, const u8 *data, u32 len)
{
	unsigned int n, stall;
	char cmd[32], reply[32];

	memcpy(cmd, data, min_t(u32, len, sizeof(cmd) - 1));
	cmd[min_t(u32, len, sizeof(cmd) - 1)] = '\0';
	if (sscanf(cmd, "go %u %u", &n, &stall) == 2) {
		m->burst_rx = 0;
		m->burst_stall_ms = stall;
		m4_log(m, "burst: %u messages asked, stall %u ms", n, stall);
		m4_send(m, VBOARD_ADDR_BURST, src, reply,
			scnprintf(reply, sizeof(reply), "burst %u", n));
		return;
	}
	WRITE_ONCE(m->burst_rx, m->burst_rx + 1);
	if (!(m->burst_rx % 64))
		m4_send(m, VBOARD_ADDR_BURST, src, reply,
			scnprintf(reply, sizeof(reply), "progress %lu",
				  m->burst_rx));
	if (m->burst_stall_ms && m->burst_rx == 100) {
		m4_log(m, "burst: busy for %u ms (by design)", m->burst_stall_ms);
		msleep(m->burst_stall_ms);
	}
}

/*
 * Linux rang a vring doorbell the M4's handler has not taken yet (its
 * interrupt handler is a work item that may run late), or took since the
 * thread woke: a message found now was announced.
 */
static bool m4_rang(struct vboard_m4 *m)
{
	struct vboard *vb = m->vb;
	bool rang;

	raw_spin_lock_irq(&vb->lock);
	rang = vb->ipcc.flags[vb->lin] & (BIT(CH_VQ0) | BIT(CH_VQ1));
	raw_spin_unlock_irq(&vb->lock);
	return rang || READ_ONCE(m->events);
}

/*
 * Drain Linux's transmit ring (vring1): every message is echoed. An echo
 * waits in the M4's queue for a receive buffer; with the queue full the M4
 * leaves the rest in the ring (as a remote whose send blocks for a buffer
 * does) rather than drop it. True if it stopped with messages left.
 */
static bool m4_drain(struct vboard_m4 *m)
{
	struct m4_vring *r = &m->vring[1];
	struct vring *vr = &r->vr;
	u16 old = vr16(vr->used->idx);
	ktime_t t0 = ktime_get();
	bool done = false, left = false;

again:
	while (r->last_avail != vr16(READ_ONCE(vr->avail->idx))) {
		u32 len, mlen, src, dst;
		u16 head;
		u64 pa;
		u8 *buf;

		if (m->pend_count == M4_PENDING_MAX) {
			left = true;
			break;
		}
		if (m->drain_quiet && !m4_rang(m))
			m->unnotified++;

		virt_rmb();	/* the ring entry after the published index */
		head = vr16(vr->avail->ring[r->last_avail % vr->num]);
		r->last_avail++;
		done = true;
		if (head >= vr->num) {
			m->errors++;
			continue;
		}
		pa = __virtio64_to_cpu(true, vr->desc[head].addr);
		len = __virtio32_to_cpu(true, vr->desc[head].len);
		buf = m4_buf_to_va(m, pa, len);
		if (buf && len >= RPMSG_HDR_SIZE) {
			src = get_unaligned_le32(buf);
			dst = get_unaligned_le32(buf + 4);
			mlen = get_unaligned_le16(buf + 12);
			if (mlen <= len - RPMSG_HDR_SIZE && m4_serves(m, dst)) {
				m->rx_msgs++;
				if (dst == VBOARD_ADDR_BURST)
					m4_burst(m, src, buf + RPMSG_HDR_SIZE,
						 mlen);
				else if (dst == VBOARD_ADDR_SDB)
					vboard_sdb_rx(m->sdb, src,
						      buf + RPMSG_HDR_SIZE, mlen);
				else
					m4_send(m, dst, src,
						buf + RPMSG_HDR_SIZE, mlen);
				m->served++;
			} else {
				m->dropped++;
			}
		} else {
			m->errors++;
		}

		m4_used_add(vr, head, len);
	}
	/*
	 * Event index: kick me for the next message only, then look once
	 * more (one Linux added before reading the new index sent no kick)
	 */
	if (m->event_idx && !left) {
		m4_want_kicks(m, r, true);
		if (r->last_avail != vr16(READ_ONCE(vr->avail->idx)))
			goto again;
	}
	m4_account(m, t0);
	/* Buffers are back: tell Linux (vq1), if it listens */
	if (done && m4_wants_irq(m, vr, old))
		m4_notify(m, CH_VQ1);
	return left;
}

/* ------------------------------------------------------------ watchdog */

static void m4_wdg_kick(struct vboard_m4 *m)
{
	WRITE_ONCE(m->last_kick, jiffies);
}

/*
 * The M4 watchdog expired: the reset it causes (and the interrupt Linux
 * sees after it) run from their own work item, since the reset stops this
 * thread and the watchdog work.
 */
static void m4_wdg_fire(struct vboard_m4 *m)
{
	struct vboard *vb = m->vb;

	raw_spin_lock_irq(&vb->lock);
	m->wdg_fired++;
	strscpy(m->state, "watchdog", sizeof(m->state));
	raw_spin_unlock_irq(&vb->lock);
	schedule_work(&m->wwdg_work);
}

static void m4_wwdg_work(struct work_struct *work)
{
	struct vboard_m4 *m = container_of(work, struct vboard_m4, wwdg_work);

	vboard_wwdg_reset(m->vb);
}

static void m4_wdg_work(struct work_struct *work)
{
	struct vboard_m4 *m = container_of(to_delayed_work(work),
					   struct vboard_m4, wdg_work);
	unsigned long period = msecs_to_jiffies(m->wdg_ms);

	if (time_after(jiffies, READ_ONCE(m->last_kick) + period)) {
		m4_wdg_fire(m);
		return;
	}
	schedule_delayed_work(&m->wdg_work, period / 2 ?: 1);
}

/* ------------------------------------------------------------ hostile */

/* Ring Linux on every channel again as soon as it acknowledges, for 2 s */
static void m4_storm(struct vboard_m4 *m)
{
	struct vboard *vb = m->vb;
	unsigned long events;

	m4_log(m, "IPCC storm: 2 s (by design)");
	raw_spin_lock_irq(&vb->lock);
	vb->storm_events = 0;
	vb->m4_storm = true;
	vboard_ipcc_write_locked(vb, IPCC_PROC_OFFSET(vb->m4) + IPCC_XSCR,
				 (IPCC_CH_HI_BIT(CH_VQ0) | IPCC_CH_HI_BIT(CH_VQ1)));
	raw_spin_unlock_irq(&vb->lock);
	schedule_timeout_interruptible(msecs_to_jiffies(2000));
	raw_spin_lock_irq(&vb->lock);
	vb->m4_storm = false;
	events = vb->storm_events;
	raw_spin_unlock_irq(&vb->lock);
	m4_log(m, "IPCC storm over: %lu re-rings", events);
}

static void m4_wait_vq0(struct vboard_m4 *m)
{
	wait_event_interruptible_timeout(m->wq,
					 test_and_clear_bit(CH_VQ0, &m->events) ||
					 kthread_should_stop(),
					 msecs_to_jiffies(10));
}

/* 1000 announcements, as fast as Linux takes them (30 s at most) */
static void m4_ns_flood(struct vboard_m4 *m)
{
	unsigned long end = jiffies + 100 * HZ;	/* a slow (debug, loaded) host */
	u8 ns[RPMSG_NS_NAME_SIZE + 8];
	unsigned int i = 0;

	m4_log(m, "name-service flood: 1000 announcements (by design)");
	while (i < 1000 && time_before(jiffies, end) && !kthread_should_stop()) {
		if (m->pend_count == M4_PENDING_MAX) {
			m4_flush(m);
			/* Linux has all the buffers: wait for it to give some */
			if (m->pend_count == M4_PENDING_MAX)
				m4_wait_vq0(m);
			continue;
		}
		memset(ns, 0, sizeof(ns));
		snprintf(ns, RPMSG_NS_NAME_SIZE, "vboard-flood-%u", i);
		put_unaligned_le32(0x800 + i, ns + RPMSG_NS_NAME_SIZE);
		m4_send(m, 0x800 + i, RPMSG_NS_ADDR, ns, sizeof(ns));
		m->ns_sent++;
		i++;
	}
	m4_flush(m);
	m4_log(m, "name-service flood: %u sent", i);
}

/* Overwrite the loaded resource table with nonsense */
static void m4_rsc_rewrite(struct vboard_m4 *m)
{
	struct resource_table *t = m4_da_to_va(m, m->desc.rsc_table, sizeof(*t));

	if (!t)
		return;
	m4_log(m, "rewriting the resource table (by design)");
	t->ver = 0xdead;
	t->num = 0xffffffff;
	if (m->vdev) {
		m->vdev->vring[0].da = 0xffffffff;
		m->vdev->vring[0].num = 0;
	}
}

static void m4_hostile(struct vboard_m4 *m)
{
	if (m->desc.flags & VBOARD_FW_F_IPCC_STORM)
		m4_storm(m);
	if (m->desc.flags & VBOARD_FW_F_NS_FLOOD)
		m4_ns_flood(m);
	if (m->desc.flags & VBOARD_FW_F_RSC_REWRITE)
		m4_rsc_rewrite(m);
}

/* ------------------------------------------------------------ firmware */

/* Find the vdev entry of the loaded resource table, bounds-checked */
static struct fw_rsc_vdev *m4_find_vdev(struct vboard_m4 *m)
{
	const size_t vsize = sizeof(struct fw_rsc_hdr) + sizeof(struct fw_rsc_vdev) +
			     2 * sizeof(struct fw_rsc_vdev_vring);
	u32 da = m->desc.rsc_table, num, i;
	struct resource_table *t = m4_da_to_va(m, da, sizeof(*t));

	if (!t || t->ver != 1)
		return NULL;
	num = t->num;
	if (num > 16 || !m4_da_to_va(m, da, sizeof(*t) + sizeof(u32) * num))
		return NULL;
	for (i = 0; i < num; i++) {
		struct fw_rsc_hdr *h = m4_da_to_va(m, da + t->offset[i], vsize);
		struct fw_rsc_vdev *v = h ? (void *)h->data : NULL;

		if (v && h->type == RSC_VDEV && v->num_of_vrings == 2)
			return v;
	}
	return NULL;
}

static int m4_read_desc(struct vboard_m4 *m)
{
	u8 *vectors = m4_da_to_va(m, vboard_m4_vtor(m->vb), 16 * 4);
	void *d;

	if (!vectors)
		return -ENOENT;
	d = m4_da_to_va(m, get_unaligned_le32(vectors + 4 * VBOARD_FW_DESC_VECTOR),
			sizeof(m->desc));
	if (!d)
		return -ENOENT;
	memcpy(&m->desc, d, sizeof(m->desc));
	if (m->desc.magic != VBOARD_FW_MAGIC ||
	    m->desc.version != VBOARD_FW_VERSION)
		return -EINVAL;
	m->desc.name[sizeof(m->desc.name) - 1] = '\0';
	return 0;
}

/*
 * What the image's reset handler does before main(): copy .data from its
 * load address to where it runs, clear .bss. A table placed inside either
 * would be overwritten here, as on the real M4.
 */
static int m4_startup(struct vboard_m4 *m)
{
	const struct vboard_fw_desc *d = &m->desc;
	void *src = NULL, *dst = NULL, *bss = NULL;

	if (d->data_len) {
		src = m4_da_to_va(m, d->data_lma, d->data_len);
		dst = m4_da_to_va(m, d->data_vma, d->data_len);
		if (!src || !dst)
			return -EFAULT;
		memmove(dst, src, d->data_len);
	}
	if (d->bss_len) {
		bss = m4_da_to_va(m, d->bss_start, d->bss_len);
		if (!bss)
			return -EFAULT;
		memset(bss, 0, d->bss_len);
	}
	return 0;
}

/* A marker in M4 RAM, for the coredump test */
static void m4_write_pattern(struct vboard_m4 *m)
{
	char *p = m4_da_to_va(m, m->desc.pattern_buf, m->desc.pattern_len);

	if (p && m->desc.pattern_len > 1)
		scnprintf(p, m->desc.pattern_len, "VBOARD-M4-RAM-PATTERN boot %lu",
			  m->boots);
}

static void m4_set_state(struct vboard_m4 *m, const char *state)
{
	raw_spin_lock_irq(&m->vb->lock);
	strscpy(m->state, state, sizeof(m->state));
	raw_spin_unlock_irq(&m->vb->lock);
}

static void m4_handle_requests(struct vboard_m4 *m, unsigned long ev)
{
	if (ev & BIT(CH_SHUTDOWN)) {
		m->shutdown_reqs++;
		m4_log(m, "shutdown requested");
		if (m->desc.flags & VBOARD_FW_F_NO_SHUTDOWN_ACK) {
			m4_log(m, "shutdown not acknowledged (by design)");
		} else {
			m->halted = true;
			m4_ack(m, CH_SHUTDOWN);
			m->shutdown_acks++;
			m4_set_state(m, "stopped");
		}
	}
	if (ev & BIT(CH_DETACH)) {
		m->detach_reqs++;
		m4_log(m, "detach requested: keep running");
		/* Linux drops its vrings: wait for the next DRIVER_OK */
		m->vrings_up = false;
		m->vdev = NULL;
		m->pend_count = 0;
		m4_ack(m, CH_DETACH);
	}
}

/* The vring channels that rang, cleared now that the rings are drained */
static void m4_late_ack(struct vboard_m4 *m, unsigned long ev)
{
	unsigned int ch;

	for (ch = CH_VQ0; ch <= CH_VQ1; ch++) {
		if (!(ev & BIT(ch)))
			continue;
		m4_ack(m, ch);
		WRITE_ONCE(m->late_acks, m->late_acks + 1);
	}
}

static int m4_thread(void *data)
{
	struct vboard_m4 *m = data;
	struct vboard *vb = m->vb;
	unsigned long ev;
	bool more, busy = false;

	if (m4_read_desc(m)) {
		m4_set_state(m, "no-firmware");
		goto idle;
	}
	raw_spin_lock_irq(&vb->lock);
	strscpy(m->fw_name, m->desc.name, sizeof(m->fw_name));
	raw_spin_unlock_irq(&vb->lock);
	if (m4_startup(m)) {
		/* The real M4 would take a bus fault in its reset handler */
		m4_set_state(m, "startup-fault");
		goto idle;
	}
	m->trace = m4_da_to_va(m, m->desc.trace_buf, m->desc.trace_len);
	m->trace_len = m->trace ? m->desc.trace_len : 0;
	m4_log(m, "vboard-m4: boot, firmware \"%s\"", m->desc.name);
	m4_log(m, "startup: .data 0x%x bytes 0x%x -> 0x%x, .bss 0x%x bytes at 0x%x",
	       m->desc.data_len, m->desc.data_lma, m->desc.data_vma,
	       m->desc.bss_len, m->desc.bss_start);
	m4_log(m, "resource table at 0x%x", m->desc.rsc_table);

	/*
	 * Firmware init: listen on every channel, drop stale requests. The
	 * coprocessor state in TAMP is not the firmware's to write (U-Boot
	 * writes CRUN when it starts the M4, Linux OFF when it stops it).
	 */
	raw_spin_lock_irq(&vb->lock);
	m->flags = m->desc.flags;
	vb->ipcc.flags[vb->lin] = 0;
	vb->ipcc.mr[vb->m4] &= ~IPCC_ALL_CH(vboard_nch(vb));
	vb->ipcc.cr[vb->m4] = IPCC_XCR_RXOIE;
	m->events = 0;
	m->running = true;
	strscpy(m->state, "running", sizeof(m->state));
	vboard_update_locked(vb);
	raw_spin_unlock_irq(&vb->lock);
	wake_up_all(&vb->m4_waitq);

	if (!m->desc.rsc_table)
		m4_log(m, "no resource table: no RPMsg");
	m4_write_pattern(m);
	if (m->desc.wdg_period_ms) {
		m->wdg_ms = m->desc.wdg_period_ms;
		m4_wdg_kick(m);
		schedule_delayed_work(&m->wdg_work, msecs_to_jiffies(m->wdg_ms));
	}
	if (m->desc.flags & VBOARD_FW_F_CRASH_AT_BOOT) {
		m4_log(m, "crash during boot (by design)");
		m->hung = true;
		m4_wdg_fire(m);
	}

	if (m->sdb)
		vboard_sdb_reset(m->sdb);
	while (!kthread_should_stop()) {
		wait_event_interruptible_timeout(m->wq, READ_ONCE(m->events) ||
						 kthread_should_stop(),
						 busy ? 0 : msecs_to_jiffies(M4_POLL_MS));
		busy = false;
		ev = xchg(&m->events, 0);
		if (m->hung)
			continue;	/* no kick, no service: the watchdog bites */
		m4_wdg_kick(m);
		m4_handle_requests(m, ev);
		/*
		 * Woken by the timeout: what the M4 finds nobody told it about,
		 * unless a doorbell is on its way (m4_rang())
		 */
		m->drain_quiet = !ev;
		if (m->halted || !m->desc.rsc_table)
			continue;

		/* Linux reset the vdev (detach, virtio removal): start over */
		if (m->vrings_up && m->vdev &&
		    !(READ_ONCE(m->vdev->status) & VIRTIO_CONFIG_S_DRIVER_OK)) {
			m->vrings_up = false;
			m->pend_count = 0;
			m4_log(m, "virtio reset by Linux");
			if (m->sdb)
				vboard_sdb_reset(m->sdb);
			WRITE_ONCE(m->virtio_resets, m->virtio_resets + 1);
		}
		if (!m->vrings_up) {
			if (!m->vdev)
				m->vdev = m4_find_vdev(m);
			if (!m->vdev ||
			    !(READ_ONCE(m->vdev->status) & VIRTIO_CONFIG_S_DRIVER_OK))
				continue;
			if (m4_setup_vrings(m)) {
				m->halted = true;
				continue;
			}
			m->vrings_up = true;
			/* The features Linux accepted, from its table */
			m->event_idx = READ_ONCE(m->vdev->gfeatures) &
				       BIT(VIRTIO_RING_F_EVENT_IDX);
			m4_log(m, "virtio DRIVER_OK, vrings up%s",
			       m->event_idx ? ", event index" : "");
			m4_announce(m);
			m4_hostile(m);
		}
		/* Interrupts only: a lost kick is not made up for by a poll */
		if ((m->flags & VBOARD_FW_F_LATE_ACK) && !ev) {
			m4_flush(m);
			continue;
		}
		/* Until the ring is empty or Linux has no receive buffer */
		do {
			more = m4_drain(m);
			m4_flush(m);
		} while (more && m->pend_count < M4_PENDING_MAX &&
			 !kthread_should_stop());
		if (m->flags & VBOARD_FW_F_LATE_ACK)
			m4_late_ack(m, ev);
		if (m->sdb && (m->desc.services & VBOARD_SVC_SDB)) {
			busy = vboard_sdb_produce(m->sdb);
			m4_flush(m);
		}
		if (m->desc.hang_after && m->served >= m->desc.hang_after) {
			/* what the core does after a fault: the watchdog bites */
			if (m->desc.flags & VBOARD_FW_F_FAULT)
				m4_log(m, "fault after %lu messages (by design)", m->served);
			m4_log(m, "hang after %lu messages (by design)", m->served);
			m->hung = true;
			if (m->desc.flags & VBOARD_FW_F_FAULT)
				m4_wdg_fire(m);
		}
	}
	return 0;

idle:
	while (!kthread_should_stop())
		schedule_timeout_interruptible(MAX_SCHEDULE_TIMEOUT);
	return 0;
}

void vboard_m4emu_boot(struct vboard *vb)
{
	struct vboard_m4 *m = vb->m4emu;
	struct task_struct *t;
	bool has_desc;

	mutex_lock(&m->lock);
	if (m->task || !m->nmem)
		goto out;
	/* Images without a descriptor are for the executing core (m4run) */
	has_desc = !m4_read_desc(m);
	if (vboard_cpu_boot(vb, has_desc)) {
		m->boots++;
		m->executed = true;
		raw_spin_lock_irq(&vb->lock);
		strscpy(m->state, "executing", sizeof(m->state));
		strscpy(m->fw_name, has_desc ? m->desc.name : "(no descriptor)",
			sizeof(m->fw_name));
		if (!has_desc)
			memset(&m->desc, 0, sizeof(m->desc));
		raw_spin_unlock_irq(&vb->lock);
		goto out;
	}
	m->pattern_boot = 0;
	m->pend = kcalloc(M4_PENDING_MAX, sizeof(*m->pend), GFP_KERNEL);
	if (!m->pend)
		goto out;
	m->pend_head = 0;
	m->pend_count = 0;
	m->vdev = NULL;
	m->vrings_up = false;
	m->event_idx = false;
	m->halted = false;
	m->hung = false;
	m->served = 0;
	m->burst_rx = 0;
	m->burst_stall_ms = 0;
	m->wdg_ms = 0;
	m->trace = NULL;
	m->trace_pos = 0;
	m->t0 = ktime_get();
	m->boots++;
	t = kthread_run(m4_thread, m, "vboard-m4");
	if (IS_ERR(t)) {
		kfree(m->pend);
		m->pend = NULL;
		goto out;
	}
	get_task_struct(t);
	m->task = t;
out:
	mutex_unlock(&m->lock);
}

void vboard_m4emu_reset(struct vboard *vb)
{
	struct vboard_m4 *m = vb->m4emu;

	mutex_lock(&m->lock);
	vboard_cpu_reset(vb);
	if (m->executed) {
		m4_fold_fw_stats(m);
		m->executed = false;
	}
	raw_spin_lock_irq(&vb->lock);
	m->running = false;
	vb->m4_storm = false;
	strscpy(m->state, "reset", sizeof(m->state));
	raw_spin_unlock_irq(&vb->lock);
	if (m->task) {
		kthread_stop(m->task);
		put_task_struct(m->task);
		m->task = NULL;
	}
	cancel_delayed_work_sync(&m->wdg_work);
	/* The watchdog line falls with the reset */
	raw_spin_lock_irq(&vb->lock);
	vb->wdg_level = false;
	vboard_update_locked(vb);
	raw_spin_unlock_irq(&vb->lock);
	kfree(m->pend);
	m->pend = NULL;
	mutex_unlock(&m->lock);
}

/* ------------------------------------------------------------ bootloader */

/* A debugfs knob's argument: copied, terminated, trimmed */
static char *m4_dbg_arg(const char __user *ubuf, size_t count, char *buf,
			size_t size)
{
	if (count >= size)
		return ERR_PTR(-EINVAL);
	if (copy_from_user(buf, ubuf, count))
		return ERR_PTR(-EFAULT);
	buf[count] = '\0';
	return strim(buf);
}

/*
 * Play U-Boot: load an ELF image into the M4 memories, publish the resource
 * table address in BKP17R, release the M4 (which writes CRUN to BKP18R).
 * Options for the attach tests: rsc=ADDR publishes another table address,
 * corrupt breaks the loaded table (ver 2). The command "scribble" breaks
 * the published table of the running M4 the same way, without a reload.
 */
static int m4_bootload(struct vboard_m4 *m, const char *name, bool set_rsc,
		       u32 rsc_override, bool corrupt)
{
	struct stm32_fw_mem mems[M4_MAX_MEMS];
	struct vboard *vb = m->vb;
	const struct firmware *fw;
	struct stm32_fw_info info;
	char msg[STM32_FW_MSG_LEN];
	struct elf32_hdr eh;
	unsigned int i;
	int ret;

	ret = request_firmware(&fw, name, vb->dev);
	if (ret)
		return ret;
	/* The project's one image parser, as the driver uses it */
	for (i = 0; i < m->nmem; i++) {
		mems[i].da = m->mem[i].da;
		mems[i].size = m->mem[i].size;
		mems[i].canon = m->mem[i].da;
	}
	ret = stm32_fw_check_image(fw->data, fw->size, mems, m->nmem, &info,
				   msg, sizeof(msg));
	if (ret) {
		dev_err(vb->dev, "bootloader: %s: %s\n", name, msg);
		goto out;
	}

	vboard_m4emu_reset(vb);
	memcpy(&eh, fw->data, sizeof(eh));
	for (i = 0; i < eh.e_phnum; i++) {
		struct elf32_phdr ph;
		u8 *dst;

		memcpy(&ph, fw->data + eh.e_phoff + i * sizeof(ph), sizeof(ph));
		if (ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		dst = m4_da_to_va(m, ph.p_paddr, ph.p_memsz);	/* checked */
		memcpy(dst, fw->data + ph.p_offset, ph.p_filesz);
		memset(dst + ph.p_filesz, 0, ph.p_memsz - ph.p_filesz);
	}
	/*
	 * As U-Boot's rproc_elf32_load_rsc_table(): the table goes to its run
	 * address (sh_addr), which no segment loads in ST's GCC layout
	 */
	if (info.rsc_size) {
		struct resource_table *t = m4_da_to_va(m, info.rsc_da,
						       info.rsc_size);

		memcpy(t, fw->data + info.rsc_offset, info.rsc_size);
		if (corrupt)
			t->ver = 2;
	}

	/* As U-Boot's stm32_copro: table address and CRUN, BOOT_MCU set */
	raw_spin_lock_irq(&vb->lock);
	vboard_publish_table(vb, set_rsc ? rsc_override : info.rsc_da,
			     info.rsc_size);
	/* MP2: the boot stage sets the M33's vector table, as Linux does */
	if (vb->mp2)
		vb->nsvtor = info.vtor_da & STM32MP2_NSVTOR_MASK;
	vb->hold_boot = false;
	vb->reset_since_boot = false;
	vb->boots++;
	raw_spin_unlock_irq(&vb->lock);
	vboard_m4emu_boot(vb);
	ret = 0;
out:
	release_firmware(fw);
	return ret;
}

static ssize_t m4_dbg_bootloader_write(struct file *file,
				       const char __user *ubuf, size_t count,
				       loff_t *ppos)
{
	struct vboard_m4 *m = file->private_data;
	char buf[96], *cur, *tok, *name = NULL;
	bool set_rsc = false, corrupt = false;
	u32 rsc = 0;
	int ret;

	cur = m4_dbg_arg(ubuf, count, buf, sizeof(buf));
	if (IS_ERR(cur))
		return PTR_ERR(cur);
	while ((tok = strsep(&cur, " \t"))) {
		if (!*tok)
			continue;
		if (!strncmp(tok, "rsc=", 4)) {
			if (kstrtou32(tok + 4, 0, &rsc))
				return -EINVAL;
			set_rsc = true;
		} else if (!strcmp(tok, "corrupt")) {
			corrupt = true;
		} else if (!name) {
			name = tok;
		} else {
			return -EINVAL;
		}
	}
	if (!name)
		return -EINVAL;
	/* "scribble": the running M4 breaks the published table (ver 2) */
	if (!strcmp(name, "scribble")) {
		u8 *t = m4_da_to_va(m, vboard_published_table(m->vb), 4);

		if (!t)
			return -ENXIO;
		put_unaligned_le32(2, t);
		return count;
	}
	ret = m4_bootload(m, name, set_rsc, rsc, corrupt);
	return ret ?: count;
}

static const struct file_operations m4_dbg_bootloader_fops = {
	.open = simple_open,
	.write = m4_dbg_bootloader_write,
};

/*
 * Board configuration switch for the auto-boot tests: add (or remove)
 * "st,auto-boot" and "firmware-name" on the live M4 node, as another board
 * DT would have them: "1 [fw]" (boolean), "<1> [fw]" or "<0> [fw]" (a cell,
 * as ST's DTs write it), "0" (neither). Takes effect at the next probe.
 */
static int m4_dt_set(struct device_node *np, const char *name,
		     const void *val, int len)
{
	struct property *old = of_find_property(np, name, NULL);
	struct property *p;

	if (old)
		of_remove_property(np, old);	/* kept on deadprops */
	if (!val)
		return 0;
	p = kzalloc(sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->name = kstrdup(name, GFP_KERNEL);
	p->value = kmemdup(val, len, GFP_KERNEL);
	p->length = len;
	if (!p->name || !p->value) {
		kfree(p->name);
		kfree(p->value);
		kfree(p);
		return -ENOMEM;
	}
	return of_add_property(np, p);
}

static ssize_t m4_dbg_autoboot_write(struct file *file,
				     const char __user *ubuf, size_t count,
				     loff_t *ppos)
{
	char buf[64], *cur, *on, *fw;
	struct device_node *np;
	int ret;

	cur = m4_dbg_arg(ubuf, count, buf, sizeof(buf));
	if (IS_ERR(cur))
		return PTR_ERR(cur);
	on = strsep(&cur, " ");
	fw = cur ? strim(cur) : NULL;

	np = vboard_core_node();
	if (!np)
		return -ENODEV;
	if (!strcmp(on, "1") || !strcmp(on, "<1>") || !strcmp(on, "<0>")) {
		/* "1": st,auto-boot; "<N>": st,auto-boot = <N>; (ST's DTs) */
		__be32 cell = cpu_to_be32(on[1] == '1');

		ret = on[0] == '<' ? m4_dt_set(np, "st,auto-boot", &cell, 4) :
				     m4_dt_set(np, "st,auto-boot", "", 0);
		if (!ret && fw && *fw)
			ret = m4_dt_set(np, "firmware-name", fw, strlen(fw) + 1);
	} else if (!strcmp(on, "0")) {
		ret = m4_dt_set(np, "st,auto-boot", NULL, 0);
		if (!ret)
			ret = m4_dt_set(np, "firmware-name", NULL, 0);
	} else {
		ret = -EINVAL;
	}
	of_node_put(np);
	return ret ?: count;
}

static const struct file_operations m4_dbg_autoboot_fops = {
	.open = simple_open,
	.write = m4_dbg_autoboot_write,
};

/*
 * wake_in: "rx MS" makes the M4 ring Linux (IPCC channel 1) in MS ms,
 * "wdg MS" fires the M4 watchdog in MS ms: events that happen while Linux
 * is suspended (no userspace to poke the model then).
 */
static void m4_wake_work(struct work_struct *work)
{
	struct vboard_m4 *m = container_of(to_delayed_work(work),
					   struct vboard_m4, wake_work);
	struct vboard *vb = m->vb;

	if (m->wake_wdg) {
		m4_wdg_fire(m);
		return;
	}
	raw_spin_lock_irq(&vb->lock);
	vb->m4_stats[CH_VQ0].tx++;
	vboard_ipcc_write_locked(vb, IPCC_PROC_OFFSET(vb->m4) + IPCC_XSCR,
				 IPCC_CH_HI_BIT(CH_VQ0));
	raw_spin_unlock_irq(&vb->lock);
}

static ssize_t m4_dbg_wake_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	struct vboard_m4 *m = file->private_data;
	char buf[32], *cur, *what;
	unsigned int ms;

	cur = m4_dbg_arg(ubuf, count, buf, sizeof(buf));
	if (IS_ERR(cur))
		return PTR_ERR(cur);
	what = strsep(&cur, " ");
	if (!cur || kstrtouint(strim(cur), 0, &ms))
		return -EINVAL;
	if (strcmp(what, "rx") && strcmp(what, "wdg"))
		return -EINVAL;
	cancel_delayed_work_sync(&m->wake_work);
	m->wake_wdg = !strcmp(what, "wdg");
	schedule_delayed_work(&m->wake_work, msecs_to_jiffies(ms));
	return count;
}

static const struct file_operations m4_dbg_wake_fops = {
	.open = simple_open,
	.write = m4_dbg_wake_write,
};

/*
 * mem: M4 memory as the M4 sees it. Write "ADDR LEN" (then read: LEN bytes
 * in hex, 16 a line) or "ADDR=VALUE" (the M4 writes a 32-bit word there).
 */
static int m4_dbg_mem_show(struct seq_file *s, void *unused)
{
	struct vboard_m4 *m = s->private;
	u32 addr = READ_ONCE(m->peek_addr), len = READ_ONCE(m->peek_len), i;
	const u8 *p = m4_da_to_va(m, addr, len);

	if (!p)
		return -ENXIO;
	for (i = 0; i < len; i++)
		seq_printf(s, "%02x%c", p[i], (i % 16 == 15 || i == len - 1) ? '\n' : ' ');
	return 0;
}

static int m4_dbg_mem_open(struct inode *inode, struct file *file)
{
	return single_open(file, m4_dbg_mem_show, inode->i_private);
}

static ssize_t m4_dbg_mem_write(struct file *file, const char __user *ubuf,
				size_t count, loff_t *ppos)
{
	struct vboard_m4 *m = ((struct seq_file *)file->private_data)->private;
	char buf[48], *cur;
	u32 addr, val;
	u8 *p;

	cur = m4_dbg_arg(ubuf, count, buf, sizeof(buf));
	if (IS_ERR(cur))
		return PTR_ERR(cur);
	if (sscanf(cur, "%x=%x", &addr, &val) == 2) {
		p = m4_da_to_va(m, addr, 4);
		if (!p)
			return -ENXIO;
		put_unaligned_le32(val, p);
		return count;
	}
	if (sscanf(cur, "%x %u", &addr, &val) != 2 || !val || val > 4096 ||
	    !m4_da_to_va(m, addr, val))
		return -EINVAL;
	WRITE_ONCE(m->peek_addr, addr);
	WRITE_ONCE(m->peek_len, val);
	return count;
}

static const struct file_operations m4_dbg_mem_fops = {
	.open = m4_dbg_mem_open,
	.read = seq_read,
	.write = m4_dbg_mem_write,
	.llseek = seq_lseek,
	.release = single_release,
};

/*
 * The executing firmware's counters (struct vboard_fw_stats in its RAM),
 * while the image that keeps them is in memory (m->executed)
 */
static bool m4_fw_stats(struct vboard_m4 *m, struct vboard_fw_stats *st)
{
	const void *p;

	if (!m->executed || !m->desc.stats)
		return false;
	p = m4_da_to_va(m, m->desc.stats, sizeof(*st));
	if (!p)
		return false;
	memcpy(st, p, sizeof(*st));
	st->state[sizeof(st->state) - 1] = '\0';
	return st->magic == VBOARD_FW_STATS_MAGIC;
}

/* Counters run over boots: an executed boot's are added at its reset */
static void m4_fold_fw_stats(struct vboard_m4 *m)
{
	struct vboard_fw_stats st;

	if (!m4_fw_stats(m, &st))
		return;
	m->shutdown_reqs += st.shutdown_reqs;
	m->shutdown_acks += st.shutdown_acks;
	m->detach_reqs += st.detach_reqs;
	m->rx_msgs += st.rx_msgs;
	m->tx_msgs += st.tx_msgs;
	m->ns_sent += st.ns_sent;
	m->dropped += st.dropped;
	m->errors += st.errors;
	m->served += st.served;
	m->unnotified += st.unnotified;
	m->buf_not_m4 += st.buf_not_m4;
	m->notify_waits += st.notify_waits;
	m->late_acks += st.late_acks;
	m->virtio_resets += st.virtio_resets;
	m->burst_rx = st.burst_rx;
	m->event_idx = st.event_idx;
	if (st.last_buf)
		m->last_buf = st.last_buf;
	m->pattern_boot = st.pattern_boot;
}

static int m4_dbg_show(struct seq_file *s, void *unused)
{
	struct vboard_m4 *m = s->private;
	struct vboard_fw_stats st = { };
	bool fw;

	mutex_lock(&m->lock);
	fw = m4_fw_stats(m, &st);
	raw_spin_lock_irq(&m->vb->lock);
	seq_printf(s, "state %s\nfirmware %s\nexecuting %d\n",
		   fw && !strcmp(m->state, "executing") ? st.state : m->state,
		   m->fw_name, m->executed);
	raw_spin_unlock_irq(&m->vb->lock);
	seq_printf(s, "boots %lu\nshutdown_requests %lu\nshutdown_acks %lu\n",
		   m->boots, READ_ONCE(m->shutdown_reqs) + st.shutdown_reqs,
		   READ_ONCE(m->shutdown_acks) + st.shutdown_acks);
	seq_printf(s, "detach_requests %lu\nrx_msgs %lu\ntx_msgs %lu\ndrain_ns %llu\n",
		   READ_ONCE(m->detach_reqs) + st.detach_reqs,
		   READ_ONCE(m->rx_msgs) + st.rx_msgs,
		   READ_ONCE(m->tx_msgs) + st.tx_msgs, READ_ONCE(m->drain_ns));
	seq_printf(s, "ns_announcements %lu\ndropped %lu\nerrors %lu\n",
		   READ_ONCE(m->ns_sent) + st.ns_sent,
		   READ_ONCE(m->dropped) + st.dropped,
		   READ_ONCE(m->errors) + st.errors);
	seq_printf(s, "watchdog_fired %lu\nserved %lu\nevent_idx %d\nunnotified %lu\n",
		   READ_ONCE(m->wdg_fired) + vboard_cpu_faults(m->vb),
		   READ_ONCE(m->served) + st.served,
		   fw ? (int)st.event_idx : READ_ONCE(m->event_idx),
		   READ_ONCE(m->unnotified) + st.unnotified);
	seq_printf(s, "buf_not_m4 %lu\nlast_buf 0x%llx\n",
		   READ_ONCE(m->buf_not_m4) + st.buf_not_m4,
		   fw && st.last_buf ? (u64)st.last_buf : READ_ONCE(m->last_buf));
	seq_printf(s, "notify_waits %lu\nnotify_wait_max_us %llu\nlate_acks %lu\nburst_rx %lu\n",
		   READ_ONCE(m->notify_waits) + st.notify_waits,
		   READ_ONCE(m->notify_wait_max_us),
		   READ_ONCE(m->late_acks) + st.late_acks,
		   fw ? (unsigned long)st.burst_rx : READ_ONCE(m->burst_rx));
	seq_printf(s, "virtio_resets %lu\npattern_boot %lu\n",
		   READ_ONCE(m->virtio_resets) + st.virtio_resets,
		   fw ? (unsigned long)st.pattern_boot :
		   m->pattern_boot ? m->pattern_boot : m->boots);
	/* what only executed code can count (0 on the behavioural M4) */
	seq_printf(s, "fp_checks %u\nfp_errors %u\n", st.fp_checks, st.fp_errors);
	mutex_unlock(&m->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(m4_dbg);

void vboard_m4emu_debugfs(struct vboard *vb, struct dentry *dir)
{
	debugfs_create_file("m4", 0444, dir, vb->m4emu, &m4_dbg_fops);
	vb->m4emu->sdb = vboard_sdb_create(vb->m4emu, dir);
	debugfs_create_file("bootloader", 0200, dir, vb->m4emu,
			    &m4_dbg_bootloader_fops);
	debugfs_create_file("dt_autoboot", 0200, dir, vb->m4emu,
			    &m4_dbg_autoboot_fops);
	debugfs_create_file("wake_in", 0200, dir, vb->m4emu, &m4_dbg_wake_fops);
	debugfs_create_file("mem", 0600, dir, vb->m4emu, &m4_dbg_mem_fops);
}

static void m4_cleanup(void *data)
{
	struct vboard *vb = data;

	cancel_delayed_work_sync(&vb->m4emu->wake_work);
	vboard_m4emu_reset(vb);
	/* A watchdog reset queued meanwhile may have rebooted the M4 */
	cancel_work_sync(&vb->m4emu->wwdg_work);
	vboard_m4emu_reset(vb);
}

int vboard_m4emu_init(struct vboard *vb)
{
	struct vboard_m4 *m;
	struct device_node *np;
	int ret;

	m = devm_kzalloc(vb->dev, sizeof(*m), GFP_KERNEL);
	if (!m)
		return -ENOMEM;
	m->vb = vb;
	mutex_init(&m->lock);
	init_waitqueue_head(&m->wq);
	INIT_DELAYED_WORK(&m->wdg_work, m4_wdg_work);
	INIT_WORK(&m->wwdg_work, m4_wwdg_work);
	INIT_DELAYED_WORK(&m->wake_work, m4_wake_work);
	strscpy(m->state, "off", sizeof(m->state));
	strscpy(m->fw_name, "-", sizeof(m->fw_name));
	m->peek_len = 16;
	vb->m4emu = m;

	/* The M4 sees the memories its node declares, and the secure ones */
	np = vboard_core_node();
	if (np) {
		ret = vboard_map_memories(vb->dev, np, m->mem, M4_MAX_MEMS,
					  &m->nmem);
		if (!ret)
			ret = vboard_map_secure_memories(vb->dev, np, m->mem,
							 M4_MAX_MEMS, &m->nmem);
		of_node_put(np);
		if (ret)
			return dev_err_probe(vb->dev, ret, "cannot map M4 memories\n");
	}
	return devm_add_action_or_reset(vb->dev, m4_cleanup, vb);
}
