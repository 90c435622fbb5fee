# SPDX-License-Identifier: GPL-2.0
# The M4's resource table while Linux works on its private copy:
# 1. detach gives the M4 back the table as it was at attach (status 0,
#    vring addresses as the bootloader left them), not the one in use;
# 2. what the M4 keeps after its table (inside the 1 KiB attach window) is
#    never put back in time by Linux's writes;
# 3. an RPMsg driver unbound from the virtio device (virtio reset) reaches
#    the M4 at once, without a kick; a rebind then works;
# 4. a recovery after the firmware file changed to one with a smaller
#    table is refused (the running table would not fit), leaves the M4
#    crashed, and stop + start boot the new image.
. /vboard/lib.sh
M=$DBG/vboard/mem
TBL_LEN=140	# the echo image's table: header, 2 offsets, vdev, trace
mem() { echo "$1 $2" > $M && tr -d ' \n' < $M; }

# 1 and 2: attach, detach
rproc_unload || fail "rmmod"
echo vboard-echo.elf > $DBG/vboard/bootloader || fail "bootloader"
wait_for '[ "$(m4_stat state)" = running ]' 5 || fail "M4 not running"
t=$(awk '$1 == "BKP17R" { print $2 }' $DBG/vboard/state)
clean=$(mem "$t" $TBL_LEN)
after=$(printf '0x%x' $((t + 0x200)))
rproc_load || fail "load"
echo start > "$(rproc_dir)/state" || fail "attach"
wait_for '[ "$(rproc_state)" = attached ]' 10 || fail "not attached"
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg when attached"
[ "$(mem "$t" $TBL_LEN)" != "$clean" ] || fail "the M4 sees none of Linux's table changes"
echo "$after=0x5a5aa5a5" > $M || fail "M4 write after its table"
rpmsg-echo -c "$(ctrl_dev)" -n 1 -s 16 || fail "echo when attached"
echo detach > "$(rproc_dir)/state" || fail "detach"
wait_for '[ "$(rproc_state)" = detached ]' 10 || fail "not detached"
expect_eq "M4 table after detach" "$(mem "$t" $TBL_LEN)" "$clean"
expect_eq "M4 data after its table" "$(mem "$after" 4)" a5a55a5a
echo stop > "$(rproc_dir)/state" 2>/dev/null	# detached: stop resets it
echo start > "$(rproc_dir)/state"
wait_for '[ "$(rproc_state)" = attached ]' 10 && echo stop > "$(rproc_dir)/state"
wait_for '[ "$(rproc_state)" = offline ]' 10 || fail "not offline: $(rproc_state)"

# 3. virtio reset
rproc_start vboard-echo.elf
wait_for '[ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg"
v0=$(m4_stat virtio_resets)
vdev=$(basename /sys/bus/virtio/drivers/virtio_rpmsg_bus/virtio*)
echo "$vdev" > /sys/bus/virtio/drivers/virtio_rpmsg_bus/unbind || fail "unbind $vdev"
wait_for '[ "$(m4_stat virtio_resets)" -gt "$v0" ]' 5 || fail "the M4 never saw the virtio reset"
echo "$vdev" > /sys/bus/virtio/drivers/virtio_rpmsg_bus/bind || fail "bind $vdev"
wait_for 'rpmsg_dev rpmsg-raw >/dev/null && [ -e "$(ctrl_dev)" ]' 10 || fail "no rpmsg after rebind"
rpmsg-echo -c "$(ctrl_dev)" -n 1 -s 64 || fail "echo after rebind"
rproc_stop

# 4. recovery with a changed file
cp /lib/firmware/vboard-echo.elf /lib/firmware/swap.elf
rproc_start swap.elf
cp /lib/firmware/vboard-no-trace.elf /lib/firmware/swap.elf
echo 1 > "$(rproc_dbg)/crash"
wait_for 'dmesg | grep -q "recovery: swap.elf changed since start"' 10 || fail "recovery not refused"
expect_eq "state after the refused recovery" "$(rproc_state)" crashed
echo stop > "$(rproc_dir)/state" || fail "stop after the refused recovery"
expect_eq "after stop" "$(rproc_state)" offline
rproc_start swap.elf
expect_eq "M4 image" "$(m4_stat firmware)" no-trace
rproc_stop
rm -f /lib/firmware/swap.elf
