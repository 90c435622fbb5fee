#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the board DTBs: QEMU virt's own tree (dumped from the installed QEMU,
# same -m as the boot) plus our STM32MP15 nodes.
#   dtb.sh KSRC OUTDIR   -> OUTDIR/vboard-mp15.dtb, vboard-mp15-procid1.dtb
set -euo pipefail
. "$(dirname "$0")/common.sh"

ksrc=${1:?kernel source}
out=${2:?output dir}
mkdir -p "$out"

qemu-system-arm -M virt,dumpdtb="$out/virt.dtb" -cpu cortex-a15 -smp 2 \
	-m "${VBOARD_MEM:-512}" -nographic >/dev/null 2>&1
dtc -q -I dtb -O dts -o "$out/virt-dump.dts" "$out/virt.dtb"
# Our schema-clean base (dts/virt-base.dtsi) must describe the same machine
for want in 'reg = <0x00 0x8000000 0x00 0x10000 0x00 0x8010000 0x00 0x10000>;' \
	    'reg = <0x00 0x9000000 0x00 0x1000>;' 'method = "hvc";' \
	    'reg = <0x00 0x40000000 0x00 0x20000000>;' 'compatible = "arm,cortex-a15-gic";'; do
	grep -qF "$want" "$out/virt-dump.dts" ||
		die "QEMU's virt tree changed: '$want' not found in $out/virt-dump.dts"
done

for board in vboard-mp15 vboard-mp15-procid1; do
	cpp -nostdinc -undef -x assembler-with-cpp -P \
		-I "$VBOARD_DIR/dts" -I "$out" -I "$TOP_DIR/include" \
		-I "$ksrc/include" -I "$ksrc/scripts/dtc/include-prefixes" \
		"$VBOARD_DIR/dts/$board.dts" -o "$out/$board.pp.dts"
	dtc -@ -I dts -O dtb -o "$out/$board.dtb" "$out/$board.pp.dts"
done
