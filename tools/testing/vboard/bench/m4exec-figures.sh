#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Figures of the executing M4 (m4run) against the model's behavioural M4, in
# one boot: instructions per second, boot to name service, echo round trip
# and throughput, host CPU of an idle (WFI) M4. Run it on the board:
#   make vboard SCRIPT=tools/testing/vboard/bench/m4exec-figures.sh
. /vboard/lib.sh
rproc_load >/dev/null || fail "load stm32_rproc"
r=$(rproc_dir)

echo "== Unicorn in this guest (no board): $(m4run --mips 2000000)"

# cpu_ticks PID: utime + stime of a process, in clock ticks (100 Hz)
cpu_ticks() {
	awk '{ print $14 + $15 }' /proc/$1/stat
}

for mode in off all; do
	echo "$mode" > $DBG/vboard/m4-exec
	name=$([ $mode = all ] && echo executing || echo behavioural)
	[ $mode = off ] || grep -q "^attached 1" $DBG/vboard/m4-exec || fail "m4run not attached"
	uptime_cs t0
	rproc_start vboard-echo.elf >/dev/null
	wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 30 || fail "$name: no rpmsg-raw"
	expect_eq "$name: the M4 that ran" "$(m4_stat executing)" $([ $mode = all ] && echo 1 || echo 0)
	uptime_cs t1
	echo "== $name M4: start to rpmsg-raw $(( (t1 - t0) * 10 )) ms"
	# round trip: 200 messages of 16 bytes, one at a time
	uptime_cs t0
	rpmsg-echo -c "$(ctrl_dev)" -n 12 -s 16 >/dev/null || fail "$name: echo"
	uptime_cs t1
	echo "$name: 192 round trips (1..16 bytes) in $(( (t1 - t0) * 10 )) ms"
	rpmsg-stream -s 496 -w 8 -N 400 -t 60000 | tail -1 | sed "s/^/$name: stream: /"
	if [ $mode = all ]; then
		p=$(pidof m4run) || fail "m4run is gone: $(tail -3 /tmp/m4run.log)"
		c0=$(cpu_ticks $p); sleep 10; c1=$(cpu_ticks $p)
		echo "$name: idle M4 (WFI, 2 Hz tick): m4run used $(( (c1 - c0) * 10 )) ms of CPU in 10 s"
	fi
	rproc_stop >/dev/null
done
echo auto > $DBG/vboard/m4-exec
