#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make bench: build the non-debug board kernel (cached apart from the test
# kernel), our modules and the in-tree stm32_rproc against it, boot the board
# once and run tools/testing/vboard/bench/bench-guest.sh, which measures our
# driver and the upstream one alternately. Prints the table of medians and
# ratios; writes bench.csv, bench.md and latency.png to $VBOARD_OUT/bench.
#   BENCH_REPS=n (default 5) repetitions per driver.
#   BENCH_GUEST=file: run that guest script instead (an investigation on the
#   same kernel and modules); its console is in $VBOARD_OUT/bench, no table.
# Run it on an otherwise idle host: QEMU runs one host thread per vCPU, and a
# wakeup across vCPUs waits for the host to schedule the other thread (with
# both host cores busy that is a host scheduler tick, which then dominates
# every latency). Single-threaded TCG (VBOARD_TCG=single) avoids that but
# hangs in module unload on this QEMU, which the driver switch needs.
set -euo pipefail
. "$(dirname "$0")/common.sh"

out=$VBOARD_OUT/bench
mkdir -p "$out"
"$VBOARD_DIR/scripts/deps.sh" >&2
command -v gnuplot >/dev/null || {
	log "installing gnuplot-nox (the latency plot)"
	apt-get install -y -q gnuplot-nox >/dev/null || die "apt-get install gnuplot-nox failed"
}
kb=$("$VBOARD_DIR/scripts/kernel.sh" 6.12-bench)
ksrc=$(readlink -f "$kb/source")
# Our modules against the bench kernel (make test rebuilds them for its own)
mkdir -p "$VBOARD_OUT"
build_modules "$kb"
make -s -C "$VBOARD_DIR/fw" >&2
make -s -C "$VBOARD_DIR/guest/src" >&2
"$VBOARD_DIR/scripts/dtb.sh" "$ksrc" "$VBOARD_OUT" >&2

VBOARD_NO_KUNIT=1 VBOARD_BENCH_REPS=${BENCH_REPS:-5} "$VBOARD_DIR/scripts/initramfs.sh" \
	"$kb" "$out/initrd.gz" script "${BENCH_GUEST:-$VBOARD_DIR/bench/bench-guest.sh}"

log "running the benchmark (${BENCH_REPS:-5} repetitions per driver)"
t0=$(date +%s)
VBOARD_APPEND="quiet loglevel=1" "$VBOARD_DIR/scripts/qemu.sh" "$kb/arch/arm/boot/zImage" \
	"$VBOARD_OUT/vboard-mp15.dtb" "$out/initrd.gz" "${VBOARD_TIMEOUT:-5400}" </dev/null |
	sed -u 's/\r$//' > "$out/console.log" || true
log "benchmark run took $(( $(date +%s) - t0 )) s"
if [ -n "${BENCH_GUEST:-}" ]; then
	sed -n '/^VBOARD-SCRIPT-BEGIN/,$p' "$out/console.log"
	exit 0
fi
grep -q '^BENCH-DONE' "$out/console.log" ||
	{ tail -30 "$out/console.log" >&2; die "the benchmark did not complete (see $out/console.log)"; }
python3 "$VBOARD_DIR/bench/bench-report.py" "$out/console.log" "$out"
