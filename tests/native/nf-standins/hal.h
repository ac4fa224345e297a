/*
 * Stand-in for ChibiOS 21.11's hal.h (+ ch.h, CMSIS) as kws_nf_port_chibios.c sees it on ST_STM32F769I_DISCOVERY
 * (compile check only). Besides the declarations the port uses, it repeats the compile-time logic of the real
 * headers that decides whether the port builds, so a missing configuration line fails here as it would there:
 *  - halconf.h -> mcuconf.h (stand-ins with the stock values; kws_target_conf.h holds the documented lines);
 *  - os/hal/ports/STM32/STM32F7xx/hal_lld.h: STM32_PLLCLKIN, the PLLI2S range checks, STM32_I2SCLK by STM32_I2SSRC;
 *  - stm32_registry.h (STM32F769xx): SPI2 supports I2S, SPI2 DMA stream masks and channels, no STM32_I2S2_*_MSK;
 *  - LLD/DMAv2/stm32_dma.h stream-id macros; osal.h's IRQ priority check (ARMv7-M, 4 priority bits);
 *  - hal_i2s.h (API only with HAL_USE_I2S) and LLD/SPIv2/hal_i2s_lld.h: its defaults and its #error checks for SPI2;
 *  - ports/common/ARMCMx/cache.h (cacheBufferInvalidate), GPIOv2 PAL, stm32f769xx.h's SPI bit names.
 * Values and checks are restated from those sources (ChibiOS stable_21.11.x), not copied; only SPI2 is modelled.
 */
#ifndef KWS_STANDIN_HAL_H
#define KWS_STANDIN_HAL_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FALSE 0
#define TRUE 1

#include "halconf.h"

/* ---- board.h ---- */
#define STM32_HSECLK 25000000U

/* ---- hal_lld.h (STM32F7xx) subset ---- */
#define STM32_PLLSRC_HSE (1U << 22)
#define STM32_I2SSRC_PLLI2S (0U << 23)
#define STM32_I2SSRC_CKIN (1U << 23)
#define STM32_I2SSRC_OFF (1U << 23)
#define STM32_PLLIN_MIN 950000U
#define STM32_PLLIN_MAX 2100000U
#define STM32_PLLVCO_MIN 100000000U
#define STM32_PLLVCO_MAX 432000000U
#define STM32_PLLCLKIN (STM32_HSECLK / STM32_PLLM_VALUE)
#if (STM32_PLLCLKIN < STM32_PLLIN_MIN) || (STM32_PLLCLKIN > STM32_PLLIN_MAX)
#error "STM32_PLLCLKIN outside acceptable range (STM32_PLLIN_MIN...STM32_PLLIN_MAX)"
#endif
#if (STM32_PLLI2SN_VALUE < 49) || (STM32_PLLI2SN_VALUE > 432)
#error "invalid STM32_PLLI2SN_VALUE value specified"
#endif
#if (STM32_PLLI2SR_VALUE < 2) || (STM32_PLLI2SR_VALUE > 7)
#error "invalid STM32_PLLI2SR_VALUE value specified"
#endif
#define STM32_PLLI2SVCO (STM32_PLLCLKIN * STM32_PLLI2SN_VALUE)
#if (STM32_PLLI2SVCO < STM32_PLLVCO_MIN) || (STM32_PLLI2SVCO > STM32_PLLVCO_MAX)
#error "STM32_PLLI2SVCO outside acceptable range (STM32_PLLVCO_MIN...STM32_PLLVCO_MAX)"
#endif
#define STM32_PLLI2S_R_CLKOUT (STM32_PLLI2SVCO / STM32_PLLI2SR_VALUE)
#if STM32_I2SSRC == STM32_I2SSRC_OFF /* OFF and CKIN share the value: both give no known clock */
#define STM32_I2SCLK 0
#elif STM32_I2SSRC == STM32_I2SSRC_PLLI2S
#define STM32_I2SCLK STM32_PLLI2S_R_CLKOUT
#else
#error "invalid source selected for I2S clock"
#endif

/* ---- stm32_registry.h (STM32F769xx) subset ---- */
#define STM32_ADVANCED_DMA TRUE
#define STM32_DMA_SUPPORTS_DMAMUX FALSE
#define STM32_DMA_STREAMS 16U
#define STM32_HAS_SPI2 TRUE
#define STM32_SPI2_SUPPORTS_I2S TRUE
#define STM32_SPI2_RX_DMA_MSK (STM32_DMA_STREAM_ID_MSK(1, 1) | STM32_DMA_STREAM_ID_MSK(1, 3))
#define STM32_SPI2_RX_DMA_CHN 0x00000090U
#define STM32_SPI2_TX_DMA_MSK (STM32_DMA_STREAM_ID_MSK(1, 4) | STM32_DMA_STREAM_ID_MSK(1, 6))
#define STM32_SPI2_TX_DMA_CHN 0x09000000U

