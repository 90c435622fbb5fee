# SPDX-License-Identifier: GPL-2.0
# Shared settings for the virtual-board scripts (sourced, not run).
VBOARD_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
TOP_DIR=$(cd "$VBOARD_DIR/../../.." && pwd)
_home=${HOME:-$(getent passwd "$(id -u)" | cut -d: -f6)}
VBOARD_CACHE=${VBOARD_CACHE:-${XDG_CACHE_HOME:-$_home/.cache}/stm32mp-vboard}
VBOARD_OUT=${VBOARD_OUT:-$TOP_DIR/.vboard}
CROSS_COMPILE=${CROSS_COMPILE:-arm-linux-gnueabihf-}
# the arm64 board (kernel.sh FLAVOR-arm64)
CROSS_COMPILE64=${CROSS_COMPILE64:-aarch64-linux-gnu-}
JOBS=${JOBS:-$(nproc)}
export ARCH=arm CROSS_COMPILE

# kbuild_arch KBUILD: arm or arm64, from the tree's .config
kbuild_arch() {
	if grep -q '^CONFIG_ARM64=y' "$1/.config" 2>/dev/null; then echo arm64; else echo arm; fi
}
# The QEMU machine of each board: STM32MP15 on 32-bit virt (cortex-a15),
# STM32MP25 on arm64 virt (cortex-a35, GICv2 as on the SoC, 2 GiB so the
# EV1 carve-outs at 0x8010_0000.. are RAM)
qemu_cmd() { if [ "$1" = arm64 ]; then echo qemu-system-aarch64; else echo qemu-system-arm; fi; }
qemu_machine() { if [ "$1" = arm64 ]; then echo virt,gic-version=2; else echo virt; fi; }
qemu_cpu() { if [ "$1" = arm64 ]; then echo cortex-a35; else echo cortex-a15; fi; }
qemu_mem() { if [ "$1" = arm64 ]; then echo 2048; else echo "${VBOARD_MEM:-512}"; fi; }
# kimage KBUILD: the kernel image QEMU boots
kimage() {
	if [ "$(kbuild_arch "$1")" = arm64 ]; then echo "$1/arch/arm64/boot/Image"
	else echo "$1/arch/arm/boot/zImage"; fi
}

# kmake KBUILD ARGS...: make in a kernel tree with its architecture's compiler
kmake() {
	local kb=$1
	shift
	if [ "$(kbuild_arch "$kb")" = arm64 ]; then
		ARCH=arm64 CROSS_COMPILE=$CROSS_COMPILE64 make -C "$kb" "$@"
	else
		make -C "$kb" "$@"
	fi
}

# ko_stage KBUILD: where build_modules leaves the modules built against
# KBUILD for initramfs.sh. Outside the source tree: Kbuild's clean (M=)
# deletes every *.ko below it, .vboard/ included.
ko_stage() {
	echo "$VBOARD_CACHE/stage/$(echo "$TOP_DIR" | sha1sum | cut -c1-12)/ko-$(kbuild_arch "$1")"
}

# build_modules KBUILD: our modules, the board model and the KUnit tests
# against KBUILD, copied to ko_stage (the objects themselves stay in the
# source tree until the next build)
build_modules() {
	local stage
	stage=$(ko_stage "$1")
	kmake "$1" -s M="$TOP_DIR" clean >/dev/null
	kmake "$1" -s M="$TOP_DIR" CONFIG_STM32MP_VBOARD=m -j"$JOBS" modules >&2 ||
		die "module build failed ($(kbuild_arch "$1"))"
	rm -rf "$stage" && mkdir -p "$stage/kunit"
	cp "$TOP_DIR/drivers/mailbox/stm32-ipcc.ko" "$TOP_DIR/drivers/remoteproc/stm32-rproc.ko" \
		"$TOP_DIR/drivers/rpmsg/rpmsg_sdb.ko" \
		"$VBOARD_DIR/model/vboard-model.ko" "$VBOARD_DIR/model/vboard-burst.ko" "$stage/"
	cp "$VBOARD_DIR"/kunit/*.ko "$stage/kunit/"
}

log() { printf '[vboard] %s\n' "$*" >&2; }
die() { printf '[vboard] error: %s\n' "$*" >&2; exit 1; }
