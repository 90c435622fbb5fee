# SPDX-License-Identifier: GPL-2.0
# Differential test against the in-tree stm32_rproc on the same board:
# every image of the corpus (the layouts, every good test image, every
# crafted malformed one) is offered to ours and to upstream's. Each image one
# accepts and the other refuses is listed; the test fails unless the
# difference is on /vboard/deliberate-refusals (rule|class|images|reason,
# our refusals only), and if a listed image is no longer a difference (stale
# list). Class "crash": the image makes the in-tree driver read past the
# firmware buffer (KASAN report, then an Oops), so it is not offered to it:
# ours must refuse it. VBOARD_DIFF_ALL=1 in the guest offers them anyway
# (the run then fails on the splat: that is how they were found).
. /vboard/lib.sh
rm -f /tmp/diff-fail

# offer IMAGE: "accepted" if the M4 runs it, else "refused"
offer() {
	_r=$(rproc_dir)
	echo -n "$1" > "$_r/firmware" || fail "set firmware $1"
	if echo start > "$_r/state" 2>/dev/null &&
	   wait_for '[ "$(rproc_state)" = running ]' 5 2>/dev/null; then
		echo accepted
		echo stop > "$_r/state"
		wait_for '[ "$(rproc_state)" = offline ]' 10 || fail "$1: no stop"
	else
		echo refused
		[ "$(rproc_state)" = offline ] || fail "$1: refused but $(rproc_state)"
	fi
}

images() {
	cut -d'|' -f1 /lib/firmware/corpus/MANIFEST | sed 's#^#corpus/#'
	for f in vboard-echo.elf vboard-tty-echo.elf vboard-raw.elf vboard-no-rsc.elf \
		 vboard-echo-evidx.elf vboard-big.elf; do
		echo "$f"
	done
	cut -d'|' -f1 /lib/firmware/bad/MANIFEST | sed 's#^#bad/#'
}

# The list names crafted images by label, without mkbad.py's number
key() {
	echo "$1" | sed 's#^bad/[0-9]*-#bad/#; s#\.elf$##'
}

# rule IMAGE [CLASS]: the line of the list naming IMAGE (of CLASS), if any
rule() {
	_k=$(key "$1")
	grep -v '^#' /vboard/deliberate-refusals |
		awk -F'|' -v k="$_k" -v c="${2:-}" \
		'{ n = split($3, a, " "); for (i = 1; i <= n; i++) if (a[i] == k && (c == "" || $2 == c)) { print; exit } }'
}

# run [upstream]
run() {
	images | while read -r f; do
		if [ "${1:-}" = upstream ] && [ -z "${VBOARD_DIFF_ALL:-}" ] &&
		   [ -n "$(rule "$f" crash)" ]; then
			echo "$f not-offered"
		else
			echo "$f $(offer "$f")"
		fi
	done
}

rproc_load || fail "load ours"
run > /tmp/diff-ours || fail "ours"
rproc_unload || fail "rmmod ours"
rproc_load upstream || fail "load upstream"
run upstream > /tmp/diff-upstream || fail "upstream"
rproc_unload || fail "rmmod upstream"
rproc_load || fail "reload ours"

n=$(wc -l < /tmp/diff-ours)
[ "$n" -ge 60 ] || fail "only $n images offered"
[ "$n" -eq "$(wc -l < /tmp/diff-upstream)" ] || fail "image counts differ"
echo "image | ours | upstream | deliberate"
paste -d' ' /tmp/diff-ours /tmp/diff-upstream | while read -r f ours f2 up; do
	[ "$f" = "$f2" ] || fail "order $f $f2"
	why=$(rule "$f" | cut -d'|' -f1,2)
	if [ "$up" = not-offered ]; then
		echo "$f | $ours | crashes upstream, not offered | $why"
		[ "$ours" = refused ] || echo FAIL >> /tmp/diff-fail
	elif [ "$ours" != "$up" ]; then
		echo "$f | $ours | $up | ${why:-NOT LISTED}"
		[ "$ours" = refused ] && [ -n "$why" ] || echo FAIL >> /tmp/diff-fail
	elif [ -n "$why" ]; then
		echo "$f | $ours | $up | listed but not a difference (stale): $why"
		echo FAIL >> /tmp/diff-fail
	fi
done
grep -v '^#' /vboard/deliberate-refusals | grep -c . | sed 's/^/deliberate refusal rules: /'
cut -d' ' -f1 /tmp/diff-ours | while read -r f; do key "$f"; done > /tmp/diff-keys
grep -v '^#' /vboard/deliberate-refusals | cut -d'|' -f3 | tr ' ' '\n' | grep . | while read -r k; do
	grep -qxF "$k" /tmp/diff-keys ||
		{ echo "listed image $k is not in the corpus"; echo FAIL >> /tmp/diff-fail; }
done
[ ! -e /tmp/diff-fail ] || fail "$(grep -c FAIL /tmp/diff-fail) unexplained or stale differences"
for f in corpus/gcc.elf corpus/iar.elf corpus/keil.elf corpus/legacy.elf corpus/freertos-unstripped.elf; do
	grep -qx "$f accepted" /tmp/diff-ours || fail "ours refuses $f"
done
