# SPDX-License-Identifier: GPL-2.0
# The kernel's rpmsg_client_sample exchanges its 100 messages with the M4,
# on an image shaped like ST's OpenAMP_raw (that service only).
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
lsmod | grep -q rpmsg_client_sample || insmod $MODDIR/rpmsg_client_sample.ko || fail "insmod sample"
n0=$(dmesg | grep -c 'rpmsg-client-sample.*goodbye!')
rproc_start vboard-raw.elf
wait_for "[ \$(dmesg | grep -c 'rpmsg-client-sample.*goodbye!') -gt $n0 ]" 20 || fail "no goodbye"
dmesg | grep -q 'rpmsg-client-sample.*incoming msg 100 ' || fail "100th message not seen"
rproc_stop
rmmod rpmsg_client_sample || fail "rmmod sample"
