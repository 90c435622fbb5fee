// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual STM32MP15 board: the door to the executing Cortex-M4.
 *
 * m4run (tools/testing/vboard/m4run), a guest process around the Unicorn
 * engine, executes the image Linux loaded. It reaches the board through
 * /dev/vboard-m4 (vboard-cpu.h): the M4 memories by mmap(), the IPCC
 * processor-2 registers and the TAMP backup registers by pread()/pwrite()
 * at their M4 bus addresses, and the core's run state and interrupt levels
 * by VBOARD_CPU_GET_STATE and poll(). A fault the firmware did not survive comes back as
 * VBOARD_CPU_FAULT, which fires the M4 watchdog as a hung M4 would.
 *
 * Which images execute: with m4run attached, every image that carries no
 * behavioural descriptor (fw/vboard-fw.h), or every image when the debugfs
 * knob vboard/m4-exec says "all"; "off" keeps the behavioural M4 for all.
 */

#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/irq_work.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include "vboard-internal.h"
#include "vboard-cpu.h"

static const char *const vboard_cpu_modes[] = {
	[VBOARD_CPU_AUTO] = "auto",
	[VBOARD_CPU_ALL] = "all",
	[VBOARD_CPU_OFF] = "off",
};

struct vboard_cpu {
	struct vboard *vb;
	struct miscdevice misc;
	wait_queue_head_t wq;
	struct irq_work wake;
	atomic_t open;
	struct vboard_cpu_status *status;	/* a page m4run maps */
	/* under vb->lock */
	bool attached;
	bool run;
	bool dirty;
	u32 gen;
	u32 lines;
	enum vboard_cpu_mode mode;
	/* counters */
	unsigned long faults;
	unsigned long reg_reads;
	unsigned long reg_writes;
};

static struct vboard_cpu *file_cpu(struct file *file)
{
	return container_of(file->private_data, struct vboard_cpu, misc);
}

/* News for GET_STATE; vb->lock held */
static void vboard_cpu_changed(struct vboard_cpu *c)
{
	c->dirty = true;
	WRITE_ONCE(c->status->seq, c->status->seq + 1);
}

static void vboard_cpu_wake(struct irq_work *work)
{
	struct vboard_cpu *c = container_of(work, struct vboard_cpu, wake);

	wake_up_interruptible(&c->wq);
}

/* Called by vboard_update_locked() after any change */
void vboard_cpu_update_locked(struct vboard *vb)
{
	struct vboard_cpu *c = vb->cpu;
	u32 lines = 0;

	if (!c || !c->run)
		return;
	if (vboard_rx_level(vb, vb->m4))
		lines |= VBOARD_CPU_LINE_IPCC_RX;
	if (vboard_tx_level(vb, vb->m4))
		lines |= VBOARD_CPU_LINE_IPCC_TX;
	if (lines == c->lines)
		return;
	c->lines = lines;
	vboard_cpu_changed(c);
	irq_work_queue(&c->wake);
}

bool vboard_cpu_running_locked(struct vboard *vb)
{
	return vb->cpu && vb->cpu->run;
}

unsigned long vboard_cpu_faults(struct vboard *vb)
{
	return READ_ONCE(vb->cpu->faults);
}

/* An MCU boot: true if the executing core takes it */
bool vboard_cpu_boot(struct vboard *vb, bool has_desc)
{
	struct vboard_cpu *c = vb->cpu;
	bool take;

	raw_spin_lock_irq(&vb->lock);
	take = c->attached && (c->mode == VBOARD_CPU_ALL ||
			       (c->mode == VBOARD_CPU_AUTO && !has_desc));
	if (take) {
		c->run = true;
		c->gen++;
		c->lines = 0;
		vboard_cpu_changed(c);
		vboard_update_locked(vb);	/* computes the lines */
	}
	raw_spin_unlock_irq(&vb->lock);
	if (take)
		wake_up_interruptible(&c->wq);
	return take;
}

