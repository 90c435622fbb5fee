# SPDX-License-Identifier: GPL-2.0
# [J] When OP-TEE loads the M4 its image memories (RETRAM, mcuram,
# mcuram2 here) are the secure world's: the DT does not give them to Linux's
# driver (no carveout for them), the model claims them exclusively as the
# SoC's firewall keeps them, and Linux's /dev/mem refuses a read or a write
# of them (STRICT_DEVMEM): the write changes nothing the M4 sees. The
# shared resource-table region stays Linux's: /dev/mem reads there the
# table the secure world loaded. The M4 serves RPMsg throughout.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
r=$(rproc_dir) || fail "no m4 remoteproc"
mem() { echo "$1 $2" > $DBG/vboard/mem && tr -d ' \n' < $DBG/vboard/mem; }

# the model's claims: RETRAM, mcuram (M4 0x30000000), mcuram2 (M4 0x10000000)
for pa in 50000000 50200000 50100000; do
	grep -Eq "^ *0*$pa-[0-9a-f]+ : vboard secure world" /proc/iomem ||
		fail "no secure claim at $pa: $(grep -i vboard /proc/iomem)"
done

rproc_start
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 15 || fail "no rpmsg"
# Linux's carveouts: the shared memories only
cv=$(grep 'Name:' "$(rproc_dbg)/carveout_memories" | awk '{ print $2 }' | sort | tr '\n' ' ')
echo "$cv" | grep -q 'mcu-rsc-table' || fail "no carveout for the table region: $cv"
case " $cv " in
*" retram "* | *" mcuram "* | *" mcuram2 "*) fail "Linux maps a secure memory: $cv" ;;
esac

# /dev/mem: the shared table region reads the loaded table (version 1)
expect_eq "table version through /dev/mem" "$(devmem 0x50148000 32)" 0x00000001
# ... the secure memories are refused, for reading and for writing
devmem 0x50000000 32 >/dev/null 2>&1 && fail "/dev/mem read RETRAM"
code=$(mem 0x10000000 4)
devmem 0x50100000 32 0xdeadbeef 2>/tmp/devmem.err && fail "/dev/mem wrote MCU SRAM1"
grep -q "Operation not permitted" /tmp/devmem.err ||
	fail "refusal is not EPERM: $(cat /tmp/devmem.err)"
expect_eq "the M4's code after the refused write" "$(mem 0x10000000 4)" "$code"
rpmsg-echo -c "$(ctrl_dev)" -n 2 -s 32 || fail "echo after the refused access"
rproc_stop
