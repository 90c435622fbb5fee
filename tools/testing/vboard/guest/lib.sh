# SPDX-License-Identifier: GPL-2.0
# Helpers for the guest scenarios (sourced).
MODDIR=/lib/modules/vboard
DBG=/sys/kernel/debug

# wait_for COND_CMD [TIMEOUT_S]: poll a shell condition every 50 ms until
# it holds or TIMEOUT_S (default 10) seconds of uptime have passed
wait_for() {
	_cond=$1
	uptime_cs _now
	_end=$((_now + ${2:-10} * 100))
	while :; do
		eval "$_cond" && return 0
		uptime_cs _now
		[ "$_now" -ge "$_end" ] && break
		usleep 50000
	done
	echo "timeout (${2:-10}s) waiting for: $_cond" >&2
	return 1
}

# uptime_cs VAR: uptime in centiseconds into VAR (no fork)
uptime_cs() {
	read -r _u _rest < /proc/uptime
	eval "$1=$(( ${_u%.*} * 100 + 1${_u#*.} - 100 ))"
}

# Name of the device bound to stm32-ipcc (e.g. vboard:mailbox@4c001000):
# the M4's or the M33's IPCC (IPCC1), not the M0+'s (vboard:smartrun:...)
ipcc_dev() {
	for _d in /sys/bus/platform/drivers/stm32-ipcc/vboard:mailbox@*; do
		[ -L "$_d" ] && basename "$_d" && return 0
	done
	return 1
}

vboard_load_modules() {
	insmod $MODDIR/vboard-model.ko || return 1
	# The executing core is a Cortex-M4 (m4run): not on the M33 board
	[ "$(cat /vboard/board)" = mp25 ] || m4run_start || return 1
	insmod $MODDIR/stm32-ipcc.ko || return 1
	wait_for '[ -d $DBG/vboard ] && ipcc_dev >/dev/null' 10
}

# The executing M4 (m4run) attached to the model: images without a
# behavioural descriptor, or all with m4-exec "all", run on it
m4run_start() {
	pidof m4run >/dev/null && return 0
	m4run -l /tmp/m4-uart.log 2>>/tmp/m4run.log &
	wait_for 'grep -q "^attached 1" $DBG/vboard/m4-exec' 10 || return 1
	[ -f /vboard/m4-exec ] && cat /vboard/m4-exec > $DBG/vboard/m4-exec
	return 0
}

# make vboard FW=image.elf: start the user's image on the executing M4 and
# say what it did (state, RPMsg channels, its log)
user_fw_start() {
	_fw=$(cat /vboard/user-fw)
	_r=$(rproc_dir) || return 1
	echo "Starting $_fw on the executing M4 (m4run)"
	echo "$_fw" > "$_r/firmware"
	echo start > "$_r/state" || echo "start failed: see dmesg"
	echo "state: $(cat "$_r/state")"
	wait_for 'ls /sys/bus/rpmsg/devices/ 2>/dev/null | grep -q .' 15 &&
		echo "RPMsg channels: $(cat /sys/bus/rpmsg/devices/*/name | tr '\n' ' ')"
	echo "M4 log (trace0), first lines:"
	head -5 "$DBG/remoteproc/$(basename "$_r")/trace0" 2>/dev/null
	echo "m4run (faults, unmodelled peripherals): /tmp/m4run.log; UART: /tmp/m4-uart.log"
	tail -3 /tmp/m4run.log
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# ---------------------------------------------------------------- remoteproc

# Load our remoteproc driver (or the upstream one with "upstream")
rproc_load() {
	lsmod | grep -q '^stm32_rproc ' && return 0
	if [ "${1:-}" = upstream ]; then
		insmod $MODDIR/upstream/stm32_rproc.ko || return 1
	else
		insmod $MODDIR/stm32-rproc.ko || return 1
	fi
	wait_for 'rproc_dir >/dev/null' 10
}

rproc_unload() {
	lsmod | grep -q '^stm32_rproc ' || return 0
	rmmod stm32_rproc
}

# /sys/class/remoteproc/remoteprocN of the coprocessor (the M4, or the
# M33 on the STM32MP25 board), found by name, not index
rproc_dir() {
	for _r in /sys/class/remoteproc/remoteproc*; do
		case "$(cat "$_r/name" 2>/dev/null)" in
		m4|m33) echo "$_r" && return 0 ;;
		esac
	done
	return 1
}

