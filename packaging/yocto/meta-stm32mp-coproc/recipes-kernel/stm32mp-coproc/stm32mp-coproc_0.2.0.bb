# SPDX-License-Identifier: GPL-2.0
SUMMARY = "STM32MP coprocessor drivers: remoteproc, IPCC mailbox, shared data buffers (out of tree)"
DESCRIPTION = "stm32_rproc, stm32-ipcc and rpmsg_sdb kernel modules; the first \
two replace the in-tree drivers of the same compatibles (build the kernel without \
CONFIG_STM32_RPROC and CONFIG_STM32_IPCC, or keep them as modules and \
blacklist them)."
LICENSE = "GPL-2.0-only"
LIC_FILES_CHKSUM = "file://LICENSES/GPL-2.0;md5=e6a75371ba4d16749254a51215d13f97"

inherit module

# The repository this layer lives in; point SRC_URI at your mirror or tag.
SRC_URI = "git://github.com/example/stm32mp-coproc.git;protocol=https;branch=main"
SRCREV = "${AUTOREV}"
PV = "0.2.0+git${SRCPV}"
S = "${WORKDIR}/git"

# module.bbclass runs "make KERNEL_SRC=... O=... CC=... LD=..." and then
# "make modules_install MODLIB=... DEPMOD=echo": the top-level Makefile
# takes both (see its header and the host test host-build-yocto-vars).
RPROVIDES:${PN} += "kernel-module-stm32-ipcc kernel-module-stm32-rproc kernel-module-rpmsg-sdb"
KERNEL_MODULE_AUTOLOAD += "stm32-ipcc stm32_rproc"
