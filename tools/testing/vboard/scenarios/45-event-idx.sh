# SPDX-License-Identifier: GPL-2.0
# A firmware offering VIRTIO_RING_F_EVENT_IDX: Linux accepts it, and the M4
# sees it in the table Linux writes back (the driver keeps its own copy of
# the table); notifications then follow the event indexes. 2000 echoes on 4
# endpoints, 64 in flight each, come back complete and in order, the M4
# never finds a message nobody kicked it for (a lost kick would show there:
# the M4 would find it on its 10 ms poll), and the IPCC rang less often
# than once per message. A restart with the plain image goes back to flags.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
rproc_start vboard-echo-evidx.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 20 || fail "no rpmsg-raw"
feat=$(cat /sys/bus/virtio/devices/virtio*/features | head -1)
expect_eq "EVENT_IDX (bit 29) accepted by Linux" "$(echo "$feat" | cut -c30)" 1
expect_eq "EVENT_IDX seen by the M4" "$(m4_stat event_idx)" 1
u0=$(m4_stat unnotified); s0=$(ipcc_ctr 2 sent); n0=$(m4_stat rx_msgs)
out=$(rpmsg-stream -s 496 -w 64 -e 4 -N 2000 -t 10000 | tail -1) || fail "stream: $out"
echo "$out" | grep -q " received=2000 .*silent_lost=0 mismatches=0" || fail "stream: $out"
expect_eq "M4 echoes" "$(m4_stat rx_msgs)" $((n0 + 2000))
u1=$(m4_stat unnotified)
[ $((u1 - u0)) -le 5 ] || fail "the M4 found $((u1 - u0)) messages without a kick"
s1=$(ipcc_ctr 2 sent)
[ $((s1 - s0)) -lt 2000 ] || fail "vq1 doorbells: $((s1 - s0)) for 2000 messages"
echo "event index: $((s1 - s0)) doorbells for 2000 messages, $((u1 - u0)) found on a poll"
rproc_stop
rproc_start vboard-echo.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 20 || fail "no rpmsg-raw (plain image)"
expect_eq "plain image: no event index" "$(m4_stat event_idx)" 0
u0=$(m4_stat unnotified)
rpmsg-stream -s 496 -w 64 -e 4 -N 2000 -t 10000 >/dev/null || fail "stream (plain image)"
u1=$(m4_stat unnotified)
[ $((u1 - u0)) -le 5 ] || fail "plain image: the M4 found $((u1 - u0)) messages without a kick"
rproc_stop
