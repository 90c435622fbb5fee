/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the stm32-ipcc mailbox driver of this project tells its clients.
 *
 * RX callbacks run in the IPCC interrupt thread (task context, nothing
 * held) with a NULL message. The channel flag was cleared *before* the
 * callback: a notification the remote raises while the client works sets
 * the flag again and is not lost, and a remote that waits for the flag to
 * clear before notifying again is not held by the client. The callback
 * should still not block on the remote (the next channel's notification
 * waits for it): clients that do real work defer it, as stm32_rproc does.
 * Once the callbacks of a pass returned, the thread looks at the flags
 * again and takes what the remote raised meanwhile in the same interrupt,
 * up to STM32MP_IPCC_RX_ROUNDS passes; after that the (level) interrupt
 * line raises a new interrupt, so each interrupt ends and is accounted (a
 * remote that never stops ringing keeps the thread busy either way).
 * Freeing a channel waits for a running callback to return: a client must
 * not free its channel from its own callback.
 *
 * A client that sets mbox_client::knows_txdone, on a channel whose DT cell
 * has STM32MP_IPCC_ACK_FIRST, gets a doorbell channel: the
 * channel's txdone_method is STM32MP_TXDONE_BY_ACK (compat.h) after
 * mbox_request_channel(), a send sets the flag (or finds it still up and
 * merges into it) and arms no TX-free interrupt, and the client calls
 * mbox_client_txdone() after each mbox_send_message(). This is for
 * notifications whose data is in shared memory and whose remote clears the
 * flag *before* it reads that memory (OpenAMP's IPCC handling on the M4
 * does): a flag still up then means the remote has yet to look, and will
 * see what the new notification announces. Other clients (requests the
 * remote answers by clearing the flag, remotes that clear late) keep TX
 * done on the TX-free interrupt, and a client that asked for the doorbell
 * finds txdone_method STM32MP_TXDONE_BY_IRQ.
 */
#ifndef _STM32MP_IPCC_H
#define _STM32MP_IPCC_H

#define STM32MP_IPCC_RX_ROUNDS	8

#endif /* _STM32MP_IPCC_H */
