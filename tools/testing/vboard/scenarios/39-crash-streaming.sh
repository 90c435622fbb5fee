# SPDX-License-Identifier: GPL-2.0
# A crash while userspace streams over rpmsg_char: the writer gets an
# error (no hang), and a new endpoint works after the recovery.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
d=$(rproc_dbg)
rproc_start vboard-echo.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg"
b0=$(m4_stat boots); rx0=$(m4_stat rx_msgs)
rpmsg-echo -c "$(ctrl_dev)" -n 100 -t 3000 > /tmp/stream.log 2>&1 &
writer=$!
wait_for "[ \$(m4_stat rx_msgs) -gt $((rx0 + 50)) ]" 20 || fail "stream did not start: $(cat /tmp/stream.log)"
kill -0 $writer 2>/dev/null || fail "writer ended early: $(cat /tmp/stream.log)"
echo 2 > $d/crash
uptime_cs t0
wait $writer && fail "the writer did not see the crash"
uptime_cs t1
echo "writer stopped $(( (t1 - t0) * 10 )) ms after the crash: $(tail -2 /tmp/stream.log | head -1)"
[ $((t1 - t0)) -lt 1000 ] || fail "writer took too long"
wait_for "[ \$(m4_stat boots) -gt $b0 ] && [ \"\$(rproc_state)\" = running ]" 20 || fail "no recovery"
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg after recovery"
rpmsg-echo -c "$(ctrl_dev)" -s 64 || fail "echo on a new endpoint after recovery"
devcd_clear
rproc_stop
