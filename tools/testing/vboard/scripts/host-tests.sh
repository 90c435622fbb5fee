#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Host-side tests, reported as the guest's are (VBOARD-RESULT lines):
#  - the documented ways to build the modules (make KDIR=, make KERNEL_SRC=,
#    make -C KDIR M= as Buildroot does, the variables Yocto's module.bbclass
#    passes, dkms build), each in a clean copy of the tree;
#  - the firmware validator built for the host gives the expected message for
#    every crafted malformed image, and accepts every good test image.
#   host-tests.sh KBUILD LOG
set -uo pipefail
. "$(dirname "$0")/common.sh"

kb=${1:?kernel build dir}
logf=${2:?log file}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
: >"$logf"

result() { # result NAME 0|1
	local r=PASS
	[ "$2" -eq 0 ] || r=FAIL
	echo "VBOARD-RESULT $1 $r 0" >>"$logf"
}

copy_tree() {
	rm -rf "$tmp/src" && mkdir -p "$tmp/src"
	(cd "$TOP_DIR" && git ls-files -z | xargs -0 cp --parents -t "$tmp/src")
}

want_ko() {
	[ -f "$tmp/src/drivers/mailbox/stm32-ipcc.ko" ] &&
		[ -f "$tmp/src/drivers/remoteproc/stm32-rproc.ko" ] &&
		[ -f "$tmp/src/drivers/rpmsg/rpmsg_sdb.ko" ]
}

copy_tree
make -s -C "$tmp/src" KDIR="$kb" ARCH=arm CROSS_COMPILE="$CROSS_COMPILE" \
	>"$tmp/b1.log" 2>&1 && want_ko
result host-build-make-KDIR $?

copy_tree
make -s -C "$tmp/src" KERNEL_SRC="$kb" ARCH=arm CROSS_COMPILE="$CROSS_COMPILE" \
	modules >"$tmp/b2.log" 2>&1 && want_ko
result host-build-make-KERNEL_SRC $?

copy_tree
make -s -C "$kb" M="$tmp/src" ARCH=arm CROSS_COMPILE="$CROSS_COMPILE" \
	>"$tmp/b3.log" 2>&1 && want_ko
result host-build-kbuild-M $?

# Install as a distribution would (Yocto/Buildroot: modules_install)
make -s -C "$tmp/src" KERNEL_SRC="$kb" ARCH=arm CROSS_COMPILE="$CROSS_COMPILE" \
	INSTALL_MOD_PATH="$tmp/root" modules_install >"$tmp/b4.log" 2>&1 &&
	[ -n "$(find "$tmp/root" -name stm32-rproc.ko)" ] &&
	[ -n "$(find "$tmp/root" -name rpmsg_sdb.ko)" ]
result host-modules-install $?

# Yocto: exactly what module.bbclass passes (KERNEL_SRC = the source tree,
# O = the build tree, the toolchain as CC/LD/AR, modules_install with
# MODLIB and DEPMOD=echo)
ksrc=$(readlink -f "$kb/source")
kver=$(cat "$kb/include/config/kernel.release")
copy_tree
make -s -C "$tmp/src" KERNEL_SRC="$ksrc" O="$kb" ARCH=arm \
	CC="${CROSS_COMPILE}gcc" LD="${CROSS_COMPILE}ld" AR="${CROSS_COMPILE}ar" \
	OBJCOPY="${CROSS_COMPILE}objcopy" STRIP="${CROSS_COMPILE}strip" \
	KBUILD_EXTRA_SYMBOLS= >"$tmp/y1.log" 2>&1 && want_ko &&
make -s -C "$tmp/src" KERNEL_SRC="$ksrc" O="$kb" ARCH=arm \
	CC="${CROSS_COMPILE}gcc" LD="${CROSS_COMPILE}ld" DEPMOD=echo \
	MODLIB="$tmp/yroot/lib/modules/$kver" INSTALL_FW_PATH="$tmp/yroot/lib/firmware" \
	modules_install >"$tmp/y2.log" 2>&1 &&
	[ -n "$(find "$tmp/yroot/lib/modules/$kver" -name stm32-ipcc.ko)" ] &&
	[ -n "$(find "$tmp/yroot/lib/modules/$kver" -name rpmsg_sdb.ko)" ]
result host-build-yocto-vars $?

