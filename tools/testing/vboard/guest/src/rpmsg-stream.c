// SPDX-License-Identifier: GPL-2.0-only
/*
 * rpmsg-stream: stream numbered messages to the M4's echo service through
 * rpmsg_char and account for every one of them.
 *
 *   rpmsg-stream [-c ctrl|auto] [-d dst] [-e endpoints] [-s size] [-w window]
 *                [-T seconds] [-N messages] [-R echoes] [-t timeout_ms] [-r]
 *                [-L file] [-X crashfile]
 *   rpmsg-stream now                  CLOCK_MONOTONIC in microseconds
 *   rpmsg-stream timewrite FILE TEXT  microseconds one write(2) of TEXT took
 *
 * Each endpoint keeps up to "window" messages in flight. Every message
 * carries its sequence number and a pattern; an echo must be the oldest
 * message in flight on its endpoint, byte for byte. When the endpoint
 * reports an error (the M4 crashed or stopped: rpmsg_char returns EPIPE or
 * POLLERR), the messages in flight are "lost in a crash"; with -r the
 * program waits for a new rpmsg_ctrl device and goes on. A message that
 * disappears without such an error (a skipped sequence number, or no echo
 * within the timeout) is a "silent loss", which is a failure.
 * SIGTERM/SIGINT or the -T/-N budget end the run; messages in flight are
 * drained first. The last line is the report (key=value).
 * -L writes every round-trip time (us), one per line. -R ends the run after
 * that many echoes. -X (recovery time, with -r -R 1): once the endpoints are
 * open, write "2" to crashfile (remoteproc debugfs "crash"), send nothing
 * until the crash is seen, and report recover_us, from the crash request
 * to the first echo on the new endpoints.
 * Exit status: 0 when nothing was lost silently and every echo matched.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#define MAX_PAYLOAD	496
#define MAX_EPS		8
#define MAX_WINDOW	64
#define MAX_SAMPLES	1048576u

struct ep {
	int fd;
	char name[32];
	uint32_t next;		/* sequence number of the next message */
	uint32_t expect;	/* sequence number of the next echo */
	uint64_t ts[MAX_WINDOW];	/* send time, indexed by seq % window */
};

static sig_atomic_t stop;	/* re-read after every system call */
static struct ep eps[MAX_EPS];
static unsigned int neps = 1, size = MAX_PAYLOAD, window = 1, dst = 0x402;
static unsigned int tmo_ms = 5000;
static const char *ctrl_arg = "auto";
static int cfd = -1, connected;
static uint64_t sent, received, lost_crash, silent, mismatches, errors;
static uint64_t reconnects, bytes;
static uint32_t *lat;
static size_t nlat;

static uint64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static int read_attr(const char *dir, const char *attr, char *buf, size_t len)
{
	char path[300];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, attr);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

/* The /dev/rpmsgN whose sysfs name and dst are ours */
static int find_eptdev(const char *want, char *dev, size_t len)
{
	char dir[300], name[64], d[32];
	struct dirent *de;
	DIR *cls = opendir("/sys/class/rpmsg");

	if (!cls)
		return -1;
	while ((de = readdir(cls))) {
		if (strncmp(de->d_name, "rpmsg", 5) ||
		    !strncmp(de->d_name, "rpmsg_ctrl", 10))
			continue;
		snprintf(dir, sizeof(dir), "/sys/class/rpmsg/%s", de->d_name);
		if (read_attr(dir, "name", name, sizeof(name)) ||
		    read_attr(dir, "dst", d, sizeof(d)))
			continue;
		if (!strcmp(name, want) && strtoul(d, NULL, 0) == dst) {
			snprintf(dev, len, "/dev/%s", de->d_name);
			closedir(cls);
			return 0;
		}
	}
	closedir(cls);
	return -1;
}

static char ctrl_used[300];	/* the rpmsg_ctrl of the current session */
static struct stat ctrl_st;	/* and its node, to tell a new one apart */

