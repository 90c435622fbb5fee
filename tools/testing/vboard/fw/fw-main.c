// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Test firmware: the RPMsg remote the image's descriptor describes.
 *
 * After the startup code: log the boot into the trace buffer, open the
 * IPCC channels, start the watchdog if the image has one, then serve on
 * interrupts: wait for Linux's DRIVER_OK in the loaded resource table, set
 * up the vrings it gave, announce the services over the name service, echo
 * what each receives (the burst service consumes), acknowledge shutdown
 * and detach requests. The hostile flags of vboard-fw.h make it misbehave
 * as the model's behavioural M4 does. The core sleeps (WFI) when there is
 * nothing to do; its tick (fw-hw.c) wakes it to refresh the watchdog and
 * to look at the rings (what it finds then was not notified).
 */
#include "fw-rt.h"

#define PEND_MAX	16
#define RSC_VDEV	3
#define VIRTIO_ID_RPMSG	7
#define DRIVER_OK	4
#define F_EVENT_IDX	(1u << 29)

struct msg {
	uint32_t src, dst, len;
	uint8_t data[PAYLOAD_MAX];
};

struct fw_vdev_vring {
	uint32_t da, align, num, notifyid, pa;
};

struct fw_vdev {
	uint32_t type, id, notifyid, dfeatures, gfeatures, config_len;
	uint8_t status, num_of_vrings, reserved[2];
	struct fw_vdev_vring vring[2];
};

static struct msg pend[PEND_MAX];
static unsigned int pend_head, pend_count;
static volatile struct fw_vdev *vdev;
static int vrings_up, halted, hung;
static uint32_t burst_stall_ms;

static void set_state(const char *s)
{
	unsigned int i;

	for (i = 0; i + 1 < sizeof(fw_stats.state) && s[i]; i++)
		fw_stats.state[i] = s[i];
	fw_stats.state[i] = '\0';
}

/* ------------------------------------------------------------ sending */

static void send(uint32_t src, uint32_t dst, const void *data, uint32_t len)
{
	struct msg *m;

	if (pend_count == PEND_MAX) {
		fw_stats.dropped++;
		return;
	}
	m = &pend[(pend_head + pend_count) % PEND_MAX];
	m->src = src;
	m->dst = dst;
	m->len = len > PAYLOAD_MAX ? PAYLOAD_MAX : len;
	fw_memcpy(m->data, data, m->len);
	pend_count++;
}

static int put_one(void)
{
	struct msg *m = &pend[pend_head];

	if (vring_put(m->src, m->dst, m->data, m->len, 0))
		return -1;
	pend_head = (pend_head + 1) % PEND_MAX;
	pend_count--;
	return 0;
}

static void flush(void)
{
	uint16_t old = vring0_used_idx();
	int sent = 0;

	while (pend_count && !put_one())
		sent = 1;
	/* out of receive buffers: ask for a kick, then look again */
	while (pend_count) {
		vring0_want_kicks(1);
		if (put_one())
			break;
		sent = 1;
	}
	if (!pend_count)
		vring0_want_kicks(0);
	if (sent && vring0_wants_irq(old))
		hw_notify(CH_VQ0);
}

static void announce(void)
{
	static const struct {
		uint32_t bit, addr;
		const char *name;
	} svc[] = {
		{ VBOARD_SVC_CLIENT_SAMPLE, VBOARD_ADDR_CLIENT_SAMPLE, "rpmsg-client-sample" },
		{ VBOARD_SVC_TTY, VBOARD_ADDR_TTY, "rpmsg-tty" },
		{ VBOARD_SVC_RAW, VBOARD_ADDR_RAW, "rpmsg-raw" },
		{ VBOARD_SVC_TTY2, VBOARD_ADDR_TTY2, "rpmsg-tty" },
		{ VBOARD_SVC_BURST, VBOARD_ADDR_BURST, "rpmsg-vboard-burst" },
	};
	uint8_t ns[RPMSG_NAME_SIZE + 8];
	unsigned int i, j;

	for (i = 0; i < sizeof(svc) / sizeof(svc[0]); i++) {
		if (!(vboard_desc.services & svc[i].bit))
			continue;
		for (j = 0; j < sizeof(ns); j++)
			ns[j] = 0;
		for (j = 0; svc[i].name[j]; j++)
			ns[j] = svc[i].name[j];
		fw_memcpy(ns + RPMSG_NAME_SIZE, &svc[i].addr, 4);
		send(svc[i].addr, RPMSG_NS_ADDR, ns, sizeof(ns));
		fw_stats.ns_sent++;
		fw_log("announce %s at 0x%x", svc[i].name, (unsigned int)svc[i].addr);
	}
}

