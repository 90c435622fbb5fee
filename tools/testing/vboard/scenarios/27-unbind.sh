# SPDX-License-Identifier: GPL-2.0
# Unbinding the driver while the M4 runs stops it (reset, hold boot);
# rebinding gives a usable remoteproc.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
rproc_start vboard-echo.elf
dev=$(basename "$(readlink -f "$(rproc_dir)/device")")
rst0=$(board_stat mcu_resets)
echo "$dev" > /sys/bus/platform/drivers/stm32-rproc/unbind || fail "unbind"
rproc_dir >/dev/null && fail "remoteproc still registered"
[ "$(board_stat mcu_resets)" -gt "$rst0" ] || fail "M4 not reset on unbind"
expect_eq "hold boot" "$(board_stat hold_boot)" 1
expect_eq "M4" "$(m4_stat state)" reset
echo "$dev" > /sys/bus/platform/drivers/stm32-rproc/bind || fail "bind"
wait_for 'rproc_dir >/dev/null' 5 || fail "no remoteproc after bind"
rproc_start vboard-echo.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null' 10 || fail "no rpmsg after rebind"
rpmsg-echo -c "$(ls /dev/rpmsg_ctrl* | head -1)" || fail "echo after rebind"
rproc_stop
# module unload with the M4 running stops it too
rproc_start
rst0=$(board_stat mcu_resets)
rmmod stm32_rproc || fail "rmmod"
[ "$(board_stat mcu_resets)" -gt "$rst0" ] || fail "M4 not reset on rmmod"
rproc_load || fail "reload"
