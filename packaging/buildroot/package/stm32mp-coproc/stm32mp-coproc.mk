# SPDX-License-Identifier: GPL-2.0
################################################################################
#
# stm32mp-coproc
#
################################################################################

STM32MP_COPROC_VERSION = 0.2.0
# This external tree lives in the driver repository: build from it
STM32MP_COPROC_SITE = $(BR2_EXTERNAL_STM32MP_COPROC_PATH)/../..
STM32MP_COPROC_SITE_METHOD = local
STM32MP_COPROC_LICENSE = GPL-2.0
STM32MP_COPROC_LICENSE_FILES = LICENSES/GPL-2.0

# The kernel-module infrastructure runs "make -C $(LINUX_DIR) M=$(@D)" on the
# standalone Kbuild and installs the .ko files under /lib/modules/<ver>/updates
$(eval $(kernel-module))
$(eval $(generic-package))
