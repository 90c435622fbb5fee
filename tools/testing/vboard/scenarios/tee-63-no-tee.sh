# SPDX-License-Identifier: GPL-2.0
# [J] Without OP-TEE, and with an OP-TEE that cannot reach its remoteproc
# TA yet (not built in, or tee-supplicant not running), the driver defers
# its probe, says so once, plainly (the TA's UUID in the second case), and
# leaves the reason in devices_deferred; the remoteproc is absent. When
# the secure world is there, a probe attempt of the device binds without
# reloading anything, and the signed image boots.
. /vboard/lib.sh
T=$DBG/vboard/tee
UUID=80a4c275-0a47-4905-8285-1486a9771a08
rproc_unload || fail "rmmod"
dev=$(basename /sys/bus/platform/devices/*.m4)

# defer_until WHAT KNOB ONCE REASON: with KNOB at 0 the probe defers, says
# ONCE once and REASON in devices_deferred; KNOB at 1 and a probe attempt
# bind it (wait_for evaluates its condition in its own frame: globals only)
defer_until() {
	_reason=$4
	n0=$(count_log "$3")
	echo 0 > $T/$2 || fail "$1: cannot take it away"
	insmod $MODDIR/stm32-rproc.ko || fail "$1: insmod"
	wait_for 'grep -qF "$_reason" $DBG/devices_deferred' 5 ||
		fail "$1: no deferral reason: $(cat $DBG/devices_deferred)"
	expect_eq "$1: said" "$(count_log "$3")" $((n0 + 1))
	rproc_dir >/dev/null && fail "$1: a remoteproc without it"
	echo 1 > $T/$2 || fail "$1: cannot give it back"
	echo "$dev" > /sys/bus/platform/drivers_probe
	wait_for 'rproc_dir >/dev/null' 5 || fail "$1: not bound once it is there"
	grep -q "$dev" $DBG/devices_deferred && fail "$1: still deferred"
	rproc_unload
}

defer_until "no TEE" present "waiting for OP-TEE: no TEE device yet" \
	"waiting for OP-TEE (no TEE device yet)"
[ "$(cat $T/present)" = 1 ] || fail "TEE device not back"
defer_until "no TA" ta "OP-TEE has no remoteproc TA ($UUID) yet" \
	"waiting for OP-TEE's remoteproc TA ($UUID)"

rproc_load || fail "load stm32_rproc"
rproc_start
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 15 || fail "no rpmsg"
rpmsg-echo -c "$(ctrl_dev)" -n 2 || fail "echo"
rproc_stop
