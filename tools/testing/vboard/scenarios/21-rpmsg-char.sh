# SPDX-License-Identifier: GPL-2.0
# rpmsg_char: an endpoint made through /dev/rpmsg_ctrlN echoes every size
# 1..496 byte for byte; 497 bytes are refused. Kicks are doorbells: no
# TX-free interrupt for them, and the IPCC rang at most once per message.
# The M4 takes the vring descriptors' buffer addresses as M4 addresses (as
# OpenAMP does): every one lies in the RPMsg pool as the M4 sees it.
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
expect_eq "descriptors that are no M4 address" "$(m4_stat buf_not_m4)" 0
# vdev0buffer: M4 0x50142000, 16 KiB (vboard-mp15.dtsi dma-ranges)
b=$(m4_stat last_buf)
[ $((b)) -ge $((0x50142000)) ] && [ $((b)) -lt $((0x50146000)) ] ||
	fail "last buffer $b is not in the RPMsg pool as the M4 sees it"
rproc_stop
