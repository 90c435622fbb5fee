# SPDX-License-Identifier: GPL-2.0
# Bad attach inputs: table address 0, outside every memory, corrupt table.
# Each: a clear error at probe, the rproc offline, and a normal start works.
# Then a table that was good at probe and broken by the M4 before the attach:
# checked again on the copy the core gets, the attach fails with the reason.
. /vboard/lib.sh
for t in "rsc=0|resource table address (BKP17R) is 0" \
	 "rsc=0x20000000|resource table address 0x20000000 is outside every M4 memory" \
	 "corrupt|resource table ver 2 (want 1)"; do
	opt=${t%%|*}; msg=${t#*|}
	rproc_unload || fail "rmmod"
	echo "vboard-echo.elf $opt" > $DBG/vboard/bootloader || fail "bootloader $opt"
	n0=$(count_log "cannot attach: .*$msg")
	rproc_load || fail "load ($opt)"
	expect_eq "error for $opt" "$(count_log "cannot attach: .*$msg")" $((n0 + 1))
	expect_eq "state for $opt" "$(rproc_state)" offline
	rproc_start vboard-echo.elf
	wait_for 'rpmsg_dev rpmsg-raw >/dev/null' 10 || fail "no rpmsg after $opt"
	rproc_stop
done

rproc_unload || fail "rmmod"
echo vboard-echo.elf > $DBG/vboard/bootloader || fail "bootloader (scribble)"
rproc_load || fail "load (scribble)"
r=$(rproc_dir)
expect_eq "state before the scribble" "$(cat $r/state)" detached
echo scribble > $DBG/vboard/bootloader || fail "scribble"
n0=$(count_log "cannot attach: table at 0x[0-9a-f]*: resource table ver 2 (want 1)")
echo start > $r/state 2>/dev/null && fail "attach to a scribbled table"
expect_eq "error for the scribble" \
	"$(count_log "cannot attach: table at 0x[0-9a-f]*: resource table ver 2 (want 1)")" $((n0 + 1))
expect_eq "state after the refused attach" "$(cat $r/state)" detached
rproc_unload || fail "rmmod (scribble)"
rproc_load || fail "reload (scribble)"
expect_eq "state after reload" "$(rproc_state)" offline
rproc_start vboard-echo.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null' 10 || fail "no rpmsg after the scribble"
rproc_stop