rproc_dbg() {
	echo "$DBG/remoteproc/$(basename "$(rproc_dir)")"
}

rproc_state() {
	cat "$(rproc_dir)/state"
}

# core_start DIR WHO [FIRMWARE]: start the rproc at DIR, wait for "running"
core_start() {
	_d=$1 _w=$2
	[ -n "${3:-}" ] && { echo -n "$3" > "$_d/firmware" || fail "set firmware $3"; }
	echo start > "$_d/state" || fail "start $(cat $_d/firmware)"
	wait_for '[ "$(cat $_d/state)" = running ]' 10 || fail "$_w not running: $(cat $_d/state)"
}

# core_stop DIR WHO: stop the rproc at DIR, wait for "offline"
core_stop() {
	_d=$1 _w=$2
	echo stop > "$_d/state" || fail "stop the $_w"
	wait_for '[ "$(cat $_d/state)" = offline ]' 10 || fail "$_w not offline: $(cat $_d/state)"
}

# rproc_start [FIRMWARE], rproc_stop: on the M4 (the M33 on MP25)
rproc_start() {
	_r=$(rproc_dir) || fail "no m4 remoteproc"
	core_start "$_r" m4 "$@"
}

# rproc_attach_echo WHAT: "start" on a detached rproc attaches, the RPMsg
# devices come back and echo (WHAT names the step in a failure)
rproc_attach_echo() {
	echo start > "$(rproc_dir)/state" || fail "$1: start"
	wait_for '[ "$(rproc_state)" = attached ]' 10 || fail "$1: $(rproc_state)"
	wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 ||
		fail "$1: no rpmsg"
	rpmsg-echo -c "$(ctrl_dev)" -s 32 || fail "$1: echo"
}

rproc_stop() {
	_r=$(rproc_dir) || fail "no m4 remoteproc"
	core_stop "$_r" m4
}

# crash_recover: a debugfs crash of the running core; wait until it has
# booted again (the model counts boots) and the rproc runs
crash_recover() {
	_b0=$(m4_stat boots)
	echo 1 > "$(rproc_dbg)/crash" || fail "crash"
	wait_for '[ "$(m4_stat boots)" -gt '"$_b0"' ] && [ "$(rproc_state)" = running ]' 15 ||
		fail "no recovery: $(rproc_state)"
}

# echo_again WHEN: the RPMsg devices are back and echo (WHEN names the step)
echo_again() {
	wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 15 || fail "no rpmsg $1"
	rpmsg-echo -c "$(ctrl_dev)" -s 32 || fail "echo $1"
}

# m4_stat KEY: a counter of the emulated M4 (/sys/kernel/debug/vboard/m4)
m4_stat() {
	awk -v k="$1" '$1 == k { print $2 }' $DBG/vboard/m4
}

# board_stat KEY: a line of the model state (mcu_resets, boots, hold_boot...)
board_stat() {
	awk -v k="$1" '$1 == k { print $2 }' $DBG/vboard/state
}

# refuse_bad_images DIR MIN: every image of /lib/firmware/DIR/MANIFEST
# (file|message, fw/mkbad.py) refused at start with its message, the rproc
# left offline; at least MIN of them
refuse_bad_images() {
	_r=$(rproc_dir) || fail "no remoteproc"
	_n=0
	while IFS='|' read -r _f _want; do
		_n=$((_n + 1))
		_c0=$(dmesg | grep -F "invalid firmware $1/$_f: " | grep -cF "$_want")
		echo -n "$1/$_f" > $_r/firmware || fail "set $_f"
		echo start > $_r/state 2>/dev/null && fail "$_f: start succeeded"
		expect_eq "$_f state" "$(cat $_r/state)" offline
		expect_eq "$_f message '$_want'" \
			"$(dmesg | grep -F "invalid firmware $1/$_f: " | grep -cF "$_want")" $((_c0 + 1))
	done < /lib/firmware/$1/MANIFEST
	echo "$_n malformed images in $1 refused"
	[ $_n -ge $2 ] || fail "only $_n images in $1"
}

# ---------------------------------------------------------------- STM32MP25 M0+

# /sys/class/remoteproc/remoteprocN of the Cortex-M0+
m0_dir() {
	for _r in /sys/class/remoteproc/remoteproc*; do
		[ "$(cat "$_r/name" 2>/dev/null)" = m0 ] && echo "$_r" && return 0
	done
	return 1
}

