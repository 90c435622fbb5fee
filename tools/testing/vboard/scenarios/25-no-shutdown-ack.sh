# SPDX-License-Identifier: GPL-2.0
# A firmware that never acknowledges the shutdown request: stop waits the
# 500 ms timeout (>= 0.5 s, < 1 s), warns, and still ends offline.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
rproc_start vboard-no-shutdown-ack.elf
n0=$(dmesg | grep -c 'did not acknowledge the shutdown request within 500 ms')
r=$(rproc_dir)
uptime_cs t0
echo stop > "$r/state" || fail "stop"
uptime_cs t1
expect_eq state "$(rproc_state)" offline
dt=$((t1 - t0))
echo "stop took ${dt}0 ms"
[ $dt -ge 50 ] && [ $dt -lt 100 ] || fail "stop took ${dt}0 ms, want 500..999 ms"
expect_eq "warning" "$(dmesg | grep -c 'did not acknowledge the shutdown request within 500 ms')" $((n0 + 1))
grep -q "shutdown not acknowledged" "$(rproc_dbg)/trace0" 2>/dev/null || true
# The next firmware starts normally
rproc_start vboard-echo.elf
rproc_stop
