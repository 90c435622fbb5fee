# SPDX-License-Identifier: GPL-2.0
# echo N > debugfs crash, for each crash type: reported, recovered, working.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir); d=$(rproc_dbg)
rproc_start vboard-echo.elf
devcd_clear
n0=$(sed -n 's/^# M4 log saved at crash \([0-9]*\) .*/\1/p' $d/trace0_crash)
for t in "0 mmufault" "1 watchdog" "2 fatal error"; do
	n=${t%% *}; name=${t#* }
	c0=$(count_log "crash detected in m4: type $name")
	b0=$(m4_stat boots)
	echo $n > $d/crash || fail "crash $n"
	wait_for "[ \$(count_log 'crash detected in m4: type $name') -gt $c0 ]" 10 || fail "type $name not reported"
	wait_for "[ \$(m4_stat boots) -gt $b0 ] && [ \"\$(rproc_state)\" = running ]" 20 || fail "no recovery from $name"
	wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg after $name"
	rpmsg-echo -c "$(ctrl_dev)" -s 8 || fail "echo after $name"
	devcd_clear
done
grep -q "^# M4 log saved at crash $((${n0:-0} + 3)) " $d/trace0_crash ||
	fail "crash count: $(head -1 $d/trace0_crash), want $((${n0:-0} + 3))"
grep -q 'vboard-m4: boot, firmware "echo"' $d/trace0_crash || fail "saved log content"
rproc_stop