# m0_stat KEY: a line of the model's M0+ and IPCC2 (vboard/m0/state)
m0_stat() {
	awk -v k="$1" '$1 == k { $1 = ""; sub(/^ /, ""); print }' $DBG/vboard/m0/state
}

# m0_start [FIRMWARE], m0_stop: as rproc_start/rproc_stop, on the M0+
m0_start() {
	_r=$(m0_dir) || fail "no m0 remoteproc"
	core_start "$_r" M0+ "$@"
}

m0_stop() {
	_r=$(m0_dir) || fail "no m0 remoteproc"
	core_stop "$_r" M0+
}

# sdb_load: the shared data buffers driver (rpmsg_sdb), once per boot
sdb_load() {
	[ -d /sys/module/rpmsg_sdb ] || insmod $MODDIR/rpmsg_sdb.ko
}

# sdb_stat KEY: a counter of the model's rpmsg-sdb-channel side
# (buffers, free, produced, lost, consumed, errors, bad)
sdb_stat() {
	awk -v k="$1" '{ for (i = 1; i < NF; i++) if ($i == k) print $(i + 1) }' $DBG/vboard/sdb
}

# sdb_both_ways POOL_PA POOL_DA: with an image serving rpmsg-sdb-channel
# running, the pool is announced at those addresses (the CPU's printed at
# the width of phys_addr_t); 200 x 64 KiB from the
# core (read() records), 90 x 16 KiB through ST's eventfd + GET_DATA_SIZE,
# 100 x 32 KiB to the core (checked by it): every word and sequence number
# checked, nothing lost, every buffer withdrawn at close (sdb-stream's
# stderr goes into the failure message)
sdb_both_ways() {
	local out c0
	wait_for '[ -c /dev/rpmsg-sdb ]' 10 || fail "no /dev/rpmsg-sdb"
	dmesg | grep -Eq "/dev/rpmsg-sdb: pool 0x0*${1#0x} \(core $2\), 0x400000 bytes" ||
		fail "pool not announced at $1 (core $2): $(dmesg | grep rpmsg-sdb)"
	out=$(sdb-stream -n 4 -s 65536 -c 200 -k "produce 200 0 0" 2>&1) || fail "stream: $out"
	echo "$out"
	expect_eq "received" "$(kv "$out" received)" 200
	expect_eq "lost" "$(kv "$out" lost)" 0
	expect_eq "bytes" "$(kv "$out" bytes)" $((200 * 65536))
	expect_eq "model lost" "$(sdb_stat lost)" 0
	wait_for '[ "$(sdb_stat buffers)" = 0 ]' 5 ||
		fail "buffers left with the core: $(cat $DBG/vboard/sdb)"
	out=$(sdb-stream -e -n 3 -s 16384 -c 90 -k "produce 90 0 0" 2>&1) || fail "ST's interface: $out"
	echo "$out"
	expect_eq "received (eventfd)" "$(kv "$out" received)" 90
	c0=$(sdb_stat consumed)
	out=$(sdb-stream -t -n 4 -s 32768 -c 100 2>&1) || fail "to the core: $out"
	echo "$out"
	expect_eq "sent" "$(kv "$out" sent)" 100
	expect_eq "core checked" "$(sdb_stat consumed)" $((c0 + 100))
	expect_eq "core data errors" "$(sdb_stat errors)" 0
}

# sdb_crash_midstream CRASH: a reader mid-stream when the core crashes
# (CRASH written to the debugfs crash file) sees the hang-up, the channel
# comes back after the recovery, and the whole 4 MiB pool is free again
sdb_crash_midstream() {
	local b0 p0 reader rc out
	b0=$(m4_stat boots); p0=$(sdb_stat produced)
	sdb-stream -n 4 -s 65536 -c 1000000 -k "produce 1000000 0 2048" > /tmp/sdb.log 2>&1 &
	reader=$!
	wait_for "[ \$(sdb_stat produced) -gt $((p0 + 20)) ]" 20 ||
		fail "stream did not start: $(cat /tmp/sdb.log)"
	echo "$1" > "$(rproc_dbg)/crash"
	wait $reader
	rc=$?
	cat /tmp/sdb.log
	expect_eq "reader exit (hang-up)" $rc 3
	wait_for "[ \$(m4_stat boots) -gt $b0 ] && [ \"\$(rproc_state)\" = running ]" 20 ||
		fail "no recovery"
	wait_for '[ -c /dev/rpmsg-sdb ]' 10 || fail "no /dev/rpmsg-sdb after recovery"
	out=$(sdb-stream -n 64 -s 65536 -c 100 -k "produce 100 0 0" 2>&1) ||
		fail "stream after recovery: $out"
	echo "$out"
	expect_eq "received after recovery" "$(kv "$out" received)" 100
	expect_eq "buffers (whole pool)" "$(kv "$out" buffers)" 64
}

