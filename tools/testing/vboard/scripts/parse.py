#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn virtual-board console logs into test results.

usage: parse.py --expect-kunit N LOG[:LABEL[:EXPECT]] ...

For each log: every KUnit case (from the VBOARD-KTAP blocks), every guest
scenario (VBOARD-RESULT lines), one "no kernel splat" check, one "KTAP
complete" check (at least N KUnit cases parsed, all blocks closed) and one
"run completed" check. EXPECT overrides N for one log (0 for the host
log, which has no KUnit and no kernel). Prints one line per result and ends with
"N passed, N failed". Exit status 1 if anything failed.
"""
import argparse
import re
import sys

SPLATS = [
    r"BUG:", r"WARNING:", r"KASAN", r"UBSAN", r"Oops", r"Kernel panic",
    r"Unable to handle kernel", r"possible deadlock", r"INFO: possible",
    r"inconsistent lock state", r"unreferenced object", r"kmemleak: \d+ new suspected",
    r"list_(add|del) corruption", r"refcount_t:", r"stall", r"BUG ",
    r"general protection", r"Internal error", r"nobody cared",
    r"scheduling while atomic", r"sleeping function called",
]
SPLAT_RE = re.compile("|".join(SPLATS))
CASE_RE = re.compile(r"^(\s+)(not ok|ok) (\d+) ([^#\s]+)(.*)$")


def parse_log(path, label, expect_kunit, results):
    try:
        with open(path, errors="replace") as f:
            lines = [l.rstrip("\r\n") for l in f]
    except OSError as e:
        results.append((f"{label}: console log", False, str(e)))
        return
    # strip printk timestamps for matching
    text = [re.sub(r"^\[\s*\d+\.\d+\]\s?", "", l) for l in lines]

    kunit_cases = 0
    open_block = None
    for l in text:
        m = re.match(r"VBOARD-KTAP-(BEGIN|END) (\S+)", l)
        if m:
            open_block = m.group(2) if m.group(1) == "BEGIN" else None
            continue
        if open_block:
            m = CASE_RE.match(l)
            if m and len(m.group(1)) >= 4:
                ok = m.group(2) == "ok"
                skip = "# SKIP" in m.group(5)
                kunit_cases += 1
                name = f"{label}: kunit {open_block}.{m.group(4)}"
                results.append((name, ok, "skipped" if skip else ""))
    host = label == "host"      # host-side results: no KUnit, no kernel
    if not host:
        results.append((f"{label}: KTAP complete ({kunit_cases} cases, want >= {expect_kunit})",
                        kunit_cases >= expect_kunit and open_block is None, ""))

    why = []            # the scenario's own "FAIL: reason" lines
    for l in text:
        if l.startswith("VBOARD-SCENARIO-BEGIN"):
            why = []
        elif "FAIL: " in l and "VBOARD" not in l:
            why.append(l[l.index("FAIL: "):].strip())
        m = re.match(r"VBOARD-RESULT (\S+) (PASS|FAIL) (\d+)", l)
        if m:
            results.append((f"{label}: scenario {m.group(1)} ({m.group(3)} s)",
                            m.group(2) == "PASS", "\n      ".join(why[:5])))

    splats = [l for l in text if SPLAT_RE.search(l) and "VBOARD" not in l]
    if not host:
        results.append((f"{label}: no kernel splat", not splats,
                        "\n      ".join(splats[:10])))
    done = any(l.startswith("VBOARD-TESTS-DONE") for l in text)
    results.append((f"{label}: run completed", done,
                    "" if done else "no VBOARD-TESTS-DONE (hang, crash or timeout)"))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--expect-kunit", type=int, default=0)
    ap.add_argument("logs", nargs="+")
    a = ap.parse_args()
    results = []
    for spec in a.logs:
        path, _, rest = spec.partition(":")
        label, _, expect = rest.partition(":")
        parse_log(path, label or path,
                  int(expect) if expect else a.expect_kunit, results)
    passed = failed = 0
    for name, ok, info in results:
        print(f"{'PASS' if ok else 'FAIL'}  {name}" + (f"\n      {info}" if info and not ok else ""))
        if ok:
            passed += 1
        else:
            failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
