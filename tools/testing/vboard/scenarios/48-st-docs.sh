# SPDX-License-Identifier: GPL-2.0
# What ST's documentation tells users to type works as written: a firmware
# search path set through firmware_class, "st,auto-boot = <1>;" as in ST's
# board files (and "<0>" meaning no), and the dynamic-debug line
# "file stm32_rproc.c +p" turning the driver's debug messages on and off.
. /vboard/lib.sh
rproc_load || fail "load"
p=/sys/module/firmware_class/parameters/path
[ -w $p ] || fail "no $p"
mkdir -p /tmp/st-fw
cp /lib/firmware/vboard-raw.elf /tmp/st-fw/st-path-only.elf
[ ! -e /lib/firmware/st-path-only.elf ] || fail "test image also in /lib/firmware"
echo -n /tmp/st-fw > $p
rproc_start st-path-only.elf
wait_for 'rpmsg_dev rpmsg-client-sample >/dev/null' 10 || fail "no channel from the image found through $p"
rproc_stop
echo -n "" > $p

# dynamic debug, as ST writes it
ctl=$DBG/dynamic_debug/control
echo -n 'file stm32_rproc.c +p' > $ctl || fail "dyndbg +p"
n0=$(dmesg | grep -c 'stm32-rproc.*segment 0: da 0x')
rproc_start vboard-echo.elf
[ "$(dmesg | grep -c 'stm32-rproc.*segment 0: da 0x')" -gt "$n0" ] || fail "no debug line with +p"
dmesg | grep -q 'stm32-rproc.*M4 released, entry 0x' || fail "no start debug line"
rproc_stop
dmesg | grep -q 'stm32-rproc.*shutdown request acknowledged' || fail "no shutdown debug line"
echo -n 'file stm32_rproc.c -p' > $ctl || fail "dyndbg -p"
n1=$(dmesg | grep -c 'stm32-rproc.*segment 0: da 0x')
rproc_start vboard-echo.elf
rproc_stop
expect_eq "debug lines after -p" "$(dmesg | grep -c 'stm32-rproc.*segment 0: da 0x')" "$n1"

# st,auto-boot = <1>; and = <0>;
rproc_unload || fail "rmmod"
echo "<1> vboard-echo.elf" > $DBG/vboard/dt_autoboot || fail "dt_autoboot <1>"
rproc_load || fail "load <1>"
wait_for '[ "$(rproc_state)" = running ]' 10 || fail "st,auto-boot = <1>: $(rproc_state)"
rproc_stop
rproc_unload || fail "rmmod"
echo "<0> vboard-echo.elf" > $DBG/vboard/dt_autoboot || fail "dt_autoboot <0>"
rproc_load || fail "load <0>"
expect_eq "st,auto-boot = <0>" "$(rproc_state)" offline
rproc_unload
echo 0 > $DBG/vboard/dt_autoboot
rproc_load || fail "reload"
