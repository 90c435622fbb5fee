# SPDX-License-Identifier: GPL-2.0
# A missing firmware file fails the start with ENOENT and leaves the rproc
# offline; changing firmware while running is refused with EBUSY; a firmware
# without resource table boots (no RPMsg); then a good start works.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir)
echo -n does-not-exist.elf > $r/firmware
err=$(echo start 2>&1 > $r/state) && fail "start of a missing firmware succeeded"
echo "start: $err"
case "$err" in *"No such file"*) ;; *) fail "start error '$err', want ENOENT" ;; esac
expect_eq state "$(cat $r/state)" offline

rproc_start vboard-echo.elf
err=$(echo -n vboard-no-rsc.elf 2>&1 > $r/firmware) && fail "firmware change while running accepted"
case "$err" in *"busy"*) ;; *) fail "firmware change error '$err', want EBUSY" ;; esac
expect_eq firmware "$(cat $r/firmware)" vboard-echo.elf
rproc_stop

rproc_start vboard-no-rsc.elf
dmesg | grep -q 'vboard-no-rsc.elf has no resource table' || fail "no-rsc message"
expect_eq "M4 firmware" "$(awk '$1=="firmware"{print $2}' $DBG/vboard/m4)" no-rsc
[ -z "$(ls /sys/bus/rpmsg/devices 2>/dev/null)" ] || fail "rpmsg devices without a vdev"
rproc_stop
rproc_start vboard-echo.elf
rproc_stop
