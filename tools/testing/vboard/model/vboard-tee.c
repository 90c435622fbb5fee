// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual board: the secure world's remoteproc trusted application.
 *
 * A TEE provider registered with the kernel TEE subsystem. It reports
 * itself as OP-TEE (stock clients match on the implementation id) and
 * serves one trusted application, OP-TEE's remoteproc TA: sessions opened
 * with the board's remote processor id (M4 0, M33 1), LOAD_FW of a signed
 * container (header and TLVs signed with RSASSA-PKCS1-v1_5 SHA-256 by the
 * board key, each PT_LOAD segment copied into the core's memories and its
 * copy checked against the signed hash table), START/STOP through the
 * board's RCC (the secure world owns the core's resets in this mode, and
 * the M33's boot address: its .isr_vectors), GET_RSC_TABLE (the physical
 * address and size of the image's .resource_table, wherever it is, as
 * OP-TEE's TA reports it) and RELEASE_FW. Errors are the TA's
 * GlobalPlatform codes, in arg->ret. The secure world's memories
 * themselves are claimed in vboard-mem.c.
 *
 * debugfs vboard/tee/ takes the secure world away (present), OP-TEE's TA
 * away (ta), makes the TA lie about the table (rsc), and shows its state
 * (status); see vboard_tee_debugfs().
 *
 * The board key is the PKCS#1 DER public key fw/out/signed/board-key.rsa,
 * read with request_firmware() at each load; the kernel's pkcs1pad(rsa,
 * sha256) verifies with it.
 */
#include <crypto/sha2.h>
#include <crypto/sig.h>
#include <linux/debugfs.h>
#include <linux/elf.h>
#include <linux/firmware.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tee_core.h>
#include <linux/tee_drv.h>
#include <linux/unaligned.h>
#include <linux/uuid.h>
#include <linux/vmalloc.h>

#include <stm32mp/mp2-regs.h>
#include <stm32mp/rproc-ta.h>

#include "vboard-internal.h"

/* The signed container (see scripts/sign-rproc-fw.py) */
#define RPROC_HDR_MAGIC		0x3543a468
#define RPROC_HDR_VERSION	1
#define TLV_SIGNTYPE		0x01
#define TLV_NUM_IMG		0x03
#define TLV_IMGTYPE		0x04
#define TLV_IMGSIZE		0x05
#define TLV_HASHTABLE		0x10
#define SIGNTYPE_RSA_PKCS1_SHA256	1
#define IMGTYPE_ELF		1

struct rproc_fw_hdr {
	__le32 magic;
	__le32 version;
	__le32 tlv_len;
	__le32 sign_len;
	__le32 img_len;
};

/* One hash table entry: the segment's program header and its SHA-256 */
struct rproc_seg_hash {
	struct elf32_phdr phdr;
	u8 sha256[SHA256_DIGEST_SIZE];
};

enum ta_state { TA_OFF, TA_LOADED, TA_STARTED };

struct vboard_tee {
	struct vboard *vb;
	struct mutex reg_lock;		/* teedev, contexts, gone */
	struct tee_device *teedev;	/* NULL: no TEE on the board now */
	unsigned int contexts;
	bool closing;			/* being unregistered: no new context */
	bool gone;			/* the model is going away */
	struct tee_shm_pool pool;
	struct mutex lock;		/* the TA's state */
	u32 proc_id;			/* the core the TA serves */
	bool ta_absent;			/* debugfs: OP-TEE without the TA */
	enum ta_state state;
	u32 next_session;
	unsigned int sessions;
	phys_addr_t rsc_pa;
	u32 rsc_size;
	u32 vtor;			/* STM32MP25: the M33's boot address */
	bool rsc_lie;			/* debugfs: report rsc_lie_* instead */
	u64 rsc_lie_pa, rsc_lie_size;
	const char *last_error;		/* debugfs: why the last load failed */
};

/* ------------------------------------------------------------ container */

static const void *tlv_find(const u8 *tlv, u32 len, u32 type, u32 *vlen)
{
	u32 off = 0;

	while (len - off >= 8) {
		u32 t = get_unaligned_le32(tlv + off);
		u32 l = get_unaligned_le32(tlv + off + 4);

		if (l > len - off - 8)
			return NULL;
		if (t == type) {
			*vlen = l;
			return l ? tlv + off + 8 : NULL;
		}
		off += 8 + round_up(l, 8);
		if (off > len)
			return NULL;
	}
	return NULL;
}

