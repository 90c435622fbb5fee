# SPDX-License-Identifier: GPL-2.0
# STM32MP25: the hostile remotes of scenario 41 as Cortex-M33 images (IPCC
# storm, name-service flood, used-ring id and length out of range, a
# resource table scribbled over while running) on the arm64 kernel: Linux
# survives each within a bound, says what happened, and the next good
# image works.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
hostile_remotes vboard-m33- M33