# kv LINE KEY: the word after KEY in LINE (sdb-stream's report)
kv() {
	echo "$1" | awk -v k="$2" '{ for (i = 1; i < NF; i++) if ($i == k) { print $(i + 1); exit } }'
}

# pd_stat DOMAIN [KEY]: a power domain of the STM32MP25 model (cluster,
# retention): "on"/"off", or one of its counters (on, off, suspend-off)
pd_stat() {
	awk -v d="$1" -v k="${2:-state}" '$1 == d { if (k == "state") print $2
		else for (i = 3; i < NF; i += 2) if ($i == k) print $(i + 1) }' $DBG/vboard/pd
}

# freeze_m4_wake WHAT: suspend to idle, woken 1 s later by the core ringing
# Linux (IPCC wakeup enabled for the time of it); one more successful
# suspend, or fail naming WHAT
freeze_m4_wake() {
	_w=/sys/bus/platform/devices/$(ipcc_dev)/power/wakeup
	_ok=$(cat /sys/power/suspend_stats/success)
	echo enabled > "$_w" || fail "$1: enable IPCC wakeup"
	echo "rx 1000" > $DBG/vboard/wake_in || fail "$1: wake_in"
	echo freeze > /sys/power/state || fail "$1: freeze"
	echo disabled > "$_w"
	expect_eq "$1: suspend count" "$(cat /sys/power/suspend_stats/success)" $((_ok + 1))
}

