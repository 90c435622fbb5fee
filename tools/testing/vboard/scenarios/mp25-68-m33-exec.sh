# SPDX-License-Identifier: GPL-2.0
# STM32MP25: the Cortex-M33 executes its image. m4run runs it on Unicorn's
# Cortex-M33 (ARMv8-M Mainline; the non-secure image needs no TrustZone):
# the core boots at M33_INITNSVTOR from the image's .isr_vectors, runs its
# startup code, takes IPCC1's RX interrupt (NVIC line 171), serves RPMsg
# from its own code and acknowledges the shutdown; a crash is recovered and
# the image executes again. It touches nothing the board does not model.
. /vboard/lib.sh
m4run_start || fail "m4run: $(tail -3 /tmp/m4run.log)"
echo all > $DBG/vboard/m4-exec || fail "m4-exec all"
rproc_load || fail "load stm32_rproc"

rproc_start rproc-m33-fw
expect_eq "executed" "$(m4_stat executing)" 1
wait_for 'grep -q "Cortex-M33, vector table at 0x80100000" /tmp/m4run.log' 5 ||
	fail "m4run did not boot an M33 at NSVTOR: $(tail -8 /tmp/m4run.log)"
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 15 ||
	fail "no rpmsg from the executed image: $(tail -8 /tmp/m4run.log)"
rpmsg-echo -c "$(ctrl_dev)" -n 4 -s 400 || fail "echo"
grep -q . "$(rproc_dbg)/trace0" || fail "empty trace0"
a0=$(m4_stat shutdown_acks)
rproc_stop
expect_eq "shutdown acknowledged by the image" "$(m4_stat shutdown_acks)" $((a0 + 1))

# Crash and recovery: the image executes again
rproc_start
crash_recover
expect_eq "executed after recovery" "$(m4_stat executing)" 1
echo_again "after recovery"
rproc_stop
expect_eq "unmodelled peripherals touched" "$(grep -c 'unmodelled peripheral' /tmp/m4run.log)" 0
expect_eq "faults" "$(grep -c 'Fault\|lockup' /tmp/m4run.log)" 0
echo auto > $DBG/vboard/m4-exec
