#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# Install the host packages the project needs (Debian 12). Idempotent and quiet
# when everything is already there.
set -euo pipefail
. "$(dirname "$0")/common.sh"

PKGS=(build-essential bc bison flex libssl-dev libelf-dev cpio xz-utils kmod
      python3 gcc-arm-linux-gnueabihf qemu-system-arm device-tree-compiler
      sparse dt-schema yamllint linux-source-6.12 linux-source-6.1 file
      clang libclang-rt-14-dev gcc-arm-none-eabi libnewlib-arm-none-eabi
      libunicorn-dev gcc-aarch64-linux-gnu python3-cryptography openssl)
# Without their recommends (dkms would pull the host's kernel headers)
PKGS_NR=(dkms gnuplot-nox)

missing=() missing_nr=()
for p in "${PKGS[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
for p in "${PKGS_NR[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing_nr+=("$p")
done
if ! dpkg --print-foreign-architectures | grep -qx armhf; then
	dpkg --add-architecture armhf
	need_update=1
fi
bb="$VBOARD_CACHE/busybox/bin/busybox"
if [ ${#missing[@]} -gt 0 ] || [ ${#missing_nr[@]} -gt 0 ] || [ ! -x "$bb" ] ||
   [ -n "${need_update:-}" ]; then
	[ "$(id -u)" = 0 ] || SUDO=sudo
	log "installing: ${missing[*]} ${missing_nr[*]} (busybox-static:armhf if missing)"
	${SUDO:-} apt-get update -q >/dev/null || log "apt-get update reported errors; trying anyway"
	if [ ${#missing[@]} -gt 0 ]; then
		DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y -q "${missing[@]}" >/dev/null
	fi
	if [ ${#missing_nr[@]} -gt 0 ]; then
		DEBIAN_FRONTEND=noninteractive ${SUDO:-} apt-get install -y -q \
			--no-install-recommends "${missing_nr[@]}" >/dev/null
	fi
fi
if [ ! -x "$bb" ]; then
	# busybox for the guest: extracted, not installed (it would replace the host's).
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get download -q busybox-static:armhf >/dev/null)
	mkdir -p "$VBOARD_CACHE/busybox"
	dpkg-deb -x "$tmp"/busybox-static_*_armhf.deb "$tmp/x"
	install -D -m 0755 "$tmp/x/bin/busybox" "$bb"
	rm -rf "$tmp"
fi
file "$bb" | grep -q 'ARM' || die "$bb is not an ARM binary"
# Unicorn for the executing M4 (m4run): the armhf static library, extracted
uc="$VBOARD_CACHE/unicorn-armhf/usr/lib/arm-linux-gnueabihf/libunicorn.a"
if [ ! -f "$uc" ]; then
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get download -q libunicorn-dev:armhf libunicorn2:armhf >/dev/null)
	mkdir -p "$VBOARD_CACHE/unicorn-armhf"
	for d in "$tmp"/*.deb; do dpkg-deb -x "$d" "$VBOARD_CACHE/unicorn-armhf"; done
	rm -rf "$tmp"
	[ -f "$uc" ] || die "libunicorn-dev:armhf has no $uc"
fi
