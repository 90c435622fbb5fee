# SPDX-License-Identifier: GPL-2.0
# rpmsg_tty: what is written to /dev/ttyRPMSGn comes back.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
rproc_start vboard-echo.elf
wait_for 'ls /dev/ttyRPMSG* >/dev/null 2>&1' 10 || fail "no /dev/ttyRPMSG*"
tty=$(ls /dev/ttyRPMSG* | head -1)
stty -F "$tty" raw -echo || fail "stty"
# One descriptor for both directions: the echo is never lost between opens
exec 3<>"$tty"
for word in hello-vboard 0123456789abcdef the-quick-brown-fox; do
	printf '%s' "$word" >&3
	got=$(timeout 5 head -c ${#word} <&3) || fail "no echo of $word"
	expect_eq "tty echo" "$got" "$word"
done
exec 3<&-
rproc_stop
