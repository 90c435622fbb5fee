#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Craft malformed images from a good echo image.

usage: mkbad.py GOOD.elf OUTDIR [M4|M33]

M4 (default): the STM32MP15 echo image (GCC layout: vectors, code, data).
M33: the STM32MP25 echo image (fw-m33.ld: code, then data loaded after it);
the cases that depend on the memory map take the EV1 carve-outs' values,
and the MP15 alias cases (the M4 sees its SRAMs twice) are left out.

Writes OUTDIR/NN-name.elf and OUTDIR/MANIFEST with one line per image:
    file|text the driver's error message must contain
Each image breaks one thing the driver must reject before the core or the
M4 touches it.
"""
import os
import struct
import sys


def u16(b, o):
    return struct.unpack_from("<H", b, o)[0]


def u32(b, o):
    return struct.unpack_from("<I", b, o)[0]


def p16(b, o, v):
    struct.pack_into("<H", b, o, v & 0xffff)


def p32(b, o, v):
    struct.pack_into("<I", b, o, v & 0xffffffff)


def main():
    good = bytearray(open(sys.argv[1], "rb").read())
    out = sys.argv[2]
    core = sys.argv[3] if len(sys.argv) > 3 else "M4"
    m33 = core == "M33"
    # memsz that crosses the end of the segment's memory; the RPMsg buffer
    # pool (vdev0buffer, the driver's, never the image's); a trace length
    # past every memory
    spans = 0x900000 if m33 else 0x50000
    pool = 0x812fa000 if m33 else 0x50142000
    trace_len = 0x1000000 if m33 else 0x100000
    os.makedirs(out, exist_ok=True)

    phoff, shoff = u32(good, 28), u32(good, 32)
    phnum, shnum, shstrndx = u16(good, 44), u16(good, 48), u16(good, 50)
    ph = [phoff + 32 * i for i in range(phnum)]
    loads = [p for p in ph if u32(good, p) == 1 and u32(good, p + 20)]
    sh = [shoff + 40 * i for i in range(shnum)]
    stroff = u32(good, sh[shstrndx] + 16)

    def name(s):
        o = stroff + u32(good, s)
        return good[o:good.index(b"\0", o)].decode()

    rsc_sh = next(s for s in sh if name(s) == ".resource_table")
    t = u32(good, rsc_sh + 16)          # file offset of the table
    tsize = u32(good, rsc_sh + 20)
    num = u32(good, t + 4)
    offs = [u32(good, t + 16 + 4 * i) for i in range(num)]
    ent = {u32(good, t + o): t + o for o in offs}   # type -> file offset
    vdev, trace = ent[3], ent[2]
    vring0 = vdev + 28
    # The GCC layout: vectors, code, then .data + .resource_table run from
    # the data region and loaded after the code
    seg0, seg1, seg2 = loads[0], loads[1], loads[2]
    data = seg1 if m33 else seg2    # the segment with .data in it

    cases = []

    def case(label, expect, data):
        cases.append((label, expect, bytes(data)))

    def mod(label, expect, fn):
        b = bytearray(good)
        fn(b)
        case(label, expect, b)

    # Truncations at each header boundary
    case("trunc-16", "image size 16 < ELF header", good[:16])
    case("trunc-51", "image size 51 < ELF header", good[:51])
    case("trunc-ehdr-only", "ELF program headers [", good[:52] if phoff >= 52 else good[:phoff])
    case("trunc-mid-phdr", "ELF program headers [", good[:phoff + 20])
    case("trunc-last-phdr", "ELF program headers [", good[:phoff + 32 * phnum - 1])
    case("trunc-seg0-data", "segment 0 data [", good[:u32(good, seg0 + 4) + 8])
    case("trunc-before-shdrs", "ELF section headers [", good[:shoff])
    case("trunc-mid-shdrs", "ELF section headers [", good[:shoff + 40 * shnum - 10])

    # ELF header
    mod("bad-magic", "bad ELF magic", lambda b: b.__setitem__(1, ord("X")))
    mod("elf64-class", "ELF class 2", lambda b: b.__setitem__(4, 2))
    mod("big-endian", "ELF data encoding 2", lambda b: b.__setitem__(5, 2))
    mod("bad-version", "ELF version", lambda b: b.__setitem__(6, 0))
    mod("machine-x86", "ELF e_machine 3", lambda b: p16(b, 18, 3))
    mod("type-dyn", "ELF e_type 3", lambda b: p16(b, 16, 3))
    mod("phentsize", "ELF e_phentsize 48", lambda b: p16(b, 42, 48))
    mod("no-phdrs", "ELF has no program headers", lambda b: p16(b, 44, 0))
    mod("phoff-past-eof", "ELF program headers [", lambda b: p32(b, 28, len(good) - 8))
    mod("phoff-huge", "ELF program headers [", lambda b: p32(b, 28, 0xfffffff0))
    mod("phnum-huge", "ELF program headers [", lambda b: p16(b, 44, 0xffff))

    # Program segments
    mod("filesz-gt-memsz", "p_filesz", lambda b: p32(b, seg1 + 16, u32(b, seg1 + 20) + 4))
    mod("seg-offset-past-eof", "segment 1 data [", lambda b: p32(b, seg1 + 4, len(good)))
    mod("seg-outside-memory", "not inside one declared memory", lambda b: p32(b, seg0 + 12, 0x20000000))
    if m33:     # its code segment, moved to end 0x100 past cm33_cube_fw's end
        mod("seg-past-memory-end", "not inside one declared memory",
            lambda b: p32(b, seg0 + 12, 0x80900000 + 0x100 - u32(b, seg0 + 20)))
    else:
        mod("seg-past-memory-end", "not inside one declared memory",
            lambda b: (p32(b, seg0 + 12, 0xff00), p32(b, seg0 + 20, 0x300)))
    mod("seg-spans-memories", "not inside one declared memory",
        lambda b: p32(b, seg1 + 20, spans))
    mod("segs-overlap", "overlaps", lambda b: p32(b, seg1 + 12, u32(b, seg0 + 12) + 4))
    if not m33:
        # The data segment loaded at 0x30000000: the same SRAM bytes as the code
        mod("segs-alias-overlap", "aliases folded", lambda b: p32(b, seg2 + 12, 0x30000000))
    mod("seg-in-rpmsg-pool", "not inside one declared memory", lambda b: p32(b, data + 12, pool))
    mod("no-load-segment", "no loadable segment",
        lambda b: [p32(b, p, 6) for p in ph])

    # Sections and the .resource_table section
    mod("shentsize", "ELF e_shentsize 32", lambda b: p16(b, 46, 32))
    mod("shoff-past-eof", "ELF section headers [", lambda b: p32(b, 32, len(good) - 4))
    mod("shstrndx-big", "e_shstrndx", lambda b: p16(b, 50, shnum))
    mod("rsc-offset-past-eof", "section .resource_table [", lambda b: p32(b, rsc_sh + 16, len(good)))
    mod("rsc-size-past-eof", "section .resource_table [", lambda b: p32(b, rsc_sh + 20, len(good)))
    mod("rsc-nobits", "has no file data", lambda b: p32(b, rsc_sh + 4, 8))
    mod("rsc-outside-memory",
        f"section .resource_table da 0x20000000 size {tsize:#x} not inside one memory of the core",
        lambda b: p32(b, rsc_sh + 12, 0x20000000))
    mod("rsc-in-rpmsg-pool", "not inside one memory of the core", lambda b: p32(b, rsc_sh + 12, pool))
    mod("rsc-over-code", "lies on other loaded data", lambda b: p32(b, rsc_sh + 12, u32(b, seg1 + 12)))
    if not m33:
        mod("rsc-over-alias-code", "lies on other loaded data",
            lambda b: p32(b, rsc_sh + 12, u32(b, seg1 + 12) + 0x20000000))
    mod("rsc-tiny", "resource table size 8 < header", lambda b: p32(b, rsc_sh + 20, 8))

    # The resource table
    mod("rsc-ver-2", "resource table ver 2", lambda b: p32(b, t, 2))
    mod("rsc-reserved", "reserved fields not zero", lambda b: p32(b, t + 8, 1))
    mod("rsc-num-huge", "resource table num 268435456", lambda b: p32(b, t + 4, 0x10000000))
    mod("rsc-num-past-size", "does not fit", lambda b: p32(b, t + 4, tsize // 4))
    mod("rsc-offset-in-header", "overlaps the previous entry or header", lambda b: p32(b, t + 16, 4))
    mod("rsc-offset-past-end", "past table end", lambda b: p32(b, t + 16, tsize + 64))
    mod("rsc-offset-unaligned", "unaligned", lambda b: p32(b, t + 16, offs[0] + 2))
    mod("rsc-offsets-overlap", "overlaps the previous entry", lambda b: p32(b, t + 20, offs[0] + 8))
    mod("rsc-offsets-decrease", "overlaps the previous entry",
        lambda b: (p32(b, t + 16, offs[1]), p32(b, t + 20, offs[0])))
    mod("vdev-3-vrings", "num_of_vrings 3", lambda b: b.__setitem__(vdev + 25, 3))
    mod("vdev-0-vrings", "num_of_vrings 0", lambda b: b.__setitem__(vdev + 25, 0))
    mod("vdev-config-huge", "config_len", lambda b: p32(b, vdev + 20, 0xfffffff0))
    mod("vring-num-0", "vring0 num 0", lambda b: p32(b, vring0 + 8, 0))
    mod("vring-num-3", "vring0 num 3", lambda b: p32(b, vring0 + 8, 3))
    mod("vring-num-huge", "vring1 num 65536", lambda b: p32(b, vring0 + 20 + 8, 65536))
    mod("vring-align-0", "vring0 align 0x0", lambda b: p32(b, vring0 + 4, 0))
    mod("vring-align-3", "vring1 align 0x3", lambda b: p32(b, vring0 + 20 + 4, 3))
    mod("trace-outside-memory", "trace da 0x20000000", lambda b: p32(b, trace + 4, 0x20000000))
    mod("trace-len-0", "trace da", lambda b: p32(b, trace + 8, 0))
    mod("trace-past-memory", "outside the declared memories", lambda b: p32(b, trace + 8, trace_len))
    mod("carveout-truncated", "carveout truncated", lambda b: p32(b, trace, 0))
    mod("devmem-entry", "RSC_DEVMEM not supported", lambda b: p32(b, trace, 1))
    mod("unknown-type", "unknown type 7", lambda b: p32(b, trace, 7))
    mod("vdev-truncated", "vdev truncated",
        lambda b: (p32(b, t + 16, tsize - 8), p32(b, t + tsize - 8, 3)))

    with open(os.path.join(out, "MANIFEST"), "w") as m:
        for i, (label, expect, data) in enumerate(cases):
            fname = f"{i:02d}-{label}.elf"
            with open(os.path.join(out, fname), "wb") as f:
                f.write(data)
            m.write(f"{fname}|{expect}\n")
    print(f"{len(cases)} malformed images in {out}")


if __name__ == "__main__":
    main()
