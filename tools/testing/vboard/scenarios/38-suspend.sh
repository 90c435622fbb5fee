# SPDX-License-Identifier: GPL-2.0
# Suspend-to-idle with the M4 running: the IPCC register context survives,
# traffic resumes; an M4 message (IPCC RX, wakeup-source, enabled by the
# user) wakes the system;
# the M4 watchdog wakes it too, and is then handled as a crash.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir)
rproc_start vboard-echo.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg"
rpmsg-echo -c "$(ctrl_dev)" -s 16 || fail "echo before suspend"
dev=$(ipcc_dev)
regs() { grep -E '^C[12](CR|MR) ' $DBG/stm32-ipcc/$dev/regs; }
before=$(regs)
rx_irq=$(awk -F: "/$dev:rx\$/ { gsub(/ /, \"\", \$1); print \$1; exit }" /proc/interrupts)
[ -n "$rx_irq" ] || fail "IPCC rx irq not in /proc/interrupts"
ok0=$(cat /sys/power/suspend_stats/success)

# 1. An M4 message wakes Linux once the user enabled it: wakeup-source makes
# the IPCC wakeup capable, not enabled (a chatty M4 must not block suspend)
w=/sys/bus/platform/devices/$dev/power/wakeup
expect_eq "IPCC wakeup by default" "$(cat $w)" disabled
echo enabled > $w || fail "enable IPCC wakeup"
echo "rx 1000" > $DBG/vboard/wake_in
uptime_cs t0
echo freeze > /sys/power/state || fail "freeze"
uptime_cs t1
echo "woke after $(( (t1 - t0) * 10 )) ms, wakeup irq $(cat /sys/power/pm_wakeup_irq), rx irq $rx_irq"
expect_eq "suspend count" "$(cat /sys/power/suspend_stats/success)" $((ok0 + 1))
[ $((t1 - t0)) -ge 90 ] || fail "woke too early ($(( (t1 - t0) * 10 )) ms): not the M4"
expect_eq "wakeup irq" "$(cat /sys/power/pm_wakeup_irq)" "$rx_irq"
expect_eq "IPCC context after resume" "$(regs)" "$before"
rpmsg-echo -c "$(ctrl_dev)" -s 16 || fail "echo after resume"

# 2. The watchdog wakes Linux, then counts as a crash and is recovered
c0=$(count_log 'crash detected in m4: type watchdog')
b0=$(m4_stat boots)
echo "wdg 1000" > $DBG/vboard/wake_in
uptime_cs t0
echo freeze > /sys/power/state || fail "freeze (wdg)"
uptime_cs t1
[ $((t1 - t0)) -ge 90 ] || fail "woke too early ($(( (t1 - t0) * 10 )) ms)"
wait_for "[ \$(count_log 'crash detected in m4: type watchdog') -gt $c0 ]" 10 || fail "watchdog after resume"
wait_for "[ \$(m4_stat boots) -gt $b0 ] && [ \"\$(rproc_state)\" = running ]" 20 || fail "no recovery"
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg after recovery"
rpmsg-echo -c "$(ctrl_dev)" -s 16 || fail "echo after watchdog wake"
devcd_clear
rproc_stop
echo disabled > $w
