#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Give an image linked with fw-iar.ld the program headers ilink emits.

usage: iar-shape.py IN.elf OUT.elf

GNU ld gives .data a PT_LOAD run in RAM and loaded in ROM. ilink's
"initialize by copy" instead loads the initial values where they lie in ROM
(an "initializer bytes" block, p_vaddr == p_paddr) and describes the RAM
they are copied to as part of the read-write PT_LOAD with no file data. So:
the .data segment becomes the ROM block, the zero-init segment grows down
over .data's run addresses, and the .data section becomes NOBITS.
"""
import struct
import sys


def main():
    b = bytearray(open(sys.argv[1], "rb").read())
    phoff, shoff = struct.unpack_from("<II", b, 28)
    phnum, shnum, shstrndx = struct.unpack_from("<HHH", b, 44)[0], *struct.unpack_from("<HH", b, 48)
    ph = [phoff + 32 * i for i in range(phnum)]
    sh = [shoff + 40 * i for i in range(shnum)]
    stroff = struct.unpack_from("<I", b, sh[shstrndx] + 16)[0]

    def name(s):
        o = stroff + struct.unpack_from("<I", b, s)[0]
        return b[o:b.index(b"\0", o)].decode()

    data = next(s for s in sh if name(s) == ".data")
    d_addr, d_off, d_size = struct.unpack_from("<III", b, data + 12)
    init = next(p for p in ph if struct.unpack_from("<I", b, p + 8)[0] == d_addr)
    paddr = struct.unpack_from("<I", b, init + 12)[0]
    struct.pack_into("<I", b, init + 8, paddr)          # ROM block: vaddr = paddr
    rw = next(p for p in ph if struct.unpack_from("<I", b, p + 16)[0] == 0 and
              struct.unpack_from("<I", b, p + 12)[0] == d_addr + d_size)
    memsz = struct.unpack_from("<I", b, rw + 20)[0]
    struct.pack_into("<III", b, rw + 8, d_addr, d_addr, 0)   # vaddr, paddr, filesz
    struct.pack_into("<I", b, rw + 20, memsz + d_size)
    struct.pack_into("<I", b, data + 4, 8)               # SHT_NOBITS
    open(sys.argv[2], "wb").write(b)


if __name__ == "__main__":
    main()
