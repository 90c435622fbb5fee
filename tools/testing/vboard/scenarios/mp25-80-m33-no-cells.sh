# SPDX-License-Identifier: GPL-2.0
# STM32MP25, A35-TD tree without the rsc-tbl nvmem cells (as the upstream
# EV1 overlay): PWR says a boot stage's M33 runs, the DT does not say where
# its resource table is. Linux says so once, offers the rproc offline
# instead of attaching, and leaves the core alone until a start, which
# resets it and boots Linux's image.
. /vboard/lib.sh
rproc_unload || fail "rmmod"
echo vboard-m33-echo.elf > $DBG/vboard/bootloader || fail "bootloader"
wait_for '[ "$(m4_stat state)" = running ]' 5 || fail "M33 not running"
c0=$(count_log "cannot attach: the DT does not say where the table is")
rst0=$(board_stat mcu_resets)
b0=$(m4_stat boots)

rproc_load || fail "load"
r=$(rproc_dir) || fail "no m33 remoteproc"
expect_eq "state at probe" "$(cat $r/state)" offline
expect_eq "message" "$(count_log "cannot attach: the DT does not say where the table is")" \
	$((c0 + 1))
expect_eq "the boot stage's M33 left running" "$(m4_stat state)" running
expect_eq "no reset at probe" "$(board_stat mcu_resets)" "$rst0"

rproc_start rproc-m33-fw
[ "$(board_stat mcu_resets)" -gt "$rst0" ] || fail "start did not reset the running M33"
expect_eq "booted Linux's image" "$(m4_stat boots)" $((b0 + 1))
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg"
rpmsg-echo -c "$(ctrl_dev)" -n 2 || fail "echo"
rproc_stop
