# SPDX-License-Identifier: GPL-2.0
# STM32MP25: every malformed image crafted from the M33 echo image
# (fw/mkbad.py ... M33: the EV1 carve-outs' addresses, M33 in the messages)
# is refused at start with its specific message, the rproc stays offline and
# the core is never released (hold boot kept, no boot); then the good image
# boots and echoes.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir) || fail "no m33 remoteproc"
boots0=$(m4_stat boots)
refuse_bad_images bad-m33 40
expect_eq "the M33 never booted" "$(m4_stat boots)" "$boots0"
expect_eq "hold boot kept" "$(board_stat hold_boot)" 1
rproc_start rproc-m33-fw
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg after the bad images"
rpmsg-echo -c "$(ctrl_dev)" -s 16 || fail "echo after the bad images"
rproc_stop
