// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwcheck: run the M4 firmware validator on files (host build), printing
 * "file: ok" or "file: <the driver's message>". Exit 1 if any file fails.
 */
#include <stdio.h>
#include <stdlib.h>

#include "stm32_rproc_fw.h"

static const struct stm32_fw_mem mems[] = {
	{ 0x00000000, 0x10000 }, { 0x30000000, 0x40000 },
	{ 0x10000000, 0x40000 }, { 0x10040000, 0x1000 },
	{ 0x10041000, 0x1000 }, { 0x10042000, 0x4000 },
};

int main(int argc, char **argv)
{
	int i, bad = 0;

	for (i = 1; i < argc; i++) {
		static unsigned char buf[1 << 20];
		struct stm32_fw_info info;
		char msg[STM32_FW_MSG_LEN];
		FILE *f = fopen(argv[i], "rb");
		size_t n;

		if (!f) {
			perror(argv[i]);
			return 2;
		}
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		if (stm32_fw_check_image(buf, n, mems, 6, &info, msg, sizeof(msg))) {
			printf("%s: %s\n", argv[i], msg);
			bad = 1;
		} else {
			printf("%s: ok\n", argv[i]);
		}
	}
	return bad;
}