static int open_ctrl(void)
{
	struct dirent *de;
	DIR *d;

	if (strcmp(ctrl_arg, "auto")) {
		snprintf(ctrl_used, sizeof(ctrl_used), "%s", ctrl_arg);
		stat(ctrl_used, &ctrl_st);
		return open(ctrl_arg, O_RDWR);
	}
	d = opendir("/dev");
	if (!d)
		return -1;
	while ((de = readdir(d))) {
		if (strncmp(de->d_name, "rpmsg_ctrl", 10))
			continue;
		snprintf(ctrl_used, sizeof(ctrl_used), "/dev/%s", de->d_name);
		closedir(d);
		stat(ctrl_used, &ctrl_st);
		return open(ctrl_used, O_RDWR);
	}
	closedir(d);
	errno = ENOENT;
	return -1;
}

static void disconnect(void)
{
	unsigned int i;

	for (i = 0; i < neps; i++) {
		if (eps[i].fd >= 0) {
			ioctl(eps[i].fd, RPMSG_DESTROY_EPT_IOCTL);
			close(eps[i].fd);
		}
		eps[i].fd = -1;
	}
	if (cfd >= 0)
		close(cfd);
	cfd = -1;
	connected = 0;
}

/* Create and open our endpoints; 0 or -1 (nothing left half open) */
static int connect_eps(void)
{
	struct rpmsg_endpoint_info info;
	char dev[300];
	unsigned int i, tries;

	cfd = open_ctrl();
	if (cfd < 0)
		return -1;
	for (i = 0; i < neps; i++) {
		struct ep *e = &eps[i];

		memset(&info, 0, sizeof(info));
		snprintf(info.name, sizeof(info.name), "%s", e->name);
		info.src = 0xffffffff;
		info.dst = dst;
		if (ioctl(cfd, RPMSG_CREATE_EPT_IOCTL, &info))
			goto fail;
		for (tries = 0; tries < 2000 && e->fd < 0; tries++) {
			if (!find_eptdev(e->name, dev, sizeof(dev)))
				e->fd = open(dev, O_RDWR | O_NONBLOCK);
			if (e->fd < 0)
				usleep(1000);
		}
		if (e->fd < 0)
			goto fail;
		e->expect = e->next;
	}
	connected = 1;
	return 0;
fail:
	disconnect();
	return -1;
}

/* The session ended with an error: what was in flight went with it */
static void session_lost(const char *why)
{
	unsigned int i;
	uint64_t n = 0;

	for (i = 0; i < neps; i++)
		n += eps[i].next - eps[i].expect;
	lost_crash += n;
	errors++;
	fprintf(stderr, "rpmsg-stream: %s (%s); %llu message(s) in flight lost\n",
		why, strerror(errno), (unsigned long long)n);
	disconnect();
	/*
	 * The endpoints go first when the M4 stops or crashes, the rpmsg_ctrl
	 * device a moment later: wait for it to go (5 s at most) rather than
	 * create endpoints on a device being removed (a race the kernel loses:
	 * README, "Known kernel issues").
	 */
	for (i = 0; i < 1000; i++) {
		struct stat st;

		if (stat(ctrl_used, &st) || st.st_ino != ctrl_st.st_ino ||
		    st.st_rdev != ctrl_st.st_rdev)
			break;	/* gone, or a new node of the same name */
		usleep(5000);
	}
}

