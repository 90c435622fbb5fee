// SPDX-License-Identifier: GPL-2.0
/*
 * sdb-stream: stream through /dev/rpmsg-sdb (drivers/rpmsg/rpmsg_sdb.c) and
 * check every word and sequence number of the model's pattern
 * (tools/testing/vboard/model/vboard-sdb.c).
 *
 *   sdb-stream [-d DEV] [-n BUFS] [-s SIZE] [-c COUNT] [-e] [-t] [-x US]
 *              [-k CMD] [-m]
 *   -e   ST's interface: an eventfd per buffer, GET_DATA_SIZE
 *   -t   Linux fills buffers for the core (TO_CORE) instead
 *   -x   hold each buffer US microseconds before handing it back
 *   -k   write CMD to the model's sdb knob once the buffers are mapped
 *   -m   also time memcpy into one mapped buffer (the bandwidth ceiling)
 *
 * Prints one line, "sdb: received R lost L errors E overruns O ... MiBps X";
 * exits 0 when COUNT buffers were accounted for (received or lost) with
 * no data error, 3 when the device hung up (the core stopped), 1 else.
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

#define MAXB 64
#define KNOB "/sys/kernel/debug/vboard/sdb"

static int fd, nbufs, legacy, tx, efd[MAXB];
static uint32_t *buf[MAXB];
static size_t size = 65536;

static uint32_t word(uint32_t seq, uint32_t i)
{
	return seq * 0x9e3779b1u + i * 0x85ebca6bu;
}

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

/* Every word of a filled buffer; returns its sequence number */
static int check(int id, uint32_t len, uint32_t *seq)
{
	const uint32_t *p = buf[id];
	uint32_t i;

	*seq = p[0];
	if (len < 8 || len > size || p[1] != len)
		return -1;
	for (i = 2; i < len / 4; i++)
		if (p[i] != word(*seq, i))
			return -1;
	return 0;
}

static void fill(int id, uint32_t seq, uint32_t len)
{
	uint32_t *p = buf[id], i;

	p[0] = seq;
	p[1] = len;
	for (i = 2; i < len / 4; i++)
		p[i] = word(seq, i);
}

/* The next completed buffer: id and length; -1 when the device hung up */
static int next_event(uint32_t *id, uint32_t *len, uint32_t *flags)
{
	struct pollfd pfd[MAXB + 1];
	struct rpmsg_sdb_event ev;
	static int last = -1;
	int i, n;

	if (!legacy) {
		n = read(fd, &ev, sizeof(ev));
		if (n < 0 && errno == EPIPE)
			return -1;
		if (n != sizeof(ev))
			die("read");
		*id = ev.id;
		*len = ev.len;
		*flags = ev.flags;
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
		/* oldest first: the core fills them in turn */
		for (n = 0; n < nbufs; n++) {
			struct rpmsg_sdb_ioctl_get_data_size q;
			uint64_t v;

			i = (last + 1 + n) % nbufs;
			q.bufferId = i;
			q.size = 0;
			if (!(pfd[i].revents & POLLIN))
				continue;
			last = i;
			if (read(efd[i], &v, sizeof(v)) != sizeof(v))
				die("eventfd");
			/* ST's call, which also hands the buffer back */
			if (ioctl(fd, RPMSG_SDB_IOCTL_GET_DATA_SIZE, &q))
				return errno == EPIPE ? -1 : (die("GET_DATA_SIZE"), -1);
			if (q.size == ~0u)
				continue;
			*id = i;
			*len = q.size;
			*flags = RPMSG_SDB_EV_FILLED;
			return 0;
		}
	}
}

int main(int argc, char **argv)
{
	const char *dev = "/dev/rpmsg-sdb", *cmd = NULL;
	uint64_t received = 0, lost = 0, errors = 0, overruns = 0, bytes = 0;
	uint32_t id, len, flags, seq, expect = 0;
	struct rpmsg_sdb_stats st;
	double t0, t, mc = 0;
	long count = 100, hold_us = 0;
	int c, i, memcpy_test = 0, hup = 0, first = 1;

	nbufs = 4;
	while ((c = getopt(argc, argv, "d:n:s:c:etx:k:m")) != -1) {
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
		default:
			return 1;
		}
	}
	if (nbufs < 1 || nbufs > MAXB || (tx && legacy))
		return 1;
	fd = open(dev, O_RDWR);
	if (fd < 0)
		die(dev);
	map_buffers();
	if (memcpy_test) {
		char *src = malloc(size);
		int r;

		memset(src, 0x5a, size);
		t = now();
		for (r = 0; r < 32; r++)
			memcpy(buf[0], src, size);
		mc = 32.0 * size / (now() - t) / 1048576;
		free(src);
	}
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
				errors++;
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
			else if (seq < expect)
				errors++;	/* a stale or repeated buffer */
			expect = seq + 1;
			if (hold_us)
				usleep(hold_us);
			if (!legacy && ioctl(fd, RPMSG_SDB_IOC_RELEASE, &id) &&
			    errno != EPIPE)
				die("RPMSG_SDB_IOC_RELEASE");
		}
	}
	t = now() - t0;
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
	printf("elapsed_us %.0f MiBps %.2f memcpy_MiBps %.2f%s\n",
	       t * 1e6,
	       bytes / t / 1048576, mc, hup ? " hangup" : "");
	if (hup)
		return 3;
	return errors ? 1 : 0;
}
