/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * STM32MP Cortex-M remoteproc (MP15 M4, MP2 M33 and M0+): what the
 * driver's files share (state, limits, and the functions one file offers
 * the others).
 */
#ifndef _STM32_RPROC_H
#define _STM32_RPROC_H

#include <linux/mailbox_client.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/of.h>
#include <linux/remoteproc.h>
#include <linux/sizes.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <stm32mp/compat.h>

#include "stm32_rproc_fw.h"

#define STM32_RPROC_DEFAULT_FW		"rproc-m4-fw"
#define STM32_RPROC_SHUTDOWN_TMO_MS	500
#define STM32_RPROC_MAX_MEMS		16
#define STM32_RPROC_ATTACH_RSC_SIZE	1024	/* table of an attached M4 */
#define STM32_RPROC_CRASH_LOG_MAX	SZ_64K
#define STM32_RPROC_STORM_EMPTY		1000	/* notifications without work */
#define STM32_RPROC_RX_DRAIN_MS		1000	/* then say a callback blocks */

enum stm32_rproc_mbox {
	STM32_MB_VQ0,
	STM32_MB_VQ1,
	STM32_MB_SHUTDOWN,
	STM32_MB_DETACH,
	STM32_MB_NUM
};

struct stm32_syscon {
	struct regmap *map;
	u32 reg;
	u32 mask;
};

struct stm32_rproc_mem {
	phys_addr_t pa;
	u32 da;
	u32 size;
	const char *name;
	unsigned int index;	/* in memory-region */
};

struct stm32_rproc;
struct stm32_rproc_tee;

/* What differs between the cores the driver runs (the match data) */
struct stm32_rproc_variant {
	const char *core;	/* in messages: "M4", "M33", "M0+" */
	const char *default_fw;	/* without firmware-name */
	/* boots at its .isr_vectors, written to st,syscfg-nsvtor (MP2 M33) */
	bool vtor;
	/* no reset in DT means attach only: the secure world owns the core */
	bool attach_only_ok;
	/* mcu_rst is a level (deasserted to run), not the MP15 pulse */
	bool rst_level;
	bool needs_hold_boot;
	/* the secure world loads it (ST's -tee compatibles): the TA's id */
	bool tee;
	u32 tee_id;
	/* no virtio on this core (M0+): no vq0/vq1 mailboxes to miss */
	bool no_rpmsg;
};

struct stm32_rproc_mb {
	struct stm32_rproc *ddata;
	unsigned int id;
	struct mbox_client cl;
	struct mbox_chan *chan;
	/* TX done by our ack: the controller coalesces (stm32mp/ipcc.h) */
	bool doorbell;
	/* else kick coalescing here: one doorbell in flight, one pending */
	spinlock_t lock;
	bool busy;
	bool again;
	struct work_struct rx_work;
	bool delivering;	/* rx_work is in rproc_vq_interrupt() */
	atomic_t rings;		/* notifications since the work last ran */
	unsigned int empty;	/* notifications in a row that found nothing */
	bool storm_warned;
};

struct stm32_rproc {
	struct device *dev;
	struct rproc *rproc;
	const struct stm32_rproc_variant *var;
	bool attach_only;	/* no resets: start = attach, stop = detach */
	struct stm32_rproc_tee *tee;	/* OP-TEE loads the core, or NULL */
	u8 *tee_tbl;		/* the table the TA reported, validated */
	struct clk *clk;	/* M0+: on while it runs */
	struct stm32_syscon nsvtor;	/* MP2 M33 boot address */
	struct stm32_syscon cm_state;	/* MP2 PWR_CPU2D2SR */
	bool rsc_nvmem;		/* table address and size from nvmem cells */
	struct reset_control *mcu_rst;
	struct reset_control *hold_boot;
	struct stm32_syscon hold_boot_sc;
	struct stm32_syscon pdds;
	struct stm32_syscon m4_state;
	struct stm32_syscon rsc_tbl;
	struct stm32_rproc_mem mems[STM32_RPROC_MAX_MEMS];
	struct stm32_fw_mem fw_mems[STM32_RPROC_MAX_MEMS];	/* for the image */
	unsigned int nmems;
	unsigned int nfw_mems;
	struct stm32_fw_info fw_info;
	struct stm32_rproc_mb mb[STM32_MB_NUM];
	struct workqueue_struct *wq;
	/* receive gate, see stm32_rproc_notify.c */
	spinlock_t rx_lock;
	unsigned long rx_open;		/* vrings that may be delivered */
	unsigned long rx_pending;	/* vrings notified, not yet delivered */
	wait_queue_head_t rx_wq;	/* a delivery ended */
	struct rproc_subdev rx_gate;
	bool rx_gate_added;
	bool shutdown_requested;	/* in this run of the M4 */
	int wdg_irq;
	spinlock_t wdg_lock;	/* wdg_irq_enabled vs the handler */
	bool wdg_irq_enabled;
	/* the domain voted for while the core runs, see stm32_rproc_pm.c */
	struct device *pd;
	bool pd_held;
	bool keep_power;	/* keep-power-in-suspend */
	/* attach: the table an earlier boot stage left in M4 memory */
	void __iomem *rsc_va;
	size_t rsc_size;
	u32 rsc_da;
	/* the M4's copy of the resource table, see stm32_rproc_table.c */
	spinlock_t tbl_lock;	/* tbl_dev, tbl_shadow, tbl_size */
	void __iomem *tbl_dev;	/* NULL: the M4 has no table to update */
	size_t tbl_size;
	u8 *tbl_shadow;		/* what tbl_dev holds */
	u8 *tbl_attach;		/* table_ptr while attached */
	u8 *tbl_clean;		/* the table as found at attach */
	bool fw_parsed;		/* .parse_fw ran for the image .load gets */
	/* virtio driver (un)binds change the vdev status: the M4 sees them */
	struct notifier_block virtio_nb;
	stm32mp_bus_ptr_t virtio_bus;
	bool attached_recovery_off;	/* we turned recovery off on attach */
	/* the M4 log as it was when the M4 crashed */
	struct mutex crash_lock;	/* crash_log* */
	char *crash_log;
	size_t crash_log_len;
	unsigned int crashes;
	u64 crash_time_ns;
};

