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
import subprocess
import sys

BIG_EXTRA = 0x38000     # vboard-big.elf = vboard-echo.elf + this many loaded bytes


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
    add("whole .load of vboard-big.elf (us)", "kload_big_us")
    lo, lu = load_mbps("ours"), load_mbps("upstream")
    if lo and lu:
        table.append(("firmware load, 224 KiB, from start's time (MB/s)", lo, lu,
                      "higher", "(noisy: start varies by ms)"))
    add("echo throughput 496 B, 1 endpoint (MB/s)", "tput1_kBps", 1000.0, "higher", ">= 1.5x")
    add("echo throughput 496 B, 4 endpoints (MB/s)", "tput4_kBps", 1000.0, "higher", ">= 1.5x")
    for n in (1, 4):
        add(f"IPCC IRQs taken by Linux per MiB ({n} ep)", f"irq_linux_per_MiB_{n}",
            target="<= 500" if n == 1 else None)
        add(f"doorbells to the M4 per MiB ({n} ep)", f"irq_m4_per_MiB_{n}",
            target="<= 500" if n == 1 else None)
    for sz in (16, 496):
        add(f"round trip {sz} B p50 (us)", f"lat{sz}_p50_us")
        add(f"round trip {sz} B p99 (us)", f"lat{sz}_p99_us", target="<= 0.7x")
        add(f"round trip {sz} B max (us)", f"lat{sz}_max_us")
    add("crash -> first echo after recovery (ms)", "recover_us", 1000.0, target="<= 0.5x")
    add("emulated M4 cost per message, 1 ep (us)", "m4_ns_per_msg_1", 1000.0)

    reps = len(vals.get(("recover_us", "ours"), []))
    md = [f"Medians of {reps} repetitions per driver, drivers alternating, one boot of the "
          "non-debug board kernel. memcpy_toio into the same carve-out, same boot: "
          f"{memcpy:.0f} MB/s.", "",
          "| figure | ours | upstream | ours / upstream | target |",
          "|---|---:|---:|---:|---|"]
    for name, o, u, better, target in table:
        ratio = o / u if u else float("nan")
        md.append(f"| {name} | {o:.1f} | {u:.1f} | {ratio:.2f} | {target or ''} |")
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
