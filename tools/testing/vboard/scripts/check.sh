#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make check: static checks. Fails on any warning.
#  - W=1 and sparse (C=2) builds against 6.12 (board kernel) and 6.1, for
#    32-bit ARM and arm64
#  - checkpatch.pl --strict on every C file and header
#  - dt-doc-validate + yamllint (kernel config) on our binding YAMLs
#  - dt-validate of the board DTBs against the kernel's schemas plus ours
#  - the real-board overlays and the README's DT example on the upstream
#    DK2/EV1 DTBs, and the M33 overlay on the upstream MP257F-EV1 DTB
#    (fdtoverlay + dt-validate, reserved memories apart)
#  - README: every code block marked with how it is exercised (guest
#    snippets run by scenario 44-readme), troubleshooting messages in the sources
#  - one version in VERSION, MODULE_VERSION, dkms, Yocto, Buildroot, CHANGELOG
#  - the mailbox core's private TXDONE_BY_* values copied into compat.h
set -uo pipefail
. "$(dirname "$0")/common.sh"

"$VBOARD_DIR/scripts/deps.sh" || exit 1
fails=0
step() { printf '[check] %-55s' "$1"; }
verdict() { # verdict OUTPUT-FILE
	if [ -s "$1" ]; then echo "FAIL"; sed 's/^/    /' "$1" | head -40; fails=$((fails + 1))
	else echo "ok"; fi
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

k612=$("$VBOARD_DIR/scripts/kernel.sh" 6.12) || exit 1
k61=$("$VBOARD_DIR/scripts/kernel.sh" 6.1) || exit 1
k612a=$("$VBOARD_DIR/scripts/kernel.sh" 6.12-arm64) || exit 1
k61a=$("$VBOARD_DIR/scripts/kernel.sh" 6.1-arm64) || exit 1
ksrc=$(readlink -f "$k612/source")

for kv in "6.12 $k612 CONFIG_STM32MP_VBOARD=m" "6.1 $k61" \
	  "6.12 $k612a CONFIG_STM32MP_VBOARD=m" "6.1 $k61a"; do
	read -r ver kb extra <<<"$kv"
	step "W=1 + sparse build against $ver ($(kbuild_arch "$kb"))"
	kmake "$kb" -s M="$TOP_DIR" clean >/dev/null 2>&1
	kmake "$kb" M="$TOP_DIR" W=1 C=2 $extra -j"$JOBS" modules >"$tmp/build.log" 2>&1 ||
		echo "build failed" >>"$tmp/build.log"
	# A modules_prepare tree (6.1) has no Module.symvers: modpost cannot
	# resolve kernel symbols there. Real link problems show on 6.12.
	grep -iE 'warning|error|failed' "$tmp/build.log" |
		grep -vE 'Module.symvers is missing|unresolved symbol warnings|modpost: ".*" \[.*\] undefined!' \
		>"$tmp/out" || true
	[ "$ver" = 6.12 ] && grep -iE 'warning|error|failed' "$tmp/build.log" >"$tmp/out"
	verdict "$tmp/out"
done
# The 6.1 arm64 objects are still there: install them as a distribution
# would (6.12: host test host-modules-install)
step "modules_install against 6.1 (arm64)"
rm -rf "$tmp/r61"
kmake "$k61a" -s M="$TOP_DIR" INSTALL_MOD_PATH="$tmp/r61" modules_install >"$tmp/out" 2>&1 ||
	echo "modules_install failed" >>"$tmp/out"
grep -v 'depmod\|Warning: modules_install: missing' "$tmp/out" >"$tmp/out2" || true
[ "$(find "$tmp/r61" -name 'stm32*.ko' -o -name rpmsg_sdb.ko | wc -l)" -eq 3 ] ||
	echo "want 3 modules under $tmp/r61/lib/modules/*/updates" >>"$tmp/out2"
verdict "$tmp/out2"
kmake "$k61a" -s M="$TOP_DIR" clean >/dev/null 2>&1

step "checkpatch --strict"
: >"$tmp/out"
cd "$TOP_DIR"
for f in $(git ls-files '*.c' '*.h' | grep -v '/fw/'); do
	ign=""
	# The compat header is where version checks are meant to live
	[ "$f" = include/stm32mp/compat.h ] && ign="--ignore LINUX_VERSION_CODE"
	# libFuzzer's entry point has a fixed (CamelCase) name
	[ "$f" = tools/testing/fuzz/fuzz_fw.c ] && ign="--ignore CAMELCASE"
	# ST's rpmsg_sdb ioctl structures (bufferId), kept for its users
	[ "$f" = drivers/rpmsg/rpmsg_sdb.c ] && ign="--ignore CAMELCASE"
	# m4run is a userspace program on Unicorn's API, whose callbacks take
	# <stdint.h> types
	case "$f" in tools/testing/vboard/m4run/*) ign="--ignore PREFER_KERNEL_TYPES" ;; esac
	perl "$ksrc/scripts/checkpatch.pl" --strict --no-tree --terse --show-types $ign -f "$f" |
		grep -E 'ERROR|WARNING|CHECK' >>"$tmp/out"
done
verdict "$tmp/out"

yamls=$(git ls-files '*.yaml' | grep -E 'bindings/')
step "yamllint (kernel bindings config)"
yamllint -f parsable -c "$ksrc/Documentation/devicetree/bindings/.yamllint" $yamls >"$tmp/out" 2>&1
verdict "$tmp/out"

step "dt-doc-validate"
: >"$tmp/out"
for y in $yamls; do
	# -u: the bindings root the file's $id is relative to
	dt-doc-validate -u "$TOP_DIR/${y%%/bindings/*}/bindings" "$y" >>"$tmp/out" 2>&1
done
verdict "$tmp/out"

step "dt-validate board DTBs (kernel + our schemas)"
"$VBOARD_DIR/scripts/dtb.sh" "$ksrc" "$tmp/dtb" >"$tmp/out" 2>&1
# Processing the kernel's schemas takes a minute: cache it by its inputs
# Kernel schemas Debian's dt-schema 2022.08 cannot apply: it derives a
# schema's "select" from every compatible it lists, so fsl,qe.yaml ("fsl,qe",
# "simple-bus") claims every simple-bus node. Newer dt-schema does not.
excluded="soc/fsl/cpm_qe/fsl,qe.yaml"
skey=$( { echo "$ksrc $excluded"; dt-mk-schema --version 2>&1; cat Documentation/devicetree/bindings/*/*.yaml \
	tools/testing/vboard/bindings/*.yaml; } | sha256sum | cut -c1-16)
schema=$VBOARD_CACHE/schema-$skey.json
if [ ! -s "$schema" ]; then
	cp -r "$ksrc/Documentation/devicetree/bindings" "$tmp/kbindings"
	for x in $excluded; do rm -f "$tmp/kbindings/$x"; done
	dt-mk-schema -j "$tmp/kbindings" Documentation/devicetree/bindings \
		tools/testing/vboard/bindings >"$schema.tmp" 2>"$tmp/mk.log" && mv "$schema.tmp" "$schema"
fi
for d in "$tmp"/dtb/vboard-mp*.dtb; do
	case $d in
	# The mainline TEE binding (st,rproc-tee, no resets) is still under
	# review: the kernel's st,stm32-rproc.yaml does not know it. Our
	# st,stm32mp1-m4.yaml, which does, still validates the node.
	*-tee-ml.dtb)
		dt-validate -s "$schema" "$d" 2>&1 | awk '
			/From schema:/ {
				if ($0 !~ /st,stm32-rproc\.yaml/) {
					if (held != "") print held
					print
				}
				held = ""
				next
			}
			{ if (held != "") print held; held = $0 }
			END { if (held != "") print held }' >>"$tmp/out"
		;;
	*) dt-validate -s "$schema" "$d" >>"$tmp/out" 2>&1 ;;
	esac
done
verdict "$tmp/out"

step "real-board overlays (DK2, EV1, MP257F-EV1) + README DT example"
# The upstream board DTBs built with symbols, our overlay (and the README's
# example, extracted between its markers) applied with fdtoverlay, the result
# validated against the kernel's schemas plus ours. Debian's dt-schema
# 2022.08 already reports the upstream boards' own st,syscfg-pdds (a mask of
# 1 decoded as a phandle): the check is that the overlaid DTBs add nothing to
# what the base DTBs get.
: >"$tmp/out"
ov=$tmp/ov && mkdir -p "$ov"
sed -n '/<!-- dt-example-begin -->/,/<!-- dt-example-end -->/p' README.md |
	sed '1,2d;$d' | sed '$d' >"$ov/readme.dtso"
[ -s "$ov/readme.dtso" ] || echo "README: no DT example between the markers" >>"$tmp/out"
for o in arch/arm/boot/dts/st/stm32mp15-m4-coproc.dtso "$ov/readme.dtso"; do
	dtc -@ -q -I dts -O dtb -o "$ov/$(basename "$o" .dtso).dtbo" "$o" >>"$tmp/out" 2>&1
done
# dtb ARCH SOURCE OUT: an upstream-style DTB (or overlay) with symbols
dtb() {
	cpp -nostdinc -undef -D__DTS__ -x assembler-with-cpp -I "$ksrc/include" \
		-I "$ksrc/arch/$1/boot/dts/st" -I "$ksrc/arch/$1/boot/dts" \
		-I "$ksrc/scripts/dtc/include-prefixes" "$2" -o "$3.pp" >>"$tmp/out" 2>&1 &&
	dtc -@ -q -I dts -O dtb -o "$3" "$3.pp" >>"$tmp/out" 2>&1
}
# no_overlap DTB: every reserved-memory region (2 address, 2 size cells)
# apart from the others
no_overlap() {
	local n r end=0 last=
	for n in $(fdtget -l "$1" /reserved-memory); do
		[ "$(fdtget "$1" "/reserved-memory/$n" status 2>/dev/null)" = disabled ] && continue
		read -r -a r <<<"$(fdtget -t x "$1" "/reserved-memory/$n" reg)"
		echo "$(( (16#${r[0]} << 32) + 16#${r[1]} )) $(( (16#${r[0]} << 32) + 16#${r[1]} + (16#${r[2]} << 32) + 16#${r[3]} )) $n"
	done | sort -n | while read -r b e n; do
		[ -n "$last" ] && [ "$b" -lt "$end" ] &&
			echo "$1: reserved-memory $n overlaps $last"
		[ "$e" -gt "$end" ] && end=$e last=$n
	done
}
dtbs=()
for b in stm32mp157c-dk2 stm32mp157c-ev1; do
	dtb arm "$ksrc/arch/arm/boot/dts/st/$b.dts" "$ov/$b.dtb" &&
	fdtoverlay -i "$ov/$b.dtb" -o "$ov/$b-m4.dtb" "$ov/stm32mp15-m4-coproc.dtbo" >>"$tmp/out" 2>&1 &&
	fdtoverlay -i "$ov/$b.dtb" -o "$ov/$b-readme.dtb" "$ov/readme.dtbo" >>"$tmp/out" 2>&1 &&
	dtbs+=("$ov/$b.dtb" "$ov/$b-m4.dtb" "$ov/$b-readme.dtb")
	for d in "$ov/$b-m4.dtb" "$ov/$b-readme.dtb"; do
		m4=$(fdtget -t s "$d" /__symbols__ m4_rproc 2>/dev/null)
		fdtget "$d" "$m4" st,auto-boot >/dev/null 2>&1 ||
			echo "$d: st,auto-boot not set on m4_rproc ($m4)" >>"$tmp/out"
	done
done
# STM32MP25: the EV1 (upstream 6.12 has no DK board file). The overlay adds
# the M33 carve-outs inside the board's "fw" region, which it cuts: they
# must come out apart from each other.
b=stm32mp257f-ev1
if dtb arm64 "$ksrc/arch/arm64/boot/dts/st/$b.dts" "$ov/$b.dtb" &&
   dtb arm64 arch/arm64/boot/dts/st/$b-m33-coproc.dtso "$ov/$b-m33.dtbo" &&
   fdtoverlay -i "$ov/$b.dtb" -o "$ov/$b-m33.dtb" "$ov/$b-m33.dtbo" >>"$tmp/out" 2>&1; then
	dtbs+=("$ov/$b.dtb" "$ov/$b-m33.dtb")
	m33=$(fdtget -t s "$ov/$b-m33.dtb" /__symbols__ m33_rproc 2>/dev/null)
	[ "$(fdtget "$ov/$b-m33.dtb" "$m33" compatible 2>/dev/null)" = st,stm32mp2-m33 ] ||
		echo "$b-m33: no st,stm32mp2-m33 node ($m33)" >>"$tmp/out"
	no_overlap "$ov/$b-m33.dtb" >>"$tmp/out"
fi
if [ ${#dtbs[@]} -gt 0 ]; then
	dt-validate -s "$schema" "${dtbs[@]}" >"$ov/val.log" 2>&1
	for bv in stm32mp157c-dk2:m4 stm32mp157c-dk2:readme stm32mp157c-ev1:m4 \
		  stm32mp157c-ev1:readme stm32mp257f-ev1:m33; do
		b=${bv%:*} v=${bv#*:}
		# Lines about the overlaid DTB that the base DTB does not have
		grep -F "$ov/$b-$v.dtb:" "$ov/val.log" | sed "s|$ov/$b-$v.dtb:||" | sort >"$ov/a"
		grep -F "$ov/$b.dtb:" "$ov/val.log" | sed "s|$ov/$b.dtb:||" | sort >"$ov/base"
		comm -23 "$ov/a" "$ov/base" | sed "s|^|$b+$v:|" >>"$tmp/out"
	done
fi
verdict "$tmp/out"

step "README: every snippet exercised, messages real"
python3 "$VBOARD_DIR/scripts/readme-check.py" check "$TOP_DIR" "$ksrc" >"$tmp/out" 2>&1
verdict "$tmp/out"

step "one version (modules, dkms, Yocto, Buildroot, CHANGELOG)"
: >"$tmp/out"
ver=$(cat VERSION)
for f in drivers/remoteproc/stm32_rproc.c drivers/mailbox/stm32-ipcc.c; do
	grep -q "MODULE_VERSION(\"$ver\")" "$f" || echo "$f: MODULE_VERSION is not $ver" >>"$tmp/out"
done
grep -q "^PACKAGE_VERSION=\"$ver\"" dkms.conf || echo "dkms.conf: not $ver" >>"$tmp/out"
[ -f "packaging/yocto/meta-stm32mp-coproc/recipes-kernel/stm32mp-coproc/stm32mp-coproc_$ver.bb" ] ||
	echo "Yocto recipe: no stm32mp-coproc_$ver.bb" >>"$tmp/out"
grep -q "^STM32MP_COPROC_VERSION = $ver$" packaging/buildroot/package/stm32mp-coproc/stm32mp-coproc.mk ||
	echo "Buildroot: not $ver" >>"$tmp/out"
grep -q "^## \[$ver\]" CHANGELOG.md || echo "CHANGELOG.md: no [$ver] entry" >>"$tmp/out"
verdict "$tmp/out"

step "compat.h: mailbox core private values (6.12, 6.1)"
: >"$tmp/out"
for src in "$ksrc" "$(readlink -f "$k61/source")"; do
	for m in IRQ ACK; do
		want=$(sed -n "s/^#define TXDONE_BY_$m[[:space:]]*\(BIT([0-9]*)\).*/\1/p" "$src/drivers/mailbox/mailbox.h")
		grep -q "^#define STM32MP_TXDONE_BY_$m[[:space:]]*$want\$" include/stm32mp/compat.h ||
			echo "$src: TXDONE_BY_$m is '$want', compat.h differs" >>"$tmp/out"
	done
done
verdict "$tmp/out"

if [ $fails -ne 0 ]; then
	echo "make check: $fails check(s) failed"
	exit 1
fi
echo "make check: all clean"
