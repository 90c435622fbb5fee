// SPDX-License-Identifier: GPL-2.0-only
/*
 * STM32MP Cortex-M remoteproc: the core's power domain, its watchdog as a
 * wakeup source, and system suspend.
 *
 * An STM32MP2 core node names two domains, as ST's DTs write them:
 *
 *   power-domains = <&cluster_pd>, <&ret_pd>;
 *   power-domain-names = "default", "sleep";
 *
 * and keep-power-in-suspend picks the one Linux votes for while the core
 * runs (started or attached): "default" without it, "sleep" with it (ST's
 * downstream driver makes the same choice). The vote is a runtime PM
 * reference on the domain, taken on start/attach and dropped on stop,
 * detach and crash, so Linux lets the domain go when the core is off.
 *
 * In system suspend the two differ: with keep-power-in-suspend the driver
 * puts the domain in the awake path (device_set_wakeup_path()), so a
 * provider that honours it (GENPD_FLAG_ACTIVE_WAKEUP) keeps the domain
 * on while Linux sleeps; without it the domain is suspended with the rest
 * and powered again on resume. The core itself keeps running either way,
 * as on STM32MP15 (its memories are its own).
 *
 * A node with one power domain has it attached to the device by the
 * driver core; the vote is then on the device itself. A node without
 * power-domains (STM32MP15) has nothing to do here.
 */

#include <linux/device.h>
#include <linux/of.h>
#include <linux/pm_domain.h>
#include <linux/pm_runtime.h>
#include <linux/pm_wakeirq.h>
#include <linux/pm_wakeup.h>

#include "stm32_rproc.h"

static void stm32_rproc_wakeup_disable(void *dev)
{
	device_init_wakeup(dev, false);
}

static void stm32_rproc_wakeirq_clear(void *dev)
{
	dev_pm_clear_wake_irq(dev);
}

/* "wakeup-source": the watchdog interrupt wakes the system (a crash) */
int stm32_rproc_wakeup_init(struct stm32_rproc *ddata)
{
	struct device *dev = ddata->dev;
	int ret;

	if (!of_property_read_bool(dev->of_node, "wakeup-source"))
		return 0;

	ret = device_init_wakeup(dev, true);
	if (!ret)
		ret = devm_add_action_or_reset(dev, stm32_rproc_wakeup_disable,
					       dev);
	if (ret)
		return ret;
	ret = dev_pm_set_wake_irq(dev, ddata->wdg_irq);
	if (ret)
		return dev_err_probe(dev, ret, "cannot set wake irq\n");
	return devm_add_action_or_reset(dev, stm32_rproc_wakeirq_clear, dev);
}

static void stm32_rproc_pd_detach(void *pd)
{
	dev_pm_domain_detach(pd, true);
}

int stm32_rproc_pd_init(struct stm32_rproc *ddata)
{
	struct device *dev = ddata->dev;
	struct device_node *np = dev->of_node;
	const char *name;
	struct device *pd;
	int ret;

	if (!of_find_property(np, "power-domains", NULL))
		return 0;
	ddata->keep_power = of_property_read_bool(np, "keep-power-in-suspend");

	if (dev->pm_domain) {	/* the only one, attached by the driver core */
		ret = devm_pm_runtime_enable(dev);
		if (ret)
			return ret;
		ddata->pd = dev;
		return 0;
	}

	name = ddata->keep_power ? "sleep" : "default";
	pd = dev_pm_domain_attach_by_name(dev, name);
	if (IS_ERR(pd))
		return dev_err_probe(dev, PTR_ERR(pd),
				     "cannot attach power domain \"%s\"\n", name);
	if (!pd)
		return dev_err_probe(dev, -ENODEV,
				     "power-domains: no \"%s\" domain in power-domain-names (%s), or no generic PM domains in this kernel\n",
				     name, ddata->keep_power ?
				     "keep-power-in-suspend selects it" :
				     "the domain of a running core");
	ret = devm_add_action_or_reset(dev, stm32_rproc_pd_detach, pd);
	if (ret)
		return ret;
	ddata->pd = pd;
	dev_dbg(dev, "power domain \"%s\" while the %s runs\n", name,
		ddata->var->core);
	return 0;
}

/* rproc->lock held (start, attach) */
int stm32_rproc_pd_get(struct stm32_rproc *ddata)
{
	int ret;

	if (!ddata->pd || ddata->pd_held)
		return 0;
	ret = pm_runtime_resume_and_get(ddata->pd);
	if (ret) {
		dev_err(ddata->dev, "cannot power the %s's domain: %d\n",
			ddata->var->core, ret);
		return ret;
	}
	ddata->pd_held = true;
	return 0;
}

/* rproc->lock held (stop, detach, a failed start) */
void stm32_rproc_pd_put(struct stm32_rproc *ddata)
{
	if (!ddata->pd_held)
		return;
	pm_runtime_put_sync(ddata->pd);	/* off when stop returns */
	ddata->pd_held = false;
}

/*
 * After the domain device's own suspend (it was registered after us, so
 * it suspends before us) and before the noirq phase, where genpd decides.
 */
static int stm32_rproc_suspend(struct device *dev)
{
	struct stm32_rproc *ddata = dev_get_drvdata(dev);
	struct rproc *rproc = ddata->rproc;

	mutex_lock(&rproc->lock);
	if (ddata->pd_held && ddata->keep_power)
		device_set_wakeup_path(ddata->pd);
	mutex_unlock(&rproc->lock);
	return 0;
}

const struct dev_pm_ops stm32_rproc_pm_ops = {
	SYSTEM_SLEEP_PM_OPS(stm32_rproc_suspend, NULL)
};
