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
# Our modules plus the board model and KUnit tests, against the board kernel
make -s -C "$kb" M="$TOP_DIR" clean >/dev/null
make -s -C "$kb" M="$TOP_DIR" CONFIG_STM32MP_VBOARD=m -j"$JOBS" modules >&2 ||
	die "module build failed"
make -s -C "$VBOARD_DIR/fw" >&2 || die "test firmware build failed"
make -s -C "$VBOARD_DIR/guest/src" >&2 || die "guest programs build failed"
make -s -C "$VBOARD_DIR/m4run" VBOARD_CACHE="$VBOARD_CACHE" >&2 ||
	die "m4run (the executing M4) build failed"
"$VBOARD_DIR/scripts/dtb.sh" "$ksrc" "$VBOARD_OUT" >&2
echo "$kb"
