# SPDX-License-Identifier: GPL-2.0
# STM32MP25, M33-TD with keep-power-in-suspend (vboard-mp25-m33td.dts): Linux
# votes for the "sleep" domain (the model's retention) while attached, and
# keeps it on through a system suspend. The ordering this relies on: the
# domain's device (registered at our probe, after us) suspends before the
# rproc device, whose .suspend then puts it in the awake path, read by
# genpd in the noirq phase; a domain marked too early or not at all is
# powered off there, and suspend-off counts it.
. /vboard/lib.sh
[ -r $DBG/vboard/pd ] || fail "the model has no power domains"
rproc_unload
echo vboard-m33-echo.elf > $DBG/vboard/bootloader || fail "bootloader"
wait_for '[ "$(m4_stat state)" = running ]' 5 || fail "M33 not running"
rproc_load || fail "load"
wait_for '[ "$(rproc_state)" = attached ]' 10 || fail "auto-boot did not attach: $(rproc_state)"
expect_eq "retention (sleep) while attached" "$(pd_stat retention)" on
expect_eq "cluster (default) not voted with keep-power-in-suspend" \
	"$(pd_stat cluster)" off
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg"

so0=$(pd_stat retention suspend-off); off0=$(pd_stat retention off)
freeze_m4_wake "suspend with the M33 attached"
expect_eq "retention stayed on in suspend" "$(pd_stat retention suspend-off)" "$so0"
expect_eq "retention never powered off" "$(pd_stat retention off)" "$off0"
expect_eq "retention after resume" "$(pd_stat retention)" on
rpmsg-echo -c "$(ctrl_dev)" -s 16 || fail "echo after resume"

echo stop > "$(rproc_dir)/state" || fail "stop"
wait_for '[ "$(rproc_state)" = detached ]' 10 || fail "stop did not detach: $(rproc_state)"
expect_eq "retention after detach" "$(pd_stat retention)" off
expect_eq "M33 keeps running" "$(m4_stat state)" running
rproc_attach_echo "re-attach"
expect_eq "retention after re-attach" "$(pd_stat retention)" on
echo stop > "$(rproc_dir)/state" || fail "stop"
wait_for '[ "$(rproc_state)" = detached ]' 10 || fail "second detach: $(rproc_state)"
