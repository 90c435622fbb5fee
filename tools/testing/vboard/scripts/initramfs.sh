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
mkdir -p "$root"/{bin,sbin,etc,root,lib/firmware,lib/modules/vboard/kunit,vboard/scenarios}
install -m 0755 "$VBOARD_CACHE/busybox/bin/busybox" "$root/bin/busybox"
install -m 0755 "$VBOARD_DIR/guest/init" "$root/init"
install -m 0644 "$VBOARD_DIR/guest/lib.sh" "$VBOARD_DIR/guest/run-tests.sh" "$root/vboard/"
install -m 0644 "$VBOARD_DIR"/scenarios/*.sh "$root/vboard/scenarios/"
echo "$mode" > "$root/vboard/mode"
[ -n "$only" ] && echo "$only" > "$root/vboard/only"
if [ "$mode" = script ]; then
	[ -f "$script" ] || die "SCRIPT=$script not found"
	install -m 0755 "$script" "$root/vboard/user-script.sh"
fi

# Our modules, then the in-tree ones the tests use
install -m 0644 "$TOP_DIR/drivers/mailbox/stm32-ipcc.ko" \
	"$TOP_DIR/tools/testing/vboard/model/vboard-model.ko" "$root/lib/modules/vboard/"
install -m 0644 "$TOP_DIR"/tools/testing/vboard/kunit/*.ko "$root/lib/modules/vboard/kunit/"
for m in drivers/remoteproc/stm32_rproc.ko samples/rpmsg/rpmsg_client_sample.ko; do
	[ -f "$kbuild/$m" ] && install -m 0644 "$kbuild/$m" "$root/lib/modules/vboard/"
done
if [ -d "$TOP_DIR/tools/testing/vboard/fw/out" ]; then
	cp "$TOP_DIR"/tools/testing/vboard/fw/out/* "$root/lib/firmware/" 2>/dev/null || true
fi
echo 'root:x:0:0:root:/root:/bin/sh' > "$root/etc/passwd"

(cd "$root" && find . | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) | gzip -1 > "$out"
