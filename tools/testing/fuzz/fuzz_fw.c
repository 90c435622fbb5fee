// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the M4 firmware validator
 * (drivers/remoteproc/stm32_rproc_fw.c, built for the host unchanged).
 * Every input is checked as an ELF image and as a raw resource table,
 * against the memory map of the virtual board (M4 addresses).
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "stm32_rproc_fw.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct stm32_fw_mem mems[] = {
	{ 0x00000000, 0x10000, 0x00000000 },	/* RETRAM */
	{ 0x30000000, 0x40000, 0x10000000 },	/* mcuram */
	{ 0x10000000, 0x40000, 0x10000000 },	/* mcuram2 */
	{ 0x10040000, 0x1000, 0x10040000 },		/* vdev0vring0 */
	{ 0x10041000, 0x1000, 0x10041000 },		/* vdev0vring1 */
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct stm32_fw_info info;
	char msg[STM32_FW_MSG_LEN];
	unsigned int n = ARRAY_SIZE(mems);

	if (!stm32_fw_check_image(data, size, mems, n, &info, msg, sizeof(msg))) {
		/* A valid image's table lies inside the input */
		if (info.rsc_size &&
		    (info.rsc_offset > size || info.rsc_size > size - info.rsc_offset))
			__builtin_trap();
	}
	stm32_fw_check_rsc_table(data, size, mems, n, &info, msg, sizeof(msg));
	/* Messages are always terminated */
	if (!memchr(msg, '\0', sizeof(msg)))
		__builtin_trap();
	return 0;
}
