# SPDX-License-Identifier: GPL-2.0
# In-guest test runner: KUnit suites, then scenarios, then a kmemleak scan.
# Every result is one console line the host parses:
#   VBOARD-KTAP-BEGIN <suite> ... VBOARD-KTAP-END <suite>
#   VBOARD-RESULT <scenario> PASS|FAIL <seconds>
. /vboard/lib.sh

# Test modules stay loaded: scenarios check what they left (counters)
for ko in $MODDIR/kunit/*.ko; do
	[ -e "$ko" ] || continue
	insmod "$ko"
	for d in $DBG/kunit/*/; do
		s=$(basename "$d")
		[ -f /tmp/ktap-done-$s ] && continue
		: > /tmp/ktap-done-$s
		echo "VBOARD-KTAP-BEGIN $s"
		cat "$d/results"
		echo "VBOARD-KTAP-END $s"
	done
done

only=$(cat /vboard/only 2>/dev/null)
tmo=$(cat /vboard/timeout 2>/dev/null || echo 600)
for sc in /vboard/scenarios/*.sh; do
	[ -e "$sc" ] || continue
	name=$(basename "$sc" .sh)
	if [ -n "$only" ] && ! echo "$name" | grep -qE "$only"; then
		continue
	fi
	echo "VBOARD-SCENARIO-BEGIN $name"
	echo "<6>vboard-runner: scenario $name begins" > /dev/kmsg
	t0=$(date +%s)
	if timeout "$tmo" sh "$sc"; then r=PASS; else r=FAIL; fi
	echo "VBOARD-RESULT $name $r $(( $(date +%s) - t0 ))"
	vboard_cleanup
done

if [ -e $DBG/kmemleak ]; then
	echo scan > $DBG/kmemleak
	echo scan > $DBG/kmemleak
	echo "VBOARD-KMEMLEAK-BEGIN"
	cat $DBG/kmemleak
	echo "VBOARD-KMEMLEAK-END"
fi
echo "VBOARD-TESTS-DONE"
