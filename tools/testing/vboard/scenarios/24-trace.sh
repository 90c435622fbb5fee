# SPDX-License-Identifier: GPL-2.0
# trace0 holds the firmware's log lines, in order, with rising timestamps.
# The image has ST's GCC layout: its startup copies .data from the load
# image after the code (0x1000....) to the data region (0x1002....), and
# the M4 reads the resource table where it runs, in the data region.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
rproc_start vboard-echo.elf
t=$(rproc_dbg)/trace0
wait_for "grep -q 'announce rpmsg-raw' $t" 10 || fail "trace0: $(cat $t)"
cat $t
i=0
for want in 'vboard-m4: boot, firmware "echo"' \
	    'startup: .data 0x? bytes 0x1000???? -> 0x10020000, .bss 0x* bytes at 0x1002????' \
	    'resource table at 0x1002????' 'virtio DRIVER_OK, vrings up' \
	    'announce rpmsg-client-sample at 0x400' 'announce rpmsg-tty at 0x401' \
	    'announce rpmsg-raw at 0x402'; do
	i=$((i + 1))
	line=$(sed -n "${i}p" $t)
	case "$line" in
	"["*"] "$want) ;;	# $want unquoted: a pattern
	*) fail "trace0 line $i: '$line', want '$want'" ;;
	esac
done
awk -F'[][]' '{ if ($2 + 0 < prev) exit 1; prev = $2 + 0 }' $t || fail "timestamps not rising"
rproc_stop
