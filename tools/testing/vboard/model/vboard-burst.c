// SPDX-License-Identifier: GPL-2.0-only
/*
 * Virtual STM32MP15 board: an RPMsg endpoint that replies from its
 * callback, for the "rpmsg-vboard-burst" service of the test firmware
 * (fw/vboard-fw.h).
 *
 * Writing "N S" to /sys/kernel/debug/vboard-burst/go sends "go N S" to the
 * M4, which answers "burst N": the endpoint callback then sends N messages
 * with rpmsg_send(), far more than the TX ring holds, so it sleeps in
 * rpmsg_send() until the M4 returns buffers, in the callback (the case
 * that stalls a receive path which runs callbacks where it acknowledges
 * IPCC, against an M4 that waits for that acknowledge before notifying
 * again). S > 0 makes the M4 stop serving for S ms after 100 messages.
 * /sys/kernel/debug/vboard-burst/result tells how it went:
 * "state idle|sending|done sent N errors E elapsed_ms T progress P".
 */

#include <linux/debugfs.h>
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/rpmsg.h>
#include <linux/seq_file.h>
#include <linux/slab.h>

enum burst_state { BURST_IDLE, BURST_SENDING, BURST_DONE };

static const char * const burst_state_names[] = { "idle", "sending", "done" };

struct vboard_burst {
	struct rpmsg_device *rpdev;
	struct dentry *dir;
	struct mutex lock;	/* the fields below */
	enum burst_state state;
	unsigned int sent;
	unsigned int errors;
	unsigned int progress;
	u64 elapsed_ms;
};

static void vboard_burst_run(struct vboard_burst *b, unsigned int n)
{
	ktime_t t0 = ktime_get();
	unsigned int i, sent = 0, errors = 0;
	char msg[32];
	int len;

	mutex_lock(&b->lock);
	b->state = BURST_SENDING;
	mutex_unlock(&b->lock);
	for (i = 0; i < n; i++) {
		len = scnprintf(msg, sizeof(msg), "data %u", i);
		/* Sleeps while the TX ring is empty (15 s at most) */
		if (rpmsg_send(b->rpdev->ept, msg, len))
			errors++;
		else
			sent++;
	}
	mutex_lock(&b->lock);
	b->sent = sent;
	b->errors = errors;
	b->elapsed_ms = ktime_ms_delta(ktime_get(), t0);
	b->state = BURST_DONE;
	mutex_unlock(&b->lock);
}

static int vboard_burst_cb(struct rpmsg_device *rpdev, void *data, int len,
			   void *priv, u32 src)
{
	struct vboard_burst *b = dev_get_drvdata(&rpdev->dev);
	char msg[32];
	unsigned int n;

	memcpy(msg, data, min_t(int, len, sizeof(msg) - 1));
	msg[min_t(int, len, sizeof(msg) - 1)] = '\0';
	if (sscanf(msg, "burst %u", &n) == 1) {
		vboard_burst_run(b, n);
	} else if (!strncmp(msg, "progress ", 9)) {
		mutex_lock(&b->lock);
		b->progress++;
		mutex_unlock(&b->lock);
	}
	return 0;
}

static ssize_t vboard_burst_go_write(struct file *file, const char __user *ubuf,
				     size_t count, loff_t *ppos)
{
	struct vboard_burst *b = file->private_data;
	unsigned int n, stall;
	char buf[32], msg[32];
	int ret;

	if (count >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	if (sscanf(buf, "%u %u", &n, &stall) != 2)
		return -EINVAL;

	mutex_lock(&b->lock);
	b->state = BURST_IDLE;
	b->sent = 0;
	b->errors = 0;
	b->progress = 0;
	b->elapsed_ms = 0;
	mutex_unlock(&b->lock);
	ret = rpmsg_send(b->rpdev->ept, msg,
			 scnprintf(msg, sizeof(msg), "go %u %u", n, stall));
	return ret ?: count;
}

static const struct file_operations vboard_burst_go_fops = {
	.open = simple_open,
	.write = vboard_burst_go_write,
};

static int vboard_burst_result_show(struct seq_file *s, void *unused)
{
	struct vboard_burst *b = s->private;

	mutex_lock(&b->lock);
	seq_printf(s, "state %s sent %u errors %u elapsed_ms %llu progress %u\n",
		   burst_state_names[b->state], b->sent, b->errors,
		   b->elapsed_ms, b->progress);
	mutex_unlock(&b->lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(vboard_burst_result);

static int vboard_burst_probe(struct rpmsg_device *rpdev)
{
	struct vboard_burst *b;

	b = devm_kzalloc(&rpdev->dev, sizeof(*b), GFP_KERNEL);
	if (!b)
		return -ENOMEM;
	b->rpdev = rpdev;
	mutex_init(&b->lock);
	dev_set_drvdata(&rpdev->dev, b);

	b->dir = debugfs_create_dir("vboard-burst", NULL);
	debugfs_create_file("go", 0200, b->dir, b, &vboard_burst_go_fops);
	debugfs_create_file("result", 0444, b->dir, b,
			    &vboard_burst_result_fops);
	dev_info(&rpdev->dev, "burst endpoint 0x%x -> 0x%x\n", rpdev->src,
		 rpdev->dst);
	return 0;
}

static void vboard_burst_remove(struct rpmsg_device *rpdev)
{
	struct vboard_burst *b = dev_get_drvdata(&rpdev->dev);

	debugfs_remove_recursive(b->dir);
}

static const struct rpmsg_device_id vboard_burst_id[] = {
	{ .name = "rpmsg-vboard-burst" },
	{ },
};
MODULE_DEVICE_TABLE(rpmsg, vboard_burst_id);

static struct rpmsg_driver vboard_burst_driver = {
	.drv.name = "vboard-burst",
	.id_table = vboard_burst_id,
	.probe = vboard_burst_probe,
	.callback = vboard_burst_cb,
	.remove = vboard_burst_remove,
};
module_rpmsg_driver(vboard_burst_driver);

MODULE_DESCRIPTION("Virtual STM32MP15 board: RPMsg endpoint replying from its callback");
MODULE_LICENSE("GPL");
