// SPDX-License-Identifier: GPL-2.0
/*
 * sdb-stream: stream through /dev/rpmsg-sdb (drivers/rpmsg/rpmsg_sdb.c) and
 * check every word and sequence number of the model's pattern
 * (tools/testing/vboard/model/vboard-sdb.c).
 *
 *   sdb-stream [-d DEV] [-n BUFS] [-s SIZE] [-c COUNT] [-e] [-t] [-x US]
 *              [-k CMD] [-m] [-b] [-i IRQNAME]
 *   -e   ST's interface: an eventfd per buffer, GET_DATA_SIZE
 *   -t   Linux fills buffers for the core (TO_CORE) instead
 *   -x   hold each buffer US microseconds before handing it back
 *   -k   write CMD to the model's sdb knob once the buffers are mapped
 *   -m   also time memcpy into and out of the mapped buffers, in turn as
 *        the stream uses them (the ceiling)
 *   -b   benchmark: copy each buffer out into the program's memory (what
 *        an application does with the data) and check the stamp the
 *        model's "produce ... stamp" leaves (header and last word)
 *   -i   count the interrupts of /proc/interrupts lines naming IRQNAME
 *        (default: the IPCC's, "mailbox@" and ":rx" or ":tx")
 *
 * Prints one line, "sdb: received R lost L errors E overruns O ... MiBps X
 * ... irqs I irq_per_buf B irq_per_MiB M"; exits 0 when COUNT buffers were
 * accounted for (received or lost) with no data error, 3 when the device
 * hung up (the core stopped), 1 else.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <uapi/stm32mp/rpmsg-sdb.h>
#include "vboard-fw.h"

#define MAXB 64
#define KNOB "/sys/kernel/debug/vboard/sdb"

static int fd, nbufs, legacy, tx, bench, efd[MAXB];
static uint32_t *buf[MAXB], *copy;
static size_t size = 65536;
static const char *irqname;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void knob(const char *cmd)
{
	int k = open(KNOB, O_WRONLY);

	if (k < 0 || write(k, cmd, strlen(cmd)) < 0)
		die(KNOB);
	close(k);
}

static void map_buffers(void)
{
	uint32_t dir = tx ? RPMSG_SDB_TO_CORE : RPMSG_SDB_FROM_CORE;
	int i;

	if (!legacy && ioctl(fd, RPMSG_SDB_IOC_DIRECTION, &dir))
		die("RPMSG_SDB_IOC_DIRECTION");
	for (i = 0; i < nbufs; i++) {
		if (legacy) {
			struct rpmsg_sdb_ioctl_set_efd q = { i, -1 };

			efd[i] = eventfd(0, EFD_NONBLOCK);
			q.eventfd = efd[i];
			if (efd[i] < 0 || ioctl(fd, RPMSG_SDB_IOCTL_SET_EFD, &q))
				die("RPMSG_SDB_IOCTL_SET_EFD");
		}
		buf[i] = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED,
			      fd, 0);
		if (buf[i] == MAP_FAILED)
			die("mmap");
	}
}

/* Interrupts so far on the lines irqname picks, all CPUs */
static unsigned long long irqs(void)
{
	unsigned long long n = 0, v;
	char line[512], *p, *e;
	FILE *f = fopen("/proc/interrupts", "r");

	if (!f)
		die("/proc/interrupts");
	while (fgets(line, sizeof(line), f)) {
		if (irqname ? !strstr(line, irqname) :
		    !strstr(line, "mailbox@") ||
		    (!strstr(line, ":rx") && !strstr(line, ":tx")))
			continue;
		p = strchr(line, ':');
		for (p = p ? p + 1 : line; ; p = e) {
			v = strtoull(p, &e, 10);
			if (e == p)
				break;
			n += v;
		}
	}
	fclose(f);
	return n;
}

/*
 * A filled buffer: every word (the stamp and the payload copied out with
 * -b); returns its sequence number
 */
static int check(int id, uint32_t len, uint32_t *seq)
{
	const uint32_t *p = buf[id];
	uint32_t i;

	if (bench && len <= size) {
		memcpy(copy, p, len);
		p = copy;
	}
	*seq = p[0];
	if (len < 12 || len > size || p[1] != len)
		return -1;
	if (bench)
		return p[len / 4 - 1] == vboard_sdb_word(*seq, len / 4 - 1) ? 0 : -1;
	for (i = 2; i < len / 4; i++)
		if (p[i] != vboard_sdb_word(*seq, i))
			return -1;
	return 0;
}