static u32 ta_verify(struct vboard_tee *t, const u8 *img, size_t size,
		     const u8 **tlv, u32 *tlv_len, const u8 **elf, u32 *elf_len)
{
	const struct rproc_fw_hdr *h = (const void *)img;
	u8 digest[SHA256_DIGEST_SIZE];
	struct crypto_sig *tfm;
	const struct firmware *kfw;
	u32 tl, sl, il, vlen;
	const u8 *st;
	u64 want;
	int ret;

	if (size < sizeof(*h) || le32_to_cpu(h->magic) != RPROC_HDR_MAGIC ||
	    le32_to_cpu(h->version) != RPROC_HDR_VERSION) {
		t->last_error = "not a signed container (header)";
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	tl = le32_to_cpu(h->tlv_len);
	sl = le32_to_cpu(h->sign_len);
	il = le32_to_cpu(h->img_len);
	/* in 64 bits: a 32-bit size_t would wrap on lengths near 4 GiB */
	want = sizeof(*h) + round_up((u64)tl, 8) + round_up((u64)sl, 8) +
	       round_up((u64)il, 8);
	if (!tl || !sl || want != size) {
		t->last_error = "container size does not match its header";
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	st = tlv_find(img + sizeof(*h), tl, TLV_SIGNTYPE, &vlen);
	if (!st || vlen != 1 || *st != SIGNTYPE_RSA_PKCS1_SHA256) {
		t->last_error = "signature type not supported";
		return TEEC_ERROR_NOT_SUPPORTED;
	}

	sha256(img, sizeof(*h) + round_up(tl, 8), digest);
	ret = request_firmware(&kfw, "signed/board-key.rsa", t->vb->dev);
	if (ret) {
		t->last_error = "no board key";
		return TEEC_ERROR_SECURITY;
	}
	tfm = crypto_alloc_sig("pkcs1pad(rsa,sha256)", 0, 0);
	if (IS_ERR(tfm)) {
		release_firmware(kfw);
		t->last_error = "no RSA in this kernel";
		return TEEC_ERROR_NOT_SUPPORTED;
	}
	ret = crypto_sig_set_pubkey(tfm, kfw->data, kfw->size);
	if (!ret)
		ret = crypto_sig_verify(tfm, img + sizeof(*h) + round_up(tl, 8),
					sl, digest, sizeof(digest));
	crypto_free_sig(tfm);
	release_firmware(kfw);
	if (ret) {
		t->last_error = "signature does not verify with the board key";
		return TEEC_ERROR_SIGNATURE_INVALID;
	}
	*tlv = img + sizeof(*h);
	*tlv_len = tl;
	*elf = img + sizeof(*h) + round_up(tl, 8) + round_up(sl, 8);
	*elf_len = il;
	return TEEC_SUCCESS;
}

/* ------------------------------------------------------------ loading */

static const struct rproc_seg_hash *seg_hash(const u8 *table, u32 len,
					     u32 paddr)
{
	const struct rproc_seg_hash *e = (const void *)table;
	u32 i;

	for (i = 0; i < len / sizeof(*e); i++)
		if (e[i].phdr.p_paddr == paddr)
			return &e[i];
	return NULL;
}

/* Copy one PT_LOAD segment and check the copy against its signed hash */
static u32 ta_load_segment(struct vboard_tee *t, const u8 *elf, u32 elf_len,
			   const struct elf32_phdr *ph,
			   const struct rproc_seg_hash *h)
{
	struct vboard_m4 *m = t->vb->m4emu;
	u32 off = ph->p_offset, fsz = ph->p_filesz;
	u32 msz = ph->p_memsz, da = ph->p_paddr;
	u8 digest[SHA256_DIGEST_SIZE];
	void *va;

	if (h->phdr.p_type != PT_LOAD ||
	    h->phdr.p_filesz != fsz ||
	    h->phdr.p_memsz != msz || fsz > msz ||
	    off > elf_len || fsz > elf_len - off) {
		t->last_error = "segment does not match the hash table";
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	va = vboard_m4emu_da_to_va(m, da, msz);
	if (!va) {
		t->last_error = "segment outside the core's memories";
		return TEEC_ERROR_ACCESS_DENIED;
	}
	memcpy(va, elf + off, fsz);
	sha256(va, fsz, digest);
	if (memcmp(digest, h->sha256, sizeof(digest))) {
		memset(va, 0, msz);
		t->last_error = "a segment does not match its signed hash";
		return TEEC_ERROR_SECURITY;
	}
	memset(va + fsz, 0, msz - fsz);
	return TEEC_SUCCESS;
}

/* The section @want of the image: its address and size, false if none */
static bool ta_section(const u8 *elf, u32 elf_len, const char *want,
		       u32 *addr, u32 *size)
{
	const struct elf32_hdr *eh = (const void *)elf;
	const struct elf32_shdr *sh = (const void *)(elf + eh->e_shoff);
	size_t len = strlen(want) + 1;
	u32 strs, i;

	if (!eh->e_shnum)
		return false;
	strs = sh[eh->e_shstrndx].sh_offset;
	for (i = 0; i < eh->e_shnum; i++) {
		u32 name = sh[i].sh_name;

		if (strs > elf_len || name > elf_len - strs ||
		    elf_len - strs - name < len ||
		    memcmp(elf + strs + name, want, len))
			continue;
		*addr = sh[i].sh_addr;
		*size = sh[i].sh_size;
		return true;
	}
	return false;
}

/*
 * What the TA keeps of a loaded image: its .resource_table's physical
 * address and size (none: 0, 0) and, for the STM32MP25 M33, the vector
 * table the core boots from (.isr_vectors, as ST's scripts name it)
 */
static u32 ta_find_tables(struct vboard_tee *t, const u8 *elf, u32 elf_len)
{
	const struct elf32_hdr *eh = (const void *)elf;
	u32 da, size;
	phys_addr_t pa;

	t->rsc_pa = 0;
	t->rsc_size = 0;
	t->vtor = 0;
	if (eh->e_shnum &&
	    (eh->e_shentsize != sizeof(struct elf32_shdr) ||
	     eh->e_shoff > elf_len ||
	     (u64)eh->e_shnum * sizeof(struct elf32_shdr) > elf_len - eh->e_shoff ||
	     eh->e_shstrndx >= eh->e_shnum)) {
		t->last_error = "bad section headers";
		return TEEC_ERROR_BAD_FORMAT;
	}
	if (ta_section(elf, elf_len, ".resource_table", &da, &size)) {
		if (vboard_m4emu_mem_pa(t->vb, da, size, &pa)) {
			t->last_error = "resource table outside the core's memories";
			return TEEC_ERROR_ACCESS_DENIED;
		}
		t->rsc_pa = pa;
		t->rsc_size = size;
	}
	if (!t->vb->mp2)
		return TEEC_SUCCESS;
	if (!ta_section(elf, elf_len, ".isr_vectors", &da, &size) ||
	    da & ~STM32MP2_NSVTOR_MASK) {
		t->last_error = "no vector table the M33 can boot from (.isr_vectors)";
		return TEEC_ERROR_BAD_FORMAT;
	}
	t->vtor = da;
	return TEEC_SUCCESS;
}

static u32 ta_load_elf(struct vboard_tee *t, const u8 *tlv, u32 tlv_len,
		       const u8 *elf, u32 elf_len)
{
	const struct elf32_hdr *eh = (const void *)elf;
	const u8 *n, *type, *table;
	u32 vlen, tab_len, phoff, phnum, i, ret;

	n = tlv_find(tlv, tlv_len, TLV_NUM_IMG, &vlen);
	if (!n || vlen != 1 || *n != 1) {
		t->last_error = "one image per container";
		return TEEC_ERROR_NOT_SUPPORTED;
	}
	type = tlv_find(tlv, tlv_len, TLV_IMGTYPE, &vlen);
	if (!type || vlen != 1 || *type != IMGTYPE_ELF) {
		t->last_error = "the image is not an ELF";
		return TEEC_ERROR_BAD_FORMAT;
	}
	table = tlv_find(tlv, tlv_len, TLV_HASHTABLE, &tab_len);
	if (!table || tab_len % sizeof(struct rproc_seg_hash)) {
		t->last_error = "no hash table";
		return TEEC_ERROR_BAD_PARAMETERS;
	}
	if (elf_len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_phentsize != sizeof(struct elf32_phdr)) {
		t->last_error = "not an ELF32 image";
		return TEEC_ERROR_BAD_FORMAT;
	}
	phoff = eh->e_phoff;
	phnum = eh->e_phnum;
	if (!phnum || phoff > elf_len ||
	    (u64)phnum * sizeof(struct elf32_phdr) > elf_len - phoff) {
		t->last_error = "bad program headers";
		return TEEC_ERROR_BAD_FORMAT;
	}
	for (i = 0; i < phnum; i++) {
		const struct elf32_phdr *ph =
			(const struct elf32_phdr *)(elf + phoff) + i;
		const struct rproc_seg_hash *h;

		if (ph->p_type != PT_LOAD || !ph->p_memsz)
			continue;
		h = seg_hash(table, tab_len, ph->p_paddr);
		if (!h) {
			t->last_error = "a segment is not in the hash table";
			return TEEC_ERROR_NO_DATA;
		}
		ret = ta_load_segment(t, elf, elf_len, ph, h);
		if (ret)
			return ret;
	}
	return ta_find_tables(t, elf, elf_len);
}

static u32 ta_load(struct vboard_tee *t, struct tee_param *p)
{
	struct tee_shm *shm = p->u.memref.shm;
	const u8 *tlv, *elf;
	u32 tlv_len, elf_len, ret;
	void *map;

	if (t->state == TA_LOADED)
		return TEEC_SUCCESS;
	if (t->state == TA_STARTED)
		return TEEC_ERROR_BAD_STATE;
	if (!shm || !shm->pages || !p->u.memref.size ||
	    p->u.memref.shm_offs + p->u.memref.size > shm->size)
		return TEEC_ERROR_BAD_PARAMETERS;
	map = vmap(shm->pages, shm->num_pages, VM_MAP, PAGE_KERNEL_RO);
	if (!map)
		return TEEC_ERROR_OUT_OF_MEMORY;
	ret = ta_verify(t, map + shm->offset + p->u.memref.shm_offs,
			p->u.memref.size, &tlv, &tlv_len, &elf, &elf_len);
	if (!ret)
		ret = ta_load_elf(t, tlv, tlv_len, elf, elf_len);
	vunmap(map);
	if (!ret) {
		t->state = TA_LOADED;
		t->last_error = NULL;
	}
	return ret;
}

/* GET_RSC_TABLE's answer: the loaded image's table, or the debugfs lie */
static void ta_rsc_table(struct vboard_tee *t, struct tee_param *p)
{
	u64 pa = t->rsc_pa, size = t->rsc_size;

	if (t->rsc_lie) {
		pa = t->rsc_lie_pa;
		size = t->rsc_lie_size;
	}
	p[1].u.value.a = lower_32_bits(pa);
	p[1].u.value.b = upper_32_bits(pa);
	p[2].u.value.a = lower_32_bits(size);
	p[2].u.value.b = upper_32_bits(size);
}

/* ------------------------------------------------------------ TEE ops */

static void vboard_tee_get_version(struct tee_device *teedev,
				   struct tee_ioctl_version_data *vers)
{
	*vers = (struct tee_ioctl_version_data){
		.impl_id = TEE_IMPL_ID_OPTEE,
		.gen_caps = TEE_GEN_CAP_GP | TEE_GEN_CAP_REG_MEM,
	};
}

static int vboard_tee_open(struct tee_context *ctx)
{
	struct vboard_tee *t = tee_get_drvdata(ctx->teedev);
	int ret = -ENODEV;

	mutex_lock(&t->reg_lock);
	if (!t->closing) {
		t->contexts++;
		ret = 0;
	}
	mutex_unlock(&t->reg_lock);
	return ret;
}

static void vboard_tee_release(struct tee_context *ctx)
{
	struct vboard_tee *t = tee_get_drvdata(ctx->teedev);

	mutex_lock(&t->reg_lock);
	t->contexts--;
	mutex_unlock(&t->reg_lock);
}

static bool params_are(struct vboard_tee *t, const struct tee_param *p, u32 n,
		       u64 a1, u64 a2)
{
	return n == STM32MP_TA_RPROC_NPARAMS &&
	       p[0].attr == TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT &&
	       p[0].u.value.a == t->proc_id && p[1].attr == a1 &&
	       p[2].attr == a2 && p[3].attr == TEE_IOCTL_PARAM_ATTR_TYPE_NONE;
}

static int vboard_tee_open_session(struct tee_context *ctx,
				   struct tee_ioctl_open_session_arg *arg,
				   struct tee_param *param)
{
	struct vboard_tee *t = tee_get_drvdata(ctx->teedev);
	uuid_t ta = STM32MP_TA_RPROC_UUID;

	arg->ret_origin = TEEC_ORIGIN_TRUSTED_APP;
	if (memcmp(arg->uuid, &ta, sizeof(ta)) || READ_ONCE(t->ta_absent)) {
		arg->ret = TEEC_ERROR_ITEM_NOT_FOUND;
		return 0;
	}
	/* exactly (VALUE_INPUT, NONE, NONE, NONE): the processor id */
	if (!params_are(t, param, arg->num_params,
			TEE_IOCTL_PARAM_ATTR_TYPE_NONE,
			TEE_IOCTL_PARAM_ATTR_TYPE_NONE)) {
		arg->ret = arg->num_params == STM32MP_TA_RPROC_NPARAMS &&
			   param[0].attr == TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_INPUT ?
			   TEEC_ERROR_NOT_SUPPORTED : TEEC_ERROR_BAD_PARAMETERS;
		return 0;
	}
	mutex_lock(&t->lock);
	arg->session = ++t->next_session;
	t->sessions++;
	mutex_unlock(&t->lock);
	arg->ret = TEEC_SUCCESS;
	return 0;
}

static int vboard_tee_close_session(struct tee_context *ctx, u32 session)
{
	struct vboard_tee *t = tee_get_drvdata(ctx->teedev);

	mutex_lock(&t->lock);
	if (t->sessions)
		t->sessions--;
	mutex_unlock(&t->lock);
	return 0;
}

static int vboard_tee_invoke(struct tee_context *ctx,
			     struct tee_ioctl_invoke_arg *arg,
			     struct tee_param *p)
{
	struct vboard_tee *t = tee_get_drvdata(ctx->teedev);
	const u64 none = TEE_IOCTL_PARAM_ATTR_TYPE_NONE;
	const u64 vout = TEE_IOCTL_PARAM_ATTR_TYPE_VALUE_OUTPUT;
	u32 ret = TEEC_ERROR_BAD_PARAMETERS;

	mutex_lock(&t->lock);
	switch (arg->func) {
	case STM32MP_TA_RPROC_LOAD_FW:
		if (params_are(t, p, arg->num_params,
			       TEE_IOCTL_PARAM_ATTR_TYPE_MEMREF_INPUT, none))
			ret = ta_load(t, &p[1]);
		break;
	case STM32MP_TA_RPROC_START_FW:
		if (!params_are(t, p, arg->num_params, none, none))
			break;
		ret = TEEC_SUCCESS;
		if (t->state == TA_OFF) {
			ret = TEEC_ERROR_BAD_STATE;
		} else if (t->state == TA_LOADED) {
			vboard_secure_start(t->vb, t->vtor);
			t->state = TA_STARTED;
		}
		break;
	case STM32MP_TA_RPROC_STOP_FW:
		if (!params_are(t, p, arg->num_params, none, none))
			break;
		ret = TEEC_SUCCESS;
		if (t->state == TA_LOADED) {
			ret = TEEC_ERROR_BAD_STATE;
		} else if (t->state == TA_STARTED) {
			vboard_secure_stop(t->vb);
			t->state = TA_OFF;
		}
		break;
	case STM32MP_TA_RPROC_GET_RSC_TABLE:
		if (!params_are(t, p, arg->num_params, vout, vout))
			break;
		if (t->state == TA_OFF) {
			ret = TEEC_ERROR_BAD_STATE;
			break;
		}
		ta_rsc_table(t, p);
		ret = TEEC_SUCCESS;
		break;
	case STM32MP_TA_RPROC_GET_COREDUMP:
		ret = TEEC_ERROR_NOT_IMPLEMENTED;
		break;
	case STM32MP_TA_RPROC_RELEASE_FW:
		if (!params_are(t, p, arg->num_params, none, none))
			break;
		if (t->state == TA_STARTED) {
			ret = TEEC_ERROR_BAD_STATE;
			break;
		}
		t->state = TA_OFF;
		ret = TEEC_SUCCESS;
		break;
	}
	mutex_unlock(&t->lock);
	arg->ret = ret;
	arg->ret_origin = TEEC_ORIGIN_TRUSTED_APP;
	return 0;
}

/* Registered buffers are read through their pages (ta_load) */
static int vboard_tee_shm_register(struct tee_context *ctx, struct tee_shm *shm,
				   struct page **pages, size_t num_pages,
				   unsigned long start)
{
	return 0;
}

static int vboard_tee_shm_unregister(struct tee_context *ctx,
				     struct tee_shm *shm)
{
	return 0;
}

static const struct tee_driver_ops vboard_tee_ops = {
	.get_version = vboard_tee_get_version,
	.open = vboard_tee_open,
	.release = vboard_tee_release,
	.open_session = vboard_tee_open_session,
	.close_session = vboard_tee_close_session,
	.invoke_func = vboard_tee_invoke,
	.shm_register = vboard_tee_shm_register,
	.shm_unregister = vboard_tee_shm_unregister,
};

static const struct tee_desc vboard_tee_desc = {
	.name = "vboard-tee",
	.ops = &vboard_tee_ops,
	.owner = THIS_MODULE,
};

/* Kernel buffers from the pool: plain pages, registered as above */
static int vboard_pool_alloc(struct tee_shm_pool *pool, struct tee_shm *shm,
			     size_t size, size_t align)
{
	return tee_dyn_shm_alloc_helper(shm, size, align, NULL);
}

static void vboard_pool_free(struct tee_shm_pool *pool, struct tee_shm *shm)
{
	tee_dyn_shm_free_helper(shm, NULL);
}

static void vboard_pool_destroy(struct tee_shm_pool *pool)
{
}

static const struct tee_shm_pool_ops vboard_pool_ops = {
	.alloc = vboard_pool_alloc,
	.free = vboard_pool_free,
	.destroy_pool = vboard_pool_destroy,
};

/* The TEE device comes and goes (debugfs "tee/present"); reg_lock held */
static int vboard_tee_add(struct vboard_tee *t)
{
	struct tee_device *teedev;
	int ret;

	if (t->teedev || t->gone)
		return 0;
	teedev = tee_device_alloc(&vboard_tee_desc, t->vb->dev, &t->pool, t);
	if (IS_ERR(teedev))
		return PTR_ERR(teedev);
	ret = tee_device_register(teedev);
	if (ret) {
		tee_device_unregister(teedev);
		return ret;
	}
	t->teedev = teedev;
	return 0;
}

/*
 * Unregistering waits for every context to close: done outside reg_lock
 * (vboard_tee_open takes it), with closing set so that no context opens
 * meanwhile
 */
static void vboard_tee_unregister(void *data)
{
	struct vboard_tee *t = data;
	struct tee_device *teedev;

	mutex_lock(&t->reg_lock);
	t->gone = true;
	t->closing = true;
	teedev = t->teedev;
	t->teedev = NULL;
	mutex_unlock(&t->reg_lock);
	if (teedev)
		tee_device_unregister(teedev);
}

/* ------------------------------------------------------------ debugfs */

/*
 * tee/present  1: OP-TEE is there (boot default); 0: no TEE device (only
 *              while no client holds a context: unload stm32_rproc first)
 * tee/ta       1: OP-TEE has the remoteproc TA; 0: sessions to it fail
 *              with ITEM_NOT_FOUND, as on an OP-TEE built without it
 * tee/rsc      "PA SIZE": GET_RSC_TABLE answers that from now on (a TA
 *              gone wrong); "-": the loaded image's table again
 * tee/status   the TA's state, and why the last load failed
 */
static int tee_present_get(void *data, u64 *val)
{
	struct vboard_tee *t = data;

	*val = !!READ_ONCE(t->teedev);
	return 0;
}

static int tee_present_set(void *data, u64 val)
{
	struct vboard_tee *t = data;
	struct tee_device *teedev = NULL;
	int ret = 0;

	mutex_lock(&t->reg_lock);
	if (val) {
		ret = vboard_tee_add(t);
	} else if (t->contexts) {
		ret = -EBUSY;	/* a client (stm32_rproc) holds a context */
	} else {
		teedev = t->teedev;
		t->teedev = NULL;
		t->closing = !!teedev;
	}
	mutex_unlock(&t->reg_lock);
	if (teedev) {
		tee_device_unregister(teedev);
		mutex_lock(&t->reg_lock);
		t->closing = false;
		mutex_unlock(&t->reg_lock);
	}
	return ret;
}
DEFINE_DEBUGFS_ATTRIBUTE(tee_present_fops, tee_present_get, tee_present_set,
			 "%llu\n");

static int tee_ta_get(void *data, u64 *val)
{
	struct vboard_tee *t = data;

	*val = !READ_ONCE(t->ta_absent);
	return 0;
}

static int tee_ta_set(void *data, u64 val)
{
	struct vboard_tee *t = data;

	WRITE_ONCE(t->ta_absent, !val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(tee_ta_fops, tee_ta_get, tee_ta_set, "%llu\n");

static ssize_t tee_rsc_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct vboard_tee *t = file->private_data;
	u64 pa, size;
	char buf[48];
	char *arg;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	arg = strim(buf);
	mutex_lock(&t->lock);
	if (!strcmp(arg, "-")) {
		t->rsc_lie = false;
	} else if (sscanf(arg, "%llx %llx", &pa, &size) == 2) {
		t->rsc_lie = true;
		t->rsc_lie_pa = pa;
		t->rsc_lie_size = size;
	} else {
		count = -EINVAL;
	}
	mutex_unlock(&t->lock);
	return count;
}

static const struct file_operations tee_rsc_fops = {
	.owner = THIS_MODULE,
	.open = simple_open,
	.write = tee_rsc_write,
};

static const char *const ta_state_names[] = {
	[TA_OFF] = "off", [TA_LOADED] = "loaded", [TA_STARTED] = "started",
};

static int tee_status_show(struct seq_file *s, void *unused)
{
	struct vboard_tee *t = s->private;

	mutex_lock(&t->lock);
	seq_printf(s, "state: %s\nprocessor: %u\nsessions: %u\n",
		   ta_state_names[t->state], t->proc_id, t->sessions);
	seq_printf(s, "table: 0x%llx 0x%x\nlast_error: %s\n",
		   (u64)t->rsc_pa, t->rsc_size, t->last_error ?: "-");
	mutex_unlock(&t->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(tee_status);

void vboard_tee_debugfs(struct vboard *vb, struct dentry *dir)
{
	struct vboard_tee *t = vb->tee;
	struct dentry *d;

	if (!t)
		return;
	d = debugfs_create_dir("tee", dir);
	debugfs_create_file_unsafe("present", 0644, d, t, &tee_present_fops);
	debugfs_create_file_unsafe("ta", 0644, d, t, &tee_ta_fops);
	debugfs_create_file("rsc", 0200, d, t, &tee_rsc_fops);
	debugfs_create_file("status", 0444, d, t, &tee_status_fops);
}

int vboard_tee_init(struct vboard *vb)
{
	struct vboard_tee *t;
	int ret;

	t = devm_kzalloc(vb->dev, sizeof(*t), GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->vb = vb;
	/* OP-TEE's processor ids: the STM32MP15 M4 is 0, the STM32MP25 M33 1 */
	t->proc_id = vb->mp2 ? 1 : 0;
	mutex_init(&t->lock);
	mutex_init(&t->reg_lock);
	t->pool.ops = &vboard_pool_ops;
	mutex_lock(&t->reg_lock);
	ret = vboard_tee_add(t);
	mutex_unlock(&t->reg_lock);
	if (ret)
		return ret;
	vb->tee = t;
	return devm_add_action_or_reset(vb->dev, vboard_tee_unregister, t);
}