# DKMS (Debian's dkms), in a private tree, against the board's 6.12 kernel;
# the modules must be built and headed for updates/
dk=$tmp/dkms
ver=$(cat "$TOP_DIR/VERSION")
rm -rf "$dk" && mkdir -p "$dk/tree" "$dk/src/stm32mp-coproc-$ver"
(cd "$TOP_DIR" && git ls-files -z | xargs -0 cp --parents -t "$dk/src/stm32mp-coproc-$ver")
dkopt=(--dkmstree "$dk/tree" --sourcetree "$dk/src")
ARCH=arm dkms "${dkopt[@]}" add -m stm32mp-coproc -v "$ver" >"$tmp/d.log" 2>&1 &&
ARCH=arm dkms "${dkopt[@]}" build -m stm32mp-coproc -v "$ver" -k "$kver" \
	--kernelsourcedir "$kb" -a arm >>"$tmp/d.log" 2>&1 &&
	[ "$(find "$dk/tree/stm32mp-coproc/$ver/$kver" -name '*.ko' | wc -l)" -eq 3 ] &&
	[ "$(grep -c 'DEST_MODULE_LOCATION\[[012]\]="/updates"' "$TOP_DIR/dkms.conf")" -eq 3 ]
r=$?
[ $r -eq 0 ] || tail -20 "$tmp/d.log" "$dk"/tree/stm32mp-coproc/"$ver"/build/make.log 2>/dev/null >&2
result host-dkms-build $r

# Coexistence with in-tree modules of the same name: ours in updates/ (DKMS,
# modules_install) win over kernel/drivers/ in depmod's ranking (our
# stm32-rproc.ko is module stm32_rproc: depmod reads - and _ as one)
mr=$tmp/mroot/lib/modules/$kver
mkdir -p "$mr/kernel/drivers/remoteproc" "$mr/updates/drivers/remoteproc"
cp "$kb/drivers/remoteproc/stm32_rproc.ko" "$mr/kernel/drivers/remoteproc/" &&
cp "$(find "$dk/tree" -name stm32-rproc.ko | head -1)" "$mr/updates/drivers/remoteproc/" &&
: >"$mr/modules.order" && : >"$mr/modules.builtin" &&
depmod -b "$tmp/mroot" "$kver" >"$tmp/dm.log" 2>&1 &&
modprobe -d "$tmp/mroot" -S "$kver" --show-depends stm32_rproc >"$tmp/mp.log" 2>&1 &&
grep -q "updates/drivers/remoteproc/stm32-rproc.ko" "$tmp/mp.log" &&
	! grep -q "kernel/drivers/remoteproc/stm32_rproc.ko" "$tmp/mp.log"
r=$?
[ $r -eq 0 ] || cat "$tmp/dm.log" "$tmp/mp.log" >&2
result host-updates-wins-over-in-tree $r

make -s -C "$TOP_DIR/tools/testing/fuzz" out/fwcheck >"$tmp/f.log" 2>&1
fwcheck=$TOP_DIR/tools/testing/fuzz/out/fwcheck
bad=$VBOARD_DIR/fw/out/bad
ok=0
n=0
while IFS='|' read -r f want; do
	n=$((n + 1))
	msg=$("$fwcheck" "$bad/$f")
	case "$msg" in
	*"$want"*) ;;
	*) echo "fwcheck $f: got '$msg', want '$want'" >&2; ok=1 ;;
	esac
done <"$bad/MANIFEST"
[ "$n" -ge 40 ] || ok=1
result host-validator-malformed-images $ok
# the STM32MP15 images against the M4's memories (the signed one's table
# region is on the OP-TEE board only, and not on the other), the M33 and
# M0+ ones against the STM32MP25 board's; an M33 image is no M0+ image
mp15_imgs=() && for f in "$VBOARD_DIR"/fw/out/*.elf; do
	case $f in */vboard-m33-*|*/vboard-m0*|*/vboard-tee.elf) ;; *) mp15_imgs+=("$f") ;; esac
done
"$fwcheck" "${mp15_imgs[@]}" >/dev/null &&
	"$fwcheck" -b mp15-tee "$VBOARD_DIR"/fw/out/vboard-tee.elf >/dev/null &&
	! "$fwcheck" "$VBOARD_DIR"/fw/out/vboard-tee.elf >/dev/null &&
	"$fwcheck" -b mp25 "$VBOARD_DIR"/fw/out/vboard-m33-*.elf >/dev/null &&
	"$fwcheck" -b mp25-m0 "$VBOARD_DIR"/fw/out/vboard-m0*.elf >/dev/null &&
	! "$fwcheck" -b mp25-m0 "$VBOARD_DIR"/fw/out/vboard-m33-echo.elf >/dev/null
result host-validator-good-images $?

