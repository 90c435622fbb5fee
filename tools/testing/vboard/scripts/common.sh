# SPDX-License-Identifier: GPL-2.0
# Shared settings for the virtual-board scripts (sourced, not run).
VBOARD_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOP_DIR=$(cd "$VBOARD_DIR/../../.." && pwd)
_home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
VBOARD_CACHE=${VBOARD_CACHE:-${XDG_CACHE_HOME:-$_home/.cache}/stm32mp-vboard}
VBOARD_OUT=${VBOARD_OUT:-$TOP_DIR/.vboard}
CROSS_COMPILE=${CROSS_COMPILE:-arm-linux-gnueabihf-}
JOBS=${JOBS:-$(nproc)}
export ARCH=arm CROSS_COMPILE

log() { printf '[vboard] %s\n' "$*" >&2; }
die() { printf '[vboard] error: %s\n' "$*" >&2; exit 1; }