/* ---- stm32_dma.h (DMAv2) ---- */
#define STM32_DMA_STREAM_ID(dma, stream) ((((dma) - 1U) * 8U) + (stream))
#define STM32_DMA_STREAM_ID_MSK(dma, stream) (1U << STM32_DMA_STREAM_ID(dma, stream))
#define STM32_DMA_IS_VALID_ID(id, mask) (((1U << (id)) & (mask)))
#define STM32_DMA_IS_VALID_STREAM(id) (((id) >= 0U) && ((id) <= STM32_DMA_STREAMS))
#define STM32_DMA_IS_VALID_PRIORITY(prio) (((prio) >= 0U) && ((prio) <= 3U))
#define STM32_DMA_GETCHANNEL(id, c) (((c) >> (((id) & 7U) * 4U)) & 15U)

/* ---- osal.h / chcore.h (ARMv7-M, 4 priority bits): kernel-aware IRQ priorities 2..15 ---- */
#define OSAL_IRQ_IS_VALID_PRIORITY(n) (((n) >= 2U) && ((n) <= 15U))

/* ---- RT ---- */
typedef uint32_t syssts_t;
typedef int32_t msg_t;
typedef uint32_t sysinterval_t;
#define MSG_OK ((msg_t)0)
#define MSG_TIMEOUT ((msg_t)-1)
#define TIME_MS2I(ms) ((sysinterval_t)(ms))

typedef struct { int dummy; } binary_semaphore_t;
void chBSemObjectInit(binary_semaphore_t *bsp, bool taken);
msg_t chBSemWaitTimeout(binary_semaphore_t *bsp, sysinterval_t timeout);
void chBSemSignalI(binary_semaphore_t *bsp);
syssts_t chSysGetStatusAndLockX(void);
void chSysRestoreStatusX(syssts_t sts);
void chSysLockFromISR(void);
void chSysUnlockFromISR(void);
void osalSysHalt(const char *reason);

/* ---- stm32f769xx.h: SPI/I2S register bits, DWT ---- */
#define SPI_I2SCFGR_CHLEN (0x1UL << 0)
#define SPI_I2SCFGR_DATLEN (0x3UL << 1)
#define SPI_I2SCFGR_DATLEN_0 (0x1UL << 1)
#define SPI_I2SCFGR_DATLEN_1 (0x2UL << 1)
#define SPI_I2SCFGR_I2SCFG_0 (0x1UL << 8)
#define SPI_I2SCFGR_I2SCFG_1 (0x2UL << 8)
#define SPI_I2SCFGR_I2SE (0x1UL << 10)
#define SPI_I2SCFGR_I2SMOD (0x1UL << 11)
#define SPI_I2SPR_ODD (0x1UL << 8)

typedef struct { volatile uint32_t CTRL; volatile uint32_t CYCCNT; } DWT_Type;
extern DWT_Type *const DWT;
extern uint32_t SystemCoreClock;

/* ---- cache.h (Cortex-M7 data cache) ---- */
#define CACHE_LINE_SIZE 32U
void kws_standin_dcache_invalidate(const volatile void *addr, size_t bytes);
#define cacheBufferInvalidate(saddr, n) kws_standin_dcache_invalidate((saddr), (n))

/* ---- PAL (GPIOv2) ---- */
typedef struct { volatile uint32_t MODER; } stm32_gpio_t;
typedef uint32_t ioline_t;
typedef uint32_t iomode_t;
extern stm32_gpio_t *const GPIOA;
extern stm32_gpio_t *const GPIOB;
#define PAL_LINE(port, pad) ((ioline_t)((uint32_t)(uintptr_t)(port)) | ((uint32_t)(pad)))
#define PAL_MODE_ALTERNATE(n) ((iomode_t)(2U | ((uint32_t)(n) << 7)))
void palSetLineMode(ioline_t line, iomode_t mode);

/* ---- hal_i2s.h: the driver exists only with HAL_USE_I2S ---- */
#if HAL_USE_I2S
typedef enum { I2S_UNINIT = 0, I2S_STOP = 1, I2S_READY = 2, I2S_ACTIVE = 3, I2S_COMPLETE = 4 } i2sstate_t;
typedef struct hal_i2s_driver I2SDriver;
typedef struct hal_i2s_config I2SConfig;
typedef void (*i2scallback_t)(I2SDriver *i2sp);

