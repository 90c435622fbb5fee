# SPDX-License-Identifier: GPL-2.0
# Soak: start/stop cycles; crash -> recovery cycles while rpmsg-stream
# streams over rpmsg_char (every message accounted for: echoed, or lost in
# a crash the program saw; silent loss fails); attach/detach cycles;
# unbind/bind of both drivers; rmmod/insmod. kmemleak is scanned after each
# phase and must be empty; each phase prints min/median/max cycle times.
# Counts: short in make test; /vboard/soak.conf (make soak) sets the long ones.
. /vboard/lib.sh
SOAK_STARTSTOP=20 SOAK_CRASH=10 SOAK_ATTACH=10 SOAK_BIND=5 SOAK_MODULES=3
[ -f /vboard/soak.conf ] && . /vboard/soak.conf

# cycle_times FILE WHAT: print "WHAT: n min/median/max ms" of FILE (ms per line)
cycle_times() {
	sort -n "$1" > "$1.s"
	_n=$(wc -l < "$1.s")
	echo "soak: $2: $_n cycles, min/median/max $(head -1 "$1.s")/$(sed -n "$(( (_n + 1) / 2 ))p" "$1.s")/$(tail -1 "$1.s") ms"
}

# leak_check PHASE: nothing new in kmemleak
leak_check() {
	[ -e $DBG/kmemleak ] || return 0
	echo scan > $DBG/kmemleak
	echo scan > $DBG/kmemleak
	_l=$(cat $DBG/kmemleak)
	[ -z "$_l" ] || { echo "$_l" | head -40; fail "kmemleak after $1"; }
	echo "soak: $1: kmemleak clean"
}

echo_ok() {
	wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg ($1)"
	rpmsg-echo -c "$(ctrl_dev)" -s 16 >/dev/null || fail "echo ($1)"
}

rproc_load || fail "load stm32_rproc"
r=$(rproc_dir)
echo disabled > $r/coredump	# 200 crashes: no dumps to keep around

# 1. start/stop
echo -n vboard-echo.elf > $r/firmware
: > /tmp/t-startstop
i=0
while [ $i -lt $SOAK_STARTSTOP ]; do
	uptime_cs t0
	rproc_start
	[ $((i % 100)) -eq 99 ] && echo_ok "start/stop cycle $i"
	rproc_stop
	uptime_cs t1
	echo $(( (t1 - t0) * 10 )) >> /tmp/t-startstop
	i=$((i + 1))
done
cycle_times /tmp/t-startstop "start/stop"
rproc_start; echo_ok "after start/stop"; rproc_stop
leak_check "start/stop"

# 2. crash -> recovery while streaming
rproc_start vboard-echo.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg"
rpmsg-stream -r -w 4 -s 64 -t 5000 > /tmp/soak-stream.log 2>&1 &
streamer=$!
: > /tmp/t-crash
i=0
while [ $i -lt $SOAK_CRASH ]; do
	rx0=$(m4_stat rx_msgs); b0=$(m4_stat boots)
	wait_for "[ \$(m4_stat rx_msgs) -gt $((rx0 + 20)) ]" 20 ||
		fail "crash cycle $i: no streaming: $(tail -3 /tmp/soak-stream.log)"
	uptime_cs t0
	echo 2 > $(rproc_dbg)/crash || fail "crash $i"
	wait_for "[ \$(m4_stat boots) -gt $b0 ] && [ \"\$(rproc_state)\" = running ]" 20 ||
		fail "crash cycle $i: no recovery ($(rproc_state))"
	uptime_cs t1
	echo $(( (t1 - t0) * 10 )) >> /tmp/t-crash
	i=$((i + 1))
done
rx0=$(m4_stat rx_msgs)
wait_for "[ \$(m4_stat rx_msgs) -gt $((rx0 + 20)) ]" 20 || fail "no streaming after the crashes"
kill -TERM $streamer
wait $streamer; rc=$?
cycle_times /tmp/t-crash "crash->running"
rep=$(tail -1 /tmp/soak-stream.log)
echo "soak: $rep"
[ $rc -eq 0 ] || fail "stream accounting (rc $rc): $(tail -5 /tmp/soak-stream.log)"
val() { echo "$rep" | sed -n "s/.* $1=\([0-9]*\).*/\1/p"; }
expect_eq "silent loss" "$(val silent_lost)" 0
expect_eq "mismatches" "$(val mismatches)" 0
expect_eq "sent = received + lost in crash" "$(val sent)" $(( $(val received) + $(val lost_in_crash) ))
expect_eq "errors seen = crashes" "$(val errors)" $SOAK_CRASH
echo "soak: stream: sent $(val sent), received $(val received), lost in crash $(val lost_in_crash), silent 0"
rproc_stop
echo default > $r/coredump
leak_check "crash->recovery"

