# SPDX-License-Identifier: GPL-2.0
# `make demo` runs this story; here it must complete and show the echoes.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
out=$(sh /vboard/demo.sh 2>&1) || fail "demo failed: $out"
echo "$out" | tail -20
echo "$out" | grep -q "rpmsg-echo: 1 round(s) of 1..496 bytes, 0 error(s)" || fail "demo: rpmsg echo"
echo "$out" | grep -q "got back: 'hello from Linux'" || fail "demo: tty echo"
