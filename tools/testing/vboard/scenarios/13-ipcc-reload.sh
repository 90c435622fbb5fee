# SPDX-License-Identifier: GPL-2.0
# rmmod/insmod of the IPCC driver is clean and it comes back identical;
# the model's channel-count knob is honoured at the next probe.
. /vboard/lib.sh
dev=$(ipcc_dev)
for i in 1 2 3; do
	rmmod stm32_ipcc || fail "rmmod"
	[ ! -e $DBG/stm32-ipcc ] || fail "debugfs left behind"
	insmod $MODDIR/stm32-ipcc.ko || fail "insmod"
	wait_for "[ -e $DBG/stm32-ipcc/$dev/channels ]" 5 || fail "no rebind"
done
echo 4 > $DBG/vboard/ipcc/channels
rmmod stm32_ipcc && insmod $MODDIR/stm32-ipcc.ko
wait_for "[ -e $DBG/stm32-ipcc/$dev/channels ]" 5 || fail "no rebind"
expect_eq "channels after HWCFGR=4" "$(cat $DBG/stm32-ipcc/$dev/channels)" 4
echo 6 > $DBG/vboard/ipcc/channels
rmmod stm32_ipcc && insmod $MODDIR/stm32-ipcc.ko
wait_for "[ -e $DBG/stm32-ipcc/$dev/channels ]" 5 || fail "no rebind"
expect_eq "channels restored" "$(cat $DBG/stm32-ipcc/$dev/channels)" 6
