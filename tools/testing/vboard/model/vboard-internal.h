/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual STM32MP15 board: state shared by the model's files (core: IPCC,
 * lines, RCC, TAMP; m4: the emulated Cortex-M4 firmware).
 */
#ifndef _VBOARD_INTERNAL_H
#define _VBOARD_INTERNAL_H

#include <linux/irq_work.h>
#include <linux/irqdomain.h>
#include <linux/regmap.h>
#include <linux/reset-controller.h>
#include <linux/spinlock.h>
#include <linux/wait.h>
#include <linux/workqueue.h>

#include <stm32mp/ipcc-regs.h>
#include <stm32mp/tamp-regs.h>

#include "vboard.h"

struct vboard_m4;
struct vboard_m0;
struct device_node;
struct vboard_sdb;
struct dentry;
struct vboard_cpu;
struct vboard_cpu_mems;
struct vboard_tee;

/* A core memory: core address da, CPU address pa, mapped at va */
struct vboard_mem {
	u32 da;
	phys_addr_t pa;
	u32 size;
	void *va;
};

void *vboard_mem_lookup(const struct vboard_mem *mem, unsigned int n, u64 addr,
			u32 len);
int vboard_map_memories(struct device *dev, struct device_node *np,
			struct vboard_mem *mem, unsigned int max,
			unsigned int *n);
int vboard_map_secure_memories(struct device *dev, struct device_node *core_np,
			       struct vboard_mem *mem, unsigned int max,
			       unsigned int *n);

/* which images the executing M4 (m4run) runs, see vboard-cpu.c */
enum vboard_cpu_mode {
	VBOARD_CPU_AUTO,
	VBOARD_CPU_ALL,
	VBOARD_CPU_OFF,
};

#define TAMP_BKP_BASE		STM32MP_TAMP_BKPR(0)
#define TAMP_BKP_COUNT		128	/* STM32MP25; MP15 has 32 */
#define TAMP_MAX_REG		0x3fc

/* One IPCC instance's registers, indexed by processor (0 = C1, 1 = C2) */
struct vboard_ipcc {
	u32 cr[2];
	u32 mr[2];
	u32 flags[2];
	u32 hwcfgr;
	/* RIF (STM32MP25), set by the secure world only */
	u32 seccfgr[2];
	u32 privcfgr[2];
	u32 cidcfgr[2];
};

void vboard_ipcc_init(struct vboard_ipcc *ic, unsigned int nch, bool rif);
unsigned int vboard_ipcc_nch(const struct vboard_ipcc *ic);
bool vboard_ipcc_rx_level(const struct vboard_ipcc *ic, unsigned int p);
bool vboard_ipcc_tx_level(const struct vboard_ipcc *ic, unsigned int p);
u32 vboard_ipcc_rx_pending(const struct vboard_ipcc *ic, unsigned int p);
void vboard_ipcc_regs_write(struct vboard_ipcc *ic, unsigned int reg, u32 val,
			    u32 *set, u32 *clr);
u32 vboard_ipcc_regs_read(const struct vboard_ipcc *ic, unsigned int reg);
void vboard_ipcc_set_rif(struct vboard_ipcc *ic, unsigned int p, u32 seccfgr,
			 u32 cidcfgr);

struct vboard {
	struct device *dev;
	raw_spinlock_t lock;

	/* IPCC1's registers (vboard-ipcc.c) */
	struct vboard_ipcc ipcc;
	unsigned int lin;	/* processor used by Linux (st,proc-id) */
	unsigned int m4;	/* processor played by the model */
	struct regmap *ipcc_map;

	/* interrupt lines towards Linux */
	struct irq_domain *domain;
	bool level[VBOARD_NR_LINES];
	bool masked[VBOARD_NR_LINES];
	unsigned long delivered[VBOARD_NR_LINES];	/* handler runs */
	unsigned long fire;
	struct irq_work irq_work;
	bool wdg_level;

	/* M4 side of the IPCC */
	struct workqueue_struct *m4_wq;
	struct work_struct m4_work;
	wait_queue_head_t m4_waitq;
	unsigned long m4_autoack;
	struct vboard_m4_chan_stats m4_stats[IPCC_MAX_CHANNELS];

	/* STM32MP2 board (vboard-mp2.c): the core is an M33 */
	bool mp2;
	u32 nsvtor;		/* A35SS syscfg M33_INITNSVTOR */

	/* TAMP backup registers */
	u32 bkp[TAMP_BKP_COUNT];
	struct regmap *tamp_map;

	/* RCC: MCU reset and hold boot */
	struct reset_controller_dev rcdev;
	bool hold_boot;
	bool reset_since_boot;
	unsigned long mcu_resets;
	unsigned long boots;

