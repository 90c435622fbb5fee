// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual STM32MP15 board: the model's bootloader checks and reads images
 * with the driver's own validator (one ELF and resource-table parser in the
 * project), built here as part of the model module.
 */
#include "../../../../drivers/remoteproc/stm32_rproc_fw.c"
