#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make demo: the user story on the virtual board, narrated.
. /vboard/lib.sh
say() { printf '\n### %s\n' "$*"; }

r=$(rproc_dir) || fail "no m4 remoteproc"
say "The M4 is a remoteproc device, found by its name:"
echo "$r: name=$(cat $r/name) state=$(cat $r/state) firmware=$(cat $r/firmware)"

say "Firmware images available in /lib/firmware:"
ls /lib/firmware

say "Load and start the echo firmware"
echo "\$ echo vboard-echo.elf > $r/firmware; echo start > $r/state"
rproc_start vboard-echo.elf
echo "state: $(cat $r/state)"

say "The M4 announced its RPMsg services:"
wait_for 'rpmsg_dev rpmsg-raw >/dev/null' 10
for d in /sys/bus/rpmsg/devices/*; do echo "  $(cat $d/name) (dst $(cat $d/dst))"; done

say "What the M4 logged (trace0):"
cat "$(rproc_dbg)/trace0"

say "Echo over RPMsg through /dev/rpmsg_ctrl0 (sizes 1..496, checked byte for byte):"
rpmsg-echo -c "$(ls /dev/rpmsg_ctrl* | head -1)"

say "Echo through the RPMsg tty:"
tty=$(ls /dev/ttyRPMSG* | head -1)
stty -F "$tty" raw -echo
exec 3<>"$tty"
printf 'hello from Linux' >&3
echo "sent 'hello from Linux' to $tty, got back: '$(timeout 5 head -c 16 <&3)'"
exec 3<&-

say "IPCC traffic per channel (driver debugfs):"
cat $DBG/stm32-ipcc/$(ipcc_dev)/counters

say "Stop the M4 (it acknowledges the shutdown request)"
echo "\$ echo stop > $r/state"
rproc_stop
echo "state: $(cat $r/state); M4 shutdown requests acknowledged: $(m4_stat shutdown_acks)"
