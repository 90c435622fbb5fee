# SPDX-License-Identifier: GPL-2.0
# st,auto-boot: without CRUN the driver boots firmware-name at probe; with
# CRUN (bootloader-started M4) it attaches at probe. No userspace action.
. /vboard/lib.sh
rproc_unload || fail "rmmod"
echo "1 vboard-echo.elf" > $DBG/vboard/dt_autoboot || fail "dt_autoboot"
rproc_load || fail "load"
wait_for '[ "$(rproc_state)" = running ]' 10 || fail "auto-boot: $(rproc_state)"
expect_eq firmware "$(cat $(rproc_dir)/firmware)" vboard-echo.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null' 10 || fail "no rpmsg after auto-boot"
rproc_unload || fail "rmmod"

echo vboard-echo.elf > $DBG/vboard/bootloader || fail "bootloader"
rst0=$(board_stat mcu_resets)
rproc_load || fail "load"
wait_for '[ "$(rproc_state)" = attached ]' 10 || fail "auto-attach: $(rproc_state)"
expect_eq "no reset for auto-attach" "$(board_stat mcu_resets)" $rst0
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg after auto-attach"
rpmsg-echo -c "$(ctrl_dev)" -s 16 || fail "echo after auto-attach"
rproc_stop
rproc_unload
echo 0 > $DBG/vboard/dt_autoboot
rproc_load || fail "reload"
expect_eq "no auto-boot any more" "$(rproc_state)" offline
