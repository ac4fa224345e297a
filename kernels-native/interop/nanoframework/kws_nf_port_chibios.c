/*
 * KwsNano nanoFramework glue, ChibiOS (STM32): microsecond clock from the DWT cycle counter (ChibiOS's port_init
 * enables it), the model read in place from internal flash (execute-in-place, memory-mapped), and I2S capture with
 * the ChibiOS 21.11 HAL I2S driver (SPI2 as I2S2 in master-receive mode, circular DMA) into a ring the managed
 * NativeCaptureMicrophone drains.
 * The target's halconf.h / mcuconf.h need the lines of docs/custom-firmware.md, section 5; the checks below name
 * the one that is missing. The DMA arithmetic is in kws_nf_i2s_dma.h (host-tested).
 */
#include <string.h>
#include "hal.h"
#include "kws_nano.h"
#include "kws_port.h"
#include "kws_nf_port.h"
#include "kws_nf_i2s_dma.h"

#define KWS_NF_SAMPLE_RATE 16000u

/* What KwsNano needs beyond the I2S driver's own checks (hal_i2s_lld.h), all guarded for -Wundef. */
#if !defined(HAL_USE_I2S) || !HAL_USE_I2S
#error "KwsNano: set HAL_USE_I2S TRUE in the target's nanoCLR/halconf.h (docs/custom-firmware.md, section 5)"
#elif !defined(STM32_I2S_USE_SPI2) || !STM32_I2S_USE_SPI2
#error "KwsNano: set STM32_I2S_USE_SPI2 TRUE in the target's nanoCLR/mcuconf.h (docs/custom-firmware.md, section 5)"
#elif STM32_I2S_SPI2_MODE != (STM32_I2S_MODE_MASTER | STM32_I2S_MODE_RX)
#error "KwsNano: STM32_I2S_SPI2_MODE must be (STM32_I2S_MODE_MASTER | STM32_I2S_MODE_RX) in mcuconf.h"
#endif
#if defined(STM32_SPI_USE_SPI2) && STM32_SPI_USE_SPI2
#error "KwsNano: I2S2 needs SPI2 and PB15, which nanoFramework's SPI bus 2 also drives: set STM32_SPI_USE_SPI2 FALSE in mcuconf.h"
#endif
#if !defined(SPI_I2SCFGR_DATLEN) || SPI_I2SCFGR_DATLEN != KWS_NF_I2SCFGR_DATLEN_MASK
#error "KwsNano: kws_nf_i2s_dma.h's DATLEN mask differs from the device header's SPI_I2SCFGR_DATLEN"
#endif

/* I2SPR: divider for 16 kHz x 64 bits from the I2S kernel clock (STM32_I2SCLK, from mcuconf.h's PLLI2S), unless
   the board sets KWS_NF_I2SPR itself. */
#if !defined(KWS_NF_I2SPR)
#if !defined(STM32_I2SCLK) || STM32_I2SCLK == 0
#error "KwsNano: the I2S clock is off: set STM32_I2SSRC STM32_I2SSRC_PLLI2S in mcuconf.h (docs/custom-firmware.md, section 5)"
#elif STM32_I2SCLK % (KWS_NF_SAMPLE_RATE * KWS_NF_I2S_FRAME_BITS) != 0
#error "KwsNano: STM32_I2SCLK is not a multiple of 1.024 MHz (16 kHz x 64 bits): choose STM32_PLLI2SN_VALUE / STM32_PLLI2SR_VALUE for an exact clock"
#elif KWS_NF_I2S_DIVIDER(STM32_I2SCLK, KWS_NF_SAMPLE_RATE) < 4 || KWS_NF_I2S_DIVIDER(STM32_I2SCLK, KWS_NF_SAMPLE_RATE) > 511
#error "KwsNano: STM32_I2SCLK gives an I2S divider outside 4..511 for 16 kHz x 64 bits"
#endif
#define KWS_NF_I2SPR KWS_NF_I2S_I2SPR(KWS_NF_I2S_DIVIDER(STM32_I2SCLK, KWS_NF_SAMPLE_RATE))
#endif

/* Pins (ST_STM32F769I_DISCOVERY Arduino header, alternate function 5): D13 = PA12 = I2S2_CK, D10 = PA11 = I2S2_WS,
   D11 = PB15 = I2S2_SD. Another board sets its own lines. */
#ifndef KWS_NF_I2S_CK_LINE
#define KWS_NF_I2S_CK_LINE PAL_LINE(GPIOA, 12U)
#endif
#ifndef KWS_NF_I2S_WS_LINE
#define KWS_NF_I2S_WS_LINE PAL_LINE(GPIOA, 11U)
#endif
#ifndef KWS_NF_I2S_SD_LINE
#define KWS_NF_I2S_SD_LINE PAL_LINE(GPIOB, 15U)
#endif
#ifndef KWS_NF_I2S_PIN_AF
#define KWS_NF_I2S_PIN_AF 5U
#endif

/* Ring the managed side reads from: holds KwsEngine's chunk plus slack. */
#define KWS_NF_RING_FRAMES 4096u
/* The DMA writes behind the Cortex-M7 data cache: a block is invalidated before it is read, so the buffer is
   cache-line aligned and each block a whole number of 32-byte lines. */
#if (KWS_NF_I2S_BLOCK_FRAMES * KWS_NF_I2S_FRAME_HALFWORDS * 2u) % 32u != 0
#error "KwsNano: a DMA block must be a whole number of 32-byte cache lines"
#endif

