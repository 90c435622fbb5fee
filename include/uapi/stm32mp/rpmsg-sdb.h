/* SPDX-License-Identifier: GPL-2.0-only WITH Linux-syscall-note */
/*
 * Shared data buffers over RPMsg ("rpmsg-sdb-channel", the indirect mode
 * of ST's large-data exchange): the user interface of /dev/rpmsg-sdb*.
 *
 * ST's interface, kept number for number:
 *   ioctl(RPMSG_SDB_IOCTL_SET_EFD, {id, eventfd}) then mmap(len): one
 *   buffer from the core's pool; Linux tells the core "B<id>A<addr>L<len>".
 *   The core fills it and answers "B<id>L<len>"; the eventfd is signalled;
 *   ioctl(RPMSG_SDB_IOCTL_GET_DATA_SIZE, {id}) returns the length.
 * ST encodes the size of a pointer in those two numbers (4 or 8 bytes by
 * ABI); the driver accepts both, and the structures are fixed-size.
 *
 * Added here:
 *   read() returns struct rpmsg_sdb_event records (poll() for POLLIN),
 *   RPMSG_SDB_IOC_RELEASE hands a filled buffer back to the core (a buffer
 *   read through ST's GET_DATA_SIZE goes back when userspace asks for
 *   another one: stream with two buffers or more), RPMSG_SDB_IOC_DIRECTION
 *   makes the next mmap a buffer Linux fills for the core
 *   (RPMSG_SDB_IOC_SUBMIT), and RPMSG_SDB_IOC_STATS counts what was lost
 *   and refused.
 */
#ifndef _UAPI_STM32MP_RPMSG_SDB_H
#define _UAPI_STM32MP_RPMSG_SDB_H

#include <linux/ioctl.h>
#include <linux/types.h>

struct rpmsg_sdb_ioctl_set_efd {
	__s32 bufferId;		/* ignored: ids are given in mmap() order */
	__s32 eventfd;		/* -1: none (use read()/poll()) */
};

struct rpmsg_sdb_ioctl_get_data_size {
	__s32 bufferId;
	__u32 size;		/* out: bytes the core wrote, ~0 if none */
};

/* ST's numbers: the size field is that of a pointer (see above) */
#define RPMSG_SDB_IOCTL_SET_EFD \
	_IOW('R', 0x00, struct rpmsg_sdb_ioctl_set_efd *)
#define RPMSG_SDB_IOCTL_GET_DATA_SIZE \
	_IOWR('R', 0x01, struct rpmsg_sdb_ioctl_get_data_size *)

enum rpmsg_sdb_dir {
	RPMSG_SDB_FROM_CORE = 0,	/* the core fills, Linux reads */
	RPMSG_SDB_TO_CORE = 1,		/* Linux fills, the core reads */
};

struct rpmsg_sdb_submit {
	__u32 id;
	__u32 len;
};

/* RPMSG_SDB_EV_* in struct rpmsg_sdb_event::flags */
#define RPMSG_SDB_EV_FILLED	(1u << 0)	/* FROM_CORE buffer: len bytes */
#define RPMSG_SDB_EV_DONE	(1u << 1)	/* TO_CORE buffer: core read it */
#define RPMSG_SDB_EV_OVERRUN	(1u << 2)	/* refilled before it was released */

struct rpmsg_sdb_event {
	__u32 id;
	__u32 len;
	__u32 flags;
	__u32 seq;		/* per device, from 0: a gap = lost events */
};

struct rpmsg_sdb_stats {
	__u64 filled;		/* FILLED events */
	__u64 done;		/* DONE events */
	__u64 overruns;		/* filled again before release */
	__u64 events_lost;	/* read() queue was full */
	__u64 refused;		/* messages from the core refused */
	__u64 tx_msgs;		/* messages sent to the core */
	__u32 buffers;
	__u32 pad;
	__u64 bytes;		/* pool memory held by this device */
};

#define RPMSG_SDB_IOC_RELEASE	_IOW('R', 0x10, __u32)
#define RPMSG_SDB_IOC_DIRECTION	_IOW('R', 0x11, __u32)
#define RPMSG_SDB_IOC_SUBMIT	_IOW('R', 0x12, struct rpmsg_sdb_submit)
#define RPMSG_SDB_IOC_STATS	_IOR('R', 0x13, struct rpmsg_sdb_stats)

#endif /* _UAPI_STM32MP_RPMSG_SDB_H */
