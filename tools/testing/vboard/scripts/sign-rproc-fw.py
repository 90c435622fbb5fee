#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Sign Cortex-M ELF images for OP-TEE's remoteproc trusted application.

Writes the signed container that the remoteproc TA (UUID
80a4c275-0a47-4905-8285-1486a9771a08) loads, as OP-TEE defines it:

  header   5 x u32 LE: magic 0x3543a468, version 1, tlv_len, sign_len, img_len
  TLVs     tlv_len bytes (each: u32 type, u32 length, value, zeros to 8)
  padding  to a multiple of 8
  sign     sign_len bytes: RSASSA-PKCS1-v1_5 over SHA-256(header || TLVs)
  padding  to a multiple of 8
  images   each ELF, zeros to a multiple of 8 (img_len is their sum)

The images are bound to the signature through the HASHTABLE TLV: one
64-byte entry per program header (the Elf32_Phdr, then the SHA-256 of its
file bytes). The TA loads each PT_LOAD segment and checks the hash of the
copy.

  sign-rproc-fw.py genkey KEY.pem [--bits N]
  sign-rproc-fw.py sign --in A.elf [--in B.elf] --out OUT --key KEY.pem
                   [--key-info FILE] [--plat-tlv ID VALUE]...
  sign-rproc-fw.py pubkey KEY.pem OUT.der [--pkcs1]
                   (DER SubjectPublicKeyInfo, or PKCS#1 RSAPublicKey)

Uses Debian's python3-cryptography only (OP-TEE's own script needs
pycryptodome and pyelftools).
"""
import argparse
import hashlib
import struct
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

MAGIC = 0x3543A468
VERSION = 1
HDR = struct.Struct("<5I")

TLV_SIGNTYPE = 0x01
TLV_HASHTYPE = 0x02
TLV_NUM_IMG = 0x03
TLV_IMGTYPE = 0x04
TLV_IMGSIZE = 0x05
TLV_HASHTABLE = 0x10
TLV_PKEYINFO = 0x11
TLV_PLAT_FIRST = 0x10000
TLV_PLAT_LAST = 0x1FFFF

SIGNTYPE_RSA_PKCS1_SHA256 = 1
HASHTYPE_SHA256 = 1
IMGTYPE_ELF = 1


def pad8(data):
    return data + bytes(-len(data) % 8)


def tlv(kind, value):
    return pad8(struct.pack("<II", kind, len(value)) + value)


def phdrs(path, elf):
    """The program headers of a 32-bit little-endian ARM ELF, raw and parsed"""
    if elf[:4] != b"\x7fELF" or len(elf) < 52:
        sys.exit(f"{path}: not an ELF file")
    if elf[4] != 1 or elf[5] != 1:
        sys.exit(f"{path}: not a 32-bit little-endian ELF")
    machine, = struct.unpack_from("<H", elf, 18)
    if machine != 40:
        sys.exit(f"{path}: e_machine {machine}, not ARM")
    phoff, = struct.unpack_from("<I", elf, 28)
    phentsize, phnum = struct.unpack_from("<HH", elf, 42)
    if phnum == 0 or phentsize != 32 or phoff + phnum * 32 > len(elf):
        sys.exit(f"{path}: bad program header table")
    out = []
    for i in range(phnum):
        raw = elf[phoff + i * 32:phoff + (i + 1) * 32]
        p = struct.unpack("<8I", raw)
        offset, filesz = p[1], p[4]
        if offset + filesz > len(elf):
            sys.exit(f"{path}: segment {i} past the end of the file")
        out.append((raw, elf[offset:offset + filesz]))
    return out


def plat_value(text):
    if text.lower().startswith("0x"):
        return struct.pack("<I", int(text, 16))
    return text.encode()


def sign(args):
    with open(args.key, "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        sys.exit(f"{args.key}: not an RSA key (the STM32 platform verifies RSA only)")
    images = []
    table = b""
    for path in args.inputs:
        with open(path, "rb") as f:
            elf = f.read()
        for raw, data in phdrs(path, elf):
            table += raw + hashlib.sha256(data).digest()
        images.append(pad8(elf))

    tlvs = tlv(TLV_SIGNTYPE, bytes([SIGNTYPE_RSA_PKCS1_SHA256]))
    tlvs += tlv(TLV_NUM_IMG, bytes([len(images)]))
    tlvs += tlv(TLV_IMGTYPE, bytes([IMGTYPE_ELF] * len(images)))
    tlvs += tlv(TLV_IMGSIZE, b"".join(struct.pack("<I", len(i)) for i in images))
    tlvs += tlv(TLV_HASHTYPE, bytes([HASHTYPE_SHA256]))
    tlvs += tlv(TLV_HASHTABLE, table)
    if args.key_info:
        with open(args.key_info, "rb") as f:
            tlvs += tlv(TLV_PKEYINFO, f.read())
    for kind, value in args.plat_tlv or []:
        k = int(kind, 0)
        if not TLV_PLAT_FIRST <= k <= TLV_PLAT_LAST:
            sys.exit(f"platform TLV 0x{k:x} outside 0x10000..0x1ffff")
        tlvs += tlv(k, plat_value(value))

    sign_len = (key.key_size + 7) // 8
    img = b"".join(images)
    hdr = HDR.pack(MAGIC, VERSION, len(tlvs), sign_len, len(img))
    sig = key.sign(hdr + tlvs, padding.PKCS1v15(), hashes.SHA256())
    with open(args.out, "wb") as f:
        f.write(hdr + tlvs + pad8(sig) + img)


def genkey(args):
    key = rsa.generate_private_key(public_exponent=65537, key_size=args.bits)
    with open(args.key, "wb") as f:
        f.write(key.private_bytes(serialization.Encoding.PEM,
                                  serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()))


def pubkey(args):
    with open(args.key, "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    fmt = (serialization.PublicFormat.PKCS1 if args.pkcs1 else
           serialization.PublicFormat.SubjectPublicKeyInfo)
    with open(args.out, "wb") as f:
        f.write(key.public_key().public_bytes(serialization.Encoding.DER, fmt))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("sign")
    s.add_argument("--in", dest="inputs", action="append", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--key", required=True)
    s.add_argument("--key-info")
    s.add_argument("--plat-tlv", nargs=2, action="append", metavar=("ID", "VALUE"))
    s.set_defaults(func=sign)
    g = sub.add_parser("genkey")
    g.add_argument("key")
    g.add_argument("--bits", type=int, default=2048)
    g.set_defaults(func=genkey)
    p = sub.add_parser("pubkey")
    p.add_argument("key")
    p.add_argument("out")
    p.add_argument("--pkcs1", action="store_true",
                   help="RSAPublicKey (what the kernel's rsa verifies with), not SPKI")
    p.set_defaults(func=pubkey)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