/* ------------------------------------------------------------ services */

static int serves(uint32_t addr)
{
	switch (addr) {
	case VBOARD_ADDR_CLIENT_SAMPLE:
		return vboard_desc.services & VBOARD_SVC_CLIENT_SAMPLE;
	case VBOARD_ADDR_TTY:
		return vboard_desc.services & VBOARD_SVC_TTY;
	case VBOARD_ADDR_RAW:
		return vboard_desc.services & VBOARD_SVC_RAW;
	case VBOARD_ADDR_TTY2:
		return vboard_desc.services & VBOARD_SVC_TTY2;
	case VBOARD_ADDR_BURST:
		return vboard_desc.services & VBOARD_SVC_BURST;
	}
	return 0;
}

static int parse_uint(const char **p, unsigned int *v)
{
	const char *s = *p;

	*v = 0;
	if (*s < '0' || *s > '9')
		return -1;
	while (*s >= '0' && *s <= '9')
		*v = *v * 10 + *s++ - '0';
	*p = s;
	return 0;
}

/* "go N S": the trigger; anything else is consumed */
static void burst(uint32_t src, const uint8_t *data, uint32_t len)
{
	char cmd[32], reply[32];
	unsigned int n, stall;
	const char *p = cmd + 3;

	if (len > sizeof(cmd) - 1)
		len = sizeof(cmd) - 1;
	fw_memcpy(cmd, data, len);
	cmd[len] = '\0';
	if (len > 3 && cmd[0] == 'g' && cmd[1] == 'o' && cmd[2] == ' ' &&
	    !parse_uint(&p, &n) && *p++ == ' ' && !parse_uint(&p, &stall)) {
		fw_stats.burst_rx = 0;
		burst_stall_ms = stall;
		fw_log("burst: %u messages asked, stall %u ms", n, stall);
		send(VBOARD_ADDR_BURST, src, reply,
		     fw_snprintf(reply, sizeof(reply), "burst %u", n));
		return;
	}
	fw_stats.burst_rx++;
	if (!(fw_stats.burst_rx % 64))
		send(VBOARD_ADDR_BURST, src, reply,
		     fw_snprintf(reply, sizeof(reply), "progress %u", fw_stats.burst_rx));
	if (burst_stall_ms && fw_stats.burst_rx == 100) {
		fw_log("burst: busy for %u ms (by design)", (unsigned int)burst_stall_ms);
		hw_delay_ms(burst_stall_ms);
	}
}

/* Linux's messages: each echoed; true if some were left for later */
static int drain(int quiet)
{
	uint16_t old = vring1_used_idx(), head;
	int done = 0, left = 0;
	uint32_t len;
	void *buf;

again:
	while (vring1_pending()) {
		const uint8_t *b;
		uint32_t src, dst, mlen;

		if (pend_count == PEND_MAX) {
			left = 1;
			break;
		}
		/* found on a tick, with no kick set nor taken: not notified */
		if (quiet && !hw_linux_flag(CH_VQ1) && !(hw_peek_events() & (1u << CH_VQ1)))
			fw_stats.unnotified++;
		vring1_get(&buf, &len, &head);
		done = 1;
		b = buf;
		if (!b || len < RPMSG_HDR_SIZE) {
			fw_stats.errors++;
			vring1_put_used(head, len);
			continue;
		}
		src = *(const volatile uint32_t *)b;
		dst = *(const volatile uint32_t *)(b + 4);
		mlen = *(const volatile uint16_t *)(b + 12);
		if (mlen <= len - RPMSG_HDR_SIZE && serves(dst)) {
			fw_stats.rx_msgs++;
			if (dst == VBOARD_ADDR_BURST)
				burst(src, b + RPMSG_HDR_SIZE, mlen);
			else
				send(dst, src, b + RPMSG_HDR_SIZE, mlen);
			fw_stats.served++;
		} else {
			fw_stats.dropped++;
		}
		vring1_put_used(head, len);
	}
	if (fw_stats.event_idx && !left) {
		vring1_want_kicks();
		if (vring1_pending())
			goto again;
	}
	if (done && vring1_wants_irq(old))
		hw_notify(CH_VQ1);
	return left;
}

/* ------------------------------------------------------------ virtio */

