# SPDX-License-Identifier: GPL-2.0
# STM32MP25, A35-TD with a boot stage that started the M33: the model plays
# it (image loaded, M33_INITNSVTOR set, hold-boot released, the table's
# address and size in the TAMP nvmem cells rsc-tbl-addr/rsc-tbl-size; PWR
# shows CRUN). The driver probes "detached", attaches (RPMsg works),
# detaches (the M33 keeps running, not reset), re-attaches, then stop
# resets the core and a Linux start works.
. /vboard/lib.sh
rproc_unload || fail "rmmod"
echo vboard-m33-echo.elf > $DBG/vboard/bootloader || fail "bootloader"
wait_for '[ "$(m4_stat state)" = running ]' 5 || fail "M33 not running"
expect_eq "NSVTOR set by the boot stage" "$(board_stat NSVTOR)" 0x80100000
# the nvmem cells rsc-tbl-addr/size: BKP121R/BKP122R (0x1e4/0x1e8)
grep -q '^BKP121R 0x80a' $DBG/vboard/state || fail "no table address: $(grep BKP $DBG/vboard/state)"
grep -q '^BKP122R 0x' $DBG/vboard/state || fail "no table size"
rst0=$(board_stat mcu_resets); boots0=$(m4_stat boots)

rproc_load || fail "load"
r=$(rproc_dir) || fail "no m33 remoteproc"
expect_eq "state at probe" "$(cat $r/state)" detached
rproc_attach_echo attach

# no detach channel in this DT (as ST's EV1): detach just lets go
echo detach > $r/state || fail "detach"
wait_for '[ "$(rproc_state)" = detached ]' 10 || fail "not detached: $(rproc_state)"
expect_eq "M33 after detach" "$(m4_stat state)" running
expect_eq "no reset on detach" "$(board_stat mcu_resets)" "$rst0"
expect_eq "no reboot on detach" "$(m4_stat boots)" "$boots0"

rproc_attach_echo re-attach

echo stop > $r/state || fail "stop"
wait_for '[ "$(rproc_state)" = offline ]' 10 || fail "not offline"
[ "$(board_stat mcu_resets)" -gt "$rst0" ] || fail "stop did not reset the M33"
rproc_start rproc-m33-fw
rproc_stop
