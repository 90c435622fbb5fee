// SPDX-License-Identifier: GPL-2.0-only
/*
 * STM32MP Cortex-M remoteproc: the client of OP-TEE's remoteproc trusted
 * application (UUID 80a4c275-0a47-4905-8285-1486a9771a08), for boards
 * where the secure world authenticates, loads and starts the core.
 *
 * One session per core, opened at probe with the REE_KERNEL login and the
 * processor id in param 0 (what the upstream TA checks); every command
 * carries the id again in param 0. The image goes to the TA as a
 * registered kernel buffer (no copy). The TA's GlobalPlatform return codes
 * become errnos and a message that says what was wrong with the image.
 */
#include <linux/io.h>
#include <linux/remoteproc.h>
#include <linux/tee_drv.h>
#include <linux/uuid.h>

#include <stm32mp/rproc-ta.h>

#include "stm32_rproc.h"
#include "stm32_rproc_tee.h"

struct stm32_tee_err {
	u32 code;
	int err;
	const char *what;
};

/* What a refused LOAD_FW means for the user */
static const struct stm32_tee_err stm32_tee_load_errs[] = {
	{ TEEC_ERROR_SIGNATURE_INVALID, -EKEYREJECTED,
	  "signature does not verify (not signed with the board's key, or changed since)" },
	{ TEEC_ERROR_SECURITY, -EBADMSG,
	  "a segment does not match its signed hash" },
	{ TEEC_ERROR_BAD_PARAMETERS, -EINVAL,
	  "not a signed image, truncated, or its header and size disagree" },
	{ TEEC_ERROR_BAD_FORMAT, -ENOEXEC,
	  "the signed image's ELF is malformed" },
	{ TEEC_ERROR_NO_DATA, -ENOEXEC,
	  "a loadable segment has no signed hash" },
	{ TEEC_ERROR_NOT_SUPPORTED, -EOPNOTSUPP,
	  "signature type or image type not supported by the secure world" },
	{ TEEC_ERROR_ACCESS_DENIED, -EACCES,
	  "a segment or the resource table is outside the core's memories" },
	{ TEEC_ERROR_OUT_OF_MEMORY, -ENOMEM,
	  "the secure world is out of memory" },
	{ TEEC_ERROR_BAD_STATE, -EBUSY,
	  "the secure world has the core running or loaded" },
};

static int stm32_tee_errno(u32 code)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(stm32_tee_load_errs); i++)
		if (stm32_tee_load_errs[i].code == code)
			return stm32_tee_load_errs[i].err;
	return -EIO;
}

static const char *stm32_tee_load_msg(u32 code)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(stm32_tee_load_errs); i++)
		if (stm32_tee_load_errs[i].code == code)
			return stm32_tee_load_errs[i].what;
	return "refused by the secure world";
}

static int stm32_tee_match(struct tee_ioctl_version_data *ver, const void *data)
{
	return ver->impl_id == TEE_IMPL_ID_OPTEE;
}

/* Invoke @cmd; param[0] is the processor id, the caller fills 1..3 */
static int stm32_tee_invoke(struct stm32_rproc_tee *tee, u32 cmd,
			    struct tee_param *param, u32 *code)
{
	struct tee_ioctl_invoke_arg arg = {
		.func = cmd,
		.session = tee->session,
		.num_params = STM32MP_TA_RPROC_NPARAMS,
	};
	int ret;

	param[0] = (struct tee_param){
		.attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT,
		.u.value.a = tee->proc_id,
	};
	ret = tee_client_invoke_func(tee->ctx, &arg, param);
	*code = arg.ret;
	if (ret)
		return ret;
	return arg.ret ? stm32_tee_errno(arg.ret) : 0;
}

static int stm32_tee_simple(struct stm32_rproc_tee *tee, u32 cmd,
			    const char *what)
{
	struct tee_param param[STM32MP_TA_RPROC_NPARAMS] = {};
	u32 code;
	int ret;

	ret = stm32_tee_invoke(tee, cmd, param, &code);
	if (ret)
		dev_err(tee->dev, "secure world: %s failed: %d (TA 0x%08x)\n",
			what, ret, code);
	return ret;
}

/* LOAD_FW: authenticate and load @fw; a refusal says why */
int stm32_rproc_tee_load(struct stm32_rproc_tee *tee, const char *name,
			 const struct firmware *fw)
{
	struct tee_param param[STM32MP_TA_RPROC_NPARAMS] = {};
	struct tee_shm *shm;
	u32 code;
	int ret;

	shm = tee_shm_register_kernel_buf(tee->ctx, (void *)fw->data, fw->size);
	if (IS_ERR(shm)) {
		dev_err(tee->dev, "cannot share %s with the secure world: %ld\n",
			name, PTR_ERR(shm));
		return PTR_ERR(shm);
	}
	param[1] = (struct tee_param){
		.attr = TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT,
		.u.memref.shm = shm,
		.u.memref.size = fw->size,
	};
	ret = stm32_tee_invoke(tee, STM32MP_TA_RPROC_LOAD_FW, param, &code);
	tee_shm_free(shm);
	if (ret && code)
		dev_err(tee->dev, "invalid signed firmware %s: %s (TA 0x%08x)\n",
			name, stm32_tee_load_msg(code), code);
	else if (ret)
		dev_err(tee->dev, "cannot load %s through the secure world: %d\n",
			name, ret);
	return ret;
}

