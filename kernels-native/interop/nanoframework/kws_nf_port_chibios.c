/*
 * KwsNano nanoFramework glue, ChibiOS (STM32): microsecond clock from the DWT cycle counter, the model read in
 * place from internal flash (execute-in-place, memory-mapped), and I2S capture with the ChibiOS HAL I2S driver
 * (SPI2 in I2S master-receive mode, circular DMA) into a ring the managed NativeCaptureMicrophone drains.
 * Needs HAL_USE_I2S TRUE in halconf.h and STM32_I2S_USE_SPI2 TRUE in mcuconf.h (docs/custom-firmware.md).
 * KWS_NF_I2SPR (prescaler for 16 kHz from the board's PLLI2S clock) must be set for the board.
 */
#include <string.h>
#include "hal.h"
#include "kws_nano.h"
#include "kws_port.h"
#include "kws_nf_port.h"

#ifndef KWS_NF_I2S_DRIVER
#define KWS_NF_I2S_DRIVER I2SD2
#endif
#ifndef KWS_NF_I2SPR
#define KWS_NF_I2SPR (SPI_I2SPR_ODD | 12) /* example for PLLI2S = 49.152 MHz, 32-bit frames, 16 kHz: check yours */
#endif

/* DMA: 2 halves of KWS_NF_DMA_FRAMES stereo frames, each 32-bit slot read as two 16-bit words (MSB first). */
#define KWS_NF_DMA_FRAMES 256u
/* Ring the managed side reads from: holds KwsEngine's chunk plus slack (frames of 8 bytes). */
#define KWS_NF_RING_FRAMES 4096u

static uint16_t s_dma[2u * KWS_NF_DMA_FRAMES * 4u];
static uint8_t s_ring[KWS_NF_RING_FRAMES * 8u];
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

/* Half or full DMA buffer ready: convert to little-endian int32 slots and append to the ring. */
static void kws_nf_i2s_cb(I2SDriver *i2sp)
{
    const uint16_t *half = i2sIsBufferComplete(i2sp) ? &s_dma[KWS_NF_DMA_FRAMES * 4u] : &s_dma[0];
    chSysLockFromISR();
    for (uint32_t f = 0; f < KWS_NF_DMA_FRAMES; f++)
    {
        uint32_t slot = s_write % KWS_NF_RING_FRAMES;
        int32_t left = (int32_t)(((uint32_t)half[4u * f] << 16) | half[4u * f + 1u]);
        int32_t right = (int32_t)(((uint32_t)half[4u * f + 2u] << 16) | half[4u * f + 3u]);
        memcpy(&s_ring[slot * 8u], &left, 4);
        memcpy(&s_ring[slot * 8u + 4u], &right, 4);
        s_write++;
    }
    if (s_write - s_read > KWS_NF_RING_FRAMES)
    {
        s_read = s_write - KWS_NF_RING_FRAMES; /* overrun: oldest audio lost (managed side detects the gap) */
    }
    chBSemSignalI(&s_data);
    chSysUnlockFromISR();
}

static I2SConfig s_cfg = {
    NULL, s_dma, sizeof s_dma / sizeof s_dma[0], kws_nf_i2s_cb,
    /* I2SCFGR: I2S mode, master receive, 32-bit data in 32-bit channels, Philips standard */
    SPI_I2SCFGR_I2SMOD | SPI_I2SCFGR_I2SCFG_0 | SPI_I2SCFGR_I2SCFG_1 | SPI_I2SCFGR_DATLEN_1 | SPI_I2SCFGR_CHLEN,
    KWS_NF_I2SPR};

int kws_nf_capture_start(int sample_rate, int buffer_frames)
{
    if (sample_rate != 16000 || buffer_frames <= 0)
    {
        return -KWS_NF_ARGUMENT;
    }
    CoreDebug->DEMCR |= CoreDebug_DEMCR_TRCENA_Msk;
    DWT->CTRL |= DWT_CTRL_CYCCNTENA_Msk;
    chBSemObjectInit(&s_data, true);
    s_write = s_read = 0;
    i2sStart(&KWS_NF_I2S_DRIVER, &s_cfg);
    i2sStartExchange(&KWS_NF_I2S_DRIVER);
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
        memcpy(&frames[8 * i], &s_ring[(s_read % KWS_NF_RING_FRAMES) * 8u], 8);
        s_read++;
    }
    chSysRestoreStatusX(sts);
    return frame_count;
}

int kws_nf_capture_stop(void)
{
    if (s_capturing)
    {
        i2sStopExchange(&KWS_NF_I2S_DRIVER);
        i2sStop(&KWS_NF_I2S_DRIVER);
        s_capturing = 0;
    }
    return 0;
}
