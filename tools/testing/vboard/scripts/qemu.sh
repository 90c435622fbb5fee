#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Boot the virtual board.  qemu.sh KERNEL-IMAGE DTB INITRD [TIMEOUT_S]
# Console on stdio; powers off when the guest's /init ends. An arm64 Image
# boots the STM32MP25 board's machine (common.sh qemu_*), a zImage the
# STM32MP15 one.
set -euo pipefail
. "$(dirname "$0")/common.sh"

zimage=${1:?zImage}
dtb=${2:?dtb}
initrd=${3:?initrd}
tmo=${4:-0}

# VBOARD_TCG=single: both vCPUs on one host thread (timing then does not
# depend on how the host schedules two vCPU threads; but module unload hangs
# in this mode on Debian 12's QEMU 7.2, so the tests and make bench use MTTCG).
# log_buf_len: the debug kernel's 128 KiB ring wraps during make test, and
# scenarios read dmesg (lib.sh count_log).
arch=arm
[ "$(basename "$zimage")" = Image ] && arch=arm64
cmd=("$(qemu_cmd $arch)" -M "$(qemu_machine $arch)" -cpu "$(qemu_cpu $arch)" -smp 2
     -accel "tcg,thread=${VBOARD_TCG:-multi}" -m "$(qemu_mem $arch)"
     -nographic -no-reboot -kernel "$zimage" -dtb "$dtb" -initrd "$initrd"
     -append "console=ttyAMA0 panic=-1 log_buf_len=4M ${VBOARD_APPEND:-}")
if [ "$tmo" -gt 0 ]; then
	exec timeout --foreground -k 10 "$tmo" "${cmd[@]}"
else
	exec "${cmd[@]}"
fi
