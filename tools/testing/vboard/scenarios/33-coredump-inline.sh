# SPDX-License-Identifier: GPL-2.0
# coredump "inline": recovery waits until the dump is read, then completes.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir); d=$(rproc_dbg)
devcd_clear
echo inline > $r/coredump
rproc_start vboard-echo.elf
b0=$(m4_stat boots)
echo 2 > $d/crash
wait_for 'ls /sys/class/devcoredump/devcd*/data >/dev/null 2>&1' 10 || fail "no inline dump"
usleep 300000
expect_eq "recovery waits for the reader" "$(m4_stat boots)" $b0
cat $(ls /sys/class/devcoredump/devcd*/data | head -1) > /tmp/core-inline
[ "$(dd if=/tmp/core-inline bs=1 skip=1 count=3 2>/dev/null)" = ELF ] || fail "inline dump is not ELF"
grep -q "VBOARD-M4-RAM-PATTERN" /tmp/core-inline || fail "marker not in inline dump"
devcd_clear
wait_for "[ \$(m4_stat boots) -gt $b0 ] && [ \"\$(rproc_state)\" = running ]" 20 || fail "no recovery after read"
echo enabled > $r/coredump
rproc_stop
