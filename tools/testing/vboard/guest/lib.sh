# SPDX-License-Identifier: GPL-2.0
# Helpers for the guest scenarios (sourced).
MODDIR=/lib/modules/vboard
DBG=/sys/kernel/debug

# wait_for COND_CMD [TIMEOUT_S]: poll a shell condition every 50 ms
wait_for() {
	_cond=$1
	_t=${2:-10}
	_n=$((_t * 20))
	while [ $_n -gt 0 ]; do
		eval "$_cond" && return 0
		usleep 50000
		_n=$((_n - 1))
	done
	echo "timeout (${_t}s) waiting for: $_cond" >&2
	return 1
}

ipcc_dev() {
	basename "$(readlink -f /sys/bus/platform/drivers/stm32-ipcc/*.mailbox 2>/dev/null ||
		ls -d /sys/bus/platform/drivers/stm32-ipcc/*mailbox* 2>/dev/null | head -1)"
}

vboard_load_modules() {
	insmod $MODDIR/vboard-model.ko || return 1
	insmod $MODDIR/stm32-ipcc.ko || return 1
	wait_for '[ -d $DBG/vboard ] && ls -d /sys/bus/platform/drivers/stm32-ipcc/*mailbox* >/dev/null 2>&1' 10
}

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

# expect_eq WHAT GOT WANT
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}
