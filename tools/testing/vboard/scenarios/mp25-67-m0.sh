# SPDX-License-Identifier: GPL-2.0
# STM32MP25 Cortex-M0+ (st,stm32mp2-m0) on the model's SmartRun block. The
# image (ST's CM0PLUS layout: .data loaded after the code) goes into the
# LPSRAM regions, which the M0+ sees at 0x200c0000 through its bus
# dma-ranges; the clock goes on and the reset is released to run; "stop"
# asks for the shutdown over IPCC2 (Linux is processor 2 there, 16
# channels with RIF). Then: an IWDG5 crash recovered, the debugfs crash, an
# image without a resource table, one that never acknowledges, one that
# locks up, an M33 image refused, both cores running through a suspend,
# and a channel the secure world keeps refused at probe.
. /vboard/lib.sh
rproc_load || fail "load stm32_rproc"
wait_for 'm0_dir >/dev/null' 10 ||
	fail "no m0 remoteproc: $(dmesg | grep -i 'm0\|smartrun\|ipcc' | tail -5)"
r=$(m0_dir)
d=$DBG/remoteproc/$(basename "$r")
expect_eq "initial state" "$(cat $r/state)" offline
expect_eq "default firmware" "$(cat $r/firmware)" rproc-m0-fw
# no virtio on the M0+: its DT has no vq0/vq1, and the probe does not say so
expect_eq "vq mailbox messages for the M0+" "$(dmesg | grep -c '\.m0: no vq')" 0
expect_eq "IPCC2: Linux is processor" "$(m0_stat linux_proc)" 2
# 16 channels, SECCTRL and CIDWIDTH set; Linux's block filtered to CID 1
expect_eq "IPCC2 HWCFGR" "$(m0_stat HWCFGR)" 0x03000110
expect_eq "IPCC2 C2CIDCFGR" "$(m0_stat C2CIDCFGR)" 0x00000011
expect_eq "clock off while stopped" "$(m0_stat clock)" 0
noack0=$(count_log "M0+ did not acknowledge the shutdown request")

# Start and stop: the image ran from its vector table, .data copied from
# its load address, its log in trace0, the shutdown acknowledged
b0=$(m0_stat boots)
m0_start
expect_eq "core" "$(m0_stat state)" running
expect_eq "image" "$(m0_stat firmware)" m0
expect_eq ".data copied from its load address" "$(m0_stat data_ok)" 1
expect_eq "clock on while running" "$(m0_stat clock)" 1
expect_eq "one boot" "$(m0_stat boots)" $((b0 + 1))
grep -q "M0+ m0: boot $((b0 + 1)), .data ok" "$d/trace0" ||
	fail "trace0: $(cat "$d/trace0")"
a0=$(m0_stat shutdown_acks)
m0_stop
expect_eq "shutdown acknowledged" "$(m0_stat shutdown_acks)" $((a0 + 1))
expect_eq "core after stop" "$(m0_stat state)" reset
expect_eq "clock off after stop" "$(m0_stat clock)" 0
expect_eq "no clock cut under the running core" "$(m0_stat clock_cuts)" 0
expect_eq "no shutdown timeout" \
	"$(count_log "M0+ did not acknowledge the shutdown request")" "$noack0"

# IWDG5 early interrupt: a crash, recovered with the same image
m0_start
b0=$(m0_stat boots)
w0=$(count_log "M0+ watchdog expired")
echo 1 > $DBG/vboard/m0/crash || fail "crash knob"
wait_for '[ "$(m0_stat boots)" -gt '"$b0"' ] && [ "$(cat $r/state)" = running ]' 15 ||
	fail "no recovery: $(cat $r/state), model $(m0_stat state)"
