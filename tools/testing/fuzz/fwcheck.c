// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwcheck: run the M4 firmware validator on files (host build), printing
 * "file: ok" or "file: <the driver's message>". Exit 1 if any file fails.
 */
#include <stdio.h>
#include <stdlib.h>

#include "stm32_rproc_fw.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct stm32_fw_mem mems[] = {
	{ 0x00000000, 0x10000, 0x00000000 }, { 0x30000000, 0x40000, 0x10000000 },
	{ 0x10000000, 0x40000, 0x10000000 }, { 0x10040000, 0x1000, 0x10040000 },
	{ 0x10041000, 0x1000, 0x10041000 },
};

int main(int argc, char **argv)
{
	int i, bad = 0;

	for (i = 1; i < argc; i++) {
		struct stm32_fw_info info;
		char msg[STM32_FW_MSG_LEN];
		FILE *f = fopen(argv[i], "rb");
		unsigned char *buf;
		long n;

		if (!f || fseek(f, 0, SEEK_END)) {
			perror(argv[i]);
			return 2;
		}
		n = ftell(f);
		if (n < 0 || fseek(f, 0, SEEK_SET)) {
			perror(argv[i]);
			return 2;
		}
		/* the whole file, whatever its size (unstripped images are MBs) */
		buf = malloc(n ? n : 1);
		if (!buf || fread(buf, 1, n, f) != (size_t)n) {
			perror(argv[i]);
			return 2;
		}
		fclose(f);
		if (stm32_fw_check_image(buf, n, mems, ARRAY_SIZE(mems), &info,
					 msg, sizeof(msg))) {
			printf("%s: %s\n", argv[i], msg);
			bad = 1;
		} else {
			printf("%s: ok\n", argv[i]);
		}
		free(buf);
	}
	return bad;
}
