/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Virtual STM32MP15 board: the interface between the model and the
 * executing Cortex-M4 (m4run, a guest process built on the Unicorn engine).
 *
 * /dev/vboard-m4, one opener:
 *  - VBOARD_CPU_GET_STATE blocks (unless O_NONBLOCK) until the M4's state
 *    changed since the last call and returns a struct vboard_cpu_state:
 *    the boot generation, whether the core runs (out of reset, hold-boot
 *    released) and the levels of its interrupt lines; poll() says when it
 *    would not block;
 *  - mmap() at offset = an M4 memory's M4 address maps that memory (the
 *    carve-outs of the M4 node, as VBOARD_CPU_GET_MEMS lists them); at
 *    VBOARD_CPU_STATUS_OFFSET, one read-only page whose struct
 *    vboard_cpu_status.seq changes whenever GET_STATE has news: the core
 *    can watch it without a system call;
 *  - pread()/pwrite() of 4 bytes at offset = an M4 bus address reach the
 *    peripherals the model owns, as the M4 sees them: the IPCC processor-2
 *    register block (the same register file Linux's side sees), the TAMP
 *    backup registers; anything else is -ENXIO (m4run models it or reports).
 *    The offsets are the STM32MP15 M4's on every board: m4run maps the
 *    STM32MP25 M33's IPCC1 and TAMP addresses onto them;
 *  - VBOARD_CPU_FAULT: the core locked up or took a fault its firmware did
 *    not survive; the model fires the M4 watchdog (an MCU reset, and the
 *    interrupt Linux handles as a crash).
 */
#ifndef _VBOARD_CPU_H
#define _VBOARD_CPU_H

#include <linux/const.h>
#include <linux/ioctl.h>
#include <linux/types.h>

#define VBOARD_CPU_MAX_MEMS	8

/* M4 bus addresses the model answers (STM32MP15 memory map) */
#define VBOARD_CPU_IPCC_BASE	0x4c001000u
#define VBOARD_CPU_TAMP_BASE	0x5c00a000u
#define VBOARD_CPU_PERIPH_SIZE	0x400u

/* Interrupt lines towards the M4 (levels) */
#define VBOARD_CPU_LINE_IPCC_RX	_BITUL(0)	/* IPCC RX-occupied, processor 2 */
#define VBOARD_CPU_LINE_IPCC_TX	_BITUL(1)	/* IPCC TX-free, processor 2 */

struct vboard_cpu_state {
	__u32 gen;	/* +1 at every boot and reset */
	__u32 run;	/* 1: the core executes */
	__u32 lines;	/* VBOARD_CPU_LINE_* */
	__u32 vtor;	/* where it boots: 0 (MP15 M4), M33_INITNSVTOR (MP25) */
};

#define VBOARD_CPU_STATUS_OFFSET	0xffffe000u	/* the top page is refused (EOVERFLOW) */

struct vboard_cpu_status {
	__u32 seq;	/* +1 at every change of the state */
	__u32 reserved[3];
};

struct vboard_cpu_mem {
	__u32 da;	/* M4 address, page aligned */
	__u32 size;
};

/* The board, hence the core and its peripheral map (vboard_cpu_mems.soc) */
#define VBOARD_CPU_SOC_STM32MP15	0	/* Cortex-M4, fw/stm32mp15-m4.h */
#define VBOARD_CPU_SOC_STM32MP25	1	/* Cortex-M33, fw/stm32mp25-m33.h */

struct vboard_cpu_mems {
	__u32 count;
	__u32 soc;	/* VBOARD_CPU_SOC_* */
	struct vboard_cpu_mem mem[VBOARD_CPU_MAX_MEMS];
};

struct vboard_cpu_fault {
	__u32 gen;	/* the boot the fault belongs to */
	__u32 pc;
	__u32 addr;	/* faulting data address, or 0 */
	__u32 reserved;
	char what[48];	/* e.g. "HardFault: read of unmapped memory" */
};

#define VBOARD_CPU_GET_MEMS	_IOR('V', 0x40, struct vboard_cpu_mems)
#define VBOARD_CPU_FAULT	_IOW('V', 0x41, struct vboard_cpu_fault)
#define VBOARD_CPU_GET_STATE	_IOR('V', 0x42, struct vboard_cpu_state)

#endif /* _VBOARD_CPU_H */
