/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * OP-TEE's remoteproc trusted application: its UUID, its commands and the
 * GlobalPlatform TEE client API return codes it answers with.
 *
 * The single source of this knowledge for the remoteproc driver's TA
 * client (drivers/remoteproc/stm32_rproc_tee.c) and the virtual board's
 * secure world (tools/testing/vboard/model/vboard-tee.c). Every command
 * takes the processor id (M4 0, M33 1) as a VALUE_INPUT in param 0:
 *   LOAD_FW       param 1 MEMREF_INPUT: the signed image
 *   START_FW, STOP_FW, RELEASE_FW   no other parameter
 *   GET_RSC_TABLE param 1 VALUE_OUTPUT: the table's physical address
 *                 (a low, b high 32 bits); param 2 VALUE_OUTPUT: its size
 *                 (0: the image has none)
 *   GET_COREDUMP  not implemented by OP-TEE
 */
#ifndef _STM32MP_RPROC_TA_H
#define _STM32MP_RPROC_TA_H

#define STM32MP_TA_RPROC_UUID	UUID_INIT(0x80a4c275, 0x0a47, 0x4905, \
					  0x82, 0x85, 0x14, 0x86, 0xa9, 0x77, \
					  0x1a, 0x08)
/* The same UUID as a DT compatible (the mainline "st,rproc-tee" binding) */
#define STM32MP_TA_RPROC_UUID_STR	"80a4c275-0a47-4905-8285-1486a9771a08"

#define STM32MP_TA_RPROC_NPARAMS	4

enum stm32mp_ta_rproc_cmd {
	STM32MP_TA_RPROC_LOAD_FW = 1,
	STM32MP_TA_RPROC_START_FW = 2,
	STM32MP_TA_RPROC_STOP_FW = 3,
	STM32MP_TA_RPROC_GET_RSC_TABLE = 4,
	STM32MP_TA_RPROC_GET_COREDUMP = 5,
	STM32MP_TA_RPROC_RELEASE_FW = 6,
};

/* GlobalPlatform TEE client API return codes (arg.ret) */
#define TEEC_SUCCESS			0x00000000
#define TEEC_ERROR_ACCESS_DENIED	0xffff0001
#define TEEC_ERROR_BAD_FORMAT		0xffff0005
#define TEEC_ERROR_BAD_PARAMETERS	0xffff0006
#define TEEC_ERROR_BAD_STATE		0xffff0007
#define TEEC_ERROR_ITEM_NOT_FOUND	0xffff0008
#define TEEC_ERROR_NOT_IMPLEMENTED	0xffff0009
#define TEEC_ERROR_NOT_SUPPORTED	0xffff000a
#define TEEC_ERROR_NO_DATA		0xffff000b
#define TEEC_ERROR_OUT_OF_MEMORY	0xffff000c
#define TEEC_ERROR_COMMUNICATION	0xffff000e
#define TEEC_ERROR_SECURITY		0xffff000f
#define TEEC_ERROR_SIGNATURE_INVALID	0xffff3072

/* ret_origin: the trusted application itself answered */
#define TEEC_ORIGIN_TRUSTED_APP		4

#endif /* _STM32MP_RPROC_TA_H */
