#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Assemble the guest initramfs.
#   initramfs.sh KBUILD OUT.cpio.gz MODE [SCRIPT] [ONLY-REGEX]
# MODE: test | shell | script. The project's modules must be built already.
set -euo pipefail
. "$(dirname "$0")/common.sh"

kbuild=${1:?kernel build dir}
out=${2:?output}
mode=${3:?mode}
script=${4:-}
only=${5:-}

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,etc,root,usr/bin,lib/firmware,lib/modules/vboard/kunit,lib/modules/vboard/upstream,vboard/scenarios}
install -m 0755 "$VBOARD_CACHE/busybox/bin/busybox" "$root/bin/busybox"
install -m 0755 "$VBOARD_DIR/guest/init" "$root/init"
install -m 0644 "$VBOARD_DIR/guest/lib.sh" "$VBOARD_DIR/guest/run-tests.sh" \
	"$VBOARD_DIR/demo.sh" "$root/vboard/"
# The board follows the kernel: STM32MP15 on arm, STM32MP25 on arm64,
# each with its own scenarios (NN-*.sh, mp25-NN-*.sh)
if [ "$(kbuild_arch "$kbuild")" = arm64 ]; then
	echo mp25 > "$root/vboard/board"
	install -m 0644 "$VBOARD_DIR"/scenarios/mp25-*.sh "$root/vboard/scenarios/"
else
	echo mp15 > "$root/vboard/board"
	install -m 0644 "$VBOARD_DIR"/scenarios/[0-9]*.sh "$VBOARD_DIR"/scenarios/tee-*.sh \
		"$root/vboard/scenarios/"
fi
# The README's guest snippets, for scenario 44-readme
python3 "$VBOARD_DIR/scripts/readme-check.py" guest "$TOP_DIR" "$root/vboard/readme" >/dev/null
echo "$mode" > "$root/vboard/mode"
[ -n "$only" ] && echo "$only" > "$root/vboard/only"
[ -n "${VBOARD_BENCH_REPS:-}" ] && echo "$VBOARD_BENCH_REPS" > "$root/vboard/bench-reps"
# Which images the executing M4 runs (model/vboard-cpu.c): "all" for the
# exec board variant
[ -n "${VBOARD_M4_EXEC:-}" ] && echo "$VBOARD_M4_EXEC" > "$root/vboard/m4-exec"
# make soak: the long counts of scenario 43-soak, and time for them
if [ "${VBOARD_SOAK:-}" = long ]; then
	# SOAK_COUNTS="SOAK_CRASH=50 ..." (make soak) overrides some
	printf '%s\n' SOAK_STARTSTOP=1000 SOAK_CRASH=200 SOAK_ATTACH=100 \
		SOAK_BIND=100 SOAK_MODULES=20 ${SOAK_COUNTS:-} > "$root/vboard/soak.conf"
	echo $(( ${VBOARD_TIMEOUT:-7200} - 120 )) > "$root/vboard/timeout"
fi
if [ "$mode" = script ]; then
	[ -f "$script" ] || die "SCRIPT=$script not found"
	install -m 0755 "$script" "$root/vboard/user-script.sh"
fi

# Our modules (staged by build.sh for this kernel's architecture), then
# the in-tree ones the tests use (the upstream stm32_rproc, for the
# cross-check, in upstream/)
stage=$(ko_stage "$kbuild")
[ -f "$stage/stm32-rproc.ko" ] || die "$stage: modules not built (build.sh)"
install -m 0644 "$stage"/*.ko "$root/lib/modules/vboard/"
[ -n "${VBOARD_NO_KUNIT:-}" ] ||
	install -m 0644 "$stage"/kunit/*.ko "$root/lib/modules/vboard/kunit/"
install -m 0644 "$kbuild/samples/rpmsg/rpmsg_client_sample.ko" "$root/lib/modules/vboard/"
install -m 0644 "$kbuild/drivers/remoteproc/stm32_rproc.ko" "$root/lib/modules/vboard/upstream/"
# Test firmware (rproc-m4-fw is the echo image) and test programs
install -m 0644 "$VBOARD_DIR"/fw/out/*.elf "$VBOARD_DIR"/fw/out/rproc-m4-fw \
	"$VBOARD_DIR"/fw/out/rproc-m33-fw "$VBOARD_DIR"/fw/out/rproc-m0-fw \
	"$root/lib/firmware/"
mkdir -p "$root/lib/firmware/bad" "$root/lib/firmware/bad-m33" "$root/lib/firmware/corpus"
install -m 0644 "$VBOARD_DIR"/fw/out/bad/* "$root/lib/firmware/bad/"
install -m 0644 "$VBOARD_DIR"/fw/out/bad-m33/* "$root/lib/firmware/bad-m33/"
install -m 0644 "$VBOARD_DIR"/fw/out/corpus/* "$root/lib/firmware/corpus/"
# [J] signed containers, the hostile ones, and the board key the model's
# secure world verifies with (its public half only)
mkdir -p "$root/lib/firmware/signed/bad"
install -m 0644 "$VBOARD_DIR"/fw/out/signed/*.sign "$VBOARD_DIR"/fw/out/signed/board-key.rsa \
	"$root/lib/firmware/signed/"
install -m 0644 "$VBOARD_DIR"/fw/out/signed/bad/* "$root/lib/firmware/signed/bad/"
install -m 0644 "$VBOARD_DIR"/fw/deliberate-refusals "$root/vboard/"
install -m 0755 "$VBOARD_DIR"/guest/src/out/* "$VBOARD_DIR/m4run/out/m4run" \
	"$TOP_DIR/tools/userspace/stm32mp-m4ctl" \
	"$root/usr/bin/"
# make vboard FW=image.elf: the user's firmware, started at boot
if [ -n "${VBOARD_FW:-}" ]; then
	[ -f "$VBOARD_FW" ] || die "FW=$VBOARD_FW not found"
	install -m 0644 "$VBOARD_FW" "$root/lib/firmware/$(basename "$VBOARD_FW")"
	basename "$VBOARD_FW" > "$root/vboard/user-fw"
fi
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -1 > "$out"
