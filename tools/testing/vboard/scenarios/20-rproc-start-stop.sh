# SPDX-License-Identifier: GPL-2.0
# echo fw > firmware; start -> running, RPMsg devices appear, the M4 runs
# (BOOT_MCU held again, TAMP state untouched); stop -> offline, the M4 saw the shutdown request and was
# reset, TAMP state OFF. Then 50 start/stop cycles, each checked.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir)
expect_eq "initial state" "$(cat $r/state)" offline
expect_eq "default firmware" "$(cat $r/firmware)" rproc-m4-fw

req0=$(m4_stat shutdown_requests)
rst0=$(board_stat mcu_resets)
rproc_start vboard-echo.elf
# an executed image says "running" once its startup is through (m4run)
wait_for '[ "$(m4_stat state)" = running ]' 5 || fail "M4 state: $(m4_stat state)"
expect_eq "M4 firmware" "$(awk '$1=="firmware"{print $2}' $DBG/vboard/m4)" echo
# TAMP BKP18R is U-Boot's (CRUN) and Linux's (OFF) to write, not the firmware's
grep -q '^BKP18R' $DBG/vboard/state && fail "BKP18R written on a Linux start: $(grep BKP18R $DBG/vboard/state)"
# Released to boot, held again at once (as U-Boot and the in-tree driver)
expect_eq "BOOT_MCU held while running" "$(board_stat hold_boot)" 1
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && rpmsg_dev rpmsg-tty >/dev/null && rpmsg_dev rpmsg-client-sample >/dev/null' 10 ||
	fail "rpmsg devices missing: $(ls /sys/bus/rpmsg/devices)"
expect_eq "NS announcements" "$(m4_stat ns_announcements)" 3

rproc_stop
expect_eq "shutdown requests" "$(m4_stat shutdown_requests)" $((req0 + 1))
expect_eq "shutdown acks" "$(m4_stat shutdown_acks)" $((req0 + 1))
[ "$(board_stat mcu_resets)" -gt "$rst0" ] || fail "the M4 was not reset"
expect_eq "hold boot" "$(board_stat hold_boot)" 1
grep -q '^BKP18R' $DBG/vboard/state && fail "TAMP state not OFF after stop"
[ -z "$(ls /sys/bus/rpmsg/devices 2>/dev/null)" ] || fail "rpmsg devices left: $(ls /sys/bus/rpmsg/devices)"

boots0=$(m4_stat boots)
i=0
while [ $i -lt 50 ]; do
	rproc_start
	rproc_stop
	i=$((i + 1))
done
expect_eq "boots after 50 cycles" "$(m4_stat boots)" $((boots0 + 50))
expect_eq "shutdown acks after 50 cycles" "$(m4_stat shutdown_acks)" $((req0 + 51))
