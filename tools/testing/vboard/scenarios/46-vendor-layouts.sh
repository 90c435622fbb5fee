# SPDX-License-Identifier: GPL-2.0
# Every firmware layout of the corpus boots and serves RPMsg: the vendors'
# GCC convention (.data and .resource_table run from the data region,
# loaded after the code: p_vaddr != p_paddr), an IAR ilink shape (RW with no
# file data, table in its own segment), a Keil armlink shape (RW+ZI in one
# segment loaded in ROM, program headers out of address order), the legacy
# layout, and an unstripped 4 MiB FreeRTOS-like image. The M4 must find the
# table Linux wrote at the section's run address (sh_addr), and the debug
# message of the loader must name it (ST's dynamic-debug line, as written).
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir)
echo -n 'file stm32_rproc.c +p' > $DBG/dynamic_debug/control || fail "dyndbg"
grep -q 'stm32_rproc.c:.*=p' $DBG/dynamic_debug/control || fail "no debug site matched 'file stm32_rproc.c'"
n=0
while IFS='|' read -r f da; do
	n=$((n + 1))
	rproc_start "corpus/$f"
	wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 ||
		fail "$f: no rpmsg-raw channel"
	grep -q "resource table at 0x$da\$" "$(rproc_dbg)/trace0" ||
		fail "$f: the M4 did not read its table at 0x$da: $(cat "$(rproc_dbg)/trace0")"
	dmesg | grep -q "resource table: da 0x$da, " || fail "$f: no loader debug line for da 0x$da"
	rpmsg-echo -c "$(ctrl_dev)" -s 32 || fail "$f: echo"
	rproc_stop
	echo "$f: table at 0x$da, echo ok"
done < /lib/firmware/corpus/MANIFEST
echo -n 'file stm32_rproc.c -p' > $DBG/dynamic_debug/control
[ $n -ge 5 ] || fail "only $n layouts"
