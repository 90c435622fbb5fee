// SPDX-License-Identifier: GPL-2.0-only
/*
 * rpmsg-echo: RPMsg echo test through rpmsg_char.
 *
 * Creates an endpoint with RPMSG_CREATE_EPT_IOCTL on /dev/rpmsg_ctrlN
 * towards the M4's echo service (default 0x402, "rpmsg-raw"), sends one
 * message of every size 1..496 bytes and checks every echo byte for byte,
 * then checks that a 497-byte message is refused.
 *
 *   rpmsg-echo [-c /dev/rpmsg_ctrl0] [-d dst] [-n rounds] [-s max_size]
 *              [-t timeout_ms]
 * Exit status 0 on success; every failure is printed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/rpmsg.h>

#define MAX_PAYLOAD 496
#define EPT_NAME "vboard-echo-test"

static int read_attr(const char *dir, const char *attr, char *buf, size_t len)
{
	char path[256];
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

/* The /dev/rpmsgN of our endpoint: name and dst match in sysfs */
static int find_eptdev(unsigned int dst, char *dev, size_t len)
{
	struct dirent *de;
	char dir[300], name[64], d[32];
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
		if (!strcmp(name, EPT_NAME) && strtoul(d, NULL, 0) == dst) {
			snprintf(dev, len, "/dev/%s", de->d_name);
			closedir(cls);
			return 0;
		}
	}
	closedir(cls);
	return -1;
}

int main(int argc, char **argv)
{
	const char *ctrl = "/dev/rpmsg_ctrl0";
	unsigned int dst = 0x402, rounds = 1, tmo = 5000, maxsz = MAX_PAYLOAD;
	unsigned int size, r, i;
	struct rpmsg_endpoint_info info;
	unsigned char out[MAX_PAYLOAD + 1], in[MAX_PAYLOAD + 16];
	char dev[300];
	int opt, cfd, fd = -1, tries, errors = 0;
	ssize_t n;

	while ((opt = getopt(argc, argv, "c:d:n:s:t:")) != -1) {
		switch (opt) {
		case 'c':
			ctrl = optarg;
			break;
		case 'd':
			dst = strtoul(optarg, NULL, 0);
			break;
		case 'n':
			rounds = strtoul(optarg, NULL, 0);
			break;
		case 's':
			maxsz = strtoul(optarg, NULL, 0);
			break;
		case 't':
			tmo = strtoul(optarg, NULL, 0);
			break;
		default:
			fprintf(stderr,
				"usage: %s [-c ctrl] [-d dst] [-n rounds] [-s max] [-t ms]\n",
				argv[0]);
			return 2;
		}
	}

	/* The node may lag the device by a moment */
	for (tries = 0; tries < 100; tries++) {
		cfd = open(ctrl, O_RDWR);
		if (cfd >= 0 || errno != ENOENT)
			break;
		usleep(20000);
	}
	if (cfd < 0) {
		fprintf(stderr, "open %s: %s\n", ctrl, strerror(errno));
		return 1;
	}
	memset(&info, 0, sizeof(info));
	snprintf(info.name, sizeof(info.name), "%s", EPT_NAME);
	info.src = 0xffffffff;	/* RPMSG_ADDR_ANY */
	info.dst = dst;
	if (ioctl(cfd, RPMSG_CREATE_EPT_IOCTL, &info)) {
		fprintf(stderr, "RPMSG_CREATE_EPT_IOCTL: %s\n", strerror(errno));
		return 1;
	}
	for (tries = 0; tries < 100; tries++) {
		if (!find_eptdev(dst, dev, sizeof(dev))) {
			fd = open(dev, O_RDWR);
			if (fd >= 0)
				break;
		}
		usleep(20000);
	}
	if (fd < 0) {
		fprintf(stderr, "endpoint device for dst 0x%x did not appear\n", dst);
		return 1;
	}

	for (r = 0; r < rounds; r++) {
		for (size = 1; size <= maxsz && size <= MAX_PAYLOAD; size++) {
			struct pollfd pfd = { .fd = fd, .events = POLLIN };

			for (i = 0; i < size; i++)
				out[i] = (unsigned char)(size * 7 + i + r);
			n = write(fd, out, size);
			if (n != (ssize_t)size) {
				fprintf(stderr, "write %u bytes: %zd (%s)\n", size, n,
					strerror(errno));
				errors++;
				break;
			}
			if (poll(&pfd, 1, tmo) != 1) {
				fprintf(stderr, "no echo for %u bytes within %u ms\n", size, tmo);
				errors++;
				break;
			}
			n = read(fd, in, sizeof(in));
			if (n != (ssize_t)size || memcmp(in, out, size)) {
				fprintf(stderr, "echo mismatch for %u bytes (got %zd)\n", size, n);
				errors++;
			}
		}
	}

	memset(out, 0x5a, sizeof(out));
	n = write(fd, out, MAX_PAYLOAD + 1);
	if (n >= 0) {
		fprintf(stderr, "a %d-byte message was accepted\n", MAX_PAYLOAD + 1);
		errors++;
	} else {
		printf("%d-byte message refused: %s\n", MAX_PAYLOAD + 1, strerror(errno));
	}

	ioctl(fd, RPMSG_DESTROY_EPT_IOCTL);
	close(fd);
	close(cfd);
	printf("rpmsg-echo: %u round(s) of 1..%u bytes, %d error(s)\n", rounds,
	       maxsz < MAX_PAYLOAD ? maxsz : MAX_PAYLOAD, errors);
	return errors ? 1 : 0;
}
