# SPDX-License-Identifier: GPL-2.0
# Cross-check of the model with a driver we did not write: the in-tree
# stm32_rproc (same board, our IPCC) passes start/trace/echo/stop.
. /vboard/lib.sh
rproc_unload || fail "rmmod ours"
rproc_load upstream || fail "insmod upstream stm32_rproc"
rproc_start vboard-echo.elf
wait_for "grep -q 'announce rpmsg-raw' $(rproc_dbg)/trace0" 10 || fail "trace0"
wait_for 'ls /dev/rpmsg_ctrl* >/dev/null 2>&1' 10 || fail "no rpmsg_ctrl"
rpmsg-echo -c "$(ls /dev/rpmsg_ctrl* | head -1)" || fail "echo with upstream driver"
rproc_stop
rproc_unload || fail "rmmod upstream"
rproc_load || fail "reload ours"
