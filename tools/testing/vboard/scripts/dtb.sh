#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Build the board DTBs: QEMU virt's own tree (dumped from the installed QEMU,
# same machine options as the boot) checked against our schema-clean base,
# plus our STM32MP nodes.
#   dtb.sh KSRC OUTDIR   -> OUTDIR/vboard-mp15.dtb, vboard-mp15-procid1.dtb,
#                           vboard-mp15-tee.dtb, vboard-mp15-tee-ml.dtb,
#                           vboard-mp25.dtb, vboard-mp25-m33td.dtb,
#                           vboard-mp25-nocells.dtb, vboard-mp25-tee.dtb
set -euo pipefail
. "$(dirname "$0")/common.sh"

ksrc=${1:?kernel source}
out=${2:?output dir}
mkdir -p "$out"

# check_virt ARCH MEM-REG: QEMU's tree for ARCH has what virt-base.dtsi says
check_virt() {
	local arch=$1 memreg=$2 want
	"$(qemu_cmd "$arch")" -M "$(qemu_machine "$arch")",dumpdtb="$out/virt-$arch.dtb" \
		-cpu "$(qemu_cpu "$arch")" -smp 2 -m "$(qemu_mem "$arch")" -nographic >/dev/null 2>&1
	dtc -q -I dtb -O dts -o "$out/virt-$arch.dts" "$out/virt-$arch.dtb"
	for want in 'reg = <0x00 0x8000000 0x00 0x10000 0x00 0x8010000 0x00 0x10000>;' \
		    'reg = <0x00 0x9000000 0x00 0x1000>;' 'method = "hvc";' \
		    "reg = <0x00 0x40000000 0x00 $memreg>;" 'compatible = "arm,cortex-a15-gic";'; do
		grep -qF "$want" "$out/virt-$arch.dts" ||
			die "QEMU's $arch virt tree changed: '$want' not found in $out/virt-$arch.dts"
	done
}
check_virt arm 0x20000000
check_virt arm64 0x80000000

for board in vboard-mp15 vboard-mp15-procid1 vboard-mp15-tee vboard-mp15-tee-ml vboard-mp25 \
	     vboard-mp25-m33td vboard-mp25-nocells vboard-mp25-tee; do
	cpp -nostdinc -undef -x assembler-with-cpp -P \
		-I "$VBOARD_DIR/dts" -I "$out" -I "$TOP_DIR/include" \
		-I "$ksrc/include" -I "$ksrc/scripts/dtc/include-prefixes" \
		"$VBOARD_DIR/dts/$board.dts" -o "$out/$board.pp.dts"
	dtc -@ -I dts -O dtb -o "$out/$board.dtb" "$out/$board.pp.dts"
done
