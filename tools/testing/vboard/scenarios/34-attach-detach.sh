# SPDX-License-Identifier: GPL-2.0
# The model plays U-Boot: image loaded, BKP17R = table address, M4 running,
# BKP18R = CRUN, BOOT_MCU set. The driver probes "detached"; start ->
# attached (BOOT_MCU held), RPMsg works; detach -> the M4 keeps running (no
# reset, BOOT_MCU released again); re-attach works; stop from attached ->
# offline with state OFF.
. /vboard/lib.sh
rproc_unload || fail "rmmod"
echo vboard-echo.elf > $DBG/vboard/bootloader || fail "bootloader"
wait_for '[ "$(m4_stat state)" = running ]' 5 || fail "M4 not running"
grep -q '^BKP18R 0x00000002$' $DBG/vboard/state || fail "no CRUN"
grep -q '^BKP17R 0x1002' $DBG/vboard/state || fail "no table address: $(grep BKP $DBG/vboard/state)"
rst0=$(board_stat mcu_resets); boots0=$(m4_stat boots)

rproc_load || fail "load"
r=$(rproc_dir)
expect_eq "state at probe" "$(cat $r/state)" detached
dmesg | grep -q "M4 running (CRUN), resource table at 0x1002.*: attachable" || fail "attach message"
echo start > $r/state || fail "attach"
wait_for '[ "$(rproc_state)" = attached ]' 10 || fail "not attached: $(rproc_state)"
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg when attached"
rpmsg-echo -c "$(ctrl_dev)" -s 32 || fail "echo when attached"
expect_eq "BOOT_MCU held while attached" "$(board_stat hold_boot)" 1

echo detach > $r/state || fail "detach"
wait_for '[ "$(rproc_state)" = detached ]' 10 || fail "not detached: $(rproc_state)"
expect_eq "M4 after detach" "$(m4_stat state)" running
expect_eq "no reset on detach" "$(board_stat mcu_resets)" $rst0
expect_eq "no reboot on detach" "$(m4_stat boots)" $boots0
[ "$(m4_stat detach_requests)" -ge 1 ] || fail "M4 saw no detach request"
expect_eq "BOOT_MCU released on detach, as U-Boot left it" "$(board_stat hold_boot)" 0

echo start > $r/state || fail "re-attach"
wait_for '[ "$(rproc_state)" = attached ]' 10 || fail "re-attach: $(rproc_state)"
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg after re-attach"
rpmsg-echo -c "$(ctrl_dev)" -s 32 || fail "echo after re-attach"

echo stop > $r/state || fail "stop"
wait_for '[ "$(rproc_state)" = offline ]' 10 || fail "not offline"
[ "$(board_stat mcu_resets)" -gt $rst0 ] || fail "stop did not reset the M4"
grep -q '^BKP18R' $DBG/vboard/state && fail "state not OFF"
rproc_start vboard-echo.elf
rproc_stop

# An attached M4 that crashes stays crashed (recovery is off while attached:
# Linux does not have its image); stop resets it, a normal start works, and
# the user's recovery setting is back.
rproc_unload
echo vboard-echo.elf > $DBG/vboard/bootloader || fail "bootloader"
rproc_load || fail "load"
r=$(rproc_dir)
echo start > $r/state; wait_for '[ "$(rproc_state)" = attached ]' 10 || fail "attach"
expect_eq "recovery while attached" "$(cat $r/recovery)" disabled
b0=$(m4_stat boots)
echo 1 > $(rproc_dbg)/crash
wait_for '[ "$(rproc_state)" = crashed ]' 10 || fail "attached crash: $(rproc_state)"
usleep 300000
expect_eq "no reboot of an attached M4" "$(m4_stat boots)" $b0
echo stop > $r/state || fail "stop from crashed"
expect_eq "after stop" "$(rproc_state)" offline
expect_eq "recovery restored" "$(cat $r/recovery)" enabled
rproc_start vboard-echo.elf
rproc_stop

# Hold-boot while attached, the subtle path: the watchdog's MCU reset of an
# attached M4 must not reboot it on its own (RCC boots an M4 out of reset
# unless BOOT_MCU holds it); the crashed image stays for Linux to see.
rproc_unload
echo vboard-echo.elf > $DBG/vboard/bootloader || fail "bootloader (watchdog case)"
rproc_load || fail "load"
r=$(rproc_dir)
echo start > $r/state; wait_for '[ "$(rproc_state)" = attached ]' 10 || fail "attach"
b0=$(m4_stat boots); rst0=$(board_stat mcu_resets)
echo "wdg 10" > $DBG/vboard/wake_in || fail "wake_in"
wait_for '[ "$(rproc_state)" = crashed ]' 10 || fail "attached watchdog: $(rproc_state)"
expect_eq "the watchdog reset the M4" "$(board_stat mcu_resets)" $((rst0 + 1))
usleep 300000
expect_eq "no reboot after the watchdog reset of an attached M4" "$(m4_stat boots)" $b0
echo stop > $r/state || fail "stop from crashed (watchdog)"
expect_eq "after stop" "$(rproc_state)" offline
devcd_clear
