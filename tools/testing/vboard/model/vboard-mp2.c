// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual STM32MP2 board: the STM32MP25 blocks the Cortex-M33's driver
 * uses besides the model's IPCC, resets, TAMP and emulated core
 * (vboard-core.c, vboard-m4.c). Each is a child node of the model:
 *
 *  - "stm32mp-vboard,a35ss-syscfg" (syscon): M33_INITNSVTOR at 0x20a8 and
 *    its secure alias 0xa8, bits [31:7]; the emulated core boots at it when
 *    hold-boot is released (vboard_m4_vtor());
 *  - "stm32mp-vboard,pwr" (syscon): PWR_CPU2D2SR, read-only, CSTATE CRUN
 *    while the core runs (released and not reset since), OFF otherwise;
 *  - "stm32mp-vboard,tamp-nvram" (an nvmem driver of its own, cells as
 *    child nodes):
 *    the TAMP backup registers from BKP0R, where the boot stages leave the
 *    resource table's address and size (the "bootloader" knob does).
 *
 * Register meanings come from include/stm32mp/mp2-regs.h.
 */

#include <linux/bitfield.h>
#include <linux/mfd/syscon.h>
#include <linux/module.h>
#include <linux/nvmem-provider.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/regmap.h>

#include <stm32mp/mp2-regs.h>
#include <stm32mp/tamp-regs.h>

#include "vboard-internal.h"

static int vboard_syscfg_read(void *ctx, unsigned int reg, unsigned int *val)
{
	struct vboard *vb = ctx;

	*val = 0;
	if (reg == STM32MP2_A35SS_M33_NSVTOR || reg == STM32MP2_A35SS_M33_NSVTOR_S)
		*val = READ_ONCE(vb->nsvtor);
	return 0;
}

static int vboard_syscfg_write(void *ctx, unsigned int reg, unsigned int val)
{
	struct vboard *vb = ctx;

	if (reg == STM32MP2_A35SS_M33_NSVTOR || reg == STM32MP2_A35SS_M33_NSVTOR_S)
		WRITE_ONCE(vb->nsvtor, val & STM32MP2_NSVTOR_MASK);
	return 0;
}

static const struct regmap_config vboard_syscfg_cfg = {
	.name = "a35ss-syscfg",
	.reg_bits = 32,
	.val_bits = 32,
	.reg_stride = 4,
	.max_register = 0x3ffc,
	.reg_read = vboard_syscfg_read,
	.reg_write = vboard_syscfg_write,
	.fast_io = true,
};

/* The M33 runs from its release until the next MCU reset */
static int vboard_pwr_read(void *ctx, unsigned int reg, unsigned int *val)
{
	struct vboard *vb = ctx;
	bool run = !READ_ONCE(vb->reset_since_boot);

	*val = 0;
	if (reg == STM32MP2_PWR_CPU2D2SR)
		*val = FIELD_PREP(STM32MP2_PWR_CSTATE, run ? STM32MP2_CSTATE_CRUN :
					       STM32MP2_CSTATE_OFF);
	return 0;
}

static int vboard_pwr_write(void *ctx, unsigned int reg, unsigned int val)
{
	return 0;	/* CPU2D2SR is read-only */
}

static const struct regmap_config vboard_pwr_cfg = {
	.name = "pwr",
	.reg_bits = 32,
	.val_bits = 32,
	.reg_stride = 4,
	.max_register = 0x3fc,
	.reg_read = vboard_pwr_read,
	.reg_write = vboard_pwr_write,
	.fast_io = true,
};

static int vboard_nvram_read(void *ctx, unsigned int off, void *val,
			     size_t bytes)
{
	struct vboard *vb = ctx;
	u32 *out = val;

	for (; bytes >= 4; bytes -= 4, off += 4)
		*out++ = READ_ONCE(vb->bkp[off / 4]);
	return 0;
}

static int vboard_nvram_write(void *ctx, unsigned int off, void *val,
			      size_t bytes)
{
	struct vboard *vb = ctx;
	u32 *in = val;

	for (; bytes >= 4; bytes -= 4, off += 4)
		WRITE_ONCE(vb->bkp[off / 4], *in++);
	return 0;
}

