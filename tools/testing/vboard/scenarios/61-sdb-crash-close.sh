# SPDX-License-Identifier: GPL-2.0
# Shared data buffers across a crash and a close: a reader mid-stream sees
# the hang-up (no hang), the channel comes back after the recovery, the
# pool is whole again once the old file is closed; a reader that closes
# mid-stream leaves no buffer with the M4.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
sdb_load || fail "load rpmsg_sdb"
d=$(rproc_dbg)
rproc_start vboard-sdb.elf
wait_for '[ -c /dev/rpmsg-sdb ]' 10 || fail "no /dev/rpmsg-sdb"

# close mid-stream: 40 read of 10000 asked
out=$(sdb-stream -n 4 -s 65536 -c 40 -k "produce 10000 0 0") || fail "stream: $out"
wait_for '[ "$(sdb_stat buffers)" = 0 ]' 5 || fail "buffers left with the M4 after close: $(cat $DBG/vboard/sdb)"
echo produce 0 0 0 > $DBG/vboard/sdb

# crash mid-stream
b0=$(m4_stat boots); p0=$(sdb_stat produced)
sdb-stream -n 4 -s 65536 -c 1000000 -k "produce 1000000 0 2048" > /tmp/sdb.log 2>&1 &
reader=$!
wait_for "[ \$(sdb_stat produced) -gt $((p0 + 20)) ]" 20 || fail "stream did not start: $(cat /tmp/sdb.log)"
echo 2 > $d/crash
wait $reader
rc=$?
cat /tmp/sdb.log
expect_eq "reader exit (hang-up)" $rc 3
wait_for "[ \$(m4_stat boots) -gt $b0 ] && [ \"\$(rproc_state)\" = running ]" 20 || fail "no recovery"
wait_for '[ -c /dev/rpmsg-sdb ]' 10 || fail "no /dev/rpmsg-sdb after recovery"
# the whole 4 MiB pool: nothing of the old file is held
out=$(sdb-stream -n 64 -s 65536 -c 100 -k "produce 100 0 0") || fail "stream after recovery: $out"
echo "$out"
expect_eq "received after recovery" "$(kv "$out" received)" 100
expect_eq "buffers (whole pool)" "$(kv "$out" buffers)" 64
devcd_clear
rproc_stop