static void fill(unsigned char *b, unsigned int ep, uint32_t seq)
{
	unsigned int i;

	memcpy(b, &seq, 4);
	memcpy(b + 4, &ep, 4);
	for (i = 8; i < size; i++)
		b[i] = (unsigned char)(seq * 31 + i + ep);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

static int print_help(const char *p)
{
	fprintf(stderr,
		"usage: %s [-c ctrl|auto] [-d dst] [-e eps] [-s size] [-w window]\n"
		"           [-T s] [-N msgs] [-R echoes] [-t ms] [-r] [-L file] [-X crashfile]\n"
		"       %s now | timewrite FILE TEXT\n", p, p);
	return 2;
}

int main(int argc, char **argv)
{
	unsigned char out[MAX_PAYLOAD], in[MAX_PAYLOAD + 16];
	uint64_t t0, t_end = 0, budget = 0, last_rx;
	const char *latfile = NULL;
	unsigned int i, secs = 0;
	const char *crashfile = NULL;
	uint64_t want_rx = 0, t_crash = 0, t_recovered = 0;
	int opt, reconnect = 0, bad;

	if (argc == 2 && !strcmp(argv[1], "now")) {
		printf("%llu\n", (unsigned long long)now_us());
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "timewrite")) {
		int fd = open(argv[2], O_WRONLY);
		uint64_t t;
		ssize_t n;

		if (fd < 0) {
			perror(argv[2]);
			return 1;
		}
		t = now_us();
		n = write(fd, argv[3], strlen(argv[3]));
		t = now_us() - t;
		close(fd);
		if (n != (ssize_t)strlen(argv[3])) {
			fprintf(stderr, "write %s to %s: %s\n", argv[3], argv[2],
				strerror(errno));
			return 1;
		}
		printf("%llu\n", (unsigned long long)t);
		return 0;
	}
	while ((opt = getopt(argc, argv, "c:d:e:s:w:T:N:R:t:rL:X:")) != -1) {
		switch (opt) {
		case 'c':
			ctrl_arg = optarg;
			break;
		case 'd':
			dst = strtoul(optarg, NULL, 0);
			break;
		case 'e':
			neps = strtoul(optarg, NULL, 0);
			break;
		case 's':
			size = strtoul(optarg, NULL, 0);
			break;
		case 'w':
			window = strtoul(optarg, NULL, 0);
			break;
		case 'T':
			secs = strtoul(optarg, NULL, 0);
			break;
		case 'N':
			budget = strtoull(optarg, NULL, 0);
			break;
		case 't':
			tmo_ms = strtoul(optarg, NULL, 0);
			break;
		case 'r':
			reconnect = 1;
			break;
		case 'L':
			latfile = optarg;
			break;
		case 'R':
			want_rx = strtoull(optarg, NULL, 0);
			break;
		case 'X':
			crashfile = optarg;
			break;
		default:
			return print_help(argv[0]);
		}
	}
	if (!neps || neps > MAX_EPS || size < 8 || size > MAX_PAYLOAD ||
	    !window || window > MAX_WINDOW)
		return print_help(argv[0]);
	lat = malloc(MAX_SAMPLES * sizeof(*lat));
	if (!lat)
		return 1;
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	for (i = 0; i < neps; i++) {
		eps[i].fd = -1;
		snprintf(eps[i].name, sizeof(eps[i].name), "rpmsg-stream-%u", i);
	}

	t0 = now_us();
	if (secs)
		t_end = t0 + (uint64_t)secs * 1000000;
	last_rx = t0;
	for (;;) {
		struct pollfd pfd[MAX_EPS];
		uint64_t now = now_us(), inflight = 0;
		int n;

		if (t_end && now >= t_end)
			stop = 1;
		if (budget && sent >= budget)
			stop = 1;
		if (want_rx && received >= want_rx)
			stop = 1;
		if (!connected) {
			if (stop)
				break;
			if (connect_eps()) {
				if (!reconnect && now - t0 > (uint64_t)tmo_ms * 1000) {
					fprintf(stderr, "rpmsg-stream: no endpoints: %s\n",
						strerror(errno));
					return 1;
				}
				usleep(1000);	/* 1 ms: recovery time is measured here */
				continue;
			}
			if (sent || errors)
				reconnects++;
			last_rx = now_us();
			if (crashfile && !t_crash) {
				int fd = open(crashfile, O_WRONLY);

				t_crash = now_us();
				if (fd < 0 || write(fd, "2", 1) != 1) {
					perror(crashfile);
					return 1;
				}
				close(fd);
			}
		}
		/* Fill every window */
		for (i = 0; i < neps && !stop && !(crashfile && !errors); i++) {
			struct ep *e = &eps[i];

			while (e->next - e->expect < window &&
			       !(budget && sent >= budget)) {
				fill(out, i, e->next);
				e->ts[e->next % window] = now_us();
				if (write(e->fd, out, size) != (ssize_t)size) {
					if (errno == EAGAIN)
						break;
					session_lost("write failed");
					goto next;
				}
				e->next++;
				sent++;
			}
		}
		for (i = 0; i < neps; i++) {
			pfd[i].fd = eps[i].fd;
			pfd[i].events = POLLIN;
			inflight += eps[i].next - eps[i].expect;
		}
		if (stop && !inflight) {
			disconnect();
			break;
		}
		n = poll(pfd, neps, 100);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0) {
			if (inflight && now_us() - last_rx > (uint64_t)tmo_ms * 1000) {
				silent += inflight;
				fprintf(stderr,
					"rpmsg-stream: %llu message(s) without echo for %u ms, no error\n",
					(unsigned long long)inflight, tmo_ms);
				disconnect();
				if (!reconnect)
					break;
			}
			continue;
		}
		for (i = 0; i < neps; i++) {
			struct ep *e = &eps[i];
			uint32_t seq, epi;
			ssize_t got;

			if (pfd[i].revents & (POLLERR | POLLHUP | POLLNVAL)) {
				errno = EPIPE;
				session_lost("endpoint gone");
				goto next;
			}
			if (!(pfd[i].revents & POLLIN))
				continue;
			while ((got = read(e->fd, in, sizeof(in))) > 0) {
				uint64_t t = now_us();

				last_rx = t;
				memcpy(&seq, in, 4);
				memcpy(&epi, in + 4, 4);
				if (epi != i || seq - e->expect >= window ||
				    seq - e->expect >= e->next - e->expect) {
					fprintf(stderr,
						"rpmsg-stream: ep %u: unexpected echo %u (want %u)\n",
						i, seq, e->expect);
					mismatches++;
					continue;
				}
				if (seq != e->expect) {
					fprintf(stderr,
						"rpmsg-stream: ep %u: %u message(s) skipped before %u\n",
						i, seq - e->expect, seq);
					silent += seq - e->expect;
					e->expect = seq;
				}
				fill(out, i, seq);
				if (got != (ssize_t)size || memcmp(in, out, size))
					mismatches++;
				if (nlat < MAX_SAMPLES)
					lat[nlat++] = (uint32_t)(t - e->ts[seq % window]);
				e->expect++;
				received++;
				bytes += got;
				if (crashfile && !t_recovered)
					t_recovered = t;
			}
			if (got < 0 && errno != EAGAIN) {
				session_lost("read failed");
				goto next;
			}
		}
next:
		;
	}

	t0 = now_us() - t0;
	bad = silent || mismatches || sent != received + lost_crash;
	if (latfile) {
		FILE *f = fopen(latfile, "w");

		for (i = 0; f && i < nlat; i++)
			fprintf(f, "%u\n", lat[i]);
		if (f)
			fclose(f);
	}
	qsort(lat, nlat, sizeof(*lat), cmp_u32);
	printf("stream: sent=%llu received=%llu lost_in_crash=%llu",
	       (unsigned long long)sent, (unsigned long long)received,
	       (unsigned long long)lost_crash);
	printf(" silent_lost=%llu mismatches=%llu errors=%llu reconnects=%llu",
	       (unsigned long long)silent, (unsigned long long)mismatches,
	       (unsigned long long)errors, (unsigned long long)reconnects);
	printf(" bytes=%llu elapsed_us=%llu kBps=%llu",
	       (unsigned long long)bytes, (unsigned long long)t0,
	       (unsigned long long)(t0 ? bytes * 1000 / t0 : 0));
	printf(" lat_p50_us=%u lat_p99_us=%u lat_max_us=%u\n",
	       nlat ? lat[nlat / 2] : 0, nlat ? lat[nlat * 99 / 100] : 0,
	       nlat ? lat[nlat - 1] : 0);
	if (crashfile)
		printf("recover_us=%llu\n", t_recovered ?
		       (unsigned long long)(t_recovered - t_crash) : 0ULL);
	return bad || (crashfile && !t_recovered) ? 1 : 0;
}