expect_eq "watchdog message" "$(count_log "M0+ watchdog expired")" $((w0 + 1))
expect_eq "core after recovery" "$(m0_stat state)" running
expect_eq ".data after recovery" "$(m0_stat data_ok)" 1
# ... and the user's crash (debugfs)
b0=$(m0_stat boots)
echo 1 > "$d/crash" || fail "debugfs crash"
wait_for '[ "$(m0_stat boots)" -gt '"$b0"' ] && [ "$(cat $r/state)" = running ]' 15 ||
	fail "no recovery from the debugfs crash: $(cat $r/state)"
m0_stop

# No resource table (as ST's CM0PLUS examples): runs, no trace
m0_start vboard-m0-no-rsc.elf
expect_eq "image" "$(m0_stat firmware)" m0-no-rsc
expect_eq ".data" "$(m0_stat data_ok)" 1
[ -e "$d/trace0" ] && fail "trace0 without a resource table"
m0_stop

# Never acknowledges: stop still completes, after the timeout, and says so
m0_start vboard-m0-no-shutdown-ack.elf
m0_stop
expect_eq "shutdown timeout message" \
	"$(count_log "M0+ did not acknowledge the shutdown request")" $((noack0 + 1))
expect_eq "core reset anyway" "$(m0_stat state)" reset

# Locks up (initial SP outside its RAM): Linux cannot tell until stop
l0=$(m0_stat lockups)
m0_start vboard-m0-bad-sp.elf
expect_eq "core" "$(m0_stat state)" lockup
expect_eq "lockups" "$(m0_stat lockups)" $((l0 + 1))
expect_eq "lockup cause" "$(m0_stat lockup_cause)" "initial SP outside its RAM 0x30000000"
m0_stop
expect_eq "shutdown timeout message" \
	"$(count_log "M0+ did not acknowledge the shutdown request")" $((noack0 + 2))

# An M33 image: its segments are in no M0+ memory, refused before anything
# runs; the next good image boots
b0=$(m0_stat boots)
echo -n vboard-m33-echo.elf > "$r/firmware"
echo start > "$r/state" 2>/dev/null && fail "M33 image started on the M0+"
expect_eq "state after the M33 image" "$(cat $r/state)" offline
expect_eq "no boot" "$(m0_stat boots)" "$b0"
count_log "invalid firmware vboard-m33-echo.elf: " | grep -qx 1 ||
	fail "no message naming the M33 image: $(dmesg | tail -5)"
m0_start rproc-m0-fw
expect_eq ".data" "$(m0_stat data_ok)" 1

# Both cores run through a suspend to idle; neither is rebooted
rproc_start
b0=$(m0_stat boots)
freeze_m4_wake "suspend with the M33 and the M0+ running"
expect_eq "M0+ after resume" "$(cat $r/state)" running
expect_eq "M0+ core after resume" "$(m0_stat state)" running
expect_eq "M0+ not rebooted" "$(m0_stat boots)" "$b0"
expect_eq "M0+ clock after resume" "$(m0_stat clock)" 1
expect_eq "M33 after resume" "$(rproc_state)" running
rproc_stop
m0_stop

# RIF: the secure world keeps channel 3 ("shutdown", cell 2) of Linux's
# side: the M0+ probe is refused with a message naming it; given back, the
# probe and a start work
dev=$(basename "$(readlink -f "$r/device")")
drv=/sys/bus/platform/drivers/stm32-rproc
echo 0x4 > $DBG/vboard/m0/seccfgr || fail "seccfgr knob"
echo "$dev" > $drv/unbind || fail "unbind $dev"
echo "$dev" > $drv/bind 2>/dev/null
m0_dir >/dev/null && fail "M0+ probed with its shutdown channel secure"
count_log "channel 3: reserved to the secure world (C2SECCFGR)" | grep -qx 1 ||
	fail "no RIF message: $(dmesg | tail -5)"
echo 0 > $DBG/vboard/m0/seccfgr
echo "$dev" > $drv/bind || fail "bind $dev"
wait_for 'm0_dir >/dev/null' 10 || fail "no m0 remoteproc after bind"
r=$(m0_dir)
m0_start
m0_stop
echo "M0+: lifecycle, crash, no table, no ack, lockup, M33 image, suspend, RIF"
