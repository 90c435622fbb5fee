# SPDX-License-Identifier: GPL-2.0
# Every crafted malformed image (fw/mkbad.py) is refused at start with its
# specific message, the rproc stays offline; then a good image boots.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
refuse_bad_images bad 40
rproc_start vboard-echo.elf
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg after the bad images"
rpmsg-echo -c "$(ctrl_dev)" -s 16 || fail "echo after the bad images"
rproc_stop
