#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Sign the test images for OP-TEE's remoteproc TA, and craft hostile ones.

usage: mksigned.py OUTDIR GOOD.elf...

OUTDIR/board-key.pem is the virtual board's signing key (made once, kept
across builds), OUTDIR/board-key.der its public half (what the board's
secure world verifies with); OUTDIR/other-key.pem a key the board does not
know. Each GOOD.elf is signed to OUTDIR/NAME.sign. From the first one:

    bad/NN-name.sign and bad/MANIFEST, one line per image:
        file|the error OP-TEE's remoteproc TA returns for it

Each hostile image breaks one thing the TA checks before it touches the
core's memories, or while it copies a segment there.
"""
import os
import struct
import subprocess
import sys

SIGN = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                    "..", "scripts", "sign-rproc-fw.py")
HDR = struct.Struct("<5I")


def r8(n):
    return (n + 7) & ~7


def tool(*args):
    subprocess.run([sys.executable, SIGN, *args], check=True)


def layout(img):
    """offsets of the TLV area, the signature and the images"""
    _, _, tlv_len, sign_len, _ = HDR.unpack_from(img)
    sig = HDR.size + r8(tlv_len)
    return HDR.size, sig, sig + r8(sign_len)


def first_load(elf):
    """file offset and size of the first PT_LOAD segment with bytes"""
    phoff, = struct.unpack_from("<I", elf, 28)
    phnum, = struct.unpack_from("<H", elf, 44)
    for i in range(phnum):
        p = struct.unpack_from("<8I", elf, phoff + i * 32)
        if p[0] == 1 and p[4]:
            return p[1], p[4]
    sys.exit("no PT_LOAD segment")


def main():
    out, goods = sys.argv[1], sys.argv[2:]
    bad = os.path.join(out, "bad")
    os.makedirs(bad, exist_ok=True)
    key = os.path.join(out, "board-key.pem")
    other = os.path.join(out, "other-key.pem")
    for k in (key, other):
        if not os.path.exists(k):
            tool("genkey", k)
    tool("pubkey", key, os.path.join(out, "board-key.der"))
    tool("pubkey", key, os.path.join(out, "board-key.rsa"), "--pkcs1")
    for g in goods:
        name = os.path.splitext(os.path.basename(g))[0]
        tool("sign", "--in", g, "--out", os.path.join(out, name + ".sign"),
             "--key", key)

    good = os.path.join(out, os.path.splitext(os.path.basename(goods[0]))[0] + ".sign")
    with open(good, "rb") as f:
        img = f.read()
    with open(goods[0], "rb") as f:
        elf = f.read()
    tlv, sig, ims = layout(img)
    manifest = []

    def emit(name, data, why):
        fname = f"{len(manifest) + 1:02d}-{name}.sign"
        with open(os.path.join(bad, fname), "wb") as f:
            f.write(data)
        manifest.append(f"{fname}|{why}")

    b = bytearray(img)
    b[sig + 17] ^= 0x01
    emit("bad-signature", bytes(b), "TEE_ERROR_SIGNATURE_INVALID")

    wrong = os.path.join(bad, "wrong-key.tmp")
    tool("sign", "--in", goods[0], "--out", wrong, "--key", other)
    with open(wrong, "rb") as f:
        emit("wrong-key", f.read(), "TEE_ERROR_SIGNATURE_INVALID")
    os.unlink(wrong)

    emit("truncated-header", img[:12], "TEE_ERROR_BAD_PARAMETERS")

    b = bytearray(img)
    struct.pack_into("<I", b, 0, 0x3543A469)
    emit("bad-magic", bytes(b), "TEE_ERROR_BAD_PARAMETERS")

    b = bytearray(img)
    struct.pack_into("<I", b, 4, 2)
    emit("bad-version", bytes(b), "TEE_ERROR_BAD_PARAMETERS")

    emit("size-mismatch", img + bytes(8), "TEE_ERROR_BAD_PARAMETERS")

    # a byte of the first loaded segment: the signature still holds, the
    # copy's SHA-256 does not match the hash table's
    off, size = first_load(elf)
    b = bytearray(img)
    b[ims + off + size // 2] ^= 0xff
    emit("segment-hash", bytes(b), "TEE_ERROR_SECURITY")

    # the TLV area rewritten after signing (a hash in the hash table)
    b = bytearray(img)
    b[tlv + 200] ^= 0x01
    emit("tlv-tampered", bytes(b), "TEE_ERROR_SIGNATURE_INVALID")

    with open(os.path.join(bad, "MANIFEST"), "w") as f:
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