	struct dentry *dbg;
	struct vboard_m4 *m4emu;
	struct vboard_m0 *m0;		/* STM32MP25 SmartRun (vboard-m0.c) */
	struct vboard_cpu *cpu;
	struct vboard_tee *tee;		/* the secure world (vboard-tee.c) */
	/* hostile M4: re-ring every channel Linux acknowledges */
	bool m4_storm;
	unsigned long storm_events;
};

/* core services used by the emulated M4; vb->lock held for the _locked ones */
void vboard_update_locked(struct vboard *vb);
void vboard_ipcc_write_locked(struct vboard *vb, unsigned int reg, u32 val);
u32 vboard_ipcc_read_locked(struct vboard *vb, unsigned int reg);
bool vboard_rx_level(struct vboard *vb, unsigned int p);
bool vboard_tx_level(struct vboard *vb, unsigned int p);
unsigned int vboard_nch(struct vboard *vb);

/* the STM32MP2 blocks (vboard-mp2.c) */
int vboard_mp2_init(struct vboard *vb);
extern struct platform_driver vboard_nvram_driver;
/* the M33's power domains (vboard-pd.c) */
extern struct platform_driver vboard_pd_driver;
u32 vboard_m4_vtor(struct vboard *vb);
struct device_node *vboard_core_node(void);
void vboard_publish_table(struct vboard *vb, u32 da, u32 size);
u32 vboard_published_table(struct vboard *vb);

/* the STM32MP25 M0+ and IPCC2 (vboard-m0.c) */
extern struct platform_driver vboard_m0_driver;
void vboard_m0_lines_locked(struct vboard *vb, bool *lvl);
void vboard_m0_reset(struct vboard *vb, bool assert);
bool vboard_m0_in_reset(struct vboard *vb);

/* the emulated M4 (vboard-m4.c) */
int vboard_m4emu_init(struct vboard *vb);
void vboard_m4emu_boot(struct vboard *vb);
void vboard_m4emu_reset(struct vboard *vb);
void vboard_wwdg_reset(struct vboard *vb);
/* IPCC RX for the M4 while firmware runs; returns false if not running */
bool vboard_m4emu_rx_locked(struct vboard *vb, unsigned long pending);
void vboard_m4emu_wake(struct vboard *vb);
void vboard_m4emu_debugfs(struct vboard *vb, struct dentry *dir);
void vboard_m4emu_mems(struct vboard *vb, struct vboard_cpu_mems *out);
int vboard_m4emu_mem_pa(struct vboard *vb, u32 da, u32 len, phys_addr_t *pa);

/* the executing M4's door (vboard-cpu.c) */
/* vboard-tee.c: the secure world's remoteproc TA (with CONFIG_TEE) */
#if IS_ENABLED(CONFIG_TEE)
int vboard_tee_init(struct vboard *vb);
void vboard_tee_debugfs(struct vboard *vb, struct dentry *dir);
#else
static inline int vboard_tee_init(struct vboard *vb) { return 0; }
static inline void vboard_tee_debugfs(struct vboard *vb, struct dentry *dir) { }
#endif
void vboard_secure_start(struct vboard *vb, u32 vtor);
void vboard_secure_stop(struct vboard *vb);

int vboard_cpu_init(struct vboard *vb);
void vboard_cpu_debugfs(struct vboard *vb, struct dentry *dir);
bool vboard_cpu_boot(struct vboard *vb, bool has_desc);
void vboard_cpu_reset(struct vboard *vb);
void vboard_cpu_update_locked(struct vboard *vb);
bool vboard_cpu_running_locked(struct vboard *vb);
unsigned long vboard_cpu_faults(struct vboard *vb);

/* vboard-m4.c, for the services in their own files */
void vboard_m4emu_send(struct vboard_m4 *m, u32 src, u32 dst,
		       const void *data, u32 len);
bool vboard_m4emu_can_send(struct vboard_m4 *m);
void *vboard_m4emu_da_to_va(struct vboard_m4 *m, u32 da, u32 len);
__printf(2, 3) void vboard_m4emu_log(struct vboard_m4 *m, const char *fmt, ...);
struct device *vboard_m4emu_dev(struct vboard_m4 *m);
void vboard_m4emu_wake_thread(struct vboard_m4 *m);

/* vboard-sdb.c: the M4's side of rpmsg-sdb-channel */
struct vboard_sdb *vboard_sdb_create(struct vboard_m4 *m, struct dentry *dir);
void vboard_sdb_reset(struct vboard_sdb *s);
void vboard_sdb_rx(struct vboard_sdb *s, u32 src, const u8 *data, u32 len);
bool vboard_sdb_produce(struct vboard_sdb *s);

#endif /* _VBOARD_INTERNAL_H */
