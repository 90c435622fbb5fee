# SPDX-License-Identifier: GPL-2.0
# STM32MP25, A35-TD: Linux loads the Cortex-M33 image (rproc-m33-fw by
# default), writes M33_INITNSVTOR with the address of its .isr_vectors
# section before releasing hold-boot, and the core boots there: RPMsg
# echoes, trace0 has the firmware's log, stop asks for the shutdown and
# resets the core (PWR state OFF). Then a watchdog crash is recovered.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir) || fail "no m33 remoteproc"
expect_eq "rproc name" "$(cat $r/name)" m33
expect_eq "initial state" "$(cat $r/state)" offline
expect_eq "default firmware" "$(cat $r/firmware)" rproc-m33-fw
dmesg | grep -q "virtual STM32MP25 model" || fail "model is not the MP25 board"

rst0=$(board_stat mcu_resets)
rproc_start
expect_eq "core state" "$(m4_stat state)" running
expect_eq "image" "$(awk '$1=="firmware"{print $2}' $DBG/vboard/m4)" m33-echo
# .isr_vectors of the image (fw-m33.ld): the EV1 cm33_cube_fw base
expect_eq "NSVTOR = .isr_vectors" "$(board_stat NSVTOR)" 0x80100000
expect_eq "hold boot re-asserted while running" "$(board_stat hold_boot)" 1
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 ||
	fail "rpmsg devices missing: $(ls /sys/bus/rpmsg/devices)"
rpmsg-echo -c "$(ctrl_dev)" -n 2 || fail "echo"
grep -q . "$(rproc_dbg)/trace0" || fail "empty trace0"

req0=$(m4_stat shutdown_requests)
rproc_stop
expect_eq "shutdown acked" "$(m4_stat shutdown_acks)" "$((req0 + 1))"
[ "$(board_stat mcu_resets)" -gt "$rst0" ] || fail "the M33 was not reset"
[ "$(m4_stat state)" != running ] || fail "the M33 still runs after stop"

# Crash (the M33 watchdog line) and recovery with the same image
rproc_start
crash_recover
echo_again "after recovery"
expect_eq "NSVTOR after recovery" "$(board_stat NSVTOR)" 0x80100000
rproc_stop
