# SPDX-License-Identifier: GPL-2.0
# STM32MP25, A35-TD: the M33 node names ST's two domains ("default" =
# cluster_pd, "sleep" = ret_pd; the model's cluster and retention) without
# keep-power-in-suspend, so Linux votes for "default" while the core runs
# and for nothing otherwise: on at start, off at stop, dropped and taken
# again around a crash recovery. In suspend that domain is not in the awake
# path: genpd powers it off with the system and on again at resume, and
# the M33 (which runs through it) still echoes.
. /vboard/lib.sh
[ -r $DBG/vboard/pd ] || fail "the model has no power domains"
rproc_load || fail "load stm32_rproc"
expect_eq "cluster before start" "$(pd_stat cluster)" off
expect_eq "retention before start" "$(pd_stat retention)" off

rproc_start
expect_eq "cluster (default) while the M33 runs" "$(pd_stat cluster)" on
expect_eq "retention (sleep) not voted without keep-power-in-suspend" \
	"$(pd_stat retention)" off
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg"
rpmsg-echo -c "$(ctrl_dev)" -s 16 || fail "echo before suspend"

so0=$(pd_stat cluster suspend-off)
freeze_m4_wake "suspend with the M33 running"
expect_eq "cluster powered off in suspend" "$(pd_stat cluster suspend-off)" $((so0 + 1))
expect_eq "cluster after resume" "$(pd_stat cluster)" on
expect_eq "M33 after resume" "$(m4_stat state)" running
rpmsg-echo -c "$(ctrl_dev)" -s 16 || fail "echo after resume"

rproc_stop
expect_eq "cluster after stop" "$(pd_stat cluster)" off

# A crash stops the core (vote dropped) and the recovery starts it again
rproc_start
on0=$(pd_stat cluster on)
crash_recover
expect_eq "cluster powered again by the recovery" "$(pd_stat cluster on)" $((on0 + 1))
expect_eq "cluster after recovery" "$(pd_stat cluster)" on
devcd_clear
rproc_stop
expect_eq "cluster after the last stop" "$(pd_stat cluster)" off
expect_eq "retention never voted" "$(pd_stat retention on)" 0
