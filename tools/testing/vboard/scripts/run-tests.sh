#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# make test: build (cached), boot each board variant in QEMU, run the KUnit
# suites and the guest scenarios, and report "N passed, N failed".
set -euo pipefail
. "$(dirname "$0")/common.sh"

t0=$(date +%s)
kb=$("$VBOARD_DIR/scripts/build.sh")
t_build=$(( $(date +%s) - t0 ))

# KUnit cases the logs must contain (per board variant)
expect=$(cat "$VBOARD_DIR"/kunit/*.c | grep -cE '^\s*KUNIT_CASE(_SLOW)?\(')

# variant: dtb-name label scenario-filter. For development only:
# VBOARD_ONLY=regex runs just the matching scenarios on the first variant,
# VBOARD_NO_KUNIT=1 skips the KUnit suites.
# exec: the same board with every image executed by m4run (vboard-cpu.c)
# mp25, mp25-td: the arm64 STM32MP25 board (scenarios/mp25-*.sh), A35-TD
# then M33-TD, then A35-TD without the rsc-tbl nvmem cells, then OP-TEE
# loading the M33 (KUnit on the first only); built unless VBOARD_ARM64=0.
# tee, tee-ml: OP-TEE loads the M4 ([J]), ST's binding then the mainline one
tee=("vboard-mp15-tee tee ^tee-6" "vboard-mp15-tee-ml tee-ml ^tee-7")
variants=("vboard-mp15 procid0 ${VBOARD_ONLY:-^[0-9]}" "vboard-mp15-procid1 procid1 ipcc|late-ack"
	  "vboard-mp15 exec ${VBOARD_ONLY:-[2-5][0-9]-}" "${tee[@]}")
mp25=("vboard-mp25 mp25 mp25-[0-6]" "vboard-mp25-m33td mp25-td mp25-7"
      "vboard-mp25-nocells mp25-nc mp25-8" "vboard-mp25-tee mp25-tee mp25-9")
kb64=$(cat "$VBOARD_OUT/kbuild-arm64" 2>/dev/null || true)
[ -n "$kb64" ] && variants+=("${mp25[@]}")
[ -n "${VBOARD_ONLY:-}" ] && variants=("${variants[0]}")
# narrow REGEX VARIANT...: the variants that run scenarios matching REGEX,
# each with just those (a variant's own filter still applies)
narrow() {
	local re=$1 v dtb label only names
	shift
	for v in "$@"; do
		read -r dtb label only <<<"$v"
		names=$(cd "$VBOARD_DIR/scenarios" && ls *.sh | sed 's/\.sh$//' |
			grep -E "$only" | grep -E "$re" | paste -sd'|') || true
		[ -n "$names" ] && echo "$dtb $label ^($names)\$"
	done
	return 0
}
# VBOARD_TEE_ONLY=regex: just the matching scenarios of the TEE variants
[ -n "${VBOARD_TEE_ONLY:-}" ] && mapfile -t variants < <(narrow "$VBOARD_TEE_ONLY" "${tee[@]}")
# VBOARD_EXEC_ONLY=regex: just the exec variant (every image executed by m4run)
[ -n "${VBOARD_EXEC_ONLY:-}" ] && variants=("vboard-mp15 exec $VBOARD_EXEC_ONLY")
# VBOARD_MP25_ONLY=1: just the STM32MP25 board; =regex: just the matching
# scenarios, each on the variant that runs it
if [ -n "${VBOARD_MP25_ONLY:-}" ]; then
	variants=("${mp25[@]}")
	[ "$VBOARD_MP25_ONLY" = 1 ] || mapfile -t variants < <(narrow "$VBOARD_MP25_ONLY" "${mp25[@]}")
fi
[ -n "${VBOARD_NO_KUNIT:-}" ] && expect=0
logs=()
boot_total=0
t1=$(date +%s)
for v in "${variants[@]}"; do
	read -r dtb label only <<<"$v"
	log "booting $label ($dtb)"
	exec_mode=
	[ "$label" = exec ] && exec_mode=all
	k=$kb
	nokunit=${VBOARD_NO_KUNIT:-}
	want=$expect
	case $label in
	mp25*) k=${kb64:?VBOARD_ARM64=0: the STM32MP25 board is not built} ;;
	esac
	case $label in mp25-td | mp25-nc | mp25-tee | tee | tee-ml) nokunit=1 want=0 ;; esac
	VBOARD_NO_KUNIT=$nokunit VBOARD_M4_EXEC=$exec_mode \
		"$VBOARD_DIR/scripts/initramfs.sh" "$k" "$VBOARD_OUT/initrd-$label.gz" test "" "$only"
	"$VBOARD_DIR/scripts/qemu.sh" "$(kimage "$k")" "$VBOARD_OUT/$dtb.dtb" \
		"$VBOARD_OUT/initrd-$label.gz" "${VBOARD_TIMEOUT:-1800}" \
		</dev/null >"$VBOARD_OUT/console-$label.log" 2>&1 || true
	b=$(sed -n 's/.*VBOARD-BOOTED.*uptime=\([0-9]*\).*/\1/p' "$VBOARD_OUT/console-$label.log" | head -1)
	boot_total=$(( boot_total + ${b:-0} ))
	logs+=("$VBOARD_OUT/console-$label.log:$label:$want")
	grep -E 'VBOARD-RESULT|^ *(not )?ok ' "$VBOARD_OUT/console-$label.log" | tr -d '\r' | sed 's/^/  /' >&2 || true
done
t_tests=$(( $(date +%s) - t1 ))

log "host tests (builds, validator)"
"$VBOARD_DIR/scripts/host-tests.sh" "$kb" "$VBOARD_OUT/host.log"
logs+=("$VBOARD_OUT/host.log:host:0")

rc=0
python3 "$VBOARD_DIR/scripts/parse.py" --expect-kunit "$expect" "${logs[@]}" >"$VBOARD_OUT/results.txt" || rc=$?
echo "timing: build ${t_build} s, boot ${boot_total} s (guest uptime at /init, all boots), tests ${t_tests} s (wall, incl. boots)"
echo "console logs: $VBOARD_OUT/console-*.log"
cat "$VBOARD_OUT/results.txt"
exit $rc
