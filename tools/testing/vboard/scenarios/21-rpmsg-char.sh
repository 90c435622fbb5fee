# SPDX-License-Identifier: GPL-2.0
# rpmsg_char: an endpoint made through /dev/rpmsg_ctrlN echoes every size
# 1..496 byte for byte; 497 bytes are refused.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
rproc_start vboard-echo.elf
wait_for 'ls /dev/rpmsg_ctrl* >/dev/null 2>&1' 10 || fail "no /dev/rpmsg_ctrl*"
ctrl=$(ls /dev/rpmsg_ctrl* | head -1)
rx0=$(m4_stat rx_msgs)
rpmsg-echo -c "$ctrl" -d 0x402 || fail "rpmsg-echo"
expect_eq "M4 echoes" "$(m4_stat rx_msgs)" $((rx0 + 496))
dmesg | grep -q "message is too big (497)" || fail "no message-size error for 497 bytes"
rproc_stop