# rpmsg_dev NAME: the rpmsg device of an announced service
rpmsg_dev() {
	for _d in /sys/bus/rpmsg/devices/*; do
		[ "$(cat "$_d/name" 2>/dev/null)" = "$1" ] && echo "$_d" && return 0
	done
	return 1
}


# Between scenarios: whatever a failed scenario left, the next starts clean
# ipcc_irqs rx|tx: interrupts Linux took on that IPCC line (all CPUs)
ipcc_irqs() {
	awk -v l="$1" '$0 ~ "vboard:mailbox@[0-9a-f]*:" l "$" { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i } END { print n + 0 }' /proc/interrupts
}
# ipcc_ctr CHANNEL FIELD: a column of the driver's debugfs counters
ipcc_ctr() {
	awk -v c="$1" -v f="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == c { print $col[f] }' $DBG/stm32-ipcc/$(ipcc_dev)/counters
}
vboard_cleanup() {
	for _r in $(rproc_dir 2>/dev/null) $(m0_dir 2>/dev/null); do
		case "$(cat "$_r/state")" in
		running|attached|crashed) echo stop > "$_r/state" 2>/dev/null ;;
		esac
		[ "$(cat "$_r/recovery" 2>/dev/null)" = enabled ] ||
			echo enabled > "$_r/recovery" 2>/dev/null
	done
	return 0
}

# count_log PATTERN: dmesg lines matching since the current scenario began
# (run-tests.sh writes the marker). Counting the whole log is not monotonic:
# once the ring buffer wraps, old matches drop out and a count can go down.
count_log() {
	dmesg | awk '/vboard-runner: scenario .* begins/ { n = 0; next } { l[n++] = $0 }
		END { for (i = 0; i < n; i++) print l[i] }' | grep -c "$1" || true
}

# ctrl_dev: the rpmsg_ctrl device of the current M4 session
ctrl_dev() {
	ls /dev/rpmsg_ctrl* 2>/dev/null | head -1
}

# Remove every pending devcoredump
devcd_clear() {
	for _d in /sys/class/devcoredump/devcd*; do
		[ -e "$_d/data" ] && echo 1 > "$_d/data"
	done
	return 0
}

# hostile_remotes PREFIX CORE: hostile images PREFIX{ipcc-storm,ns-flood,
# bad-used-id,bad-used-len,rsc-rewrite}.elf (fw/vboard-fw.h flags) on the
# core CORE ("M4", "M33"): Linux survives each within a bound, says what
# happened, and a stop/start of PREFIXecho.elf brings a working core back
hostile_remotes() {
	_hpfx=$1 _hcore=$2
	works_after() {
		rproc_start ${_hpfx}echo.elf
		wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg after $1"
		rpmsg-echo -c "$(ctrl_dev)" -s 8 >/dev/null || fail "echo after $1"
		rproc_stop
	}

	# timed_stop WHAT MAX_S: stop within MAX_S seconds
	timed_stop() {
		uptime_cs _t0
		rproc_stop
		uptime_cs _t1
		echo "$1: stop took $(( (_t1 - _t0) * 10 )) ms"
		[ $((_t1 - _t0)) -lt $(($2 * 100)) ] || fail "$1: stop took more than $2 s"
	}

	# 1. IPCC storm: the core re-rings both vrings as fast as Linux
	#    acknowledges, for 2 s. Linux warns, keeps serving, and the storm
	#    ends with the core's.
	w0=$(count_log "notifications in a row without work: the $_hcore floods IPCC")
	rproc_start ${_hpfx}ipcc-storm.elf
	t=$(rproc_dbg)/trace0
	wait_for "grep -q 'IPCC storm over' $t" 30 || fail "storm did not end"
	grep 'IPCC storm over' $t
	[ "$(count_log "notifications in a row without work: the $_hcore floods IPCC")" -gt $w0 ] ||
		fail "no storm warning"
	timed_stop storm 5
	works_after storm

	# 2. Name-service flood: 1000 announcements become 1000 channels; stop
	#    removes them all.
	rproc_start ${_hpfx}ns-flood.elf
	t=$(rproc_dbg)/trace0
	wait_for "grep -q 'name-service flood: 1000 sent' $t" 120 || fail "flood: $(tail -2 $t)"
	wait_for '[ $(ls /sys/bus/rpmsg/devices | grep -c vboard-flood) -ge 1000 ]' 120 ||
		fail "flood channels: $(ls /sys/bus/rpmsg/devices | grep -c vboard-flood)"
	timed_stop "ns flood" 60
	[ -z "$(ls /sys/bus/rpmsg/devices 2>/dev/null)" ] || fail "channels left after the flood"
	works_after "ns flood"

	# 3. A used-ring entry with an out-of-range id: the virtio core marks the
	#    ring broken and says so; messages fail instead of hanging.
	rproc_start ${_hpfx}bad-used-id.elf
	wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg (bad id)"
	rpmsg-echo -c "$(ctrl_dev)" -s 3 -t 1000 >/dev/null 2>&1 && fail "echo through a broken ring"
	wait_for "dmesg | grep -q 'id 13 out of range'" 5 || fail "no out-of-range report"
	timed_stop "bad used id" 5
	works_after "bad used id"

	# 4. A used length past the buffer: rejected with a message
	rproc_start ${_hpfx}bad-used-len.elf
	wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg (bad len)"
	n0=$(count_log 'inbound msg too big\|greater than')
	rpmsg-echo -c "$(ctrl_dev)" -s 3 -t 1000 >/dev/null 2>&1 && fail "echo with bad lengths"
	wait_for "[ \$(count_log 'inbound msg too big\\|greater than') -gt $n0 ]" 5 || fail "no length report"
	timed_stop "bad used len" 5
	works_after "bad used len"

	# 5. The core scribbles over its resource table while running (ver, num =
	#    0xffffffff, vring 0): the core works on Linux's own copy, so the debugfs
	#    view of the table is unchanged and bounded, RPMsg goes on, stop is clean.
	rproc_start ${_hpfx}echo.elf
	entries=$(grep -c '^Entry [0-9]* is of type' $(rproc_dbg)/resource_table)
	[ "$entries" -ge 2 ] || fail "resource_table of a good image: $entries entries"
	rproc_stop
	rproc_start ${_hpfx}rsc-rewrite.elf
	t=$(rproc_dbg)/trace0
	wait_for "grep -q 'rewriting the resource table' $t" 10 || fail "no rewrite"
	wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg (rewrite)"
	rpmsg-echo -c "$(ctrl_dev)" -s 8 >/dev/null || fail "echo after the rewrite"
	expect_eq "resource_table after the rewrite" \
		"$(grep -c '^Entry [0-9]* is of type' $(rproc_dbg)/resource_table)" "$entries"
	cat $(rproc_dbg)/trace0 >/dev/null || fail "trace0 after the rewrite"
	timed_stop "rsc rewrite" 5
	works_after "rsc rewrite"
}