void vboard_cpu_reset(struct vboard *vb)
{
	struct vboard_cpu *c = vb->cpu;
	bool was;

	raw_spin_lock_irq(&vb->lock);
	was = c->run;
	if (was) {
		c->run = false;
		c->gen++;
		c->lines = 0;
		vboard_cpu_changed(c);
	}
	raw_spin_unlock_irq(&vb->lock);
	if (was)
		wake_up_interruptible(&c->wq);
}

static int vboard_cpu_open(struct inode *inode, struct file *file)
{
	struct vboard_cpu *c = file_cpu(file);

	if (atomic_cmpxchg(&c->open, 0, 1))
		return -EBUSY;
	raw_spin_lock_irq(&c->vb->lock);
	c->attached = true;
	vboard_cpu_changed(c);
	raw_spin_unlock_irq(&c->vb->lock);
	return 0;
}

/* m4run went away: a running core stops where it is */
static int vboard_cpu_release(struct inode *inode, struct file *file)
{
	struct vboard_cpu *c = file_cpu(file);

	raw_spin_lock_irq(&c->vb->lock);
	c->attached = false;
	raw_spin_unlock_irq(&c->vb->lock);
	atomic_set(&c->open, 0);
	return 0;
}

/* VBOARD_CPU_GET_STATE: waits for a change unless O_NONBLOCK */
static int vboard_cpu_get_state(struct vboard_cpu *c, struct file *file,
				struct vboard_cpu_state *st)
{
	struct vboard *vb = c->vb;
	int ret;

	if (!(file->f_flags & O_NONBLOCK)) {
		ret = wait_event_interruptible(c->wq, READ_ONCE(c->dirty));
		if (ret)
			return ret;
	}
	raw_spin_lock_irq(&vb->lock);
	if (!c->dirty) {
		raw_spin_unlock_irq(&vb->lock);
		return -EAGAIN;
	}
	c->dirty = false;
	st->gen = c->gen;
	st->run = c->run;
	st->lines = c->lines;
	st->vtor = vboard_m4_vtor(vb);
	raw_spin_unlock_irq(&vb->lock);
	return 0;
}

static __poll_t vboard_cpu_poll(struct file *file, poll_table *wait)
{
	struct vboard_cpu *c = file_cpu(file);

	poll_wait(file, &c->wq, wait);
	return READ_ONCE(c->dirty) ? EPOLLIN | EPOLLRDNORM : 0;
}

/*
 * IPCC as processor 2 addresses it: its own block at +0x10, the other
 * processor's at 0. On the board variant where Linux is processor 2 the
 * model's M4 is processor 1, and the blocks swap.
 */
static unsigned int vboard_cpu_ipcc_reg(struct vboard *vb, unsigned int off)
{
	unsigned int p;

	if (off >= 2 * IPCC_PROC_STRIDE)
		return off;
	p = off >= IPCC_PROC_STRIDE ? vb->m4 : vb->lin;
	return IPCC_PROC_OFFSET(p) + off % IPCC_PROC_STRIDE;
}

static int vboard_cpu_reg(struct vboard_cpu *c, loff_t pos, size_t count,
			  u32 *val, bool write)
{
	struct vboard *vb = c->vb;
	unsigned int off;

	if (count != sizeof(u32) || pos < 0 || pos > U32_MAX || pos % 4)
		return -EINVAL;
	if (pos >= VBOARD_CPU_IPCC_BASE &&
	    pos < VBOARD_CPU_IPCC_BASE + VBOARD_CPU_PERIPH_SIZE) {
		off = vboard_cpu_ipcc_reg(vb, pos - VBOARD_CPU_IPCC_BASE);
		raw_spin_lock_irq(&vb->lock);
		if (write)
			vboard_ipcc_write_locked(vb, off, *val);
		else
			*val = vboard_ipcc_read_locked(vb, off);
		raw_spin_unlock_irq(&vb->lock);
		if (write)
			wake_up_all(&vb->m4_waitq);
		return 0;
	}
	if (pos >= VBOARD_CPU_TAMP_BASE &&
	    pos < VBOARD_CPU_TAMP_BASE + VBOARD_CPU_PERIPH_SIZE) {
		off = pos - VBOARD_CPU_TAMP_BASE;
		if (write)
			return regmap_write(vb->tamp_map, off, *val);
		return regmap_read(vb->tamp_map, off, val);
	}
	return -ENXIO;
}

