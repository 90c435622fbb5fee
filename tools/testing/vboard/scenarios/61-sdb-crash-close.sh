# SPDX-License-Identifier: GPL-2.0
# Shared data buffers across a crash and a close: a reader mid-stream sees
# the hang-up (no hang), the channel comes back after the recovery, the
# pool is whole again once the old file is closed; a reader that closes
# mid-stream leaves no buffer with the M4.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
sdb_load || fail "load rpmsg_sdb"
rproc_start vboard-sdb.elf
wait_for '[ -c /dev/rpmsg-sdb ]' 10 || fail "no /dev/rpmsg-sdb"

# close mid-stream: 40 read of 10000 asked
out=$(sdb-stream -n 4 -s 65536 -c 40 -k "produce 10000 0 0") || fail "stream: $out"
wait_for '[ "$(sdb_stat buffers)" = 0 ]' 5 || fail "buffers left with the M4 after close: $(cat $DBG/vboard/sdb)"
echo produce 0 0 0 > $DBG/vboard/sdb

# crash mid-stream
sdb_crash_midstream 2
devcd_clear
rproc_stop
