# SPDX-License-Identifier: GPL-2.0
# Every crafted malformed image (fw/mkbad.py) is refused at start with its
# specific message, the rproc stays offline; then a good image boots.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir)
n=0
while IFS='|' read -r f want; do
	n=$((n + 1))
	c0=$(dmesg | grep -F "invalid firmware bad/$f: " | grep -cF "$want")
	echo -n "bad/$f" > $r/firmware || fail "set $f"
	echo start > $r/state 2>/dev/null && fail "$f: start succeeded"
	expect_eq "$f state" "$(cat $r/state)" offline
	expect_eq "$f message '$want'" \
		"$(dmesg | grep -F "invalid firmware bad/$f: " | grep -cF "$want")" $((c0 + 1))
done < /lib/firmware/bad/MANIFEST
echo "$n malformed images refused"
[ $n -ge 40 ] || fail "only $n images"
rproc_start vboard-echo.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg after the bad images"
rpmsg-echo -c "$(ctrl_dev)" -s 16 || fail "echo after the bad images"
rproc_stop
