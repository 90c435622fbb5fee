/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The messages of "rpmsg-sdb-channel" (shared data buffers), as ST's
 * logic-analyser example exchanges them: short ASCII strings, one per
 * RPMsg message. Used by drivers/rpmsg/rpmsg_sdb.c (Linux's side) and by
 * the virtual board's M4 (tools/testing/vboard/model/vboard-sdb.c).
 *
 * Linux to the core, a buffer's place ("B": the core fills it, ST's only
 * kind; "T": Linux filled it for the core, our extension), id in decimal,
 * core address and length in 8 hex digits; announced again, a "B" buffer
 * is free again; length 0 withdraws it:
 *	SDB_MSG_ANNOUNCE, 'B' | 'T', id, address, length
 * Either side, "buffer id holds length bytes" (the core: filled; Linux:
 * submitted; the core again: consumed and handed back):
 *	SDB_MSG_FILLED, id, length
 */
#ifndef _STM32MP_RPMSG_SDB_PROTO_H
#define _STM32MP_RPMSG_SDB_PROTO_H

#define SDB_MSG_ANNOUNCE	"%c%uA%08xL%08x"
#define SDB_MSG_FILLED		"B%uL%08x"
#define SDB_KIND_FROM_CORE	'B'
#define SDB_KIND_TO_CORE	'T'
/* room for the longest message and its NUL */
#define SDB_MSG_MAX		32

#endif /* _STM32MP_RPMSG_SDB_PROTO_H */
