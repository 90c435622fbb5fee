/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * STM32MP15 as its Cortex-M4 sees it: the addresses and interrupt numbers
 * the project's firmware (fw/) and the executing M4 (m4run/) both use.
 * IPCC register semantics live in include/stm32mp/ipcc-regs.h.
 */
#ifndef _STM32MP15_M4_H
#define _STM32MP15_M4_H

/* Peripherals (RM0436 memory map) */
#define M4_IPCC_BASE		0x4c001000u
#define M4_HSEM_BASE		0x4c000000u
#define M4_RCC_BASE		0x50000000u
#define M4_PWR_BASE		0x50001000u
#define M4_GPIOA_BASE		0x50002000u	/* GPIOA..GPIOK, 0x1000 apart */
#define M4_GPIO_COUNT		11
#define M4_EXTI_BASE		0x5000d000u
#define M4_SYSCFG_BASE		0x50020000u
#define M4_DBGMCU_BASE		0x50081000u
#define M4_TAMP_BASE		0x5c00a000u
#define M4_WWDG1_BASE		0x4000a000u
#define M4_USART3_BASE		0x4000f000u
#define M4_UART4_BASE		0x40010000u
#define M4_UART7_BASE		0x40018000u
#define M4_ADC1_BASE		0x48003000u	/* not modelled by the board */
#define M4_FMC_BANK1		0x60000000u	/* nothing answers: a BusFault */

/* TAMP backup register the test firmware counts its boots in */
#define M4_TAMP_BKP19R		(M4_TAMP_BASE + 0x100 + 4 * 19)

/* IPCC processor-2 block (the M4's own registers) */
#define M4_IPCC_C2CR		(M4_IPCC_BASE + 0x10)
#define M4_IPCC_C2MR		(M4_IPCC_BASE + 0x14)
#define M4_IPCC_C2SCR		(M4_IPCC_BASE + 0x18)
#define M4_IPCC_C2TOC1SR	(M4_IPCC_BASE + 0x1c)
#define M4_IPCC_C1TOC2SR	(M4_IPCC_BASE + 0x0c)	/* Linux's flags */
#define M4_IPCC_HWCFGR		(M4_IPCC_BASE + 0x3f0)

/* USART (STM32 USARTv2 register map) */
#define M4_USART_CR1		0x00
#define M4_USART_ISR		0x1c
#define M4_USART_TDR		0x28
#define M4_USART_ISR_TC		(1u << 6)
#define M4_USART_ISR_TXE	(1u << 7)

/* WWDG */
#define M4_WWDG_CR		0x00	/* T[6:0], WDGA bit 7 */
#define M4_WWDG_CFR		0x04	/* W[6:0], WDGTB[13:11], EWI bit 9 */
#define M4_WWDG_SR		0x08

/* NVIC interrupt numbers (IRQn) of the M4 */
#define M4_IRQ_WWDG1		0
#define M4_IRQ_IPCC_RX1		103	/* RX occupied, processor 2 */
#define M4_IRQ_IPCC_TX1		104	/* TX free, processor 2 */
#define M4_NR_IRQS		150

/* Core */
#define M4_CPUID		0x410fc241u	/* Cortex-M4 r0p1 */
#define M4_HCLK_HZ		209000000u	/* MCU clock, as ST's firmware sets it */
#define M4_DBGMCU_IDCODE	0x10006500u	/* STM32MP15 */

#endif /* _STM32MP15_M4_H */
