/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel-version differences for the STM32MP coprocessor drivers.
 *
 * Every #if on the kernel version in this project lives here, so the
 * drivers read the same on 6.1 LTS and 6.12 LTS.
 */
#ifndef _STM32MP_COMPAT_H
#define _STM32MP_COMPAT_H

#include <linux/bits.h>
#include <linux/eventfd.h>
#include <linux/version.h>
#include <linux/interrupt.h>
#include <linux/platform_device.h>

/*
 * platform_driver::remove returns void from 6.11 on and int before (6.1
 * has no remove_new). Write remove callbacks as
 *   static stm32mp_remove_t foo_remove(struct platform_device *pdev)
 *   { ...; return STM32MP_REMOVE_OK; }
 */
#if KERNEL_VERSION(6, 11, 0) <= LINUX_VERSION_CODE
#define stm32mp_remove_t	void
#define STM32MP_REMOVE_OK
#else
#define stm32mp_remove_t	int
#define STM32MP_REMOVE_OK	0
#endif

/*
 * A NULL message breaks the mailbox core's TX tracking before 6.7
 * (MBOX_NO_MSG): doorbell clients always pass this non-NULL token.
 */
#define STM32MP_MBOX_DOORBELL	((void *)0x1UL)

/*
 * The mailbox core's TX-done methods (struct mbox_chan::txdone_method).
 * Their names live in the core's private drivers/mailbox/mailbox.h, not in
 * kernel headers packages; the values are the same in 6.1 and 6.12 (make
 * check compares them with both trees). Controllers set a channel's method
 * at startup the way imx-mailbox and omap-mailbox do for doorbells.
 */
#define STM32MP_TXDONE_BY_IRQ	BIT(0)
#define STM32MP_TXDONE_BY_ACK	BIT(2)

/* struct device::bus: a const pointer in 6.12, not in 6.1 */
#define stm32mp_bus_ptr_t	typeof(((struct device *)NULL)->bus)

/*
 * Exported by the remoteproc core (6.1 and 6.12) but declared only in its
 * private remoteproc_internal.h, which is not part of kernel headers
 * packages.
 */
struct rproc;
irqreturn_t rproc_vq_interrupt(struct rproc *rproc, int vq_id);

/* eventfd_signal() lost its count argument in 6.8 */
#if KERNEL_VERSION(6, 8, 0) <= LINUX_VERSION_CODE
#define stm32mp_eventfd_signal(ctx)	eventfd_signal(ctx)
#else
#define stm32mp_eventfd_signal(ctx)	eventfd_signal(ctx, 1)
#endif

#endif /* _STM32MP_COMPAT_H */
