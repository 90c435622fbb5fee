# SPDX-License-Identifier: GPL-2.0
# The user helper (tools/userspace/stm32mp-m4ctl) drives the M4 by name.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
stm32mp-m4ctl status | grep -q "^state: offline$" || fail "status: $(stm32mp-m4ctl status)"
stm32mp-m4ctl -n nope status 2>/dev/null && fail "unknown name accepted"
out=$(stm32mp-m4ctl start vboard-echo.elf) || fail "start: $out"
expect_eq "start" "$out" "m4 running (vboard-echo.elf)"
wait_for 'stm32mp-m4ctl trace | grep -q "announce rpmsg-raw"' 10 || fail "trace"
b0=$(m4_stat boots)
stm32mp-m4ctl crash 1 || fail "crash"
wait_for "[ \$(m4_stat boots) -gt $b0 ] && [ \"\$(rproc_state)\" = running ]" 20 || fail "no recovery"
stm32mp-m4ctl crash-log | grep -q 'vboard-m4: boot' || fail "crash-log"
expect_eq "stop" "$(stm32mp-m4ctl stop)" "m4 offline"
expect_eq "stop again" "$(stm32mp-m4ctl stop)" "m4 already offline"
devcd_clear
