/* SPDX-License-Identifier: (GPL-2.0-only OR BSD-2-Clause) */
/*
 * The cell of an "st,stm32mp1-ipcc" mailbox specifier: the channel index
 * (0-based: <&ipcc 0> is IPCC channel 1) in bits [7:0], flags above.
 */
#ifndef _DT_BINDINGS_MAILBOX_STM32MP_IPCC_H
#define _DT_BINDINGS_MAILBOX_STM32MP_IPCC_H

#define STM32MP_IPCC_CHAN_MASK		0xff

/*
 * ST's downstream kernel: call the client in interrupt context. Accepted
 * so ST's device trees bind; this driver always calls clients from its
 * interrupt thread.
 */
#define STM32MP_IPCC_IRQ_CONTEXT	0x100

/*
 * The remote clears the channel flag *before* it reads the shared memory
 * the notification announces (ST's OpenAMP IPCC glue does). A doorbell
 * client's send that finds the flag still up is then merged into it, with
 * no TX-free interrupt. Without it (the default) every send waits for the
 * remote's clear: right for a remote that clears late (e.g. only once it
 * has room), where a merged notification would be lost.
 */
#define STM32MP_IPCC_ACK_FIRST		0x10000

#endif /* _DT_BINDINGS_MAILBOX_STM32MP_IPCC_H */
