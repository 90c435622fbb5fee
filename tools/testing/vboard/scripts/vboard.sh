#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make vboard [SCRIPT=file]: a guest shell on the virtual board with our
# modules loaded, or run SCRIPT there and exit with its status.
set -euo pipefail
. "$(dirname "$0")/common.sh"

script=${1:-}
kb=$("$VBOARD_DIR/scripts/build.sh")
dtb=$VBOARD_OUT/${VBOARD_DTB:-vboard-mp15}.dtb
# VBOARD_DTB=vboard-mp25 (or vboard-mp25-m33td): the arm64 STM32MP25 board
case ${VBOARD_DTB:-} in
vboard-mp25*) kb=$(cat "$VBOARD_OUT/kbuild-arm64") ||
	die "the STM32MP25 board needs its arm64 kernel (VBOARD_ARM64=0?)" ;;
esac
zimage=$(kimage "$kb")

if [ -z "$script" ]; then
	"$VBOARD_DIR/scripts/initramfs.sh" "$kb" "$VBOARD_OUT/initrd-shell.gz" shell
	exec "$VBOARD_DIR/scripts/qemu.sh" "$zimage" "$dtb" "$VBOARD_OUT/initrd-shell.gz"
fi

script=$(readlink -f "$script")
"$VBOARD_DIR/scripts/initramfs.sh" "$kb" "$VBOARD_OUT/initrd-script.gz" script "$script"
set +o pipefail
VBOARD_APPEND="quiet loglevel=1" "$VBOARD_DIR/scripts/qemu.sh" "$zimage" "$dtb" \
	"$VBOARD_OUT/initrd-script.gz" "${VBOARD_TIMEOUT:-1800}" </dev/null |
	tr -d '\r' | tee "$VBOARD_OUT/console-script.log" | awk '
		/^VBOARD-EXIT=/ { sub(/^VBOARD-EXIT=/, ""); rc = $0 + 0; done = 1; started = 0; next }
		started { print; fflush() }
		/^VBOARD-SCRIPT-BEGIN/ { started = 1 }
		END { exit done ? rc : 125 }'
rc=${PIPESTATUS[3]}
[ "$rc" -eq 0 ] || log "guest script exited with status $rc"
exit "$rc"
