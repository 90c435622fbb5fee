# SPDX-License-Identifier: GPL-2.0
# rpmsg_tty: what is written to /dev/ttyRPMSGn comes back.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
rproc_start vboard-echo.elf
wait_for 'ls /dev/ttyRPMSG* >/dev/null 2>&1' 10 || fail "no /dev/ttyRPMSG*"
tty=$(ls /dev/ttyRPMSG* | head -1)
stty -F "$tty" raw -echo || fail "stty"
for word in hello-vboard 0123456789abcdef the-quick-brown-fox; do
	timeout 5 head -c ${#word} "$tty" > /tmp/tty.out &
	reader=$!
	usleep 100000
	printf '%s' "$word" > "$tty"
	wait $reader || fail "no echo of $word"
	expect_eq "tty echo" "$(cat /tmp/tty.out)" "$word"
done
rproc_stop