# 3. attach/detach
rproc_unload || fail "rmmod"
echo vboard-echo.elf > $DBG/vboard/bootloader || fail "bootloader"
rproc_load || fail "load (attach)"
r=$(rproc_dir)
expect_eq "state at probe" "$(cat $r/state)" detached
: > /tmp/t-attach
i=0
while [ $i -lt $SOAK_ATTACH ]; do
	uptime_cs t0
	echo start > $r/state || fail "attach $i"
	wait_for '[ "$(rproc_state)" = attached ]' 10 || fail "attach $i: $(rproc_state)"
	[ $((i % 10)) -eq 9 ] && echo_ok "attach cycle $i"
	echo detach > $r/state || fail "detach $i"
	wait_for '[ "$(rproc_state)" = detached ]' 10 || fail "detach $i: $(rproc_state)"
	uptime_cs t1
	echo $(( (t1 - t0) * 10 )) >> /tmp/t-attach
	i=$((i + 1))
done
cycle_times /tmp/t-attach "attach/detach"
expect_eq "M4 still running" "$(m4_stat state)" running
echo start > $r/state; wait_for '[ "$(rproc_state)" = attached ]' 10 || fail "final attach"
rproc_stop
leak_check "attach/detach"

# 4. unbind/bind both drivers
# devlinks: the device links of the board and their states (a failure says)
devlinks() {
	for l in /sys/class/devlink/*; do
		[ -e "$l/status" ] && echo "$(basename "$l")=$(cat "$l/status")"
	done | tr '\n' ' '
}
rdev=$(basename "$(readlink -f /sys/bus/platform/drivers/stm32-rproc/*m4* 2>/dev/null)")
idev=$(ipcc_dev) || fail "no ipcc device"
[ -n "$rdev" ] || fail "no rproc device"
: > /tmp/t-bind
i=0
while [ $i -lt $SOAK_BIND ]; do
	uptime_cs t0
	# Even cycles: consumer first. Odd: the IPCC goes while the rproc is
	# bound; the device link (fw_devlink, "mboxes") unbinds the rproc first.
	if [ $((i % 2)) -eq 0 ]; then
		echo "$rdev" > /sys/bus/platform/drivers/stm32-rproc/unbind || fail "unbind rproc $i"
	fi
	echo "$idev" > /sys/bus/platform/drivers/stm32-ipcc/unbind || fail "unbind ipcc $i"
	rproc_dir >/dev/null && fail "rproc still there without its IPCC ($i): device links: $(devlinks)"
	echo "$idev" > /sys/bus/platform/drivers/stm32-ipcc/bind || fail "bind ipcc $i"
	# The link may re-probe the rproc by itself; else bind it
	wait_for '[ -e /sys/bus/platform/drivers/stm32-rproc/$rdev ]' 3 2>/dev/null ||
		echo "$rdev" > /sys/bus/platform/drivers/stm32-rproc/bind || fail "bind rproc $i"
	wait_for 'rproc_dir >/dev/null' 10 || fail "no remoteproc after bind $i"
	if [ $((i % 10)) -eq 4 ]; then
		rproc_start vboard-echo.elf; echo_ok "bind cycle $i"; rproc_stop
	fi
	uptime_cs t1
	echo $(( (t1 - t0) * 10 )) >> /tmp/t-bind
	i=$((i + 1))
done
cycle_times /tmp/t-bind "unbind/bind"
leak_check "unbind/bind"

# 5. rmmod/insmod
: > /tmp/t-mod
i=0
while [ $i -lt $SOAK_MODULES ]; do
	uptime_cs t0
	rmmod stm32_rproc || fail "rmmod stm32_rproc $i"
	rmmod stm32_ipcc || fail "rmmod stm32_ipcc $i"
	insmod $MODDIR/stm32-ipcc.ko || fail "insmod stm32-ipcc $i"
	wait_for 'ipcc_dev >/dev/null' 10 || fail "no ipcc after insmod $i"
	rproc_load || fail "insmod stm32_rproc $i"
	rproc_start vboard-echo.elf; echo_ok "module cycle $i"; rproc_stop
	uptime_cs t1
	echo $(( (t1 - t0) * 10 )) >> /tmp/t-mod
	i=$((i + 1))
done
cycle_times /tmp/t-mod "rmmod/insmod (+start/echo/stop)"
leak_check "rmmod/insmod"
