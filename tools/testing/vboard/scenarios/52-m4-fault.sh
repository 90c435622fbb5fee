# SPDX-License-Identifier: GPL-2.0
# A firmware fault is a crash Linux recovers from. vboard-fault.elf serves
# 5 messages, then loads from unmapped memory. On the executing M4 (m4run)
# that is a BusFault the board reports (address, PC) and answers with the M4
# watchdog; the model's M4 plays the same end. Linux reports the crash,
# reloads and restarts the image, and RPMsg works again. The image also
# reads a peripheral the board does not model: m4run says so once.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir)
rproc_start vboard-fault.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 20 || fail "no rpmsg-raw"
exec=$(m4_stat executing); boots0=$(m4_stat boots); wdg0=$(m4_stat watchdog_fired)

rpmsg-echo -c "$(ctrl_dev)" -s 10 -t 1000 && fail "echo through a faulting M4 succeeded"
wait_for "[ \$(m4_stat watchdog_fired) -gt $wdg0 ]" 10 || fail "no watchdog"
wait_for "[ \$(m4_stat boots) -gt $boots0 ] && [ \"\$(rproc_state)\" = running ]" 20 ||
	fail "not recovered: $(rproc_state)"
grep -q "fault after 5 messages (by design)" "$(rproc_dbg)/trace0_crash" ||
	fail "trace0_crash: $(cat "$(rproc_dbg)/trace0_crash")"
if [ "$exec" = 1 ]; then
	dmesg | grep -q 'M4 BusFault: read of unmapped memory at pc 0x.* (address 0x60000000)' ||
		fail "the board did not report the fault"
	grep -q "unmodelled peripheral: read 0x48003000 at pc 0x" /tmp/m4run.log ||
		fail "unmodelled access not reported: $(tail -3 /tmp/m4run.log)"
	[ "$(grep -c 'unmodelled peripheral: read 0x48003000' /tmp/m4run.log)" -le \
	  "$(m4_stat boots)" ] || fail "unmodelled access reported more than once a boot"
fi
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg after recovery"
rpmsg-echo -c "$(ctrl_dev)" -s 4 || fail "echo after recovery"
rproc_stop
