# SPDX-License-Identifier: GPL-2.0
# [J] STM32MP25 where OP-TEE loads the Cortex-M33 (ST's default on MP2:
# st,stm32mp2-m33-tee, processor id 1; vboard-mp25-tee.dts). The signed
# M33 image (its table and trace buffer linked into the IPC shared memory,
# as ST's STM32CubeMP2 scripts link the table) is authenticated and loaded
# by the secure world, which boots the M33 at its .isr_vectors; RPMsg,
# trace0, stop through the TA, crash recovery through the TA. The image
# memories are the secure world's: claimed, refused to /dev/mem, while
# the shared table reads back. A container with a bad signature and the
# STM32MP15 M4's signed image (segments outside the M33's memories) are
# refused with their messages.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir) || fail "no m33 remoteproc"
wait_for '[ "$(count_log "the secure world loads and starts the M33 (OP-TEE remoteproc TA, processor 1)")" -ge 1 ]' 5 ||
	fail "TEE mode not announced: $(dmesg | grep -i 'tee\|secure' | tail -3)"
expect_eq "firmware" "$(cat $r/firmware)" signed/vboard-m33-tee.sign
expect_eq "fw_format" "$(cat $r/fw_format)" TEE
for pa in 80100000 80a00000; do
	grep -Eq "^ *0*$pa-[0-9a-f]+ : vboard secure world" /proc/iomem ||
		fail "no secure claim at $pa: $(grep -i vboard /proc/iomem)"
done

a0=$(m4_stat shutdown_acks)
rproc_start
expect_eq "image" "$(awk '$1=="firmware"{print $2}' $DBG/vboard/m4)" m33-echo-tee
expect_eq "NSVTOR = .isr_vectors (set by the TA)" "$(board_stat NSVTOR)" 0x80100000
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 15 || fail "no rpmsg"
rpmsg-echo -c "$(ctrl_dev)" -n 4 -s 64 || fail "echo"
grep -q . "$(rproc_dbg)/trace0" || fail "empty trace0"
expect_eq "table version through /dev/mem" "$(devmem 0x81200000 32)" 0x00000001
devmem 0x80100000 32 >/dev/null 2>&1 && fail "/dev/mem read the M33's code"
devmem 0x80a00000 32 0xdeadbeef >/dev/null 2>&1 && fail "/dev/mem wrote the M33's data"
rproc_stop
expect_eq "shutdown acknowledged" "$(m4_stat shutdown_acks)" $((a0 + 1))

# crash and recovery: the TA loads the image again
rproc_start
crash_recover
echo_again "after recovery"
rproc_stop

# refusals, then the good image again
for f in "bad/01-bad-signature|signature does not verify" \
	 "vboard-tee|a segment or the resource table is outside the core's memories"; do
	img=${f%%|*} want=${f#*|}
	echo -n signed/$img.sign > $r/firmware
	echo start > $r/state 2>/dev/null && fail "$img started"
	wait_for '[ "$(count_log "invalid signed firmware signed/$img.sign: $want")" -ge 1 ]' 5 ||
		fail "$img: no '$want': $(dmesg | tail -2)"
	expect_eq "$img: state" "$(rproc_state)" offline
done
rproc_start signed/vboard-m33-tee.sign
rproc_stop
