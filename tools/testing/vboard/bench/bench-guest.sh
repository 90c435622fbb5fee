# SPDX-License-Identifier: GPL-2.0
# make bench, guest side: every figure for our stm32_rproc and for the
# in-tree one (both on our IPCC driver, same board, same boot), alternating
# drivers each repetition. Output lines, parsed by bench-report.py:
#   BENCH <figure> <driver> <rep> <value>
#   BENCHLAT <driver> <size> <rtt_us> ...   (every round trip, 100 per line)
. /vboard/lib.sh
REPS=$(cat /vboard/bench-reps 2>/dev/null || echo 5)
STREAM_S=5
LAT_N=1000
RECOVERIES=3
MCURAM_PA=50200000	# mcuram carve-out (M4 0x30000000), where vboard-big.elf loads
BIG_SEG=38000		# its 224 KiB segment

say() { echo "$*" >&2; }
# irqs: IPCC interrupts Linux took so far (rx + tx lines, all CPUs)
irqs() {
	awk '/mailbox@4c001000:(rx|tx)/ { for (i = 2; i <= NF && $i ~ /^[0-9]+$/; i++) n += $i } END { print n + 0 }' /proc/interrupts
}
# to_m4: doorbells the M4 received on vq0 + vq1
to_m4() {
	awk '$1 == 1 || $1 == 2 { n += $2 } END { print n + 0 }' $DBG/vboard/ipcc/counters
}
# keq LINE KEY: VALUE of KEY=VALUE in LINE (rpmsg-stream's report)
keq() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
lat_dump() {
	awk -v d="$1" -v s="$2" '{ a = a " " $1; if (++n % 100 == 0) { print "BENCHLAT " d " " s a; a = "" } }
		END { if (a != "") print "BENCHLAT " d " " s a }' "$3"
}
# Kernel-side firmware load time: a kprobe and a kretprobe on the driver's
# .load callback (ours: stm32_rproc_load; the in-tree driver uses the core's
# rproc_elf_load_segments), durations from the trace timestamps
T=/sys/kernel/tracing
grep -q " $T tracefs" /proc/mounts || mount -t tracefs nodev $T || fail "tracefs"
probe_on() {
	echo "p:bench/ld_in $1" > $T/kprobe_events &&
		echo "r:bench/ld_out $1" >> $T/kprobe_events &&
		echo > $T/trace && echo 1 > $T/events/bench/enable || fail "kprobe on $1"
}
probe_off() { echo 0 > $T/events/bench/enable; echo > $T/kprobe_events; }
# load_us: duration of the last .load call, in us
load_us() {
	awk '/ ld_(in|out): / { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+:$/) t = substr($i, 1, length($i) - 1)
		if ($0 ~ / ld_in: /) tin = t; else if (tin != "") d = (t - tin) * 1000000 }
		END { if (d == "") exit 1; printf "%.0f\n", d }' $T/trace
}
up() {
	wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 20 || fail "no rpmsg ($1)"
}