static void fill(int id, uint32_t seq, uint32_t len)
{
	uint32_t *p = buf[id], i;

	p[0] = seq;
	p[1] = len;
	for (i = 2; i < len / 4; i++)
		p[i] = vboard_sdb_word(seq, i);
}

/* The next completed buffer: id and length; -1 when the device hung up */
static int next_event(uint32_t *id, uint32_t *len, uint32_t *flags)
{
	static struct rpmsg_sdb_event ev[MAXB];
	struct rpmsg_sdb_ioctl_get_data_size q;
	struct pollfd pfd[MAXB + 1];
	static int nev, next;
	int ready[MAXB];
	uint64_t v;
	int i, n;

	if (!legacy) {
		/* every record there is, in one call */
		if (next == nev) {
			n = read(fd, ev, sizeof(ev));
			if (n < 0 && errno == EPIPE)
				return -1;
			if (n <= 0 || n % sizeof(ev[0]))
				die("read");
			nev = n / sizeof(ev[0]);
			next = 0;
		}
		*id = ev[next].id;
		*len = ev[next].len;
		*flags = ev[next].flags;
		next++;
		return 0;
	}
	for (;;) {
		for (i = 0; i < nbufs; i++) {
			pfd[i].fd = efd[i];
			pfd[i].events = POLLIN;
		}
		pfd[nbufs].fd = fd;
		pfd[nbufs].events = 0;
		if (poll(pfd, nbufs + 1, 20000) <= 0)
			die("poll (20 s without a buffer)");
		if (pfd[nbufs].revents & POLLHUP)
			return -1;
		/*
		 * ST's interface says nothing of order (an eventfd per
		 * buffer, and the core may fill them out of turn): the oldest
		 * ready buffer has the lowest sequence number. A filled
		 * buffer stays the reader's, so its first word can be read
		 * before GET_DATA_SIZE. poll() looks at the eventfds one
		 * after the other: an older buffer signalled while the scan
		 * was past it, before a newer one it saw, shows in a second
		 * scan.
		 */
		for (n = 0; n < nbufs; n++)
			ready[n] = pfd[n].revents & POLLIN;
		if (poll(pfd, nbufs + 1, 0) > 0)
			for (n = 0; n < nbufs; n++)
				ready[n] |= pfd[n].revents & POLLIN;
		i = -1;
		for (n = 0; n < nbufs; n++)
			if (ready[n] &&
			    (i < 0 || (int32_t)(buf[n][0] - buf[i][0]) < 0))
				i = n;
		if (i < 0)
			continue;
		if (read(efd[i], &v, sizeof(v)) != sizeof(v))
			die("eventfd");
		/* ST's call, which also hands the buffer read before back */
		q.bufferId = i;
		q.size = 0;
		if (ioctl(fd, RPMSG_SDB_IOCTL_GET_DATA_SIZE, &q))
			return errno == EPIPE ? -1 : (die("GET_DATA_SIZE"), -1);
		if (q.size == ~0u)
			continue;	/* a stale signal */
		*id = i;
		*len = q.size;
		*flags = RPMSG_SDB_EV_FILLED;
		return 0;
	}
}

