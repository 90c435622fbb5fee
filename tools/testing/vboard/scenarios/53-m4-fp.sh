# SPDX-License-Identifier: GPL-2.0
# An image built as ST builds them (hard float, FPv4-SP) keeps a float sum
# in FP registers while its IPCC and SysTick handlers overwrite s0-s15:
# on the executing M4 the sum stays right only if exception entry stacks
# the FP context (extended frame) and return restores it. Echo traffic
# brings the interrupts. The behavioural M4 serves the image without
# running its code: there the scenario checks the image boots and echoes.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
rproc_start vboard-fp.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 30 || fail "no rpmsg-raw"
rpmsg-echo -c "$(ctrl_dev)" -n 4 -s 64 || fail "echo"
if [ "$(m4_stat executing)" = 1 ]; then
	c=$(m4_stat fp_checks)
	[ "$c" -gt 1000 ] || fail "only $c FP sums checked"
	expect_eq "FP sums found wrong (of $c)" "$(m4_stat fp_errors)" 0
	expect_eq "'FP context lost' lines in trace0" "$(grep -c 'FP context lost' "$(rproc_dbg)/trace0")" 0
fi
rproc_stop