/* ---- hal_i2s_lld.h (SPIv2): defaults and checks (SPI2) ---- */
#define STM32_I2S_MODE_SLAVE 0
#define STM32_I2S_MODE_MASTER 1
#define STM32_I2S_MODE_RX 2
#define STM32_I2S_MODE_TX 4
#define STM32_I2S_RX_ENABLED(mode) ((mode) & STM32_I2S_MODE_RX)
#define STM32_I2S_TX_ENABLED(mode) ((mode) & STM32_I2S_MODE_TX)
#if !defined(STM32_I2S_USE_SPI1)
#define STM32_I2S_USE_SPI1 FALSE
#endif
#if !defined(STM32_I2S_USE_SPI2)
#define STM32_I2S_USE_SPI2 FALSE
#endif
#if !defined(STM32_I2S_USE_SPI3)
#define STM32_I2S_USE_SPI3 FALSE
#endif
#if !defined(STM32_I2S_SPI2_MODE)
#define STM32_I2S_SPI2_MODE (STM32_I2S_MODE_MASTER | STM32_I2S_MODE_RX)
#endif
#if !defined(STM32_I2S_SPI2_IRQ_PRIORITY)
#define STM32_I2S_SPI2_IRQ_PRIORITY 10
#endif
#if !defined(STM32_I2S_SPI2_DMA_PRIORITY)
#define STM32_I2S_SPI2_DMA_PRIORITY 1
#endif
#if !defined(STM32_I2S_DMA_ERROR_HOOK)
#define STM32_I2S_DMA_ERROR_HOOK(i2sp) osalSysHalt("DMA failure")
#endif
#if STM32_I2S_USE_SPI2 && !STM32_SPI2_SUPPORTS_I2S
#error "SPI2 does not support I2S mode"
#endif
#if STM32_I2S_RX_ENABLED(STM32_I2S_SPI2_MODE) && STM32_I2S_TX_ENABLED(STM32_I2S_SPI2_MODE)
#error "I2S2 RX and TX mode not supported in this driver implementation"
#endif
#if STM32_I2S_USE_SPI2 && !STM32_HAS_SPI2
#error "SPI2 not present in the selected device"
#endif
#if !STM32_I2S_USE_SPI1 && !STM32_I2S_USE_SPI2 && !STM32_I2S_USE_SPI3
#error "I2S driver activated but no SPI peripheral assigned"
#endif
#if STM32_I2S_USE_SPI2 && !OSAL_IRQ_IS_VALID_PRIORITY(STM32_I2S_SPI2_IRQ_PRIORITY)
#error "Invalid IRQ priority assigned to SPI2"
#endif
#if STM32_I2S_USE_SPI2 && !STM32_DMA_IS_VALID_PRIORITY(STM32_I2S_SPI2_DMA_PRIORITY)
#error "Invalid DMA priority assigned to SPI2"
#endif
/* both streams, even for a receive-only driver */
#if STM32_I2S_USE_SPI2 && (!defined(STM32_I2S_SPI2_RX_DMA_STREAM) || !defined(STM32_I2S_SPI2_TX_DMA_STREAM))
#error "SPI2 DMA streams not defined"
#endif
#if STM32_I2S_USE_SPI2 && !STM32_DMA_IS_VALID_STREAM(STM32_I2S_SPI2_RX_DMA_STREAM)
#error "invalid DMA stream associated to SPI2 RX"
#endif
#if STM32_I2S_USE_SPI2 && !STM32_DMA_IS_VALID_STREAM(STM32_I2S_SPI2_TX_DMA_STREAM)
#error "invalid DMA stream associated to SPI2 TX"
#endif
/* STM32_ADVANCED_DMA without DMAMUX (F7): the streams must be in STM32_I2S2_{RX,TX}_DMA_MSK, which the F7 registry
   does not define (an undefined mask is 0 in #if: the check fails, or -Wundef stops it first). */
#if STM32_I2S_USE_SPI2 && !STM32_DMA_IS_VALID_ID(STM32_I2S_SPI2_RX_DMA_STREAM, STM32_I2S2_RX_DMA_MSK)
#error "invalid DMA stream associated to SPI2 RX"
#endif
#if STM32_I2S_USE_SPI2 && !STM32_DMA_IS_VALID_ID(STM32_I2S_SPI2_TX_DMA_STREAM, STM32_I2S2_TX_DMA_MSK)
#error "invalid DMA stream associated to SPI2 TX"
#endif

struct hal_i2s_driver { i2sstate_t state; const I2SConfig *config; void *spi; uint16_t cfg; };
struct hal_i2s_config {
    const void *tx_buffer;
    void *rx_buffer;
    size_t size; /* samples */
    i2scallback_t end_cb;
    int16_t i2scfgr;
    int16_t i2spr;
};
#if STM32_I2S_USE_SPI2
extern I2SDriver I2SD2;
#endif
#define i2sIsBufferComplete(i2sp) ((bool)((i2sp)->state == I2S_COMPLETE))
msg_t i2sStart(I2SDriver *i2sp, const I2SConfig *config);
void i2sStop(I2SDriver *i2sp);
void i2sStartExchange(I2SDriver *i2sp);
void i2sStopExchange(I2SDriver *i2sp);
#endif /* HAL_USE_I2S */

#endif
