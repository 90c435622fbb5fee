#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build (or reuse) a kernel tree for the virtual board and print its path.
#   kernel.sh 6.12        armv7 debug kernel: zImage + in-tree modules
#   kernel.sh 6.12-bench  the same without the debug options (make bench)
#   kernel.sh 6.1         armv7 tree after modules_prepare (compile checks only)
#   kernel.sh 6.12-arm64  arm64 debug kernel (the STM32MP25 board): Image + modules
#   kernel.sh 6.1-arm64   arm64 tree after modules_prepare
# Trees live in $VBOARD_CACHE keyed by the source version and the config
# fragments, so a second run does not rebuild anything.
set -euo pipefail
. "$(dirname "$0")/common.sh"

flavor=${1:?usage: kernel.sh 6.12|6.12-bench|6.1|6.12-arm64|6.1-arm64}
ver=${flavor%%-*}
karch=arm
case $flavor in
*-arm64) karch=arm64; export ARCH=arm64 CROSS_COMPILE=$CROSS_COMPILE64 ;;
esac
tarball=/usr/src/linux-source-$ver.tar.xz
[ -f "$tarball" ] || die "$tarball missing (apt-get install linux-source-$ver)"
pkgver=$(dpkg-query -W -f='${Version}' "linux-source-$ver")

frags=("$VBOARD_DIR/configs/vboard-$karch.config" "$VBOARD_DIR/configs/vboard-base.config")
case $flavor in
6.12|6.12-arm64) frags+=("$VBOARD_DIR/configs/vboard-debug.config") ;;
6.12-bench) frags+=("$VBOARD_DIR/configs/vboard-bench.config") ;;
esac
# The secure world (OP-TEE's remoteproc TA in the model) on both boards,
# and the driver's TEE client compiled on 6.1 too (the model's TEE
# provider needs 6.10's tee_core.h: not on 6.1)
frags+=("$VBOARD_DIR/configs/vboard-tee.config")
# Linux 6.1 has no arm64 STM32 platform (STM32MP25 came with 6.7): its
# arm64 tree, for compile checks only, goes without the platform and the
# in-tree stm32_rproc that depends on it.
if [ "$flavor" = 6.1-arm64 ]; then
	nostm=$(mktemp)
	trap 'rm -f "$nostm"' EXIT
	grep -Ev '^CONFIG_(ARCH_STM32|STM32_RPROC)=' "${frags[1]}" >"$nostm"
	frags[1]=$nostm
fi
key=$( { echo "$flavor $pkgver"; cat "${frags[@]}"; sed -n '/^# --- recipe/,/^# --- end of recipe/p' "$0"; } |
	sha256sum | cut -c1-16)

src=$VBOARD_CACHE/src/linux-source-$ver-$pkgver
out=$VBOARD_CACHE/build/linux-$flavor-$key
if [ -f "$out/.vboard-done" ]; then
	echo "$out"
	exit 0
fi

if [ ! -f "$src/.vboard-extracted" ]; then
	log "extracting $tarball"
	rm -rf "$src" && mkdir -p "$src"
	tar -xf "$tarball" -C "$src" --strip-components=1
	touch "$src/.vboard-extracted"
fi

# --- recipe (changing anything below invalidates the cache)
rm -rf "$out" && mkdir -p "$out"
cat "${frags[@]}" > "$out/vboard.fragment"
log "configuring linux-$ver ($karch) in $out"
make -s -C "$src" O="$out" KCONFIG_ALLCONFIG="$out/vboard.fragment" allnoconfig >/dev/null
# Every requested option must have survived Kconfig dependency resolution.
bad=0
while read -r line; do
	case "$line" in
	CONFIG_*=n) opt=${line%%=*}; grep -q "^$opt=" "$out/.config" && { log "$opt should be off"; bad=1; } ;;
	CONFIG_*) grep -qx "$line" "$out/.config" || { log "missing in .config: $line"; bad=1; } ;;
	esac
done < "$out/vboard.fragment"
[ $bad = 0 ] || die "kernel config does not match the fragments"

start=$(date +%s)
if [ "$ver" = 6.12 ]; then
	kimage=zImage
	[ "$karch" = arm64 ] && kimage=Image
	log "building linux-$ver $karch ($kimage, modules) with -j$JOBS"
	make -s -C "$src" O="$out" -j"$JOBS" "$kimage" modules >"$out/build.log" 2>&1 ||
		{ tail -40 "$out/build.log"; die "kernel build failed"; }
else
	make -s -C "$src" O="$out" -j"$JOBS" modules_prepare >"$out/build.log" 2>&1 ||
		{ tail -40 "$out/build.log"; die "modules_prepare failed"; }
fi
log "linux-$ver ready in $(( $(date +%s) - start )) s"
touch "$out/.vboard-done"
# --- end of recipe
# Older trees of this flavor (other configs) are not needed any more
for old in "$VBOARD_CACHE"/build/linux-"$flavor"-*; do
	case ${old#"$VBOARD_CACHE"/build/linux-"$flavor"-} in
	*-*) continue ;;	# another flavor (6.12-bench-KEY seen from 6.12)
	esac
	[ "$old" = "$out" ] || rm -rf "$old"
done
echo "$out"
