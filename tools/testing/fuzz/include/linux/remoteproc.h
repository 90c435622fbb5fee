/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Host build of the firmware validator: the resource-table structures of
 * the kernel's <linux/remoteproc.h> (not a uapi header), with the same
 * layout (the validator asserts the sizes in both builds).
 */
#ifndef _HOST_LINUX_REMOTEPROC_H
#define _HOST_LINUX_REMOTEPROC_H

#include <linux/types.h>

/* Packed, as the kernel's (__packed is not a host macro) */
#pragma pack(push, 1)

struct resource_table {
	__u32 ver;
	__u32 num;
	__u32 reserved[2];
	__u32 offset[];
};

struct fw_rsc_hdr {
	__u32 type;
	__u8 data[];
};

enum fw_resource_type {
	RSC_CARVEOUT = 0,
	RSC_DEVMEM = 1,
	RSC_TRACE = 2,
	RSC_VDEV = 3,
	RSC_LAST = 4,
	RSC_VENDOR_START = 128,
	RSC_VENDOR_END = 512,
};

#define FW_RSC_ADDR_ANY (-1)

struct fw_rsc_carveout {
	__u32 da;
	__u32 pa;
	__u32 len;
	__u32 flags;
	__u32 reserved;
	__u8 name[32];
};

struct fw_rsc_trace {
	__u32 da;
	__u32 len;
	__u32 reserved;
	__u8 name[32];
};

struct fw_rsc_vdev_vring {
	__u32 da;
	__u32 align;
	__u32 num;
	__u32 notifyid;
	__u32 pa;
};

struct fw_rsc_vdev {
	__u32 id;
	__u32 notifyid;
	__u32 dfeatures;
	__u32 gfeatures;
	__u32 config_len;
	__u8 status;
	__u8 num_of_vrings;
	__u8 reserved[2];
	struct fw_rsc_vdev_vring vring[];
};

#pragma pack(pop)

#endif /* _HOST_LINUX_REMOTEPROC_H */
