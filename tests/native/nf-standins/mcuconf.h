/*
 * Stand-in for ST_STM32F769I_DISCOVERY's nanoCLR/mcuconf.h (nf-interpreter): the stock values of the settings the
 * KwsNano ChibiOS port and ChibiOS 21.11's I2S driver depend on (the real file defines them unguarded; the guards
 * here let kws_target_conf.h, the documented lines, replace them, as editing the real lines does). The stock file
 * has no I2S section: STM32_I2S_* come only from kws_target_conf.h or the driver's defaults.
 */
#ifndef KWS_STANDIN_MCUCONF_H
#define KWS_STANDIN_MCUCONF_H
#define STM32F7xx_MCUCONF
#define STM32F769_MCUCONF

/* clock tree (PLLM is shared by the main PLL and PLLI2S) */
#define STM32_HSE_ENABLED TRUE
#define STM32_PLLSRC STM32_PLLSRC_HSE
#define STM32_PLLM_VALUE 25
#if !defined(STM32_I2SSRC)
#define STM32_I2SSRC STM32_I2SSRC_OFF
#endif
#if !defined(STM32_PLLI2SN_VALUE)
#define STM32_PLLI2SN_VALUE 192
#endif
#if !defined(STM32_PLLI2SR_VALUE)
#define STM32_PLLI2SR_VALUE 4
#endif

/* SPI driver: nanoFramework's SPI buses 2 (PA12/PB14/PB15) and 5 */
#if !defined(STM32_SPI_USE_SPI2)
#define STM32_SPI_USE_SPI2 TRUE
#endif
#define STM32_SPI_USE_SPI5 TRUE
#define STM32_SPI_SPI2_RX_DMA_STREAM STM32_DMA_STREAM_ID(1, 1)
#define STM32_SPI_SPI2_TX_DMA_STREAM STM32_DMA_STREAM_ID(1, 6)
#endif
