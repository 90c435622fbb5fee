# SPDX-License-Identifier: GPL-2.0
# rpmsg_char: an endpoint made through /dev/rpmsg_ctrlN echoes every size
# 1..496 byte for byte; 497 bytes are refused. Kicks are doorbells: no
# TX-free interrupt for them, and the IPCC rang at most once per message.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
rproc_start vboard-echo.elf
wait_for 'ls /dev/rpmsg_ctrl* >/dev/null 2>&1' 10 || fail "no /dev/rpmsg_ctrl*"
ctrl=$(ls /dev/rpmsg_ctrl* | head -1)
rx0=$(m4_stat rx_msgs)
tx0=$(ipcc_irqs tx); s0=$(ipcc_ctr 2 sent); d0=$(ipcc_ctr 2 txdone)
rpmsg-echo -c "$ctrl" -d 0x402 || fail "rpmsg-echo"
expect_eq "M4 echoes" "$(m4_stat rx_msgs)" $((rx0 + 496))
expect_eq "TX-free interrupts for kicks" "$(ipcc_irqs tx)" "$tx0"
expect_eq "vq1 TX done on the TX-free interrupt" "$(ipcc_ctr 2 txdone)" "$d0"
s1=$(ipcc_ctr 2 sent)
[ "$s1" -gt "$s0" ] && [ "$s1" -le $((s0 + 496)) ] || fail "vq1 doorbells: $s0 -> $s1 for 496 messages"
dmesg | grep -q "message is too big (497)" || fail "no message-size error for 497 bytes"
rproc_stop