static volatile struct fw_vdev *find_vdev(void)
{
	const volatile uint32_t *t = (const volatile uint32_t *)vboard_desc.rsc_table;
	uint32_t i, n;

	if (!t)
		return 0;
	n = t[1];
	for (i = 0; i < n && i < 16; i++) {
		volatile struct fw_vdev *v =
			(volatile struct fw_vdev *)((uint32_t)t + t[4 + i]);

		if (v->type == RSC_VDEV && v->id == VIRTIO_ID_RPMSG)
			return v;
	}
	return 0;
}

static int vrings_setup(void)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		if (vring_setup(i, vdev->vring[i].da, vdev->vring[i].align,
				vdev->vring[i].num)) {
			fw_log("vring%u: bad num %u align %u", i,
			       (unsigned int)vdev->vring[i].num,
			       (unsigned int)vdev->vring[i].align);
			return -1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------ hostile */

static void storm(void)
{
	uint32_t t0 = hw_ms(), n = 0;

	fw_log("IPCC storm: 2 s (by design)");
	hw_ring(CH_VQ0);
	hw_ring(CH_VQ1);
	/* 2 s, and enough re-rings for Linux to call it a flood (25 s at most) */
	while ((hw_ms() - t0 < 2000 || n < 1200) && hw_ms() - t0 < 25000) {
		/* Linux took one: ring again at once */
		if (!hw_own_flag(CH_VQ0)) {
			hw_ring(CH_VQ0);
			n++;
		}
		if (!hw_own_flag(CH_VQ1)) {
			hw_ring(CH_VQ1);
			n++;
		}
	}
	fw_log("IPCC storm over: %u re-rings", (unsigned int)n);
}

static void ns_flood(void)
{
	uint32_t t0 = hw_ms();
	uint8_t ns[RPMSG_NAME_SIZE + 8];
	unsigned int i = 0, j;

	fw_log("name-service flood: 1000 announcements (by design)");
	while (i < 1000 && hw_ms() - t0 < 100000) {
		if (pend_count == PEND_MAX) {
			flush();
			if (pend_count == PEND_MAX)
				hw_sleep_unless_events();
			hw_take_events();
			continue;
		}
		for (j = 0; j < sizeof(ns); j++)
			ns[j] = 0;
		fw_snprintf((char *)ns, RPMSG_NAME_SIZE, "vboard-flood-%u", i);
		j = 0x800 + i;
		fw_memcpy(ns + RPMSG_NAME_SIZE, &j, 4);
		send(0x800 + i, RPMSG_NS_ADDR, ns, sizeof(ns));
		fw_stats.ns_sent++;
		i++;
	}
	flush();
	fw_log("name-service flood: %u sent", i);
}

static void rsc_rewrite(void)
{
	volatile uint32_t *t = (volatile uint32_t *)vboard_desc.rsc_table;

	fw_log("rewriting the resource table (by design)");
	t[0] = 0xdead;			/* ver */
	t[1] = 0xffffffff;		/* num */
	vdev->vring[0].da = 0xffffffff;
	vdev->vring[0].num = 0;
}

static void hostile(void)
{
	if (vboard_desc.flags & VBOARD_FW_F_IPCC_STORM)
		storm();
	if (vboard_desc.flags & VBOARD_FW_F_NS_FLOOD)
		ns_flood();
	if (vboard_desc.flags & VBOARD_FW_F_RSC_REWRITE)
		rsc_rewrite();
}

/* ------------------------------------------------------------ requests */

static void requests(uint32_t ev)
{
	if (ev & (1u << CH_SHUTDOWN)) {
		fw_stats.shutdown_reqs++;
		fw_log("shutdown requested");
		if (vboard_desc.flags & VBOARD_FW_F_NO_SHUTDOWN_ACK) {
			fw_log("shutdown not acknowledged (by design)");
		} else {
			halted = 1;
			/* counted first: Linux may reset the core once acked */
			fw_stats.shutdown_acks++;
			hw_ack(CH_SHUTDOWN);
			set_state("stopped");
		}
	}
	if (ev & (1u << CH_DETACH)) {
		fw_stats.detach_reqs++;
		fw_log("detach requested: keep running");
		vrings_up = 0;
		vdev = 0;
		pend_count = 0;
		vring_reset();
		hw_ack(CH_DETACH);
	}
}

/*
 * VBOARD_FW_F_FP_CHECK: a sum kept in FP registers across the interrupts
 * that arrive meanwhile. 0.5 + 1.0 + ... + 32.0 is exact in single
 * precision: 528.
 */
static volatile float fp_step = 0.5f;

static void fp_check(void)
{
	float step = fp_step, acc = 0.0f, x = 0.0f;
	int i;

	for (i = 0; i < 64; i++) {
		x += step;
		acc += x;
	}
	fw_stats.fp_checks++;
	if (acc != 1040.0f) {
		if (!fw_stats.fp_errors)
			fw_log("FP context lost: sum %d, want 1040", (int)acc);
		fw_stats.fp_errors++;
	}
}

/*
 * Nothing to do: sleep, or (FP check) sum for a while, then look again.
 * Until Linux's DRIVER_OK the loop polls the status, as OpenAMP's remote
 * does (Linux sets it without a notification).
 */
static void idle(void)
{
	unsigned int n;

	if (!vrings_up && !halted && !hung && vboard_desc.rsc_table &&
	    !hw_peek_events())
		return;

	if (!(vboard_desc.flags & VBOARD_FW_F_FP_CHECK)) {
		hw_sleep_unless_events();
		return;
	}
	for (n = 0; n < 200 && !hw_peek_events(); n++)
		fp_check();
}

void fw_main(void)
{
	uint32_t ev;
	int more;

	fw_stats.magic = VBOARD_FW_STATS_MAGIC;
	set_state("running");
	log_init((char *)vboard_desc.trace_buf, vboard_desc.trace_len);
	hw_init();
	fw_log("vboard-m4: boot, firmware \"%s\"", vboard_desc.name);
	fw_log("startup: .data 0x%x bytes 0x%x -> 0x%x, .bss 0x%x bytes at 0x%x",
	       vboard_desc.data_len, vboard_desc.data_lma, vboard_desc.data_vma,
	       vboard_desc.bss_len, vboard_desc.bss_start);
	fw_log("resource table at 0x%x", vboard_desc.rsc_table);
	if (!vboard_desc.rsc_table)
		fw_log("no resource table: no RPMsg");
	/* A marker in RAM for the coredump test: the boot count it keeps */
	fw_stats.pattern_boot = hw_boot_count();
	if (vboard_desc.pattern_len > 1)
		fw_snprintf((char *)vboard_desc.pattern_buf, vboard_desc.pattern_len,
			    "VBOARD-M4-RAM-PATTERN boot %u", fw_stats.pattern_boot);
	if (vboard_desc.wdg_period_ms)
		hw_wdg_start(vboard_desc.wdg_period_ms);
	if (vboard_desc.flags & VBOARD_FW_F_FAULT)
		(void)*(volatile uint32_t *)M4_ADC1_BASE;	/* the board reports it */
	if (vboard_desc.flags & VBOARD_FW_F_CRASH_AT_BOOT) {
		fw_log("crash during boot (by design)");
		hung = 1;
	}

	for (;;) {
		idle();
		ev = hw_take_events();
		if (hung)
			continue;	/* no refresh, no service: WWDG1 bites */
		hw_wdg_refresh();
		requests(ev);
		if (halted || !vboard_desc.rsc_table)
			continue;
		if (vrings_up && !(vdev->status & DRIVER_OK)) {
			vrings_up = 0;
			pend_count = 0;
			vring_reset();
			fw_log("virtio reset by Linux");
			fw_stats.virtio_resets++;
		}
		if (!vrings_up) {
			if (!vdev)
				vdev = find_vdev();
			if (!vdev || !(vdev->status & DRIVER_OK))
				continue;
			if (vrings_setup()) {
				halted = 1;
				continue;
			}
			vrings_up = 1;
			fw_stats.event_idx = !!(vdev->gfeatures & F_EVENT_IDX);
			vring_set_event_idx(fw_stats.event_idx);
			fw_log("virtio DRIVER_OK, vrings up%s",
			       fw_stats.event_idx ? ", event index" : "");
			announce();
			hostile();
		}
		if ((vboard_desc.flags & VBOARD_FW_F_LATE_ACK) && !ev) {
			flush();
			continue;
		}
		do {
			more = drain(!ev);
			flush();
		} while (more && pend_count < PEND_MAX);
		if (vboard_desc.flags & VBOARD_FW_F_LATE_ACK) {
			if (ev & (1u << CH_VQ0)) {
				hw_ack(CH_VQ0);
				fw_stats.late_acks++;
			}
			if (ev & (1u << CH_VQ1)) {
				hw_ack(CH_VQ1);
				fw_stats.late_acks++;
			}
		}
		if (vboard_desc.hang_after && fw_stats.served >= vboard_desc.hang_after) {
			if (vboard_desc.flags & VBOARD_FW_F_FAULT) {
				fw_log("fault after %u messages (by design)", fw_stats.served);
				(void)*(volatile uint32_t *)M4_FMC_BANK1;
			}
			fw_log("hang after %u messages (by design)", fw_stats.served);
			hung = 1;
		}
	}
}
