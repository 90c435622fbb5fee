#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Every snippet of README.md is exercised, and its messages are real.

  readme-check.py check TOP KSRC   (make check) print problems, exit 1 if any
  readme-check.py guest TOP OUTDIR (initramfs) write the guest snippets as
                                   OUTDIR/NN.sh for scenario 44-readme

Each fenced block must follow a marker line naming how it is exercised:
  <!-- snippet: guest -->            run in the guest by scenario 44-readme
  <!-- snippet: make -->             each "make TARGET" is a Makefile target
  <!-- snippet: host-test NAME... --> run by those host tests (host-tests.sh)
  <!-- snippet: output SCENARIO -->  output a scenario checks
  <!-- dt-example-begin -->          built, overlaid and validated by make check
The troubleshooting table's messages must be in our sources or the kernel's.
"""
import os
import re
import subprocess
import sys


def blocks(text):
    """(marker, [lines]) for every fenced block"""
    out, lines, i = [], text.splitlines(), 0
    while i < len(lines):
        if lines[i].startswith("```"):
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            marker = lines[i - 1].strip() if i > 0 else ""
            out.append((marker, lines[i + 1:j]))
            i = j + 1
        else:
            i += 1
    return out


def check(top, ksrc):
    text = open(os.path.join(top, "README.md")).read()
    host = open(os.path.join(top, "tools/testing/vboard/scripts/host-tests.sh")).read()
    bad = []
    for marker, body in blocks(text):
        m = re.match(r"<!-- (snippet: (\S+)(.*?)|dt-example-begin) -->$", marker)
        if not m:
            bad.append(f"block without a snippet marker: {body[:1]}")
            continue
        kind, args = m.group(2), (m.group(3) or "").split()
        if kind == "make":
            for line in body:
                w = line.split("#")[0].split()
                if not w or w[0] != "make":
                    continue
                tgt = [x for x in w[1:] if "=" not in x and not x.startswith("-")]
                r = subprocess.run(["make", "-n", "-C", top] + tgt[:1],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                if r.returncode:
                    bad.append(f"make target not found: {line.strip()}")
        elif kind == "host-test":
            for name in args:
                if not re.search(r"^result " + re.escape(name) + r" ", host, re.M):
                    bad.append(f"no host test {name}")
        elif kind == "output":
            if not args or not os.path.exists(os.path.join(
                    top, "tools/testing/vboard/scenarios", args[0] + ".sh")):
                bad.append(f"output block names no scenario: {args}")
        elif kind not in ("guest", None):
            bad.append(f"unknown snippet kind {kind}")

    # Troubleshooting messages
    sect = text.split("## Troubleshooting", 1)
    if len(sect) < 2:
        bad.append("no Troubleshooting section")
        return bad
    srcs = [os.path.join(top, d) for d in ("drivers", "include")]
    srcs += [os.path.join(ksrc, d) for d in ("drivers/remoteproc", "drivers/rpmsg",
                                             "drivers/base/firmware_loader", "drivers/mailbox")]
    rows = [l for l in sect[1].split("\n## ", 1)[0].splitlines()
            if l.startswith("| `")]
    if len(rows) < 10:
        bad.append(f"troubleshooting table has {len(rows)} rows")
    for row in rows:
        cell = row.split("|")[1]
        for msg in re.findall(r"`([^`]+)`", cell):
            for frag in msg.split("..."):
                frag = frag.strip(" :.()")
                if len(frag) < 8:
                    continue
                # "..." stands for what the source prints with a format;
                # "M4" is the core's name, a %s the STM32MP2 cores share
                for f in (frag, frag.replace("M4", "%s")):
                    r = subprocess.run(["grep", "-rqF", "--include=*.c",
                                        "--include=*.h", f] + srcs)
                    if not r.returncode:
                        break
                if r.returncode:
                    bad.append(f"message not in the sources: '{frag}'")
    return bad


def guest(top, outdir):
    text = open(os.path.join(top, "README.md")).read()
    os.makedirs(outdir, exist_ok=True)
    n = 0
    for marker, body in blocks(text):
        if marker == "<!-- snippet: guest -->":
            n += 1
            with open(os.path.join(outdir, f"{n:02d}.sh"), "w") as f:
                f.write("\n".join(body) + "\n")
    return n


if __name__ == "__main__":
    if sys.argv[1] == "check":
        problems = check(sys.argv[2], sys.argv[3])
        for p in problems:
            print(p)
        sys.exit(1 if problems else 0)
    print(guest(sys.argv[2], sys.argv[3]))
