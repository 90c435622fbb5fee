# SPDX-License-Identifier: GPL-2.0
# STM32MP25: shared data buffers (rpmsg_sdb) with the Cortex-M33, on the
# arm64 kernel, from the 32-bit (AArch32) sdb-stream: ST's ioctls through
# the compat path, buffers mmap()ed from the pool by a 64-bit kernel; both
# ways, every word checked. Then a crash mid-stream: the reader
# is hung up, the channel and the whole pool come back with the recovery.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
sdb_load || fail "load rpmsg_sdb"
rproc_start vboard-m33-sdb.elf
sdb_both_ways 0x81400000 0x81400000
sdb_crash_midstream 2
devcd_clear
rproc_stop