static int vboard_mp2_syscon(struct vboard *vb, const char *compat,
			     const struct regmap_config *cfg)
{
	struct device_node *np;
	struct regmap *map;
	int ret;

	np = of_get_compatible_child(vb->dev->of_node, compat);
	if (!np)
		return 0;
	map = devm_regmap_init(vb->dev, NULL, vb, cfg);
	ret = IS_ERR(map) ? PTR_ERR(map) : of_syscon_register_regmap(np, map);
	of_node_put(np);
	return ret;
}

/* The syscons this board's DT has (none on the STM32MP15 board) */
int vboard_mp2_init(struct vboard *vb)
{
	int ret;

	ret = vboard_mp2_syscon(vb, "stm32mp-vboard,a35ss-syscfg",
				&vboard_syscfg_cfg);
	if (!ret)
		ret = vboard_mp2_syscon(vb, "stm32mp-vboard,pwr",
					&vboard_pwr_cfg);
	if (ret)
		return dev_err_probe(vb->dev, ret, "cannot register MP2 syscons\n");
	return 0;
}

/*
 * The TAMP nvmem is a driver of its own, bound to the model's child node
 * as ST's TAMP nvram driver is to the real one: the consumers' nvmem-cells
 * then have a supplier device that probes (fw_devlink waits for it).
 */
static int vboard_nvram_probe(struct platform_device *pdev)
{
	struct vboard *vb = dev_get_drvdata(pdev->dev.parent);
	struct nvmem_config cfg = {
		.dev = &pdev->dev,
		.name = "vboard-tamp-nvram",
		.id = NVMEM_DEVID_NONE,
		.owner = THIS_MODULE,
		.add_legacy_fixed_of_cells = true,
		.word_size = 4,
		.stride = 4,
		.size = 4 * TAMP_BKP_COUNT,
		.reg_read = vboard_nvram_read,
		.reg_write = vboard_nvram_write,
		.priv = vb,
	};

	if (!vb)
		return -ENODEV;
	return PTR_ERR_OR_ZERO(devm_nvmem_register(&pdev->dev, &cfg));
}

static const struct of_device_id vboard_nvram_of_match[] = {
	{ .compatible = "stm32mp-vboard,tamp-nvram" },
	{ }
};
MODULE_DEVICE_TABLE(of, vboard_nvram_of_match);

struct platform_driver vboard_nvram_driver = {
	.driver = {
		.name = "stm32mp-vboard-nvram",
		.of_match_table = vboard_nvram_of_match,
		.suppress_bind_attrs = true,
	},
	.probe = vboard_nvram_probe,
};

/* Where the core boots: 0 on STM32MP15, M33_INITNSVTOR on STM32MP2 */
u32 vboard_m4_vtor(struct vboard *vb)
{
	return vb->mp2 ? READ_ONCE(vb->nsvtor) : 0;
}

/* The coprocessor node of the board's DT (a reference the caller puts) */
struct device_node *vboard_core_node(void)
{
	static const char *const compat[] = {
		"st,stm32mp1-m4", "st,stm32mp2-m33",
		/* OP-TEE loads it ([J], ST's binding) */
		"st,stm32mp1-m4-tee", "st,stm32mp2-m33-tee",
	};
	struct device_node *np = NULL;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(compat) && !np; i++)
		np = of_find_compatible_node(NULL, NULL, compat[i]);
	return np;
}

/*
 * What a boot stage publishes for Linux to attach: MP15 (U-Boot), the
 * table address in BKP17R and CRUN in BKP18R; MP2, the table's address
 * and size in the TAMP nvmem cells (PWR shows CRUN by itself).
 */
void vboard_publish_table(struct vboard *vb, u32 da, u32 size)
{
	lockdep_assert_held(&vb->lock);
	if (vb->mp2) {
		vb->bkp[STM32MP2_NVRAM_M33_RSC_ADDR / 4] = da;
		vb->bkp[STM32MP2_NVRAM_M33_RSC_SIZE / 4] = size;
	} else {
		vb->bkp[STM32MP_TAMP_BKP_RSC_TBL] = da;
		vb->bkp[STM32MP_TAMP_BKP_M4_STATE] = STM32MP_M4_STATE_CRUN;
	}
}

u32 vboard_published_table(struct vboard *vb)
{
	return READ_ONCE(vb->bkp[vb->mp2 ? STM32MP2_NVRAM_M33_RSC_ADDR / 4 :
				 STM32MP_TAMP_BKP_RSC_TBL]);
}
