# SPDX-License-Identifier: GPL-2.0
# [J] The mainline binding of the TEE path: the usual "st,stm32mp1-m4"
# with st,rproc-tee = <&node 0>, the node's compatible being the TA's UUID
# (vboard-mp15-tee-ml.dts). The driver takes the secure world's path with
# the processor id of the link: the signed image boots, serves RPMsg and
# trace, and stops through the TA with the shutdown acknowledged; a
# container signed with another key is refused with its message.
. /vboard/lib.sh
rproc_unload || fail "rmmod"	# the announcement comes at probe
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir) || fail "no m4 remoteproc"
n=/proc/device-tree/soc@0/ahb@0/m4@10000000
expect_eq "compatible" "$(tr -d '\0' < $n/compatible)" st,stm32mp1-m4
[ -e $n/st,rproc-tee ] || fail "no st,rproc-tee in the M4 node"
wait_for '[ "$(count_log "the secure world loads and starts the M4 (OP-TEE remoteproc TA, processor 0)")" -ge 1 ]' 5 ||
	fail "TEE mode not announced: $(dmesg | grep -i 'tee\|secure' | tail -3)"
expect_eq "fw_format" "$(cat $r/fw_format)" TEE

a0=$(m4_stat shutdown_acks)
rproc_start signed/vboard-tee.sign
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 15 || fail "no rpmsg"
rpmsg-echo -c "$(ctrl_dev)" -n 4 -s 64 || fail "echo"
grep -q . "$(rproc_dbg)/trace0" || fail "empty trace0"
rproc_stop
expect_eq "shutdown acknowledged" "$(m4_stat shutdown_acks)" $((a0 + 1))

echo -n signed/bad/02-wrong-key.sign > $r/firmware
echo start > $r/state 2>/dev/null && fail "a container signed with another key started"
wait_for '[ "$(count_log "invalid signed firmware signed/bad/02-wrong-key.sign: signature does not verify")" -ge 1 ]' 5 ||
	fail "no wrong-key message: $(dmesg | tail -2)"
expect_eq "state after the wrong key" "$(rproc_state)" offline