rproc_unload
rep=1
while [ $rep -le "$REPS" ]; do
	echo "$MCURAM_PA $BIG_SEG" > $DBG/vboard/memcpy || fail "memcpy bench"
	echo "BENCH memcpy_ns board $rep $(awk '{ print $4 }' $DBG/vboard/memcpy)"
	echo "BENCH memcpy_cold_ns board $rep $(awk '{ print $6 }' $DBG/vboard/memcpy)"
	for drv in ours upstream; do
		if [ $drv = ours ]; then rproc_load || fail "load ours"; else rproc_load upstream || fail "load upstream"; fi
		r=$(rproc_dir)
		echo disabled > $r/coredump
		if [ $drv = ours ]; then probe_on stm32_rproc:stm32_rproc_load
		else probe_on rproc_elf_load_segments; fi
		# 1. firmware load: how long the driver's .load takes (kprobes) and
		#    how long "start" takes, for the small and the big image (same
		#    table, 224 KiB more to load), after a warm-up start, 5 times
		#    each after a warm-up round, alternating
		echo -n vboard-echo.elf > $r/firmware
		rpmsg-stream timewrite $r/state start >/dev/null || fail "warm-up start ($drv)"
		up "warm-up $drv"; rproc_stop
		for k in 0 1 2 3 4 5; do
			for img in echo big; do
				echo -n vboard-$img.elf > $r/firmware || fail "firmware $img"
				echo > $T/trace
				us=$(rpmsg-stream timewrite $r/state start) || fail "start $img ($drv)"
				# the first round only warms up (QEMU translates the
				# path once per module load)
				[ $k = 0 ] || echo "BENCH load_${img}_us $drv $rep $us"
				us=$(load_us) || fail "no .load trace ($img, $drv)"
				[ $k = 0 ] || echo "BENCH kload_${img}_us $drv $rep $us"
				up "$img $drv"
				rproc_stop
			done
		done
		# 2, 3. throughput, interrupts per MiB, the M4's own cost: 8
		#    messages in flight per endpoint, then full rate (64, the
		#    most rpmsg-stream keeps; the vring has 256 TX buffers);
		#    full rate again with the image offering EVENT_IDX
		for run in 1:8:echo 4:8:echo 1:64:echo 4:64:echo 1:64:echo-evidx 4:64:echo-evidx; do
			eps=${run%%:*}; win=${run#*:}; img=${win#*:}; win=${win%:*}
			sfx=$eps; [ "$win" = 8 ] || sfx=${eps}_w$win
			[ $img = echo ] || sfx=${sfx}_evidx
			if [ "$(cat $r/firmware)" != vboard-$img.elf ] ||
			   [ "$(rproc_state)" != running ]; then
				[ "$(rproc_state)" = offline ] || rproc_stop
				rproc_start vboard-$img.elf
				up "$img $drv"
			fi
			i0=$(irqs); m0=$(to_m4); d0=$(m4_stat drain_ns); n0=$(m4_stat rx_msgs)
			rpmsg-stream -s 496 -w $win -e $eps -T $STREAM_S > /tmp/o 2>&1 ||
				fail "stream $run ($drv): $(tail -3 /tmp/o)"
			out=$(tail -1 /tmp/o)
			i1=$(irqs); m1=$(to_m4); d1=$(m4_stat drain_ns); n1=$(m4_stat rx_msgs)
			b=$(keq "$out" bytes)
			echo "BENCH tput${sfx}_kBps $drv $rep $(keq "$out" kBps)"
			echo "BENCH irq_linux_per_MiB_$sfx $drv $rep $(( (i1 - i0) * 1048576 / b ))"
			echo "BENCH irq_m4_per_MiB_$sfx $drv $rep $(( (m1 - m0) * 1048576 / b ))"
			echo "BENCH m4_ns_per_msg_$sfx $drv $rep $(( (d1 - d0) / (n1 - n0) ))"
		done
		rproc_stop
		rproc_start vboard-echo.elf
		up "$drv"
		# 4. round-trip latency, one message in flight
		for sz in 16 496; do
			rpmsg-stream -s $sz -w 1 -N $LAT_N -L /tmp/lat > /tmp/o 2>&1 ||
				fail "latency $sz ($drv): $(tail -3 /tmp/o)"
			out=$(tail -1 /tmp/o)
			for k in p50 p99 max; do
				echo "BENCH lat${sz}_${k}_us $drv $rep $(keq "$out" lat_${k}_us)"
			done
			lat_dump $drv $sz /tmp/lat
		done
		# 5. crash -> first echo after the recovery: one unmeasured
		#    (the first pass through the stop/start code after a module
		#    load costs QEMU's translation), then RECOVERIES measured
		for k in $(seq 0 $RECOVERIES); do
			rpmsg-stream -r -R 1 -s 16 -t 20000 -X $(rproc_dbg)/crash > /tmp/o 2>&1 ||
				fail "recovery ($drv): $(tail -3 /tmp/o)"
			out=$(tail -1 /tmp/o)
			[ "$k" = 0 ] || echo "BENCH recover_us $drv $rep $(keq "$out" recover_us)"
			wait_for '[ "$(rproc_state)" = running ]' 20 ||
				fail "not running after recovery ($drv)"
			up "recovery $drv"
		done
		rproc_stop
		probe_off
		rproc_unload || fail "unload $drv"
	done
	# 6. shared data buffers (rpmsg_sdb, indirect mode), on our driver:
	#    the model stamps each buffer (its CPU leaves the payload as it is,
	#    as an M4's DMA would) and sdb-stream copies every buffer out into
	#    its own memory, which is what an application does with the data;
	#    memcpy into and out of the same mapped buffer, same boot, is the
	#    ceiling. 128 MiB per size, buffers as fast as they are freed.
	rproc_load || fail "load ours (sdb)"
	sdb_load || fail "load rpmsg_sdb"
	rproc_start vboard-sdb.elf
	wait_for '[ -c /dev/rpmsg-sdb ]' 10 || fail "no /dev/rpmsg-sdb"
	for kib in 64 256 1024; do
		n=8; [ $kib -lt 1024 ] || n=3
		c=$((131072 / kib))
		sdb-stream -b -m -n $n -s $((kib * 1024)) -c $c -k "produce $c 0 0 stamp" \
			> /tmp/o 2>&1 || fail "sdb $kib KiB: $(tail -3 /tmp/o)"
		out=$(tail -1 /tmp/o)
		[ "$(kv "$out" received)" = $c ] || fail "sdb $kib KiB: $out"
		for k in MiBps memcpy_MiBps memcpy_out_MiBps irq_per_buf; do
			echo "BENCH sdb${kib}_$k sdb $rep $(kv "$out" $k)"
		done
	done
	rproc_stop
	rproc_unload || fail "unload (sdb)"
	say "bench: repetition $rep of $REPS done"
	rep=$((rep + 1))
done
echo "BENCH-DONE"
