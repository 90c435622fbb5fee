# SPDX-License-Identifier: GPL-2.0
# Hostile remotes (fw/vboard-fw.h flags): Linux survives each within a
# bound, says what happened, and a stop/start brings a working M4 back
# (lib.sh: hostile_remotes, shared with the M33's mp25-66).
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
hostile_remotes vboard- M4
