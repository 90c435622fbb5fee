# SPDX-License-Identifier: GPL-2.0
# A firmware that clears a vring channel only once it has drained the ring
# and works on interrupts alone (stm32duino's VIRTIOCON acks when it has
# room): a kick merged into a flag still up would be lost for good. Run on
# the board variant whose M4 node has ST's plain mailbox cells (no
# STM32MP_IPCC_ACK_FIRST): the kicks then wait for the M4's clear (TX-free
# interrupt, one pending kick rung again), none is merged in the IPCC, and
# a pipelined stream completes with every message.
. /vboard/lib.sh
# vq0's mailbox cell (the second word of "mboxes") on this board
cell=$(od -An -tx1 -j4 -N4 "$(find /proc/device-tree/ -path '*m4@10000000/mboxes')" | tr -d ' ')
if [ "$cell" != 00000000 ]; then
	echo "vq0 cell 0x$cell: kicks merge on this board, the late-ack run is on procid1"
	exit 0
fi
rproc_load || fail "load stm32_rproc"
rproc_start vboard-late-ack.elf
wait_for '[ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg"
tx0=$(ipcc_irqs tx); c0=$(ipcc_ctr 2 coalesced)
out=$(rpmsg-stream -s 64 -w 16 -e 4 -N 2000 -t 10000 | tail -1) || fail "stream: $out"
echo "late-ack stream: $out; M4 late_acks $(m4_stat late_acks)"
expect_eq "kicks merged in the IPCC" "$(ipcc_ctr 2 coalesced)" "$c0"
[ "$(ipcc_irqs tx)" -gt "$tx0" ] || fail "kicks did not wait for the M4's clear (no TX-free interrupt)"
[ "$(m4_stat late_acks)" -gt 0 ] || fail "the M4 never cleared a vring channel late"
rproc_stop
