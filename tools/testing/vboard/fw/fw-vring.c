// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Test firmware: the device side of RPMsg's two vrings, as an OpenAMP
 * remote works them. Vring 0 carries Linux's receive buffers (the M4 fills
 * them), vring 1 Linux's messages (the M4 reads and returns them). The
 * buffer addresses in the descriptors are Linux's physical addresses,
 * used as M4 addresses (the boards put the pool at pa == da).
 *
 * Notifications as the virtio spec has them: an interrupt to Linux only if
 * its ring flags (or used_event with VIRTIO_RING_F_EVENT_IDX) ask for one,
 * and kicks from Linux suppressed (VRING_USED_F_NO_NOTIFY, or avail_event)
 * unless the M4 waits for them.
 */
#include "fw-rt.h"

#define VRING_AVAIL_F_NO_INTERRUPT	1
#define VRING_USED_F_NO_NOTIFY		1
#define VRING_MAX			1024

struct vdesc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct vring {
	uint32_t num;
	volatile struct vdesc *desc;
	volatile uint16_t *avail;	/* flags, idx, ring[num], used_event */
	volatile uint16_t *used;	/* flags, idx, {id, len}[num], avail_event */
	uint16_t last_avail;
};

static struct vring vr[2];
static int event_idx;

#define AVAIL_FLAGS(r)		((r)->avail[0])
#define AVAIL_IDX(r)		((r)->avail[1])
#define AVAIL_RING(r, i)	((r)->avail[2 + (i)])
#define USED_EVENT(r)		((r)->avail[2 + (r)->num])
#define USED_FLAGS(r)		((r)->used[0])
#define USED_IDX(r)		((r)->used[1])
#define USED_ELEM(r, i)		((volatile uint32_t *)&(r)->used[2] + 2 * (i))
#define AVAIL_EVENT(r)		(*(volatile uint16_t *)((volatile uint32_t *)&(r)->used[2] + 2 * (r)->num))

int vring_setup(unsigned int i, uint32_t da, uint32_t align, uint32_t num)
{
	struct vring *r = &vr[i];
	uint32_t used;

	if (!num || num > VRING_MAX || (num & (num - 1)) || !align ||
	    (align & (align - 1)))
		return -1;
	used = da + 16 * num + 2 * (3 + num);
	used = (used + align - 1) & ~(align - 1);
	r->num = num;
	r->desc = (volatile struct vdesc *)da;
	r->avail = (volatile uint16_t *)(da + 16 * num);
	r->used = (volatile uint16_t *)used;
	r->last_avail = 0;
	return 0;
}

void vring_reset(void)
{
	vr[0].num = 0;
	vr[1].num = 0;
}

void vring_set_event_idx(int on)
{
	event_idx = on;
}

/* vring_need_event(): did the used entries added since @old cross @ev? */
static int need_event(uint16_t ev, uint16_t new_idx, uint16_t old)
{
	return (uint16_t)(new_idx - ev - 1) < (uint16_t)(new_idx - old);
}

static int wants_irq(struct vring *r, uint16_t old)
{
	dmb();
	if (event_idx)
		return need_event(USED_EVENT(r), USED_IDX(r), old);
	return !(AVAIL_FLAGS(r) & VRING_AVAIL_F_NO_INTERRUPT);
}

static void want_kicks(struct vring *r, int want)
{
	if (event_idx)
		AVAIL_EVENT(r) = want ? r->last_avail : (uint16_t)(r->last_avail - 1);
	else
		USED_FLAGS(r) = want ? 0 : VRING_USED_F_NO_NOTIFY;
	dmb();
}

static void used_add(struct vring *r, uint16_t head, uint32_t len)
{
	uint16_t u = USED_IDX(r);

	USED_ELEM(r, u % r->num)[0] = head;
	USED_ELEM(r, u % r->num)[1] = len;
	dmb();		/* the entry before the index Linux reads */
	USED_IDX(r) = u + 1;
}

uint16_t vring0_used_idx(void)
{
	return USED_IDX(&vr[0]);
}

uint16_t vring1_used_idx(void)
{
	return USED_IDX(&vr[1]);
}

int vring_put(uint32_t src, uint32_t dst, const void *data, uint32_t len,
	      uint32_t *used_before)
{
	struct vring *r = &vr[0];
	uint32_t blen, ulen;
	uint8_t *buf;
	uint16_t head;
	uint64_t pa;

	(void)used_before;
	if (r->last_avail == AVAIL_IDX(r))
		return -1;
	dmb();		/* the entry after the index Linux published */
	head = AVAIL_RING(r, r->last_avail % r->num);
	r->last_avail++;
	if (head >= r->num) {
		fw_stats.errors++;
		fw_log("vring0: bad head %u", head);
		return 0;
	}
	pa = r->desc[head].addr;
	blen = r->desc[head].len;
	if (pa >> 32)
		fw_stats.buf_not_m4++;
	if (pa >> 32 || blen < RPMSG_HDR_SIZE + len) {
		fw_stats.errors++;
		fw_log("vring0: bad buffer 0x%lx len %lu", (unsigned long)pa,
		       (unsigned long)blen);
		return 0;
	}
	buf = (uint8_t *)(uint32_t)pa;
	fw_stats.last_buf = (uint32_t)pa;
	((volatile uint32_t *)buf)[0] = src;
	((volatile uint32_t *)buf)[1] = dst;
	((volatile uint32_t *)buf)[2] = 0;
	((volatile uint16_t *)buf)[6] = len;
	((volatile uint16_t *)buf)[7] = 0;
	fw_memcpy(buf + RPMSG_HDR_SIZE, data, len);

	ulen = RPMSG_HDR_SIZE + len;
	if (dst != RPMSG_NS_ADDR) {
		if (vboard_desc.flags & VBOARD_FW_F_BAD_USED_ID)
			head = r->num + 5;		/* hostile: out of range */
		if (vboard_desc.flags & VBOARD_FW_F_BAD_USED_LEN)
			ulen = 0x10000;			/* hostile: past the buffer */
	}
	used_add(r, head, ulen);
	fw_stats.tx_msgs++;
	return 0;
}

int vring0_wants_irq(uint16_t old)
{
	return wants_irq(&vr[0], old);
}

void vring0_want_kicks(int want)
{
	want_kicks(&vr[0], want);
}

int vring1_pending(void)
{
	return vr[1].num && vr[1].last_avail != AVAIL_IDX(&vr[1]);
}

/* The next message Linux sent: its buffer, length and head */
int vring1_get(void **buf, uint32_t *len, uint16_t *head)
{
	struct vring *r = &vr[1];
	uint64_t pa;

	if (!vring1_pending())
		return -1;
	dmb();
	*head = AVAIL_RING(r, r->last_avail % r->num);
	r->last_avail++;
	if (*head >= r->num) {
		fw_stats.errors++;
		*buf = 0;
		return 0;
	}
	pa = r->desc[*head].addr;
	*len = r->desc[*head].len;
	*buf = pa >> 32 ? 0 : (void *)(uint32_t)pa;
	if (!*buf)
		fw_stats.buf_not_m4++;
	if (*buf)
		fw_stats.last_buf = (uint32_t)pa;
	return 0;
}

void vring1_put_used(uint16_t head, uint32_t len)
{
	if (head < vr[1].num)
		used_add(&vr[1], head, len);
}

int vring1_wants_irq(uint16_t old)
{
	return wants_irq(&vr[1], old);
}

/* Event index: kick me for the next message only */
void vring1_want_kicks(void)
{
	if (event_idx)
		want_kicks(&vr[1], 1);
}
