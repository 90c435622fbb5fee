# SPDX-License-Identifier: GPL-2.0
# STM32MP25, M33-TD (vboard-mp25-m33td.dts: no resets, no boot address):
# the secure world owns the M33 and Linux only attaches. With the core off,
# the rproc stays detached and a start says why. With the image started by the boot stages, st,auto-boot
# attaches at probe, RPMsg works; stop lets go of the running core
# (detached, never reset) and puts the table back as found at attach
# (rproc_stop() has freed its own clean copy by then: KASAN caught the
# driver reading it), so the re-attach finds a clean table; a crash leaves
# the core crashed until stop.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir) || fail "no m33 remoteproc"
wait_for '[ "$(count_log "attach only (no resets in DT): the M33 is")" -ge 1 ]' 5 ||
	fail "no attach-only probe line"
expect_eq "state, core off" "$(rproc_state)" detached
echo start > $r/state 2>/dev/null && fail "attach to a core that is off succeeded"
wait_for '[ "$(count_log "cannot attach: the M33 is not running (PWR state OFF)")" -ge 1 ]' 5 ||
	fail "no 'not running' reason"
expect_eq "state after the refused attach" "$(rproc_state)" detached

rproc_unload
echo vboard-m33-echo.elf > $DBG/vboard/bootloader || fail "bootloader"
wait_for '[ "$(m4_stat state)" = running ]' 5 || fail "M33 not running"
rst0=$(board_stat mcu_resets); boots0=$(m4_stat boots)
# the table the boot stage published (nvmem cell rsc-tbl-addr: BKP121R)
mem() { echo "$1 $2" > $DBG/vboard/mem && tr -d ' \n' < $DBG/vboard/mem; }
t=$(awk '$1 == "BKP121R" { print $2 }' $DBG/vboard/state)
tlen=$(( $(awk '$1 == "BKP122R" { print $2 }' $DBG/vboard/state) ))
clean=$(mem "$t" "$tlen")
[ -n "$clean" ] || fail "cannot read the table at $t"
rproc_load || fail "load"
r=$(rproc_dir) || fail "no m33 remoteproc"
wait_for '[ "$(rproc_state)" = attached ]' 10 || fail "auto-boot did not attach: $(rproc_state)"
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg when attached"
rpmsg-echo -c "$(ctrl_dev)" || fail "echo when attached"

echo stop > $r/state || fail "stop"
wait_for '[ "$(rproc_state)" = detached ]' 10 || fail "stop did not detach: $(rproc_state)"
expect_eq "M33 keeps running" "$(m4_stat state)" running
expect_eq "never reset" "$(board_stat mcu_resets)" "$rst0"
expect_eq "never rebooted" "$(m4_stat boots)" "$boots0"
expect_eq "M33 table after stop (as found at attach)" "$(mem "$t" "$tlen")" "$clean"

rproc_attach_echo "re-attach after stop"

echo 1 > "$(rproc_dbg)/crash"
wait_for '[ "$(rproc_state)" = crashed ]' 10 || fail "crash: $(rproc_state)"
usleep 300000
expect_eq "no recovery of a core Linux did not load" "$(rproc_state)" crashed
echo stop > $r/state || fail "stop from crashed"
wait_for '[ "$(rproc_state)" = detached ]' 10 || fail "after crash stop: $(rproc_state)"
expect_eq "never reset (crash)" "$(board_stat mcu_resets)" "$rst0"