/* stm32_rproc.c (lifecycle) */
void stm32_rproc_request_shutdown(struct stm32_rproc *ddata);
void stm32_rproc_wdg_enable(struct stm32_rproc *ddata, bool on);

/*
 * stm32_rproc_tee_ops.c (the lifecycle when OP-TEE loads the core); without
 * CONFIG_TEE, a DT that asks for it is refused (the ops are then unused)
 */
extern const struct rproc_ops stm32_rproc_tee_ops;
#if IS_ENABLED(CONFIG_TEE)
int stm32_rproc_tee_mode(struct device *dev, int var_id, u32 *id);
int stm32_rproc_tee_init(struct stm32_rproc *ddata, u32 id);
#else
static inline int stm32_rproc_tee_mode(struct device *dev, int var_id, u32 *id)
{
	if (var_id < 0 && !of_find_property(dev->of_node, "st,rproc-tee", NULL))
		return 0;
	return dev_err_probe(dev, -ENODEV,
			     "the secure world loads this core: needs a kernel with CONFIG_TEE\n");
}

static inline int stm32_rproc_tee_init(struct stm32_rproc *ddata, u32 id)
{
	return -ENODEV;
}
#endif

/* stm32_rproc_mem.c (memories and loading) */
int stm32_rproc_check_fw(struct rproc *rproc, const struct firmware *fw,
			 bool report);
void *stm32_rproc_da_to_va(struct rproc *rproc, u64 da, size_t len,
			   bool *is_iomem);
int stm32_rproc_parse_memories(struct stm32_rproc *ddata);
int stm32_rproc_prepare(struct rproc *rproc);
int stm32_rproc_sanity_check(struct rproc *rproc,
			     const struct firmware *fw);
int stm32_rproc_parse_fw(struct rproc *rproc, const struct firmware *fw);
struct resource_table *
stm32_rproc_find_loaded_rsc_table(struct rproc *rproc,
				  const struct firmware *fw);
void __iomem *stm32_rproc_loaded_table(struct stm32_rproc *ddata);
u64 stm32_rproc_get_boot_addr(struct rproc *rproc,
			      const struct firmware *fw);

/* stm32_rproc_notify.c (IPCC notifications) */
int stm32_rproc_gate_start(struct rproc_subdev *subdev);
void stm32_rproc_gate_stop(struct rproc_subdev *subdev, bool crashed);
void stm32_rproc_gate_add(struct stm32_rproc *ddata);
void stm32_rproc_gate_remove(struct stm32_rproc *ddata);
void stm32_rproc_kick(struct rproc *rproc, int vqid);
void stm32_rproc_kick_reset(struct stm32_rproc *ddata);
int stm32_rproc_request_mbox(struct stm32_rproc *ddata);

/* stm32_rproc_table.c (the M4's resource table, attach) */
void stm32_rproc_table_push(struct stm32_rproc *ddata, const void *tbl);
void stm32_rproc_table_sync(struct stm32_rproc *ddata);
void stm32_rproc_table_bind(struct stm32_rproc *ddata,
			    void __iomem *dev, size_t size, bool full);
struct resource_table *
stm32_rproc_get_loaded_rsc_table(struct rproc *rproc, size_t *size);
unsigned int stm32_rproc_rsc_da(struct stm32_rproc *ddata);
bool stm32_rproc_m4_running(struct stm32_rproc *ddata, bool report);

/* stm32_rproc_pm.c (power domain, wakeup, system suspend) */
int stm32_rproc_wakeup_init(struct stm32_rproc *ddata);

/* stm32_rproc_of.c: the controls the DT node gives */
int stm32_rproc_get_controls(struct stm32_rproc *ddata);
int stm32_rproc_get_syscons(struct stm32_rproc *ddata);
bool stm32_rproc_auto_boot(struct device_node *np);
int stm32_rproc_pd_init(struct stm32_rproc *ddata);
int stm32_rproc_pd_get(struct stm32_rproc *ddata);
void stm32_rproc_pd_put(struct stm32_rproc *ddata);
extern const struct dev_pm_ops stm32_rproc_pm_ops;

/* stm32_rproc_debugfs.c (crash log, fw_format) */
void stm32_rproc_save_crash_log(struct stm32_rproc *ddata);
void stm32_rproc_debugfs_init(struct stm32_rproc *ddata);
int stm32_rproc_sysfs_init(struct stm32_rproc *ddata);
void stm32_rproc_free_crash_log(void *data);

#endif /* _STM32_RPROC_H */
