/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the stm32-ipcc mailbox driver of this project tells its clients.
 *
 * RX callbacks run in the IPCC interrupt thread (task context, nothing
 * held) and receive STM32MP_IPCC_RX_ACKED as the message: the channel flag
 * was cleared *before* the callback, so a notification the remote raises
 * while the client works sets the flag again and is not lost. A client may
 * then do its work in the callback. Any other message (NULL from the
 * in-tree stm32-ipcc, which clears the flag after the callback returns)
 * means the client must only note the event and do the work elsewhere.
 */
#ifndef _STM32MP_IPCC_H
#define _STM32MP_IPCC_H

#define STM32MP_IPCC_RX_ACKED	((void *)0x2UL)

#endif /* _STM32MP_IPCC_H */
