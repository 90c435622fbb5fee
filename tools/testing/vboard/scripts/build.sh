#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Everything the board needs, cached where possible; prints the kernel
# build dir. Used by run-tests.sh and vboard.sh.
set -euo pipefail
. "$(dirname "$0")/common.sh"

"$VBOARD_DIR/scripts/deps.sh" >&2
kb=$("$VBOARD_DIR/scripts/kernel.sh" 6.12)
ksrc=$(readlink -f "$kb/source")
mkdir -p "$VBOARD_OUT"
# Our modules plus the board model and KUnit tests, against each board
# kernel (the 32-bit STM32MP15 board, and unless VBOARD_ARM64=0 the arm64
# kernel of the STM32MP25 board, whose build dir goes to
# $VBOARD_OUT/kbuild-arm64 for run-tests.sh), staged (common.sh ko_stage)
# for initramfs.sh: the build leaves its objects in the source tree, the
# 32-bit ones last, as the other scripts expect.
kernels=()
rm -f "$VBOARD_OUT/kbuild-arm64"
if [ "${VBOARD_ARM64:-1}" != 0 ]; then
	kb64=$("$VBOARD_DIR/scripts/kernel.sh" 6.12-arm64)
	kernels+=("$kb64")
fi
kernels+=("$kb")
for k in "${kernels[@]}"; do
	build_modules "$k"
done
[ -n "${kb64:-}" ] && echo "$kb64" > "$VBOARD_OUT/kbuild-arm64"
make -s -C "$VBOARD_DIR/fw" >&2 || die "test firmware build failed"
make -s -C "$VBOARD_DIR/guest/src" >&2 || die "guest programs build failed"
make -s -C "$VBOARD_DIR/m4run" VBOARD_CACHE="$VBOARD_CACHE" >&2 ||
	die "m4run (the executing M4) build failed"
"$VBOARD_DIR/scripts/dtb.sh" "$ksrc" "$VBOARD_OUT" >&2
echo "$kb"