int main(int argc, char **argv)
{
	const char *dev = "/dev/rpmsg-sdb", *cmd = NULL;
	uint64_t received = 0, lost = 0, errors = 0, overruns = 0, bytes = 0;
	uint32_t id, len, flags, seq = 0, expect = 0;
	struct rpmsg_sdb_stats st;
	unsigned long long i0, nirq;
	double t0, t, mc = 0, mco = 0;
	long count = 100, hold_us = 0;
	int c, i, memcpy_test = 0, hup = 0, first = 1;

	nbufs = 4;
	while ((c = getopt(argc, argv, "d:n:s:c:etx:k:mbi:")) != -1) {
		switch (c) {
		case 'd':
			dev = optarg;
			break;
		case 'n':
			nbufs = atoi(optarg);
			break;
		case 's':
			size = strtoul(optarg, NULL, 0);
			break;
		case 'c':
			count = atol(optarg);
			break;
		case 'e':
			legacy = 1;
			break;
		case 't':
			tx = 1;
			break;
		case 'x':
			hold_us = atol(optarg);
			break;
		case 'k':
			cmd = optarg;
			break;
		case 'm':
			memcpy_test = 1;
			break;
		case 'b':
			bench = 1;
			break;
		case 'i':
			irqname = optarg;
			break;
		default:
			return 1;
		}
	}
	if (nbufs < 1 || nbufs > MAXB || (tx && legacy))
		return 1;
	fd = open(dev, O_RDWR);
	if (fd < 0)
		die(dev);
	copy = malloc(size);
	if (!copy)
		die("malloc");
	memset(copy, 0x5a, size);
	map_buffers();
	if (memcpy_test) {
		/*
		 * The buffers in turn, as the stream uses them, 64 MiB each
		 * way after a warm-up pass (a short copy times the emulator's
		 * first touch of the pages, not memcpy)
		 */
		int r, reps = (int)((64u << 20) / size);

		if (reps < nbufs)
			reps = nbufs;

		for (r = 0; r < nbufs; r++)
			memcpy(copy, buf[r], size);
		t = now();
		for (r = 0; r < reps; r++)
			memcpy(buf[r % nbufs], copy, size);
		mc = (double)reps * size / (now() - t) / 1048576;
		t = now();
		for (r = 0; r < reps; r++)
			memcpy(copy, buf[r % nbufs], size);
		mco = (double)reps * size / (now() - t) / 1048576;
	}
	i0 = irqs();
	if (cmd)
		knob(cmd);
	t0 = now();
	if (tx) {
		/* every buffer out, then refill each as the core hands it back */
		for (i = 0; i < nbufs && i < count; i++) {
			struct rpmsg_sdb_submit s = { i, size };

			fill(i, expect++, size);
			if (ioctl(fd, RPMSG_SDB_IOC_SUBMIT, &s))
				die("RPMSG_SDB_IOC_SUBMIT");
		}
		while ((long)received < count) {
			if (next_event(&id, &len, &flags)) {
				hup = 1;
				break;
			}
			if (!(flags & RPMSG_SDB_EV_DONE) || id >= (uint32_t)nbufs) {
				errors++;
				continue;
			}
			received++;
			bytes += len;
			if ((long)expect < count) {
				struct rpmsg_sdb_submit s = { id, size };

				fill(id, expect++, size);
				if (ioctl(fd, RPMSG_SDB_IOC_SUBMIT, &s))
					die("RPMSG_SDB_IOC_SUBMIT");
			}
		}
	} else {
		while ((long)(received + lost) < count) {
			if (next_event(&id, &len, &flags)) {
				hup = 1;
				break;
			}
			if (id >= (uint32_t)nbufs || check(id, len, &seq)) {
				if (errors++ < 5)
					fprintf(stderr, "buffer %u: bad data (length %u)\n",
						id, len);
				seq = expect;
			} else {
				received++;
				bytes += len;
			}
			if (flags & RPMSG_SDB_EV_OVERRUN)
				overruns++;
			/* the core's numbering goes on from an earlier stream */
			if (first)
				expect = seq;
			first = 0;
			if (seq > expect)
				lost += seq - expect;
			else if (seq < expect && errors++ < 5)	/* stale or repeated */
				fprintf(stderr, "buffer %u: sequence %u after %u\n",
					id, seq, expect - 1);
			expect = seq + 1;
			if (hold_us)
				usleep(hold_us);
			if (!legacy && ioctl(fd, RPMSG_SDB_IOC_RELEASE, &id) &&
			    errno != EPIPE)
				die("RPMSG_SDB_IOC_RELEASE");
		}
	}
	t = now() - t0;
	nirq = irqs() - i0;
	memset(&st, 0, sizeof(st));
	if (ioctl(fd, RPMSG_SDB_IOC_STATS, &st))
		die("RPMSG_SDB_IOC_STATS");
	printf("sdb: %s %llu lost %llu errors %llu overruns %llu ", tx ? "sent" : "received",
	       (unsigned long long)received, (unsigned long long)lost,
	       (unsigned long long)errors, (unsigned long long)overruns);
	printf("events_lost %llu refused %llu buffers %u bytes %llu ",
	       (unsigned long long)st.events_lost,
	       (unsigned long long)st.refused, st.buffers,
	       (unsigned long long)bytes);
	printf("elapsed_us %.0f MiBps %.2f memcpy_MiBps %.2f memcpy_out_MiBps %.2f ",
	       t * 1e6, bytes / t / 1048576, mc, mco);
	printf("irqs %llu irq_per_buf %.3f irq_per_MiB %.1f%s\n", nirq,
	       received ? (double)nirq / received : 0.0,
	       bytes ? nirq * 1048576.0 / bytes : 0.0, hup ? " hangup" : "");
	if (hup)
		return 3;
	return errors ? 1 : 0;
}