static uint16_t s_dma[KWS_NF_I2S_DMA_HALFWORDS] __attribute__((aligned(32)));
static uint8_t s_ring[KWS_NF_RING_FRAMES * KWS_NF_I2S_FRAME_BYTES];
static volatile uint32_t s_write, s_read; /* frame counters (monotonic) */
static binary_semaphore_t s_data;
static int s_capturing;
static uint32_t s_last_cycles;
static uint64_t s_us_acc, s_cycles_acc;

uint64_t kws_nf_now_us64(void)
{
    /* Extend the 32-bit cycle counter; called at least once per audio chunk, well within one wrap. */
    syssts_t sts = chSysGetStatusAndLockX();
    uint32_t now = DWT->CYCCNT;
    s_cycles_acc += (uint32_t)(now - s_last_cycles);
    s_last_cycles = now;
    uint32_t per_us = SystemCoreClock / 1000000u;
    s_us_acc += s_cycles_acc / per_us;
    s_cycles_acc %= per_us;
    uint64_t us = s_us_acc;
    chSysRestoreStatusX(sts);
    return us;
}

uint32_t kws_port_now_us(void)
{
    return (uint32_t)kws_nf_now_us64();
}

int kws_nf_flash_map(uint32_t address, uint32_t max_size, const void **blob, uint32_t *size)
{
    const uint8_t *p = (const uint8_t *)(uintptr_t)address;
    uint32_t total;
    memcpy(&total, p + 8, sizeof total);
    if (memcmp(p, "KWSM", 4) != 0 || total < KWS_HEADER_SIZE || total > max_size)
    {
        return KWS_NF_FLASH;
    }
    *blob = p;
    *size = total;
    return 0;
}

/* end_cb, at half transfer (first block full) and transfer complete (second block full): append the block to the ring. */
static void kws_nf_i2s_cb(I2SDriver *i2sp)
{
    const uint16_t *block = &s_dma[kws_nf_i2s_filled_block(i2sIsBufferComplete(i2sp))];
    cacheBufferInvalidate(block, KWS_NF_I2S_BLOCK_FRAMES * KWS_NF_I2S_FRAME_HALFWORDS * sizeof block[0]);
    chSysLockFromISR();
    for (uint32_t f = 0; f < KWS_NF_I2S_BLOCK_FRAMES; f++)
    {
        kws_nf_i2s_unpack_frame(&block[f * KWS_NF_I2S_FRAME_HALFWORDS], &s_ring[(s_write % KWS_NF_RING_FRAMES) * KWS_NF_I2S_FRAME_BYTES]);
        s_write++;
    }
    if (s_write - s_read > KWS_NF_RING_FRAMES)
    {
        s_read = s_write - KWS_NF_RING_FRAMES; /* overrun: oldest audio lost (managed side detects the gap) */
    }
    chBSemSignalI(&s_data);
    chSysUnlockFromISR();
}

/* I2SCFGR: 32-bit data in 32-bit channels, Philips standard, clock idle low. I2SMOD, I2SE and the mode bits
   (I2SCFG, from STM32_I2S_SPI2_MODE) belong to the driver. size is set in kws_nf_capture_start. */
static I2SConfig s_cfg = {NULL, s_dma, 0, kws_nf_i2s_cb, SPI_I2SCFGR_DATLEN_1 | SPI_I2SCFGR_CHLEN, KWS_NF_I2SPR};

int kws_nf_capture_start(int sample_rate, int buffer_frames)
{
    if (sample_rate != (int)KWS_NF_SAMPLE_RATE || buffer_frames <= 0)
    {
        return -KWS_NF_ARGUMENT;
    }
    kws_nf_capture_stop(); /* i2sStart refuses a driver that is still exchanging */
    palSetLineMode(KWS_NF_I2S_CK_LINE, PAL_MODE_ALTERNATE(KWS_NF_I2S_PIN_AF));
    palSetLineMode(KWS_NF_I2S_WS_LINE, PAL_MODE_ALTERNATE(KWS_NF_I2S_PIN_AF));
    palSetLineMode(KWS_NF_I2S_SD_LINE, PAL_MODE_ALTERNATE(KWS_NF_I2S_PIN_AF));
    chBSemObjectInit(&s_data, true);
    s_write = s_read = 0;
    s_cfg.size = kws_nf_i2s_config_size(sizeof s_dma, (uint32_t)s_cfg.i2scfgr);
    if (i2sStart(&I2SD2, &s_cfg) != MSG_OK)
    {
        return -KWS_NF_NO_CAPTURE;
    }
    i2sStartExchange(&I2SD2);
    s_capturing = 1;
    return 0;
}

int kws_nf_capture_read(uint8_t *frames, int frame_count, int timeout_ms)
{
    if (!s_capturing)
    {
        return -KWS_NF_NO_CAPTURE;
    }
    while ((int)(s_write - s_read) < frame_count)
    {
        if (chBSemWaitTimeout(&s_data, TIME_MS2I(timeout_ms)) == MSG_TIMEOUT)
        {
            return -KWS_NF_NO_CAPTURE;
        }
    }
    /* The DMA callback may move s_read forward on an overrun: copy under the system lock so a frame is never
       read while the ISR overwrites it (at most a few KB of memcpy, a few microseconds). */
    syssts_t sts = chSysGetStatusAndLockX();
    for (int i = 0; i < frame_count; i++)
    {
        memcpy(&frames[KWS_NF_I2S_FRAME_BYTES * (uint32_t)i], &s_ring[(s_read % KWS_NF_RING_FRAMES) * KWS_NF_I2S_FRAME_BYTES], KWS_NF_I2S_FRAME_BYTES);
        s_read++;
    }
    chSysRestoreStatusX(sts);
    return frame_count;
}

int kws_nf_capture_stop(void)
{
    if (s_capturing)
    {
        i2sStopExchange(&I2SD2);
        i2sStop(&I2SD2);
        s_capturing = 0;
    }
    return 0;
}
