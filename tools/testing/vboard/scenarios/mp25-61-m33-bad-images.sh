# SPDX-License-Identifier: GPL-2.0
# STM32MP25, A35-TD: images the M33 cannot boot are refused before the
# core is touched, each with its own reason, and leave the rproc offline:
# a vector table off the 128-byte grid of M33_INITNSVTOR, an image without
# the .isr_vectors section, an STM32MP15 M4 image (its memories are not the
# M33's). The good image boots after each.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir) || fail "no m33 remoteproc"

# refused IMAGE MESSAGE: start fails, the message is in the log, offline
refused() {
	rst0=$(board_stat mcu_resets)
	echo -n "$1" > $r/firmware || fail "set firmware $1"
	echo start > $r/state 2>/dev/null && fail "start of $1 succeeded"
	wait_for '[ "$(count_log "$2")" -ge 1 ]' 5 || fail "$1: no '$2' in the log"
	expect_eq "$1: state" "$(rproc_state)" offline
	case "$(m4_stat state)" in running) fail "$1: the core was released" ;; esac
	rproc_start rproc-m33-fw
	rproc_stop
}
refused vboard-m33-misaligned.elf \
	"invalid firmware vboard-m33-misaligned.elf: vector table .isr_vectors at 0x80100040 is not aligned for st,syscfg-nsvtor"
refused vboard-m33-no-vectors.elf \
	"invalid firmware vboard-m33-no-vectors.elf: no .isr_vectors section"
refused vboard-echo.elf "invalid firmware vboard-echo.elf"
