# SPDX-License-Identifier: GPL-2.0
# rpmsg_tty: what is written to /dev/ttyRPMSGn comes back. The image is
# shaped like ST's OpenAMP_TTY_echo: it announces rpmsg-tty twice, two
# virtual UARTs, each an echo.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
rproc_start vboard-tty-echo.elf
wait_for '[ -e /dev/ttyRPMSG0 ] && [ -e /dev/ttyRPMSG1 ]' 10 || fail "want ttyRPMSG0 and 1: $(ls /dev/ttyRPMSG*)"
for tty in /dev/ttyRPMSG0 /dev/ttyRPMSG1; do
	stty -F "$tty" raw -echo || fail "stty $tty"
	# One descriptor for both directions: the echo is never lost between opens
	exec 3<>"$tty"
	for word in hello-vboard 0123456789abcdef "the-quick-brown-fox-${tty#/dev/}"; do
		printf '%s' "$word" >&3
		got=$(timeout 5 head -c ${#word} <&3) || fail "no echo of $word on $tty"
		expect_eq "$tty echo" "$got" "$word"
	done
	exec 3<&-
done
rproc_stop
