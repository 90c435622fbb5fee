# SPDX-License-Identifier: GPL-2.0
# Cross-check of the model with a driver we did not write: the in-tree
# stm32_rproc (same board, our IPCC) passes start/trace/echo/stop.
# Coexistence first: with ours loaded, the in-tree module (same name) is
# refused ("File exists") and the M4 stays ours.
. /vboard/lib.sh
rproc_load || fail "load ours"
dev=$(basename "$(readlink -f /sys/bus/platform/drivers/stm32-rproc/*m4*)")
out=$(insmod $MODDIR/upstream/stm32_rproc.ko 2>&1) && fail "in-tree module loaded next to ours"
echo "insmod of the in-tree stm32_rproc next to ours: $out"
case "$out" in *"File exists"*) ;; *) fail "unexpected refusal: $out" ;; esac
[ -e "/sys/bus/platform/drivers/stm32-rproc/$dev" ] || fail "the M4 is no longer bound to ours"
rproc_unload || fail "rmmod ours"
rproc_load upstream || fail "insmod upstream stm32_rproc"
rproc_start vboard-echo.elf
wait_for "grep -q 'announce rpmsg-raw' $(rproc_dbg)/trace0" 10 || fail "trace0"
wait_for 'ls /dev/rpmsg_ctrl* >/dev/null 2>&1' 10 || fail "no rpmsg_ctrl"
rpmsg-echo -c "$(ls /dev/rpmsg_ctrl* | head -1)" || fail "echo with upstream driver"
rproc_stop
rproc_unload || fail "rmmod upstream"
rproc_load || fail "reload ours"
