#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""make bench, host side: medians and ratios from the guest's BENCH lines.

  bench-report.py CONSOLE.log OUTDIR
Writes OUTDIR/bench.csv (every raw value), OUTDIR/bench.md (the table),
OUTDIR/latency.dat + latency.png (round-trip distributions, gnuplot) and
prints the table.
"""
import collections
import os
import statistics
import struct
import subprocess
import sys

BIG_EXTRA = 0x38000     # vboard-big.elf = vboard-echo.elf + this many loaded bytes
BIG_ELF = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fw", "out",
                       "vboard-big.elf")


def loaded_bytes(path):
    """Bytes a loader writes for an ELF32 LE image: p_memsz of every PT_LOAD."""
    try:
        with open(path, "rb") as f:
            d = f.read()
    except OSError:
        return None
    phoff, = struct.unpack_from("<I", d, 28)
    phentsize, phnum = struct.unpack_from("<HH", d, 42)
    n = 0
    for i in range(phnum):
        p_type, _, _, _, _, memsz = struct.unpack_from("<6I", d, phoff + i * phentsize)
        if p_type == 1:
            n += memsz
    return n


def sdb_table(med):
    """Shared data buffers (rpmsg_sdb) against memcpy and direct-mode RPMsg."""
    direct = med("tput1_w64_kBps", "ours")
    rows = []
    for kib in (64, 256, 1024):
        sdb = med(f"sdb{kib}_MiBps", "sdb")
        mc_in, mc_out = med(f"sdb{kib}_memcpy_MiBps", "sdb"), med(f"sdb{kib}_memcpy_out_MiBps", "sdb")
        irq = med(f"sdb{kib}_irq_per_buf", "sdb")
        if None in (sdb, mc_in, mc_out, irq):
            continue
        # the echo figure counts each payload byte once, but it crossed
        # twice: the one-way direct rate is at most twice it
        vs = f"{sdb * 1.048576e3 / direct:.1f} / {sdb * 1.048576e3 / (2 * direct):.1f}" \
            if direct else "n/a"
        rows.append(f"| {kib} KiB | {sdb:.1f} | {mc_out:.1f} | {sdb / mc_out:.2f} | "
                    f"{mc_in:.1f} | {sdb / mc_in:.2f} | {irq:.3f} | {vs} |")
    if not rows:
        return []
    d = f"{direct / 1048.576:.1f} MiB/s" if direct else "not measured"
    return ["", "Shared data buffers (rpmsg_sdb, indirect mode), same boot, medians. The model "
            "stamps each buffer (header and last word: its CPU leaves the payload as an M4's "
            "DMA would) as fast as Linux frees them; sdb-stream copies every buffer out into "
            "its own memory and checks the stamp. memcpy: 64 MiB out of / into the same "
            "mapped buffers in turn, after a warm-up pass, before the stream. Direct mode: "
            "our driver's echo "
            f"throughput, 1 endpoint, 64 in flight, 496-byte messages ({d}); the second "
            "ratio assumes the one-way rate is twice the echo payload rate.", "",
            "| buffer | sdb MiB/s | memcpy out MiB/s | sdb / memcpy out (>= 0.8) | "
            "memcpy in MiB/s | sdb / memcpy in | IPCC IRQs per buffer (<= 1) | "
            "x direct mode (>= 10) |",
            "|---|---:|---:|---:|---:|---:|---:|---|"] + rows


def main():
    log, out = sys.argv[1], sys.argv[2]
    vals = collections.defaultdict(list)        # (figure, driver) -> values
    lat = collections.defaultdict(list)         # (driver, size) -> rtts
    rows = []
    with open(log, errors="replace") as f:
        for line in f:
            w = line.split()
            if len(w) == 5 and w[0] == "BENCH":
                _, fig, drv, rep, v = w
                vals[(fig, drv)].append(float(v))
                rows.append((fig, drv, rep, v))
            elif len(w) > 3 and w[0] == "BENCHLAT":
                lat[(w[1], int(w[2]))] += [int(x) for x in w[3:]]
    if not rows:
        sys.exit("no BENCH lines in " + log)

    with open(os.path.join(out, "bench.csv"), "w") as f:
        f.write("figure,driver,repetition,value\n")
        for r in rows:
            f.write(",".join(r) + "\n")

    def med(fig, drv):
        v = vals.get((fig, drv))
        return statistics.median(v) if v else None

    def load_mbps(drv, pfx=""):
        big, small = med(pfx + "load_big_us", drv), med(pfx + "load_echo_us", drv)
        if big is None or small is None or big <= small:
            return None
        return BIG_EXTRA / (big - small)        # bytes/us = MB/s

    memcpy = BIG_EXTRA / (med("memcpy_ns", "board") / 1000.0)
    cold = med("memcpy_cold_ns", "board")
    cold = BIG_EXTRA / (cold / 1000.0) if cold else None
    table = []      # (figure, ours, upstream, better-when, target)

    def add(name, fig, unit_div=1.0, better="lower", target=None):
        o, u = med(fig, "ours"), med(fig, "upstream")
        if o is None or u is None:
            return
        table.append((name, o / unit_div, u / unit_div, better, target))

    lo, lu = load_mbps("ours", "k"), load_mbps("upstream", "k")
    if lo and lu:
        table.append(("firmware load, 224 KiB, in .load (MB/s)", lo, lu, "higher",
                      f">= 0.8 of memcpy ({memcpy:.0f} MB/s): ours {lo / memcpy:.2f}, "
                      f"upstream {lu / memcpy:.2f}"))
        if cold:
            table.append(("same, against one copy into a fresh mapping (MB/s)", lo, lu,
                          "higher", f">= 0.8 of memcpy ({cold:.0f} MB/s): ours "
                          f"{lo / cold:.2f}, upstream {lu / cold:.2f}"))
    add("whole .load of vboard-big.elf (us)", "kload_big_us")
    nbig, kb_o, kb_u = loaded_bytes(BIG_ELF), med("kload_big_us", "ours"), med("kload_big_us", "upstream")
    if nbig and kb_o and kb_u:
        o, u = nbig / kb_o, nbig / kb_u
        table.append((f"firmware load, whole image ({nbig // 1024} KiB), .load incl. checks (MB/s)",
                      o, u, "higher", f">= 0.8 of memcpy: ours {o / memcpy:.2f} / {o / cold:.2f}, "
                      f"upstream {u / memcpy:.2f} / {u / cold:.2f} (warm / fresh mapping)"
                      if cold else None))
    lo, lu = load_mbps("ours"), load_mbps("upstream")
    if lo and lu:
        table.append(("firmware load, 224 KiB, from start's time (MB/s)", lo, lu,
                      "higher", "(noisy: start varies by ms)"))
    for n, w in ((1, 8), (4, 8), (1, 64), (4, 64)):
        sfx = f"{n}" if w == 8 else f"{n}_w{w}"
        add(f"echo throughput 496 B, {n} endpoint{'s' if n > 1 else ''}, {w} in flight "
            "(MB/s)", f"tput{sfx}_kBps", 1000.0, "higher", ">= 1.5x")
    for n in (1, 4):
        add(f"echo throughput 496 B, {n} endpoint{'s' if n > 1 else ''}, 64 in flight, "
            "EVENT_IDX image (MB/s)", f"tput{n}_w64_evidx_kBps", 1000.0, "higher", ">= 1.5x")
    for sfx, what, target in (("1", "1 ep, 8 in flight", None),
                              ("4", "4 ep, 8 in flight", None),
                              ("1_w64", "1 ep, 64 in flight: full rate", "<= 500"),
                              ("4_w64", "4 ep, 64 in flight: full rate", "<= 500"),
                              ("1_w64_evidx", "1 ep, full rate, EVENT_IDX image", "<= 500"),
                              ("4_w64_evidx", "4 ep, full rate, EVENT_IDX image", "<= 500")):
        add(f"IPCC IRQs taken by Linux per MiB ({what})", f"irq_linux_per_MiB_{sfx}",
            target=target)
        add(f"doorbells to the M4 per MiB ({what})", f"irq_m4_per_MiB_{sfx}",
            target=target)
    # Round trips: percentiles over every sample of every repetition (a p99
    # of one repetition's 1000 samples is its 10th worst: too few to compare)
    def pct(v, q):
        v = sorted(v)
        return v[min(len(v) - 1, int(len(v) * q))]

    for sz in (16, 496):
        o, u = lat.get(("ours", sz)), lat.get(("upstream", sz))
        if not o or not u:
            continue
        for q, k, target in ((0.5, "p50", None), (0.99, "p99", "<= 0.7x"),
                             (1.0, "max", None)):
            table.append((f"round trip {sz} B {k}, {len(o)}/{len(u)} samples (us)",
                          pct(o, q), pct(u, q), "lower", target))
    add("crash -> first echo after recovery (ms)", "recover_us", 1000.0, target="<= 0.5x")
    add("emulated M4 cost per message, 1 ep (us)", "m4_ns_per_msg_1", 1000.0)

    reps = len(vals.get(("tput1_kBps", "ours"), []))
    md = [f"Medians of {reps} repetitions per driver (recovery: 3 per repetition after "
          "an unmeasured one; round trips: percentiles of all samples), drivers "
          "alternating, one boot of the "
          "non-debug board kernel. memcpy_toio into the same carve-out, same boot: "
          f"{memcpy:.0f} MB/s (median of 9 copies), "
          f"{cold or 0:.0f} MB/s (the first copy, into a fresh mapping, as a load).", "",
          "| figure | ours | upstream | ours / upstream | target |",
          "|---|---:|---:|---:|---|"]
    for name, o, u, better, target in table:
        ratio = o / u if u else float("nan")
        md.append(f"| {name} | {o:.1f} | {u:.1f} | {ratio:.2f} | {target or ''} |")
    md += sdb_table(med)
    text = "\n".join(md) + "\n"
    with open(os.path.join(out, "bench.md"), "w") as f:
        f.write(text)
    print(text)

    # Latency distributions: empirical CDF per driver and size
    dat = os.path.join(out, "latency.dat")
    series = []
    with open(dat, "w") as f:
        for (drv, sz), v in sorted(lat.items()):
            v = sorted(v)
            f.write(f"# {drv} {sz}\n")
            for i, x in enumerate(v):
                f.write(f"{x} {(i + 1) / len(v):.5f}\n")
            f.write("\n\n")
            series.append(f"{drv} {sz} B")
    if series:
        plots = ", ".join(f"'{dat}' index {i} with lines title '{t}'"
                          for i, t in enumerate(series))
        gp = (f"set terminal png size 900,560; set output '{os.path.join(out, 'latency.png')}';"
              "set title 'RPMsg echo round trip through rpmsg_char (virtual board, non-debug kernel)';"
              "set xlabel 'round trip (us)'; set ylabel 'fraction of messages';"
              "set logscale x; set key bottom right; set grid;"
              f"plot {plots}")
        try:
            subprocess.run(["gnuplot", "-e", gp], check=True)
        except (OSError, subprocess.CalledProcessError) as e:
            print(f"latency plot not drawn: {e}", file=sys.stderr)


if __name__ == "__main__":
    main()