# The signed images ([J]) as OP-TEE's remoteproc TA would take them,
# checked by check-signed.sh with tools that are not the signer's: the good
# ones pass; each hostile one fails on what its TA error says
signed=$VBOARD_DIR/fw/out/signed
chk=$VBOARD_DIR/scripts/check-signed.sh
ok=0
for f in "$signed"/*.sign; do
	"$chk" "$signed/board-key.der" "$f" >"$tmp/cs.log" || { cat "$tmp/cs.log" >&2; ok=1; }
done
n=0
while IFS='|' read -r f err; do
	n=$((n + 1))
	case $err in
	TEE_ERROR_SIGNATURE_INVALID) want="signature:" ;;
	TEE_ERROR_BAD_PARAMETERS) want="header:" ;;
	TEE_ERROR_SECURITY) want="hash:" ;;
	*) want="?" ;;
	esac
	msg=$("$chk" "$signed/board-key.der" "$signed/bad/$f") && ok=1
	case "$msg" in
	*"$want"*) ;;
	*) echo "check-signed $f: got '$msg', want '$want' ($err)" >&2; ok=1 ;;
	esac
done <"$signed/bad/MANIFEST"
[ "$n" -ge 8 ] || ok=1
# the README's commands, as a user runs them
(cd "$tmp" && cp "$VBOARD_DIR/fw/out/vboard-echo.elf" fw.elf &&
	S=$VBOARD_DIR/scripts &&
	/usr/bin/python3 $S/sign-rproc-fw.py genkey board-key.pem &&
	/usr/bin/python3 $S/sign-rproc-fw.py sign --in fw.elf --out fw.sign --key board-key.pem &&
	/usr/bin/python3 $S/sign-rproc-fw.py pubkey board-key.pem board-key.der &&
	[ "$($S/check-signed.sh board-key.der fw.sign)" = ok ]) >&2 || ok=1
result host-signed-images $ok

# make vboard SCRIPT=...: the script's output on stdout; success or failure
# as make can tell it (make exits 2 on any failure), the exact status from
# vboard.sh itself
printf '#!/bin/sh\necho "hello from $(cat /sys/class/remoteproc/remoteproc0/name)"\nexit ${1:-0}\n' \
	>"$tmp/s.sh"
out=$(make -s -C "$TOP_DIR" vboard SCRIPT="$tmp/s.sh" 2>/dev/null)
rc=$?
printf '#!/bin/sh\nexit 3\n' >"$tmp/f.sh"
make -s -C "$TOP_DIR" vboard SCRIPT="$tmp/f.sh" >/dev/null 2>&1
rc2=$?
"$VBOARD_DIR/scripts/vboard.sh" "$tmp/f.sh" >/dev/null 2>&1
rc3=$?
echo "make vboard SCRIPT: rc $rc output '$out'; failing script: make rc $rc2, vboard.sh rc $rc3"
[ "$rc" -eq 0 ] && [ "$out" = "hello from m4" ] && [ "$rc2" -ne 0 ] && [ "$rc3" -eq 3 ]
result host-make-vboard-script $?

# make vboard: a shell with the modules loaded; exiting it powers off
rm -f "$tmp/in" && mkfifo "$tmp/in"
timeout 300 make -s -C "$TOP_DIR" vboard <"$tmp/in" >"$tmp/shell.log" 2>&1 &
pid=$!
exec 7>"$tmp/in"
for _ in $(seq 1 240); do
	grep -q "Exit the shell" "$tmp/shell.log" 2>/dev/null && break
	sleep 0.5
done
sleep 1
printf 'lsmod | grep -c stm32 && echo shell-ok-$((6 * 7))\nexit\n' >&7
wait $pid
rc=$?
exec 7>&-
grep -q "shell-ok-42" "$tmp/shell.log" && grep -q "reboot: Power down" "$tmp/shell.log" &&
	[ "$rc" -eq 0 ]
result host-make-vboard-shell $?

# The harness itself can fail: a log with a splat, a failed or missing
# KUnit case, or no end marker must each fail the run
parse=$VBOARD_DIR/scripts/parse.py
good='VBOARD-KTAP-BEGIN s\n    ok 1 a\nVBOARD-KTAP-END s\nVBOARD-RESULT x PASS 1\nVBOARD-TESTS-DONE\n'
ok=0
printf "$good" >"$tmp/l0"
python3 "$parse" --expect-kunit 1 "$tmp/l0:t" >/dev/null || ok=1
for bad in 'BUG: KASAN: slab-use-after-free in x\n' 'WARNING: CPU: 0 PID: 1 at x\n' \
	   'unreferenced object 0xc1234567 (size 64):\n' 'WARNING: possible circular locking dependency detected\n' \
	   'Internal error: Oops: 5 [#1] SMP ARM\n'; do
	printf "[    1.0] $bad$good" >"$tmp/l1"
	python3 "$parse" --expect-kunit 1 "$tmp/l1:t" >/dev/null && ok=1
done
printf "${good/ok 1 a/not ok 1 a}" >"$tmp/l2"
python3 "$parse" --expect-kunit 1 "$tmp/l2:t" >/dev/null && ok=1
python3 "$parse" --expect-kunit 2 "$tmp/l0:t" >/dev/null && ok=1
printf 'VBOARD-RESULT x PASS 1\n' >"$tmp/l3"
python3 "$parse" --expect-kunit 0 "$tmp/l3:t" >/dev/null && ok=1
result host-harness-detects-failures $ok

echo "VBOARD-TESTS-DONE" >>"$logf"
