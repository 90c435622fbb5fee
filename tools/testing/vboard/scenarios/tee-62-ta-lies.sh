# SPDX-License-Identifier: GPL-2.0
# [J] The TA's word on the resource table is not trusted (OP-TEE's TA
# does not check that the address is one Linux may read): the model's TA
# is made to report, for the good image, a table outside every
# memory-region, one running past the end of the shared region, one past
# the largest table Linux takes, and one too short for what it holds.
# Each is refused with its message, the TA released the image (its state
# is off again), the M4 stays offline, and the honest answer boots after
# each.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir) || fail "no m4 remoteproc"
T=$DBG/vboard/tee

# lie "PA SIZE" PATTERN: the TA reports that table, Linux says PATTERN
# (wait_for evaluates its condition in its own frame: globals, not $1 $2)
lie() {
	_table=$1 _want=$2
	n0=$(count_log "$_want")
	echo "$_table" > $T/rsc || fail "knob: $_table"
	echo start > $r/state 2>/dev/null && fail "started with a table at $_table"
	wait_for '[ "$(count_log "$_want")" -gt '"$n0"' ]' 5 ||
		fail "table $_table: no '$_want': $(dmesg | tail -2)"
	expect_eq "table $1: state" "$(rproc_state)" offline
	expect_eq "table $1: TA state" "$(awk '$1 == "state:" { print $2 }' $T/status)" off
	echo - > $T/rsc
	rproc_start
	rproc_stop
}

rproc_start signed/vboard-tee.sign
rproc_stop
# RETRAM (the secure world's), then the shared region's last bytes + 1
lie "50000000 90" "secure world puts the resource table at 0x0*50000000 (0x90 bytes), outside every memory-region: refused"
lie "5014ff80 100" "secure world puts the resource table at 0x0*5014ff80 (0x100 bytes), outside every memory-region: refused"
lie "50148000 100000" "secure world reports a resource table of 0x100000 bytes at 0x50148000: refused"
lie "50148000 10" "invalid resource table from the secure world: "
