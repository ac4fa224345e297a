/*
 * The ChibiOS port's I2S capture arithmetic (kernels-native/interop/nanoframework/kws_nf_i2s_dma.h) against a model
 * of what ChibiOS 21.11's STM32 SPIv2 I2S driver and the circular DMA do with it (hal_i2s_lld.c, hal_i2s.h):
 *   - i2s_lld_start_exchange sets the DMA transfer count to I2SConfig.size, doubled when I2SCFGR.DATLEN is not 0
 *     (16-bit accesses for 24/32-bit samples); the DMA writes one half-word per transfer, circularly;
 *   - end_cb runs at half transfer (state ACTIVE: i2sIsBufferComplete false) and at transfer complete (state
 *     COMPLETE), then the count restarts at the buffer's start.
 * The microphone side sends numbered 32-bit samples (most significant half-word first). Checks: the DMA never
 * writes outside the port's buffer (the model refuses, and the buffer is heap-allocated to its exact size for
 * ASan), every callback finds a whole block of the next frames in order (no block lost, repeated or torn), the ring
 * frame layout, and the I2SPR divider for 16 kHz x 64 bits.
 */
#include <stdint.h>
#include <stdlib.h>
#include "kws_test.h"
#include "kws_nf_i2s_dma.h"

/* stm32f7 SPI_I2SCFGR bits (the port's configuration: 32-bit data, 32-bit channel) */
#define I2SCFGR_CHLEN 0x1u
#define I2SCFGR_DATLEN_0 0x2u
#define I2SCFGR_DATLEN_1 0x4u
#define PORT_I2SCFGR (I2SCFGR_DATLEN_1 | I2SCFGR_CHLEN)

/* The sample the microphone sends as number n (frame n / 2, left for even n): all 32 bits vary, signs mixed. */
static uint32_t sample_value(uint32_t n)
{
    return (n * 2654435761u) ^ 0xA5000000u;
}

typedef struct
{
    uint16_t *buffer;     /* DMA memory 0: the port's buffer */
    uint32_t capacity;    /* half-words the buffer really has */
    uint32_t transfers;   /* DMA transaction size the driver programs */
    uint32_t position;    /* next half-word index */
    int complete;         /* driver state COMPLETE during the transfer-complete callback */
    uint32_t next_frame;  /* next frame number a callback must find */
    uint32_t callbacks;
    int overrun;          /* the DMA would have written past the buffer */
    int out_of_order;     /* a callback found a frame other than next_frame */
} capture_model;

/* The port's end_cb, reduced to what it computes: which block, and the ring frames unpacked from it. */
static void port_callback(capture_model *m)
{
    const uint16_t *block = &m->buffer[kws_nf_i2s_filled_block(m->complete)];
    m->callbacks++;
    for (uint32_t f = 0; f < KWS_NF_I2S_BLOCK_FRAMES; f++)
    {
        uint8_t ring_frame[KWS_NF_I2S_FRAME_BYTES];
        kws_nf_i2s_unpack_frame(&block[f * KWS_NF_I2S_FRAME_HALFWORDS], ring_frame);
        for (uint32_t ch = 0; ch < 2u; ch++)
        {
            const uint8_t *b = &ring_frame[4u * ch];
            uint32_t got = (uint32_t)b[0] | ((uint32_t)b[1] << 8) | ((uint32_t)b[2] << 16) | ((uint32_t)b[3] << 24);
            if (got != sample_value(2u * m->next_frame + ch) && !m->out_of_order)
            {
                m->out_of_order = 1;
                fprintf(stderr, "  callback %u (%s), frame %u of the block, channel %u: got 0x%08X, expected frame %u (0x%08X)\n",
                        (unsigned)m->callbacks, m->complete ? "transfer complete" : "half transfer", (unsigned)f, (unsigned)ch,
                        (unsigned)got, (unsigned)m->next_frame, (unsigned)sample_value(2u * m->next_frame + ch));
            }
        }
        m->next_frame++;
    }
}

/* i2s_lld_start_exchange + the DMA stream + the I2S receiver, for `samples` 32-bit samples. */
static void run_capture(capture_model *m, uint32_t config_size, uint32_t i2scfgr, uint32_t samples)
{
    m->transfers = (i2scfgr & KWS_NF_I2SCFGR_DATLEN_MASK) != 0u ? config_size * 2u : config_size;
    m->position = 0;
    for (uint32_t n = 0; n < samples && !m->overrun; n++)
    {
        uint32_t v = sample_value(n);
        uint16_t halves[2] = {(uint16_t)(v >> 16), (uint16_t)v};
        for (int h = 0; h < 2; h++)
        {
            if (m->position >= m->capacity)
            {
                m->overrun = 1;
                fprintf(stderr, "  the DMA writes half-word %u of a %u-half-word buffer (transfer count %u)\n",
                        (unsigned)m->position, (unsigned)m->capacity, (unsigned)m->transfers);
                return;
            }
            m->buffer[m->position++] = halves[h];
            if (m->position == m->transfers / 2u)
            {
                m->complete = 0; /* HTIF: _i2s_isr_half_code */
                port_callback(m);
            }
            else if (m->position == m->transfers)
            {
                m->complete = 1; /* TCIF: _i2s_isr_full_code, state COMPLETE during end_cb */
                port_callback(m);
                m->complete = 0;
                m->position = 0; /* circular */
            }
        }
    }
}

