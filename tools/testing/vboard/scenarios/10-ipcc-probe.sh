# SPDX-License-Identifier: GPL-2.0
# The IPCC driver probed from the model's registers: version, channel count
# from HWCFGR, register dump and counters in debugfs.
. /vboard/lib.sh
dev=$(ipcc_dev)
[ -n "$dev" ] || fail "stm32-ipcc not bound"
d=$DBG/stm32-ipcc/$dev
dmesg | grep -q "$dev: IPCC rev 1.0, 6 channels, proc [12], wakeup capable" || fail "probe message"
expect_eq channels "$(cat $d/channels)" 6
grep -qE '^HWCFGR +0x00000006$' $d/regs || fail "HWCFGR in regs"
grep -qE '^VER +0x00000010$' $d/regs || fail "VER in regs"
expect_eq "counter lines" "$(grep -c '^[1-6] ' $d/counters)" 6
