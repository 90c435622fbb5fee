# SPDX-License-Identifier: GPL-2.0
include $(sort $(wildcard $(BR2_EXTERNAL_STM32MP_COPROC_PATH)/package/*/*.mk))
