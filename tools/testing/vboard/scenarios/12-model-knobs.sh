# SPDX-License-Identifier: GPL-2.0
# The model's M4-side debugfs knobs: a send on a closed channel is held
# (level kept, Linux line masked), visible in both register views.
. /vboard/lib.sh
dev=$(ipcc_dev)
v=$DBG/vboard
echo 6 > $v/ipcc/send
grep -q "m4_proc" $v/state || fail "state file"
m4=$(awk '/^m4_proc/{print $2}' $v/state)
grep -q "^C${m4}TOC$((3 - m4))SR 0x00000020$" $v/state || fail "M4 flag not set: $(cat $v/state)"
echo 6 > $v/ipcc/send 2>/dev/null && fail "second send on an occupied channel accepted"
grep -q "line ipcc-rx level 0" $v/state || fail "RX level raised for a masked channel"
grep -qE "C${m4}TOC$((3 - m4))SR +0x00000020" $DBG/stm32-ipcc/$dev/regs || fail "driver regs view"
echo 0x3f > $v/ipcc/autoack
expect_eq autoack "$(cat $v/ipcc/autoack)" 0x3f
echo 0 > $v/ipcc/autoack
echo 9 > $v/ipcc/send 2>/dev/null && fail "channel 9 of 6 accepted"
true
