/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * STM32MP Cortex-M remoteproc: the OP-TEE remoteproc TA client
 * (stm32_rproc_tee.c), for cores the secure world loads and starts.
 */
#ifndef _STM32_RPROC_TEE_H
#define _STM32_RPROC_TEE_H

#include <linux/firmware.h>
#include <linux/types.h>

struct device;
struct tee_context;

struct stm32_rproc_tee {
	struct device *dev;
	struct tee_context *ctx;
	u32 session;
	u32 proc_id;	/* the TA's remote processor id (M4: 0) */
};

int stm32_rproc_tee_open(struct device *dev, u32 proc_id,
			 struct stm32_rproc_tee *tee);
int stm32_rproc_tee_load(struct stm32_rproc_tee *tee, const char *name,
			 const struct firmware *fw);
int stm32_rproc_tee_start(struct stm32_rproc_tee *tee);
int stm32_rproc_tee_stop(struct stm32_rproc_tee *tee);
void stm32_rproc_tee_release(struct stm32_rproc_tee *tee);
int stm32_rproc_tee_rsc_table(struct stm32_rproc_tee *tee, phys_addr_t *pa,
			      size_t *size);

#endif
