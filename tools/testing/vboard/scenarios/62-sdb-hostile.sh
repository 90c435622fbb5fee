# SPDX-License-Identifier: GPL-2.0
# A hostile M4 on the shared data buffers: a report for a buffer that does
# not exist, one past the end of its buffer, malformed ones; each refused
# with its message and counted, and the stream goes on unharmed.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
sdb_load || fail "load rpmsg_sdb"
rproc_start vboard-sdb.elf
wait_for '[ -c /dev/rpmsg-sdb ]' 10 || fail "no /dev/rpmsg-sdb"
sdb-stream -n 2 -s 16384 -c 50 > /tmp/sdb.log 2>&1 &
reader=$!
wait_for '[ "$(sdb_stat buffers)" = 2 ]' 10 || fail "buffers not announced: $(cat /tmp/sdb.log)"
for k in id:"buffer 77 (length 0x10): no such buffer" \
	 past-end:"buffer 0 (length 0x4004): length past the end of the buffer" \
	 format:"refused a malformed report" address:"refused a malformed report"; do
	n0=$(dmesg | grep -cF "${k#*:}")
	echo "hostile ${k%%:*}" > $DBG/vboard/sdb
	wait_for "[ \$(dmesg | grep -cF '${k#*:}') -gt $n0 ]" 5 || fail "${k%%:*}: no '${k#*:}'"
done
echo "produce 50 0 0" > $DBG/vboard/sdb
wait $reader || fail "stream after the hostile reports: $(cat /tmp/sdb.log)"
out=$(cat /tmp/sdb.log)
echo "$out"
expect_eq "received" "$(kv "$out" received)" 50
expect_eq "refused" "$(kv "$out" refused)" 4
rproc_stop
