# SPDX-License-Identifier: GPL-2.0
# trace0 holds the firmware's log lines, in order, with rising timestamps.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
rproc_start vboard-echo.elf
t=$(rproc_dbg)/trace0
wait_for "grep -q 'announce rpmsg-raw' $t" 10 || fail "trace0: $(cat $t)"
cat $t
i=0
for want in 'vboard-m4: boot, firmware "echo"' 'virtio DRIVER_OK, vrings up' \
	    'announce rpmsg-client-sample at 0x400' 'announce rpmsg-tty at 0x401' \
	    'announce rpmsg-raw at 0x402'; do
	i=$((i + 1))
	line=$(sed -n "${i}p" $t)
	case "$line" in
	"["*"] $want") ;;
	*) fail "trace0 line $i: '$line', want '$want'" ;;
	esac
done
awk -F'[][]' '{ if ($2 + 0 < prev) exit 1; prev = $2 + 0 }' $t || fail "timestamps not rising"
rproc_stop
