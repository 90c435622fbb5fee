// SPDX-License-Identifier: GPL-2.0-only
/*
 * fwcheck: run the firmware validator on files (host build), printing
 * "file: ok" or "file: <the driver's message>". Exit 1 if any file fails.
 * The memories are the STM32MP15 board's M4 ones, or with "-b mp25" first
 * the STM32MP25 board's M33 ones, with "-b mp25-m0" its M0+ ones, with
 * "-b mp15-tee" the M4's on the board where OP-TEE loads it (the secure
 * world's view: the resource table's region too) (tools/testing/vboard/dts).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stm32_rproc_fw.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct stm32_fw_mem mp15_mems[] = {
	{ 0x00000000, 0x10000, 0x00000000 }, { 0x30000000, 0x40000, 0x10000000 },
	{ 0x10000000, 0x40000, 0x10000000 }, { 0x10040000, 0x1000, 0x10040000 },
	{ 0x10041000, 0x1000, 0x10041000 },
};

static const struct stm32_fw_mem mp15_tee_mems[] = {
	{ 0x00000000, 0x10000, 0x00000000 }, { 0x30000000, 0x40000, 0x10000000 },
	{ 0x10000000, 0x40000, 0x10000000 }, { 0x10040000, 0x1000, 0x10040000 },
	{ 0x10041000, 0x1000, 0x10041000 }, { 0x10048000, 0x8000, 0x10048000 },
};

static const struct stm32_fw_mem mp25_mems[] = {
	{ 0x80100000, 0x800000, 0x80100000 }, { 0x80a00000, 0x800000, 0x80a00000 },
	{ 0x81200000, 0xf8000, 0x81200000 }, { 0x812f8000, 0x1000, 0x812f8000 },
	{ 0x812f9000, 0x1000, 0x812f9000 },
};

/* LPSRAM1-2, LPSRAM3 (data), the IPC shared memory */
static const struct stm32_fw_mem mp25_m0_mems[] = {
	{ 0x200c0000, 0x4000, 0x200c0000 }, { 0x200c4000, 0x2000, 0x200c4000 },
	{ 0x200c6000, 0x2000, 0x200c6000 },
};

int main(int argc, char **argv)
{
	const struct stm32_fw_mem *mems = mp15_mems;
	size_t nmems = ARRAY_SIZE(mp15_mems);
	int i = 1, bad = 0;

	if (argc > 2 && !strcmp(argv[1], "-b") && !strcmp(argv[2], "mp25")) {
		mems = mp25_mems;
		nmems = ARRAY_SIZE(mp25_mems);
		i = 3;
	} else if (argc > 2 && !strcmp(argv[1], "-b") &&
		   !strcmp(argv[2], "mp15-tee")) {
		mems = mp15_tee_mems;
		nmems = ARRAY_SIZE(mp15_tee_mems);
		i = 3;
	} else if (argc > 2 && !strcmp(argv[1], "-b") &&
		   !strcmp(argv[2], "mp25-m0")) {
		mems = mp25_m0_mems;
		nmems = ARRAY_SIZE(mp25_m0_mems);
		i = 3;
	}
	for (; i < argc; i++) {
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
		if (stm32_fw_check_image(buf, n, mems, nmems, &info,
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
