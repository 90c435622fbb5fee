# SPDX-License-Identifier: GPL-2.0
# [J] OP-TEE loads the M4 (st,stm32mp1-m4-tee; the model's vboard-tee.c
# plays OP-TEE's remoteproc TA): the signed echo image is authenticated,
# loaded and started by the secure world, its resource table (reported by
# the TA, validated by Linux) serves RPMsg, stop asks for the shutdown and
# the TA stops the core; each hostile container of signed/bad/MANIFEST is
# refused with its message and leaves the rproc offline, and the good
# image boots after each; images whose table lies in the secure world's
# memory and a plain ELF are refused; a crash is recovered through the TA.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir) || fail "no m4 remoteproc"
wait_for '[ "$(dmesg | grep -c "the secure world loads and starts the M4")" -ge 1 ]' 5 ||
	fail "TEE mode not announced: $(dmesg | grep -i 'tee\|secure' | tail -3)"
expect_eq "firmware" "$(cat $r/firmware)" signed/vboard-tee.sign
expect_eq "initial state" "$(rproc_state)" offline

# the good image: RPMsg from the table the TA reports
a0=$(m4_stat shutdown_acks)
rproc_start
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 15 || fail "no rpmsg"
rpmsg-echo -c "$(ctrl_dev)" -n 4 -s 64 || fail "echo"
grep -q . "$(rproc_dbg)/trace0" || fail "empty trace0"
rproc_stop
expect_eq "shutdown acknowledged" "$(m4_stat shutdown_acks)" $((a0 + 1))

# hostile containers: refused with what the TA found, offline, good after
while IFS='|' read -r f err; do
	case $err in
	TEE_ERROR_SIGNATURE_INVALID) want="signature does not verify" ;;
	TEE_ERROR_SECURITY) want="a segment does not match its signed hash" ;;
	TEE_ERROR_BAD_PARAMETERS) want="not a signed image, truncated" ;;
	*) fail "$f: unknown TA error $err" ;;
	esac
	echo -n "signed/bad/$f" > $r/firmware || fail "set firmware $f"
	echo start > $r/state 2>/dev/null && fail "start of $f succeeded"
	wait_for '[ "$(count_log "invalid signed firmware signed/bad/$f: $want")" -ge 1 ]' 5 ||
		fail "$f: no '$want' in the log: $(dmesg | tail -2)"
	expect_eq "$f: state" "$(rproc_state)" offline
	rproc_start signed/vboard-tee.sign
	rproc_stop
done </lib/firmware/signed/bad/MANIFEST

# Signed images whose table is where Linux cannot read it: the TA reports
# it (as OP-TEE's does, unchecked) in the secure world's memory, and Linux
# refuses it. Keil's layout loads it at its run address in MCU SRAM2; ST's
# GCC layout would copy it there at startup.
insecure="secure world puts the resource table at 0x0*501[0-3][0-9a-f]* (0x[0-9a-f]* bytes), outside every memory-region: refused"
for f in keil vboard-echo; do
	n0=$(count_log "$insecure")
	echo -n signed/$f.sign > $r/firmware
	echo start > $r/state 2>/dev/null && fail "$f: a table in secure memory started"
	wait_for '[ "$(count_log "$insecure")" -gt '"$n0"' ]' 5 ||
		fail "$f: no message: $(dmesg | tail -2)"
	expect_eq "$f: state" "$(rproc_state)" offline
done
rproc_start signed/vboard-tee.sign
rproc_stop

# an unsigned ELF is no container
echo -n vboard-echo.elf > $r/firmware
echo start > $r/state 2>/dev/null && fail "an unsigned ELF started"
expect_eq "unsigned ELF: state" "$(rproc_state)" offline

# crash and recovery: the TA loads the image again
rproc_start signed/vboard-tee.sign
crash_recover
echo_again "after recovery"
rproc_stop
expect_eq "fw_format" "$(cat $r/fw_format)" TEE
