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
sdb_both_ways 0x50400000 0x50400000

# A reader slower than the stream: 64 buffers/s asked, 20/s read
l0=$(sdb_stat lost)
out=$(sdb-stream -n 2 -s 65536 -c 30 -x 50000 -k "produce 60 0 4096") || fail "slow reader: $out"
echo "$out; model: $(cat $DBG/vboard/sdb)"
lost=$(kv "$out" lost)
[ "$lost" -gt 0 ] || fail "a slow reader lost nothing"
[ $(($(sdb_stat lost) - l0)) -ge "$lost" ] || fail "the M4 counted fewer losses than the reader saw"
echo produce 0 0 0 > $DBG/vboard/sdb
rproc_stop
