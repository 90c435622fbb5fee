# SPDX-License-Identifier: GPL-2.0
#
# STM32MP coprocessor drivers (out of tree).
#
#   make [modules] KDIR=<prepared kernel tree> [ARCH=arm CROSS_COMPILE=...]
#   make [modules] KERNEL_SRC=<tree>        (Yocto's module.bbclass)
#   make modules_install [INSTALL_MOD_PATH=...]
#   make test      build the debug kernel (cached), boot the virtual board,
#                  run the KUnit suites and guest scenarios
#   make vboard [SCRIPT=file.sh] [BOARD=mp25|mp25-m33td|mp15-tee|mp25-tee]   guest shell (or
#                  run a script) on the STM32MP15 board, or the arm64 STM32MP25 one
#   make check     W=1 + sparse on 6.12 and 6.1, checkpatch, DT schemas
#   make demo      the user story on the virtual board, narrated
#   make fuzz [FUZZ_TIME=s]  libFuzzer on the firmware validator (host, clang)
#   make bench     our drivers against the in-tree stm32_rproc on the board
#                  (non-debug kernel): table, CSV, latency plot [BENCH_REPS=n]
#   make soak      the long soak (about an hour): 1000 start/stop, 200 crash
#                  cycles while streaming, 100 attach/detach, 100 unbind/bind
#                  [SOAK_COUNTS="SOAK_STARTSTOP=0 SOAK_CRASH=50"]: other counts
#
# The standalone Kbuild also works as `make -C $KDIR M=$PWD` (Buildroot).

KERNEL_SRC ?=
KDIR ?= $(if $(KERNEL_SRC),$(KERNEL_SRC),/lib/modules/$(shell uname -r)/build)
VB := $(CURDIR)/tools/testing/vboard/scripts

all: modules

modules modules_install:
	$(MAKE) -C $(KDIR) M=$(CURDIR) $@

clean:
	@if [ -d "$(KDIR)" ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi
	rm -rf $(CURDIR)/.vboard

deps:
	$(VB)/deps.sh

test:
	$(VB)/run-tests.sh

bench:
	$(VB)/bench.sh

soak:
	VBOARD_SOAK=long SOAK_COUNTS="$(SOAK_COUNTS)" VBOARD_ONLY=43-soak VBOARD_NO_KUNIT=1 VBOARD_ARM64=0 \
		VBOARD_TIMEOUT=$(or $(SOAK_TIMEOUT),7200) $(VB)/run-tests.sh

vboard:
	VBOARD_FW="$(FW)" $(if $(BOARD),VBOARD_DTB=vboard-$(BOARD)) $(VB)/vboard.sh $(SCRIPT)

check:
	$(VB)/check.sh

demo:
	VBOARD_ARM64=0 $(VB)/vboard.sh $(CURDIR)/tools/testing/vboard/demo.sh

fuzz:
	$(MAKE) -C tools/testing/fuzz fuzz FUZZ_TIME=$(or $(FUZZ_TIME),60)

.PHONY: all modules modules_install clean deps test bench soak vboard check demo fuzz
