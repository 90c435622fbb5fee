# SPDX-License-Identifier: GPL-2.0
# Hostile remotes (fw/vboard-fw.h flags): Linux survives each within a
# bound, says what happened, and a stop/start brings a working M4 back.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir)

works_after() {
	rproc_start vboard-echo.elf
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

# 1. IPCC storm: the M4 re-rings both vrings as fast as Linux acknowledges,
#    for 2 s. Linux warns, keeps serving, and the storm ends with the M4's.
w0=$(count_log 'notifications in a row without work: the M4 floods IPCC')
rproc_start vboard-ipcc-storm.elf
t=$(rproc_dbg)/trace0
wait_for "grep -q 'IPCC storm over' $t" 30 || fail "storm did not end"
grep 'IPCC storm over' $t
[ "$(count_log 'notifications in a row without work: the M4 floods IPCC')" -gt $w0 ] ||
	fail "no storm warning"
timed_stop storm 5
works_after storm

# 2. Name-service flood: 1000 announcements become 1000 channels; stop
#    removes them all.
rproc_start vboard-ns-flood.elf
t=$(rproc_dbg)/trace0
wait_for "grep -q 'name-service flood: 1000 sent' $t" 120 || fail "flood: $(tail -2 $t)"
wait_for '[ $(ls /sys/bus/rpmsg/devices | grep -c vboard-flood) -ge 1000 ]' 120 ||
	fail "flood channels: $(ls /sys/bus/rpmsg/devices | grep -c vboard-flood)"
timed_stop "ns flood" 60
[ -z "$(ls /sys/bus/rpmsg/devices 2>/dev/null)" ] || fail "channels left after the flood"
works_after "ns flood"

# 3. A used-ring entry with an out-of-range id: the virtio core marks the
#    ring broken and says so; messages fail instead of hanging.
rproc_start vboard-bad-used-id.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg (bad id)"
rpmsg-echo -c "$(ctrl_dev)" -s 3 -t 1000 >/dev/null 2>&1 && fail "echo through a broken ring"
wait_for "dmesg | grep -q 'id 13 out of range'" 5 || fail "no out-of-range report"
timed_stop "bad used id" 5
works_after "bad used id"

# 4. A used length past the buffer: rejected with a message
rproc_start vboard-bad-used-len.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg (bad len)"
n0=$(count_log 'inbound msg too big\|greater than')
rpmsg-echo -c "$(ctrl_dev)" -s 3 -t 1000 >/dev/null 2>&1 && fail "echo with bad lengths"
wait_for "[ \$(count_log 'inbound msg too big\\|greater than') -gt $n0 ]" 5 || fail "no length report"
timed_stop "bad used len" 5
works_after "bad used len"

# 5. The M4 scribbles over its resource table while running (ver, num =
#    0xffffffff, vring 0): the core works on Linux's own copy, so the debugfs
#    view of the table is unchanged and bounded, RPMsg goes on, stop is clean.
rproc_start vboard-echo.elf
entries=$(grep -c '^Entry [0-9]* is of type' $(rproc_dbg)/resource_table)
[ "$entries" -ge 2 ] || fail "resource_table of a good image: $entries entries"
rproc_stop
rproc_start vboard-rsc-rewrite.elf
t=$(rproc_dbg)/trace0
wait_for "grep -q 'rewriting the resource table' $t" 10 || fail "no rewrite"
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg (rewrite)"
rpmsg-echo -c "$(ctrl_dev)" -s 8 >/dev/null || fail "echo after the rewrite"
expect_eq "resource_table after the rewrite" \
	"$(grep -c '^Entry [0-9]* is of type' $(rproc_dbg)/resource_table)" "$entries"
cat $(rproc_dbg)/trace0 >/dev/null || fail "trace0 after the rewrite"
timed_stop "rsc rewrite" 5
works_after "rsc rewrite"
