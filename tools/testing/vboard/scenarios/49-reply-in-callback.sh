# SPDX-License-Identifier: GPL-2.0
# An RPMsg endpoint that replies from its callback, with the TX ring
# exhausted, against an M4 that notifies the ST way (MAILBOX_Notify spins
# until Linux has cleared its previous notification on the channel).
# 1. The burst completes: 600 messages sent from one callback (the TX ring
#    holds 8), none lost, well inside virtio_rpmsg's 15 s send timeout.
#    Fails with a receive path that runs the callback where it acknowledges
#    IPCC: the M4 spins on the channel Linux never clears, Linux waits for
#    a buffer the M4 never returns.
# 2. A stop while that callback sleeps in rpmsg_send() (the M4 busy for 2 s
#    after 100 messages) is bounded by the M4, not by the send timeout: the
#    vring 1 deliveries that return buffers go on while the stop waits for
#    the callback (stm32_rproc_gate_close()).
. /vboard/lib.sh
B=$DBG/vboard-burst
burst_state() { awk '{ print $2 }' $B/result; }
burst_field() { awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' $B/result; }

rproc_load || fail "load stm32_rproc"
lsmod | grep -q '^vboard_burst ' || insmod $MODDIR/vboard-burst.ko || fail "insmod vboard-burst"
t0=$(count_log "timeout waiting for a tx buffer")

# 1. 600 messages from the callback
rproc_start vboard-burst.elf
wait_for '[ -e $B/go ]' 10 || fail "no burst endpoint (rpmsg-vboard-burst not announced?)"
echo "600 0" > $B/go || fail "go"
wait_for '[ "$(burst_state)" = done ]' 30 || fail "burst not done: $(cat $B/result)"
echo "burst: $(cat $B/result); M4 notify_waits $(m4_stat notify_waits) max $(m4_stat notify_wait_max_us) us"
expect_eq "messages sent from the callback" "$(burst_field sent)" 600
expect_eq "send errors" "$(burst_field errors)" 0
wait_for '[ "$(m4_stat burst_rx)" = 600 ]' 10 || fail "M4 consumed $(m4_stat burst_rx) of 600"
[ "$(burst_field elapsed_ms)" -lt 10000 ] || fail "burst took $(burst_field elapsed_ms) ms"
expect_eq "tx-buffer timeouts" "$(count_log 'timeout waiting for a tx buffer')" "$t0"

# 2. stop while the callback sleeps in rpmsg_send()
echo "600 2000" > $B/go || fail "go (stall)"
wait_for '[ "$(m4_stat burst_rx)" -ge 100 ]' 10 || fail "M4 consumed $(m4_stat burst_rx)"
expect_eq "callback still sending" "$(burst_state)" sending
uptime_cs s0
echo stop > "$(rproc_dir)/state" || fail "stop"
uptime_cs s1
echo "stop took $(( (s1 - s0) * 10 )) ms with the callback in rpmsg_send()"
expect_eq "state after stop" "$(rproc_state)" offline
[ $((s1 - s0)) -lt 1000 ] || fail "stop took $(( (s1 - s0) * 10 )) ms (a callback waiting for a TX buffer held it)"
expect_eq "tx-buffer timeouts" "$(count_log 'timeout waiting for a tx buffer')" "$t0"
dmesg | grep -q "vq0: an RPMsg callback still runs after" ||
	fail "no message about the callback the stop waited for"

# The next start serves again
rproc_start vboard-echo.elf
wait_for 'ls /dev/rpmsg_ctrl* >/dev/null 2>&1' 10 || fail "no /dev/rpmsg_ctrl* after restart"
rpmsg-echo -c "$(ctrl_dev)" -d 0x402 -n 1 -s 20 || fail "echo after the stop"
rproc_stop
