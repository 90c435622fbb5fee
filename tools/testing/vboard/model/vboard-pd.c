// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual STM32MP2 board: the two power domains the Cortex-M33's node
 * names, as generic PM domains ("stm32mp-vboard,power-domains", a child
 * of the model, #power-domain-cells = <1>):
 *
 *   0 "cluster"    ST's cluster_pd, the M33 node's "default" domain
 *   1 "retention"  ST's ret_pd, its "sleep" domain (keep-power-in-suspend)
 *
 * Each domain counts its power-ons and power-offs, and the power-offs that
 * happened while the system was suspending, which is what a test asks:
 * "did this domain stay on through the suspend?". The domains honour the
 * awake path (GENPD_FLAG_ACTIVE_WAKEUP): a consumer that marks its domain
 * device with device_set_awake_path() in .suspend keeps the domain on.
 *
 * /sys/kernel/debug/vboard/pd, one line per domain:
 *   <name> <on|off> on <n> off <n> suspend-off <n>
 */

#include <linux/debugfs.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_domain.h>
#include <linux/seq_file.h>
#include <linux/suspend.h>

#include "vboard-internal.h"

#if IS_ENABLED(CONFIG_PM_GENERIC_DOMAINS)

struct vboard_pd {
	struct generic_pm_domain genpd;
	bool on;
	unsigned long ons, offs, suspend_offs;
};

struct vboard_pds {
	struct vboard_pd pd[2];
	struct generic_pm_domain *table[2];
	struct genpd_onecell_data data;
	struct dentry *file;
};

static const char * const vboard_pd_names[] = { "cluster", "retention" };

static int vboard_pd_on(struct generic_pm_domain *genpd)
{
	struct vboard_pd *pd = container_of(genpd, struct vboard_pd, genpd);

	WRITE_ONCE(pd->on, true);
	pd->ons++;
	return 0;
}

static int vboard_pd_off(struct generic_pm_domain *genpd)
{
	struct vboard_pd *pd = container_of(genpd, struct vboard_pd, genpd);

	WRITE_ONCE(pd->on, false);
	pd->offs++;
	/* set from suspend_prepare() to the end of the resume */
	if (pm_suspend_target_state != PM_SUSPEND_ON)
		pd->suspend_offs++;
	return 0;
}

static int vboard_pd_show(struct seq_file *s, void *unused)
{
	struct vboard_pds *pds = s->private;
	int i;

	for (i = 0; i < ARRAY_SIZE(pds->pd); i++) {
		struct vboard_pd *pd = &pds->pd[i];

		seq_printf(s, "%s %s on %lu off %lu suspend-off %lu\n",
			   vboard_pd_names[i], READ_ONCE(pd->on) ? "on" : "off",
			   pd->ons, pd->offs, pd->suspend_offs);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vboard_pd);

static void vboard_pd_remove(void *data)
{
	struct platform_device *pdev = data;
	struct vboard_pds *pds = platform_get_drvdata(pdev);
	int i;

	debugfs_remove(pds->file);
	of_genpd_del_provider(pdev->dev.of_node);
	for (i = 0; i < ARRAY_SIZE(pds->pd); i++)
		pm_genpd_remove(&pds->pd[i].genpd);
}

static int vboard_pd_probe(struct platform_device *pdev)
{
	struct vboard *vb = dev_get_drvdata(pdev->dev.parent);
	struct device *dev = &pdev->dev;
	struct vboard_pds *pds;
	int i, ret;

	if (!vb)
		return -ENODEV;
	pds = devm_kzalloc(dev, sizeof(*pds), GFP_KERNEL);
	if (!pds)
		return -ENOMEM;
	platform_set_drvdata(pdev, pds);

	for (i = 0; i < ARRAY_SIZE(pds->pd); i++) {
		struct generic_pm_domain *genpd = &pds->pd[i].genpd;

		genpd->name = vboard_pd_names[i];
		genpd->power_on = vboard_pd_on;
		genpd->power_off = vboard_pd_off;
		genpd->flags = GENPD_FLAG_ACTIVE_WAKEUP;
		ret = pm_genpd_init(genpd, NULL, true);
		if (ret) {
			while (i--)
				pm_genpd_remove(&pds->pd[i].genpd);
			return ret;
		}
		pds->table[i] = genpd;
	}
	pds->data.domains = pds->table;
	pds->data.num_domains = ARRAY_SIZE(pds->table);
	ret = of_genpd_add_provider_onecell(dev->of_node, &pds->data);
	if (ret) {
		for (i = 0; i < ARRAY_SIZE(pds->pd); i++)
			pm_genpd_remove(&pds->pd[i].genpd);
		return dev_err_probe(dev, ret, "cannot add the power domains\n");
	}
	pds->file = debugfs_create_file("pd", 0444, vb->dbg, pds,
					&vboard_pd_fops);
	return devm_add_action_or_reset(dev, vboard_pd_remove, pdev);
}

#else	/* the 32-bit board's kernel has no generic PM domains */

static int vboard_pd_probe(struct platform_device *pdev)
{
	return dev_err_probe(&pdev->dev, -ENODEV,
			     "power domains need CONFIG_PM_GENERIC_DOMAINS\n");
}

#endif

static const struct of_device_id vboard_pd_of_match[] = {
	{ .compatible = "stm32mp-vboard,power-domains" },
	{ }
};
MODULE_DEVICE_TABLE(of, vboard_pd_of_match);

struct platform_driver vboard_pd_driver = {
	.driver = {
		.name = "stm32mp-vboard-pd",
		.of_match_table = vboard_pd_of_match,
		.suppress_bind_attrs = true,
	},
	.probe = vboard_pd_probe,
};
