// SPDX-License-Identifier: GPL-2.0-only
/*
 * STM32MP Cortex-M remoteproc: what the core's DT node gives the driver to
 * control it. The resets (mcu_rst, hold_boot) or the RCC syscon that holds
 * the boot, the M33's boot-address register, the M0+'s clock, the syscon
 * registers where the core's state and resource table are published
 * (TAMP on STM32MP15, PWR on STM32MP2), the PDDS bits, and st,auto-boot.
 * A core the secure world loads has no resets or boot controls here
 * (stm32_rproc_tee_ops.c); the state and table registers it keeps.
 */
#include <linux/clk.h>
#include <linux/mfd/syscon.h>
#include <linux/of.h>
#include <linux/regmap.h>
#include <linux/remoteproc.h>
#include <linux/reset.h>

#include "stm32_rproc.h"

/* "prop = <&syscon offset mask>" into @sc; absent: @sc stays empty */
static int stm32_rproc_syscon_get(struct stm32_rproc *ddata, const char *prop,
				  struct stm32_syscon *sc)
{
	struct device_node *np = ddata->dev->of_node;
	unsigned int args[2];
	struct regmap *map;

	if (!of_find_property(np, prop, NULL))
		return 0;
	map = syscon_regmap_lookup_by_phandle_args(np, prop, 2, args);
	if (IS_ERR(map))
		return dev_err_probe(ddata->dev, PTR_ERR(map),
				     "cannot get %s\n", prop);
	sc->map = map;
	sc->reg = args[0];
	sc->mask = args[1];
	return 0;
}

/* The state, resource-table and PDDS syscons, where the DT has them */
int stm32_rproc_get_syscons(struct stm32_rproc *ddata)
{
	int ret;

	ret = stm32_rproc_syscon_get(ddata, "st,syscfg-pdds", &ddata->pdds);
	if (!ret)
		ret = stm32_rproc_syscon_get(ddata, "st,syscfg-m4-state",
					     &ddata->m4_state);
	if (!ret)
		ret = stm32_rproc_syscon_get(ddata, "st,syscfg-rsc-tbl",
					     &ddata->rsc_tbl);
	return ret;
}

/*
 * "st,auto-boot;" (the binding's boolean) or "st,auto-boot = <1>;" as ST's
 * DTs write it; "= <0>" means no.
 */
bool stm32_rproc_auto_boot(struct device_node *np)
{
	u32 val;

	if (!of_find_property(np, "st,auto-boot", NULL))
		return false;
	return of_property_read_u32(np, "st,auto-boot", &val) || val;
}

/* Resets, hold boot, boot address, clock: what this core and DT have */
int stm32_rproc_get_controls(struct stm32_rproc *ddata)
{
	const struct stm32_rproc_variant *var = ddata->var;
	struct device *dev = ddata->dev;
	struct device_node *np = dev->of_node;
	int ret;

	ddata->attach_only = var->attach_only_ok &&
			     !of_find_property(np, "resets", NULL);
	ddata->rsc_nvmem = of_property_match_string(np, "nvmem-cell-names",
						    "rsc-tbl-addr") >= 0;
	ret = stm32_rproc_syscon_get(ddata, "st,syscfg-cm-state",
				     &ddata->cm_state);
	if (ret)
		return ret;
	if (ddata->attach_only) {
		if (!ddata->cm_state.map || !ddata->rsc_nvmem)
			return dev_err_probe(dev, -EINVAL,
					     "attach only (no resets) needs st,syscfg-cm-state and the rsc-tbl-addr/rsc-tbl-size nvmem cells\n");
		return 0;
	}

	ddata->mcu_rst = devm_reset_control_get_exclusive(dev, "mcu_rst");
	if (IS_ERR(ddata->mcu_rst))
		return dev_err_probe(dev, PTR_ERR(ddata->mcu_rst),
				     "cannot get mcu_rst reset\n");
	ret = stm32_rproc_syscon_get(ddata, "st,syscfg-holdboot",
				     &ddata->hold_boot_sc);
	if (ret)
		return ret;
	ddata->hold_boot = devm_reset_control_get_optional_exclusive(dev,
								     "hold_boot");
	if (IS_ERR(ddata->hold_boot))
		return dev_err_probe(dev, PTR_ERR(ddata->hold_boot),
				     "cannot get hold_boot reset\n");
	if (var->needs_hold_boot && !ddata->hold_boot &&
	    !ddata->hold_boot_sc.map)
		return dev_err_probe(dev, -EINVAL,
				     "no hold boot control (hold_boot reset or st,syscfg-holdboot)\n");

	if (var->vtor) {
		ret = stm32_rproc_syscon_get(ddata, "st,syscfg-nsvtor",
					     &ddata->nsvtor);
		if (ret)
			return ret;
		if (!ddata->nsvtor.map)
			return dev_err_probe(dev, -EINVAL,
					     "no st,syscfg-nsvtor: the %s boot address cannot be set\n",
					     var->core);
	}
	if (var->rst_level) {
		ddata->clk = devm_clk_get_optional(dev, NULL);
		if (IS_ERR(ddata->clk))
			return dev_err_probe(dev, PTR_ERR(ddata->clk),
					     "cannot get the %s clock\n",
					     var->core);
	}
	return 0;
}
