/*
 * KwsNano I2S sample conversion: 32-bit stereo slots carrying 24-bit left-justified microphone data
 * (INMP441, SPH0645 ...) to the 16-bit mono PCM the front-end takes.
 *
 * The top 16 bits of each slot are kept (arithmetic shift right by 16), the conventional choice for
 * 24-bit MEMS data: the dropped 8 bits are below the microphone's noise floor, and the truncation's
 * -0.5 LSB bias is pure DC, which lands in FFT bin 0 where no mel filter (20 Hz and up) has weight.
 */
#include "kws_nano.h"

kws_status kws_i2s32_to_pcm16(const int32_t *frames, uint32_t frame_count, int slot, int16_t *pcm)
{
    if (frame_count != 0u && (frames == NULL || pcm == NULL)) {
        return KWS_ERR_NULL;
    }
    if (slot != 0 && slot != 1) {
        return KWS_ERR_ARGUMENT;
    }
    for (uint32_t i = 0; i < frame_count; i++) {
        /* >> of a negative int32 is arithmetic on every supported compiler (GCC, Clang, Arm);
         * written as a division-free floor so it does not depend on that. */
        const int32_t v = frames[2u * i + (uint32_t)slot];
        const uint32_t u = (uint32_t)v >> 16;
        pcm[i] = (int16_t)(int32_t)(u >= 0x8000u ? (int32_t)u - 65536 : (int32_t)u);
    }
    return KWS_OK;
}
