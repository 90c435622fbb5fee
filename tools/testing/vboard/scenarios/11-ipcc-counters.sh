# SPDX-License-Identifier: GPL-2.0
# The driver's debugfs counters match the traffic the KUnit hammer test
# generated after its rebind: N messages per channel both ways, plus on
# channel 5 two unacknowledged sends (one counted as timeout) and a late ack.
. /vboard/lib.sh
dev=$(ipcc_dev)
n=$(cat /sys/module/ipcc_kunit/parameters/hammer_msgs 2>/dev/null) || fail "ipcc_kunit not loaded"
c=$DBG/stm32-ipcc/$dev/counters
head -1 $c | grep -q "^channel sent received txdone timeouts coalesced$" || fail "header: $(head -1 $c)"
for ch in 1 2 3 4 5 6; do
	want="$ch $n $n $n 0 0"
	[ $ch = 5 ] && want="5 $((n + 2)) $n $((n + 1)) 1 0"
	expect_eq "channel $ch counters" "$(grep "^$ch " $c)" "$want"
done