int stm32_rproc_tee_start(struct stm32_rproc_tee *tee)
{
	return stm32_tee_simple(tee, STM32MP_TA_RPROC_START_FW, "start");
}

int stm32_rproc_tee_stop(struct stm32_rproc_tee *tee)
{
	return stm32_tee_simple(tee, STM32MP_TA_RPROC_STOP_FW, "stop");
}

/* Back to OFF after a failed start or a stop; nothing to report */
void stm32_rproc_tee_release(struct stm32_rproc_tee *tee)
{
	struct tee_param param[STM32MP_TA_RPROC_NPARAMS] = {};
	u32 code;

	stm32_tee_invoke(tee, STM32MP_TA_RPROC_RELEASE_FW, param, &code);
}

/* Where the TA says the loaded image's table is (size 0: none) */
int stm32_rproc_tee_rsc_table(struct stm32_rproc_tee *tee, phys_addr_t *pa,
			      size_t *size)
{
	struct tee_param param[STM32MP_TA_RPROC_NPARAMS] = {};
	u64 addr, len;
	u32 code;
	int ret;

	param[1].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT;
	param[2].attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT;
	ret = stm32_tee_invoke(tee, STM32MP_TA_RPROC_GET_RSC_TABLE, param, &code);
	if (ret) {
		dev_err(tee->dev, "secure world: no resource table address: %d (TA 0x%08x)\n",
			ret, code);
		return ret;
	}
	addr = param[1].u.value.a | (u64)param[1].u.value.b << 32;
	len = param[2].u.value.a | (u64)param[2].u.value.b << 32;
	if (len > STM32_FW_RSC_MAX || (phys_addr_t)addr != addr) {
		dev_err(tee->dev,
			"secure world reports a resource table of 0x%llx bytes at 0x%llx: refused\n",
			len, addr);
		return -EINVAL;
	}
	*pa = addr;
	*size = len;
	return 0;
}

static void stm32_tee_close(void *data)
{
	struct stm32_rproc_tee *tee = data;

	tee_client_close_session(tee->ctx, tee->session);
	tee_client_close_context(tee->ctx);
}

/*
 * The session with the TA. No TEE yet (OP-TEE's driver not probed, or no
 * secure world), or a TEE that cannot reach the TA yet (not found, or
 * tee-supplicant, which loads TAs from the file system, not running yet):
 * defer, say so once, and leave the reason in devices_deferred. A TA that
 * refuses the processor id is final.
 */
int stm32_rproc_tee_open(struct device *dev, u32 proc_id,
			 struct stm32_rproc_tee *tee)
{
	struct tee_ioctl_open_session_arg arg = {
		.clnt_login = TEE_IOCTL_LOGIN_REE_KERNEL,
		.num_params = STM32MP_TA_RPROC_NPARAMS,
	};
	struct tee_param param[STM32MP_TA_RPROC_NPARAMS] = {};
	uuid_t uuid = STM32MP_TA_RPROC_UUID;
	int ret;

	tee->dev = dev;
	tee->proc_id = proc_id;
	tee->ctx = tee_client_open_context(NULL, stm32_tee_match, NULL, NULL);
	if (IS_ERR(tee->ctx)) {
		dev_info_once(dev, "waiting for OP-TEE: no TEE device yet, and the secure world loads this core (probe deferred)\n");
		return dev_err_probe(dev, -EPROBE_DEFER,
				     "waiting for OP-TEE (no TEE device yet)\n");
	}
	export_uuid(arg.uuid, &uuid);
	param[0] = (struct tee_param){
		.attr = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT,
		.u.value.a = proc_id,
	};
	ret = tee_client_open_session(tee->ctx, &arg, param);
	if (!ret && !arg.ret) {
		tee->session = arg.session;
		return devm_add_action_or_reset(dev, stm32_tee_close, tee);
	}
	tee_client_close_context(tee->ctx);
	if (ret)
		return dev_err_probe(dev, ret,
				     "cannot open a session with OP-TEE's remoteproc TA\n");
	if (arg.ret == TEEC_ERROR_ITEM_NOT_FOUND ||
	    arg.ret == TEEC_ERROR_COMMUNICATION) {
		dev_info_once(dev, "OP-TEE has no remoteproc TA (%pUb) yet (TA 0x%08x): probe deferred until it does (an early TA, or tee-supplicant running)\n",
			      &uuid, arg.ret);
		return dev_err_probe(dev, -EPROBE_DEFER,
				     "waiting for OP-TEE's remoteproc TA (%pUb)\n",
				     &uuid);
	}
	return dev_err_probe(dev, -ENODEV,
			     "OP-TEE's remoteproc TA refuses processor %u (TA 0x%08x)\n",
			     proc_id, arg.ret);
}
