/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Virtual STM32MP15 board: the test-firmware descriptor.
 *
 * The descriptor is the image's configuration: its code (fw-main.c) reads
 * it when the M4 executes the image (m4run), and the model's behavioural
 * M4, which does not execute Thumb code, reads it to do what the code
 * would: what the startup does (copy .data from its load address, clear
 * .bss), then the services and behaviours it names.
 * The descriptor is found through the vector table at M4 address 0:
 * vector[7] (a reserved slot on Cortex-M) holds its M4 address.
 *
 * Shared by the firmware sources (fw/) and the model. Both sides are 32-bit
 * ARM little endian, so plain unsigned int fields are 32 bits.
 */
#ifndef _VBOARD_FW_H
#define _VBOARD_FW_H

#define VBOARD_FW_MAGIC		0x344d4256	/* "VBM4" */
#define VBOARD_FW_VERSION	3
#define VBOARD_FW_DESC_VECTOR	7

/* flags */
#define VBOARD_FW_F_NO_SHUTDOWN_ACK	(1u << 0)	/* never acks "shutdown" */
#define VBOARD_FW_F_CRASH_AT_BOOT	(1u << 1)	/* watchdog fires at boot */
/* hostile remotes: each misbehaves once its vrings are up */
#define VBOARD_FW_F_IPCC_STORM		(1u << 2)	/* re-rings as fast as it can, 2 s (and 1200 times) */
#define VBOARD_FW_F_NS_FLOOD		(1u << 3)	/* 1000 name-service announcements */
#define VBOARD_FW_F_BAD_USED_ID		(1u << 4)	/* replies with an out-of-range id */
#define VBOARD_FW_F_BAD_USED_LEN	(1u << 5)	/* replies with a length past the buffer */
#define VBOARD_FW_F_RSC_REWRITE		(1u << 6)	/* scribbles over its resource table */
/*
 * Clears a vring channel only once it has drained the ring, and works on
 * interrupts alone (no polling), as stm32duino's VIRTIOCON does: a merged
 * kick is lost with it
 */
#define VBOARD_FW_F_LATE_ACK		(1u << 7)
/*
 * After hang_after messages, a load from unmapped memory: a BusFault the
 * firmware does not survive (the crash Linux sees is the watchdog's). It
 * also reads one peripheral the board does not model, at boot.
 */
#define VBOARD_FW_F_FAULT		(1u << 8)
/*
 * Built for the FPU (hard float, as ST's images): instead of sleeping, the
 * main loop keeps a float sum in FP registers and checks it, while its
 * interrupt handlers overwrite s0-s15. Only the exception entry's FP
 * context stacking keeps the sum right (fp_checks, fp_errors).
 */
#define VBOARD_FW_F_FP_CHECK		(1u << 9)

/* services announced over the RPMsg name service (each an echo) */
#define VBOARD_SVC_CLIENT_SAMPLE	(1u << 0)	/* "rpmsg-client-sample" */
#define VBOARD_SVC_TTY			(1u << 1)	/* "rpmsg-tty" */
#define VBOARD_SVC_RAW			(1u << 2)	/* "rpmsg-raw" */
#define VBOARD_SVC_TTY2			(1u << 3)	/* a second "rpmsg-tty" */
/*
 * "rpmsg-vboard-burst": "go N S" is answered with "burst N" (Linux's test
 * endpoint then sends N messages from its callback); the other messages
 * are consumed, a "progress K" every 64; with S > 0 the M4 stops serving
 * for S ms after 100 of them
 */
#define VBOARD_SVC_BURST		(1u << 4)
/*
 * "rpmsg-sdb-channel": ST's shared data buffers (drivers/rpmsg/rpmsg_sdb.c).
 * The behavioural model only (vboard-sdb.c): the M4 fills the buffers Linux
 * announced, at the rate the "sdb" debugfs knob asks, and reads the ones
 * Linux fills for it
 */
#define VBOARD_SVC_SDB			(1u << 5)
/*
 * Its test pattern, shared by the model and the guest's sdb-stream: word 0
 * the buffer's sequence number, word 1 its length in bytes, word i >= 2
 * vboard_sdb_word(seq, i). A stamped buffer (the benchmark's: the payload
 * is left as it is, as a DMA engine's would be) has words 0, 1 and its last
 * word only.
 */
static inline unsigned int vboard_sdb_word(unsigned int seq, unsigned int i)
{
	return seq * 0x9e3779b1u + i * 0x85ebca6bu;
}

/* RPMsg addresses the M4 uses for each service */
#define VBOARD_ADDR_CLIENT_SAMPLE	0x400
#define VBOARD_ADDR_TTY			0x401
#define VBOARD_ADDR_RAW			0x402
#define VBOARD_ADDR_TTY2		0x403
#define VBOARD_ADDR_BURST		0x404
#define VBOARD_ADDR_SDB			0x405

struct vboard_fw_desc {
	unsigned int magic;
	unsigned int version;
	unsigned int flags;
	unsigned int services;
	unsigned int rsc_table;		/* M4 address, 0: no resource table */
	unsigned int trace_buf;		/* M4 address of the log buffer */
	unsigned int trace_len;
	unsigned int wdg_period_ms;	/* 0: no watchdog */
	unsigned int hang_after;	/* stop serving after N messages, 0: never */
	unsigned int pattern_buf;	/* M4 address the M4 writes a marker to */
	unsigned int pattern_len;
	/*
	 * What the image's startup code does before main(), in M4 addresses:
	 * copy data_len bytes from data_lma to data_vma (.data), clear
	 * bss_len bytes at bss_start (.bss). The model does the same at boot.
	 */
	unsigned int data_lma;
	unsigned int data_vma;
	unsigned int data_len;
	unsigned int bss_start;
	unsigned int bss_len;
	char name[32];
	unsigned int stats;		/* M4 address of struct vboard_fw_stats */
};

/*
 * The first word of the STM32MP25 Cortex-M0+ image's .data (fw-m0.c), whose
 * load address is in its code memory as in ST's CM0PLUS linker scripts: the
 * model checks it after the startup copy, which only an image loaded at its
 * segments' physical addresses gets right
 */
#define VBOARD_FW_M0_DATA_MAGIC	0x2b304d56	/* "VM0+" */

/* What the executing firmware counts (read by the model's debugfs) */
#define VBOARD_FW_STATS_MAGIC	0x54534d56	/* "VMST" */

struct vboard_fw_stats {
	unsigned int magic;
	unsigned int rx_msgs;
	unsigned int tx_msgs;
	unsigned int ns_sent;
	unsigned int shutdown_reqs;
	unsigned int shutdown_acks;
	unsigned int detach_reqs;
	unsigned int dropped;
	unsigned int errors;
	unsigned int notify_waits;
	unsigned int late_acks;
	unsigned int burst_rx;
	unsigned int virtio_resets;
	unsigned int unnotified;
	unsigned int event_idx;
	unsigned int served;
	unsigned int last_buf;
	unsigned int buf_not_m4;	/* descriptors past 4 GiB */
	unsigned int pattern_boot;	/* the N of the RAM pattern */
	unsigned int fp_checks;		/* VBOARD_FW_F_FP_CHECK: sums checked */
	unsigned int fp_errors;		/* ... and found wrong */
	char state[16];
};

#endif /* _VBOARD_FW_H */
