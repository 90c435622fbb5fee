# SPDX-License-Identifier: GPL-2.0
# The M4 hangs after 20 messages; its watchdog fires the watchdog interrupt:
# crash reported, coredump taken, M4 reloaded and restarted, RPMsg works
# again with new endpoints, and the log from before the crash is kept.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir); d=$(rproc_dbg)
devcd_clear
expect_eq recovery "$(cat $r/recovery)" enabled
cd0=$(cat $r/coredump)
echo enabled > $r/coredump
rproc_start vboard-hang.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null' 10 || fail "no rpmsg-raw"
boots0=$(m4_stat boots); wdg0=$(count_log 'M4 watchdog expired')
pat0=$(m4_stat pattern_boot)	# the boot the M4's RAM marker names
crash0=$(count_log 'crash detected in m4: type watchdog')

# 40 messages: the M4 stops answering at 20; the writer gets an error
rpmsg-echo -c "$(ctrl_dev)" -s 40 -t 1000 && fail "echo through a hung M4 succeeded"
wait_for "[ \$(count_log 'M4 watchdog expired') -gt $wdg0 ]" 10 || fail "no watchdog interrupt"
wait_for "[ \$(count_log 'crash detected in m4: type watchdog') -gt $crash0 ]" 10 || fail "crash not reported"
wait_for "[ \$(m4_stat boots) -gt $boots0 ] && [ \"\$(rproc_state)\" = running ]" 20 ||
	fail "not recovered: $(rproc_state)"
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg after recovery"
rpmsg-echo -c "$(ctrl_dev)" -s 10 || fail "echo after recovery"

# the log of the crashed run, next to trace0
grep -q "hang after 20 messages (by design)" $d/trace0_crash || fail "trace0_crash: $(cat $d/trace0_crash)"
head -1 $d/trace0_crash | grep -q "^# M4 log saved at crash" || fail "trace0_crash header"
grep -q "hang after" $d/trace0 && fail "trace0 still has the old run"

# the coredump: an ELF32 with the M4 memories and the trace buffer
wait_for 'ls /sys/class/devcoredump/devcd*/data >/dev/null 2>&1' 10 || fail "no devcoredump"
cd_data=$(ls /sys/class/devcoredump/devcd*/data | head -1)
cat "$cd_data" > /tmp/core
[ "$(dd if=/tmp/core bs=1 skip=1 count=3 2>/dev/null)" = ELF ] || fail "coredump is not ELF"
expect_eq "ELF class" "$(od -An -tu1 -j4 -N1 /tmp/core | tr -d ' ')" 1
expect_eq "program headers (retram, mcuram, mcuram2, trace)" "$(od -An -tu2 -j44 -N2 /tmp/core | tr -d ' ')" 4
grep -q "VBOARD-M4-RAM-PATTERN boot $pat0" /tmp/core || fail "M4 RAM marker not in the coredump"
grep -q "hang after 20 messages" /tmp/core || fail "trace buffer not in the coredump"
echo 1 > "$cd_data"
echo "$cd0" > $r/coredump
rproc_stop