static ssize_t vboard_cpu_pread(struct file *file, char __user *buf,
				size_t count, loff_t *ppos)
{
	struct vboard_cpu *c = file_cpu(file);
	u32 val;
	int ret;

	ret = vboard_cpu_reg(c, *ppos, count, &val, false);
	if (ret)
		return ret;
	c->reg_reads++;
	if (copy_to_user(buf, &val, sizeof(val)))
		return -EFAULT;
	return sizeof(val);
}

static ssize_t vboard_cpu_pwrite(struct file *file, const char __user *buf,
				 size_t count, loff_t *ppos)
{
	struct vboard_cpu *c = file_cpu(file);
	u32 val;
	int ret;

	if (count != sizeof(val))
		return -EINVAL;
	if (copy_from_user(&val, buf, sizeof(val)))
		return -EFAULT;
	ret = vboard_cpu_reg(c, *ppos, count, &val, true);
	if (ret)
		return ret;
	c->reg_writes++;
	return sizeof(val);
}

static int vboard_cpu_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct vboard_cpu *c = file_cpu(file);
	unsigned long len = vma->vm_end - vma->vm_start;
	u64 da = (u64)vma->vm_pgoff << PAGE_SHIFT;
	phys_addr_t pa;

	if (da == VBOARD_CPU_STATUS_OFFSET) {
		if (len != PAGE_SIZE || (vma->vm_flags & VM_WRITE))
			return -EINVAL;
		return remap_pfn_range(vma, vma->vm_start,
				       PHYS_PFN(virt_to_phys(c->status)), len,
				       vma->vm_page_prot);
	}
	if (da > U32_MAX || len > U32_MAX ||
	    vboard_m4emu_mem_pa(c->vb, da, len, &pa))
		return -EINVAL;
	vma->vm_page_prot = pgprot_writecombine(vma->vm_page_prot);
	return remap_pfn_range(vma, vma->vm_start, PHYS_PFN(pa), len,
			       vma->vm_page_prot);
}

static long vboard_cpu_ioctl(struct file *file, unsigned int cmd,
			     unsigned long arg)
{
	struct vboard_cpu *c = file_cpu(file);
	struct vboard *vb = c->vb;
	struct vboard_cpu_mems mems = { };
	struct vboard_cpu_state st = { };
	struct vboard_cpu_fault f;
	bool current_boot;
	int ret;

	switch (cmd) {
	case VBOARD_CPU_GET_STATE:
		ret = vboard_cpu_get_state(c, file, &st);
		if (ret)
			return ret;
		return copy_to_user((void __user *)arg, &st, sizeof(st)) ?
		       -EFAULT : 0;
	case VBOARD_CPU_GET_MEMS:
		vboard_m4emu_mems(vb, &mems);
		mems.soc = vb->mp2 ? VBOARD_CPU_SOC_STM32MP25 :
				     VBOARD_CPU_SOC_STM32MP15;
		return copy_to_user((void __user *)arg, &mems, sizeof(mems)) ?
		       -EFAULT : 0;
	case VBOARD_CPU_FAULT:
		if (copy_from_user(&f, (void __user *)arg, sizeof(f)))
			return -EFAULT;
		f.what[sizeof(f.what) - 1] = '\0';
		raw_spin_lock_irq(&vb->lock);
		current_boot = c->run && f.gen == c->gen;
		if (current_boot)
			c->faults++;
		raw_spin_unlock_irq(&vb->lock);
		if (!current_boot)
			return -ESTALE;
		dev_info(vb->dev, "M4 %s at pc 0x%08x (address 0x%08x): watchdog fires\n",
			 f.what, f.pc, f.addr);
		vboard_wwdg_reset(vb);
		return 0;
	}
	return -ENOTTY;
}

