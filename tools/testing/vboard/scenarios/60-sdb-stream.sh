# SPDX-License-Identifier: GPL-2.0
# Shared data buffers (rpmsg_sdb): the M4 fills buffers Linux mapped from
# the "sdb" pool, every word and sequence number checked in userspace,
# through read() records and through ST's eventfd + GET_DATA_SIZE; Linux
# fills buffers the M4 checks; a slow reader loses buffers and both sides
# count them.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
sdb_load || fail "load rpmsg_sdb"
rproc_start vboard-sdb.elf
wait_for '[ -c /dev/rpmsg-sdb ]' 10 || fail "no /dev/rpmsg-sdb"
dmesg | grep -q "/dev/rpmsg-sdb: pool 0x50400000 (core 0x50400000), 0x400000 bytes" ||
	fail "pool not announced: $(dmesg | grep rpmsg-sdb)"

out=$(sdb-stream -n 4 -s 65536 -c 200 -k "produce 200 0 0") || fail "stream: $out"
echo "$out"
expect_eq "received" "$(kv "$out" received)" 200
expect_eq "lost" "$(kv "$out" lost)" 0
expect_eq "bytes" "$(kv "$out" bytes)" $((200 * 65536))
expect_eq "model lost" "$(sdb_stat lost)" 0
# closed: every buffer withdrawn from the M4
wait_for '[ "$(sdb_stat buffers)" = 0 ]' 5 || fail "buffers left with the M4: $(cat $DBG/vboard/sdb)"

out=$(sdb-stream -e -n 3 -s 16384 -c 90 -k "produce 90 0 0") || fail "ST's interface: $out"
echo "$out"
expect_eq "received (eventfd)" "$(kv "$out" received)" 90

c0=$(sdb_stat consumed)
out=$(sdb-stream -t -n 4 -s 32768 -c 100) || fail "to the M4: $out"
echo "$out"
expect_eq "sent" "$(kv "$out" sent)" 100
expect_eq "M4 checked" "$(sdb_stat consumed)" $((c0 + 100))
expect_eq "M4 data errors" "$(sdb_stat errors)" 0

# A reader slower than the stream: 64 buffers/s asked, 20/s read
l0=$(sdb_stat lost)
out=$(sdb-stream -n 2 -s 65536 -c 30 -x 50000 -k "produce 60 0 4096") || fail "slow reader: $out"
echo "$out; model: $(cat $DBG/vboard/sdb)"
lost=$(kv "$out" lost)
[ "$lost" -gt 0 ] || fail "a slow reader lost nothing"
[ $(($(sdb_stat lost) - l0)) -ge "$lost" ] || fail "the M4 counted fewer losses than the reader saw"
echo produce 0 0 0 > $DBG/vboard/sdb
rproc_stop
