/*
 * KwsNano nanoFramework glue, ChibiOS port: the I2S capture's DMA arithmetic, kept free of ChibiOS so a host test
 * (tests/native/test_nf_i2s_dma.c, run under ASan/UBSan) can check it against a model of the driver.
 *
 * What the ChibiOS 21.11 STM32 SPIv2 I2S driver does (os/hal/ports/STM32/LLD/SPIv2/hal_i2s_lld.c, hal_i2s.h):
 *  - I2SConfig.size is the buffer size "as number of samples"; the DMA always moves 16-bit half-words, so when
 *    I2SCFGR.DATLEN selects 24 or 32 bits, i2s_lld_start_exchange doubles size for the DMA transfer count.
 *  - The DMA is circular and calls end_cb at half transfer (i2sIsBufferComplete() false: the first half is full)
 *    and at transfer complete (true: the second half is full).
 * So a DMA buffer of N bytes of 32-bit samples is I2SConfig.size = N / 4 (N / 2 would make the DMA write 2N bytes,
 * past the buffer, and call back at the wrong points, losing every other block).
 *
 * Layout: stereo frames of two 32-bit slots (left, right); each slot arrives as two half-words, most significant
 * first. Ring frames are 8 bytes: left int32 then right int32, little-endian (the ESP32 DMA layout).
 */
#ifndef KWS_NF_I2S_DMA_H
#define KWS_NF_I2S_DMA_H

#include <stdint.h>

/** Stereo frames per DMA half (one callback's block): 256 frames = 16 ms at 16 kHz. */
#define KWS_NF_I2S_BLOCK_FRAMES 256u
/** Half-words one stereo frame of 32-bit slots takes in the DMA buffer. */
#define KWS_NF_I2S_FRAME_HALFWORDS 4u
/** Half-words of the whole circular DMA buffer (two blocks). */
#define KWS_NF_I2S_DMA_HALFWORDS (2u * KWS_NF_I2S_BLOCK_FRAMES * KWS_NF_I2S_FRAME_HALFWORDS)
/** Bytes of a ring frame (left int32, right int32). */
#define KWS_NF_I2S_FRAME_BYTES 8u

/** Bits per stereo frame on the wire (two 32-bit channels). */
#define KWS_NF_I2S_FRAME_BITS 64u
/**
 * I2SPR divider (2 * I2SDIV + ODD, MCKOE off) that gives `rate` frames/s of KWS_NF_I2S_FRAME_BITS bits from an
 * I2S kernel clock of `i2sclk` Hz: bit clock = i2sclk / divider (STM32 reference manual, I2S clock generator).
 * Valid when the division is exact and the result is in 4..511.
 */
#define KWS_NF_I2S_DIVIDER(i2sclk, rate) ((i2sclk) / ((rate) * KWS_NF_I2S_FRAME_BITS))
/** I2SPR register value for a divider: I2SDIV = divider / 2 (bits 0-7), ODD (bit 8) = divider % 2. */
#define KWS_NF_I2S_I2SPR(divider) ((((divider) % 2u) << 8) | ((divider) / 2u))

/** I2SCFGR.DATLEN (bits 1-2: 00 16-bit, 01 24-bit, 10 32-bit data); the port checks it against the device header. */
#define KWS_NF_I2SCFGR_DATLEN_MASK 0x6u

/**
 * I2SConfig.size for a DMA buffer of `dma_bytes` bytes and the configuration's I2SCFGR value `i2scfgr`: counted in
 * samples, which are half-words for 16-bit data and 32-bit words when DATLEN is 24 or 32 bits (the test the driver
 * makes before doubling size).
 */
static inline uint32_t kws_nf_i2s_config_size(uint32_t dma_bytes, uint32_t i2scfgr)
{
    return (i2scfgr & KWS_NF_I2SCFGR_DATLEN_MASK) != 0u ? dma_bytes / 4u : dma_bytes / 2u;
}

/**
 * Half-word offset, in the DMA buffer, of the block the DMA has just filled when end_cb runs:
 * `buffer_complete` is i2sIsBufferComplete() (0 at half transfer: first block; 1 at transfer complete: second).
 */
static inline uint32_t kws_nf_i2s_filled_block(int buffer_complete)
{
    return buffer_complete ? KWS_NF_I2S_BLOCK_FRAMES * KWS_NF_I2S_FRAME_HALFWORDS : 0u;
}

/**
 * Converts one DMA frame (4 half-words: left MSB, left LSB, right MSB, right LSB) to a ring frame
 * (KWS_NF_I2S_FRAME_BYTES bytes: left int32, right int32, little-endian).
 */
static inline void kws_nf_i2s_unpack_frame(const uint16_t *dma_frame, uint8_t *ring_frame)
{
    for (uint32_t ch = 0; ch < 2u; ch++)
    {
        uint32_t slot = ((uint32_t)dma_frame[2u * ch] << 16) | dma_frame[2u * ch + 1u];
        ring_frame[4u * ch] = (uint8_t)slot;
        ring_frame[4u * ch + 1u] = (uint8_t)(slot >> 8);
        ring_frame[4u * ch + 2u] = (uint8_t)(slot >> 16);
        ring_frame[4u * ch + 3u] = (uint8_t)(slot >> 24);
    }
}

#endif /* KWS_NF_I2S_DMA_H */
