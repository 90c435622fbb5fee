# SPDX-License-Identifier: GPL-2.0
# Recovery disabled: a crash leaves the rproc crashed; a second watchdog
# interrupt is harmless; "recover" recovers; a crash during boot; stop from
# crashed.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir); d=$(rproc_dbg)
devcd_clear
rproc_start vboard-echo.elf
echo disabled > $r/recovery
b0=$(m4_stat boots)
echo 1 > $d/crash
wait_for '[ "$(rproc_state)" = crashed ]' 10 || fail "not crashed: $(rproc_state)"
# A watchdog interrupt while crashed: reported at most once more, no change
w0=$(count_log 'M4 watchdog expired')
echo 1 > $DBG/vboard/wdg
wait_for "[ \$(count_log 'M4 watchdog expired') -gt $w0 ]" 5 || fail "second watchdog not seen"
echo 0 > $DBG/vboard/wdg
usleep 300000
expect_eq "still crashed" "$(rproc_state)" crashed
expect_eq "no reboot while crashed" "$(m4_stat boots)" $b0
echo recover > $r/recovery
wait_for '[ "$(rproc_state)" = running ]' 20 || fail "recover: $(rproc_state)"
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg after recover"
rpmsg-echo -c "$(ctrl_dev)" -s 8 || fail "echo after recover"
rproc_stop
devcd_clear

# A firmware whose watchdog fires while it boots
echo -n vboard-crash-boot.elf > $r/firmware
echo start > $r/state || fail "start crash-boot"
wait_for '[ "$(rproc_state)" = crashed ]' 10 || fail "crash at boot not seen: $(rproc_state)"
echo stop > $r/state || fail "stop from crashed"
expect_eq "after stop" "$(rproc_state)" offline
echo enabled > $r/recovery
rproc_start vboard-echo.elf
rproc_stop
devcd_clear