static void test_config_size(void)
{
    /* N bytes of 32-bit (or 24-bit) samples are N / 4 samples; 16-bit: N / 2 */
    CHECK_EQ_INT(kws_nf_i2s_config_size(4096u, PORT_I2SCFGR), 1024);
    CHECK_EQ_INT(kws_nf_i2s_config_size(4096u, I2SCFGR_DATLEN_0), 1024);
    CHECK_EQ_INT(kws_nf_i2s_config_size(4096u, 0u), 2048);
    CHECK_EQ_INT(kws_nf_i2s_config_size(4096u, I2SCFGR_CHLEN), 2048); /* 16-bit data in 32-bit channels */
    /* the driver's DMA count for the port's buffer is exactly the buffer's half-words */
    uint32_t size = kws_nf_i2s_config_size(KWS_NF_I2S_DMA_HALFWORDS * 2u, PORT_I2SCFGR);
    CHECK_EQ_INT(size * 2u, KWS_NF_I2S_DMA_HALFWORDS);
}

/* The port's buffer and configuration through 5 DMA cycles: every frame arrives once, in order, block by block. */
static void test_capture_loses_no_block(void)
{
    capture_model m;
    memset(&m, 0, sizeof m);
    m.capacity = KWS_NF_I2S_DMA_HALFWORDS;
    m.buffer = malloc(m.capacity * sizeof m.buffer[0]); /* exact size: ASan sees any write past it */
    if (m.buffer == NULL)
    {
        CHECK(m.buffer != NULL);
        return;
    }
    const uint32_t blocks = 10u;
    uint32_t size = kws_nf_i2s_config_size(m.capacity * (uint32_t)sizeof m.buffer[0], PORT_I2SCFGR);
    run_capture(&m, size, PORT_I2SCFGR, blocks * KWS_NF_I2S_BLOCK_FRAMES * 2u);
    CHECK(!m.overrun);
    CHECK(!m.out_of_order);
    CHECK_EQ_INT(m.callbacks, blocks);
    CHECK_EQ_INT(m.next_frame, blocks * KWS_NF_I2S_BLOCK_FRAMES);
    free(m.buffer);
}

/* The model can fail: half the transfer count (too small a size) makes callbacks find frames out of order. */
static void test_model_detects_a_wrong_size(void)
{
    capture_model m;
    memset(&m, 0, sizeof m);
    m.capacity = KWS_NF_I2S_DMA_HALFWORDS;
    m.buffer = calloc(m.capacity, sizeof m.buffer[0]);
    if (m.buffer == NULL)
    {
        CHECK(m.buffer != NULL);
        return;
    }
    fprintf(stderr, "  (expected report follows: a size of a quarter of the buffer's bytes / 2)\n");
    run_capture(&m, KWS_NF_I2S_DMA_HALFWORDS / 4u, PORT_I2SCFGR, 8u * KWS_NF_I2S_BLOCK_FRAMES * 2u);
    CHECK(m.out_of_order);
    free(m.buffer);
}

static void test_unpack_layout(void)
{
    const uint16_t dma_frame[4] = {0x1234u, 0x5678u, 0xFFFFu, 0xFFFEu}; /* left 0x12345678, right -2 */
    const uint8_t expected[8] = {0x78, 0x56, 0x34, 0x12, 0xFE, 0xFF, 0xFF, 0xFF};
    uint8_t ring_frame[KWS_NF_I2S_FRAME_BYTES];
    kws_nf_i2s_unpack_frame(dma_frame, ring_frame);
    CHECK_BYTES(ring_frame, expected, 8);
}

static void test_i2spr(void)
{
    /* the documented PLLI2S: 1 MHz x 128 / 5 = 25.6 MHz -> divider 25 (I2SDIV 12, ODD) -> 1.024 MHz bit clock */
    CHECK_EQ_INT(KWS_NF_I2S_DIVIDER(25600000u, 16000u), 25);
    CHECK_EQ_INT(KWS_NF_I2S_I2SPR(25u), 0x10C);
    CHECK_EQ_INT(KWS_NF_I2S_I2SPR(50u), 25); /* 51.2 MHz: I2SDIV 25, no ODD */
    for (uint32_t clk = 4096000u; clk <= 192000000u; clk += 1024000u)
    {
        uint32_t i2spr = KWS_NF_I2S_I2SPR(KWS_NF_I2S_DIVIDER(clk, 16000u));
        uint32_t divider = 2u * (i2spr & 0xFFu) + ((i2spr >> 8) & 1u);
        if (clk / divider != 16000u * KWS_NF_I2S_FRAME_BITS)
        {
            CHECK_EQ_INT(clk / divider, 16000u * KWS_NF_I2S_FRAME_BITS);
            break;
        }
    }
}

int main(void)
{
    RUN(test_config_size);
    RUN(test_capture_loses_no_block);
    RUN(test_model_detects_a_wrong_size);
    RUN(test_unpack_layout);
    RUN(test_i2spr);
    return KT_REPORT();
}