static const struct file_operations vboard_cpu_fops = {
	.owner = THIS_MODULE,
	.open = vboard_cpu_open,
	.release = vboard_cpu_release,
	.read = vboard_cpu_pread,
	.write = vboard_cpu_pwrite,
	.poll = vboard_cpu_poll,
	.mmap = vboard_cpu_mmap,
	.unlocked_ioctl = vboard_cpu_ioctl,
	.compat_ioctl = compat_ptr_ioctl,	/* m4run is a 32-bit tool */
	.llseek = default_llseek,
};

static int vboard_cpu_mode_show(struct seq_file *s, void *unused)
{
	struct vboard_cpu *c = s->private;
	struct vboard *vb = c->vb;
	unsigned int i;

	raw_spin_lock_irq(&vb->lock);
	for (i = 0; i < ARRAY_SIZE(vboard_cpu_modes); i++)
		seq_printf(s, i == c->mode ? "[%s] " : "%s ", vboard_cpu_modes[i]);
	seq_printf(s, "\nattached %d run %d gen %u lines 0x%x faults %lu reg_reads %lu reg_writes %lu\n",
		   c->attached, c->run, c->gen, c->lines, c->faults,
		   c->reg_reads, c->reg_writes);
	raw_spin_unlock_irq(&vb->lock);
	return 0;
}

static int vboard_cpu_mode_open(struct inode *inode, struct file *file)
{
	return single_open(file, vboard_cpu_mode_show, inode->i_private);
}

static ssize_t vboard_cpu_mode_write(struct file *file, const char __user *ubuf,
				     size_t count, loff_t *ppos)
{
	struct vboard_cpu *c = ((struct seq_file *)file->private_data)->private;
	char buf[8];
	int i;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	i = sysfs_match_string(vboard_cpu_modes, strim(buf));
	if (i < 0)
		return i;
	raw_spin_lock_irq(&c->vb->lock);
	c->mode = i;
	raw_spin_unlock_irq(&c->vb->lock);
	return count;
}

static const struct file_operations vboard_cpu_mode_fops = {
	.owner = THIS_MODULE,
	.open = vboard_cpu_mode_open,
	.read = seq_read,
	.write = vboard_cpu_mode_write,
	.llseek = seq_lseek,
	.release = single_release,
};

void vboard_cpu_debugfs(struct vboard *vb, struct dentry *dir)
{
	debugfs_create_file("m4-exec", 0600, dir, vb->cpu, &vboard_cpu_mode_fops);
}

static void vboard_cpu_remove(void *data)
{
	struct vboard_cpu *c = data;

	misc_deregister(&c->misc);
	irq_work_sync(&c->wake);
}

static void vboard_cpu_free_status(void *data)
{
	free_page((unsigned long)data);
}

int vboard_cpu_init(struct vboard *vb)
{
	struct vboard_cpu *c;
	int ret;

	c = devm_kzalloc(vb->dev, sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOMEM;
	c->vb = vb;
	c->status = (void *)get_zeroed_page(GFP_KERNEL);
	if (!c->status)
		return -ENOMEM;
	ret = devm_add_action_or_reset(vb->dev, vboard_cpu_free_status, c->status);
	if (ret)
		return ret;
	init_waitqueue_head(&c->wq);
	init_irq_work(&c->wake, vboard_cpu_wake);
	c->misc.minor = MISC_DYNAMIC_MINOR;
	c->misc.name = "vboard-m4";
	c->misc.fops = &vboard_cpu_fops;
	c->misc.mode = 0600;
	ret = misc_register(&c->misc);
	if (ret)
		return dev_err_probe(vb->dev, ret, "cannot register /dev/vboard-m4\n");
	vb->cpu = c;
	return devm_add_action_or_reset(vb->dev, vboard_cpu_remove, c);
}
