#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# check-signed.sh PUBKEY.der IMAGE.sign: check a signed remoteproc image
# the way OP-TEE's remoteproc TA does, with tools independent of the
# signer (od, openssl, binutils' readelf, sha256sum): the header, the exact
# size, the RSA PKCS#1 v1.5 SHA-256 signature over header and TLVs, and
# that every loaded segment of the (first) ELF has its SHA-256 in the TLVs.
# Prints "ok" or the first problem and exits 0 or 1.
set -uo pipefail
pub=$1 img=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

no() { echo "$img: $*"; exit 1; }
r8() { echo $(( ($1 + 7) / 8 * 8 )); }

size=$(stat -c %s "$img")
[ "$size" -ge 20 ] || no "header: $size bytes, shorter than the 20-byte header"
read -r magic version tlv sig imgs < <(od -An -tu4 -N20 -w20 -v "$img")
[ "$magic" = $((0x3543a468)) ] || no "header: bad magic $(printf 0x%x "$magic")"
[ "$version" = 1 ] || no "header: version $version"
[ "$tlv" -gt 0 ] && [ "$sig" -gt 0 ] || no "header: no TLVs or no signature"
want=$((20 + $(r8 "$tlv") + $(r8 "$sig") + $(r8 "$imgs")))
[ "$size" = "$want" ] || no "header: $size bytes, the header says $want"

sigoff=$((20 + $(r8 "$tlv")))
elfoff=$((sigoff + $(r8 "$sig")))
head -c $((20 + $(r8 "$tlv"))) "$img" >"$tmp/signed"
tail -c +$((sigoff + 1)) "$img" | head -c "$sig" >"$tmp/sig"
openssl dgst -sha256 -verify "$pub" -keyform DER -signature "$tmp/sig" \
	"$tmp/signed" >/dev/null 2>&1 || no "signature: does not verify"

# the segments, as binutils reads them, each hashed and looked up
tail -c +$((elfoff + 1)) "$img" >"$tmp/elf"
od -An -tx1 -v "$tmp/signed" | tr -d ' \n' >"$tmp/tlvhex"
n=0
while read -r type off _ _ filesz _; do
	[ "$type" = LOAD ] || continue
	[ $((filesz)) -gt 0 ] || continue
	h=$(tail -c +$((off + 1)) "$tmp/elf" | head -c $((filesz)) | sha256sum | cut -d' ' -f1)
	grep -q "$h" "$tmp/tlvhex" || no "hash: segment at file offset $off is not in the hash table"
	n=$((n + 1))
done < <(arm-none-eabi-readelf -lW "$tmp/elf" 2>/dev/null | awk '$1 == "LOAD"')
[ "$n" -gt 0 ] || no "no loaded segment in the image"
echo ok
