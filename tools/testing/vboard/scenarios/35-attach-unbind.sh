# SPDX-License-Identifier: GPL-2.0
# Unbinding or unloading the driver while attached leaves the M4 running
# (detach), unlike upstream which resets it.
. /vboard/lib.sh
rproc_unload || fail "rmmod"
echo vboard-echo.elf > $DBG/vboard/bootloader || fail "bootloader"
rproc_load || fail "load"
r=$(rproc_dir)
echo start > $r/state; wait_for '[ "$(rproc_state)" = attached ]' 10 || fail "attach"
dev=$(basename "$(readlink -f $r/device)")
rst0=$(board_stat mcu_resets); boots0=$(m4_stat boots)
echo "$dev" > /sys/bus/platform/drivers/stm32-rproc/unbind || fail "unbind"
expect_eq "M4 after unbind" "$(m4_stat state)" running
expect_eq "no reset on unbind" "$(board_stat mcu_resets)" $rst0
dmesg | grep -q "detached: the M4 keeps running" || fail "no detach on unbind"
grep -q '^BKP18R 0x00000002$' $DBG/vboard/state || fail "CRUN lost"
echo "$dev" > /sys/bus/platform/drivers/stm32-rproc/bind || fail "bind"
wait_for 'rproc_dir >/dev/null' 5 || fail "no rproc after bind"
expect_eq "state after rebind" "$(rproc_state)" detached
echo start > "$(rproc_dir)/state"; wait_for '[ "$(rproc_state)" = attached ]' 10 || fail "attach after rebind"
rmmod stm32_rproc || fail "rmmod while attached"
expect_eq "M4 after rmmod" "$(m4_stat state)" running
expect_eq "no reset on rmmod" "$(board_stat mcu_resets)" $rst0
expect_eq "no reboot" "$(m4_stat boots)" $boots0
rproc_load || fail "reload"
echo start > "$(rproc_dir)/state"; wait_for '[ "$(rproc_state)" = attached ]' 10 || fail "attach after reload"
rproc_stop
