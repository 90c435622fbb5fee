# SPDX-License-Identifier: GPL-2.0
# [J] Without OP-TEE the driver defers its probe and says so once,
# plainly (the reason is also in devices_deferred); with OP-TEE but no
# remoteproc TA the probe fails with the TA's UUID in the message. Each
# time the remoteproc is absent; once the secure world is back, a reload
# probes and the signed image boots.
. /vboard/lib.sh
T=$DBG/vboard/tee
rproc_unload || fail "rmmod"

# no TEE device at all
echo 0 > $T/present || fail "cannot remove the TEE device"
[ -e /dev/tee0 ] && fail "/dev/tee0 still there"
n0=$(count_log "waiting for OP-TEE: no TEE device yet")
insmod $MODDIR/stm32-rproc.ko || fail "insmod"
wait_for 'grep -q "waiting for OP-TEE (no TEE device yet)" $DBG/devices_deferred' 5 ||
	fail "no deferral reason: $(cat $DBG/devices_deferred)"
expect_eq "said once" "$(count_log "waiting for OP-TEE: no TEE device yet")" $((n0 + 1))
rproc_dir >/dev/null && fail "a remoteproc without OP-TEE"
rproc_unload
echo 1 > $T/present || fail "cannot add the TEE device back"

# OP-TEE without the remoteproc TA
echo 0 > $T/ta
insmod $MODDIR/stm32-rproc.ko || fail "insmod"
wait_for '[ "$(count_log "OP-TEE has no remoteproc TA (80a4c275-0a47-4905-8285-1486a9771a08)")" -ge 1 ]' 5 ||
	fail "no TA message: $(dmesg | tail -3)"
rproc_dir >/dev/null && fail "a remoteproc without the TA"
rproc_unload
echo 1 > $T/ta

# back: probes, boots
rproc_load || fail "load stm32_rproc"
rproc_start
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 15 || fail "no rpmsg"
rpmsg-echo -c "$(ctrl_dev)" -n 2 || fail "echo"
rproc_stop
