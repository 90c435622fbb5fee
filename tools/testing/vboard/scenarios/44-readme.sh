# SPDX-License-Identifier: GPL-2.0
# The README's guest snippets (marked "snippet: guest"), run as written, in
# order, each with sh -e: every command must succeed.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
n=0
for f in /vboard/readme/*.sh; do
	[ -e "$f" ] || continue
	n=$((n + 1))
	sh -e "$f" >/tmp/snippet.out 2>&1 ||
		{ cat /tmp/snippet.out; fail "README snippet $(basename "$f" .sh) failed"; }
	echo "README snippet $(basename "$f" .sh): ok ($(wc -l </tmp/snippet.out) lines of output)"
	vboard_cleanup
done
[ $n -ge 3 ] || fail "only $n guest snippets in the README"
[ "$(rproc_state)" = offline ] || fail "state after the snippets: $(rproc_state)"
