/*
 * Test helpers: locate ../shared and read a 16-bit PCM WAV into a caller buffer (tests only; stdio ok).
 */
#ifndef KWS_TEST_WAV_H
#define KWS_TEST_WAV_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef KWS_REPO_ROOT
#define KWS_REPO_ROOT "."
#endif

/* Fallback when the environment has no KWS_SHARED (bare-metal targets reading files through semihosting
 * have no environment): the build may define KWS_SHARED_DIR, else <repo root>/../shared. */
#ifndef KWS_SHARED_DIR
#define KWS_SHARED_DIR KWS_REPO_ROOT "/../shared"
#endif

/* Path of `rel` inside the shared data folder: $KWS_SHARED or KWS_SHARED_DIR. */
static inline void kws_test_shared_path(const char *rel, char *out, size_t size)
{
    const char *env = getenv("KWS_SHARED");
    if (env != NULL && env[0] != '\0') {
        snprintf(out, size, "%s/%s", env, rel);
    } else {
        snprintf(out, size, "%s/%s", KWS_SHARED_DIR, rel);
    }
}

static inline uint32_t kws_test_le32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* Read mono 16-bit PCM samples (at most `max`) of a RIFF/WAVE file. Returns the count, or -1. */
static inline long kws_test_read_wav(const char *path, int16_t *samples, long max)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return -1;
    }
    uint8_t hdr[12], ch[8];
    long result = -1;
    int channels = 0, bits = 0;
    if (fread(hdr, 1, 12, f) != 12 || memcmp(hdr, "RIFF", 4) != 0 || memcmp(hdr + 8, "WAVE", 4) != 0) {
        goto done;
    }
    while (fread(ch, 1, 8, f) == 8) {
        uint32_t size = kws_test_le32(ch + 4);
        if (memcmp(ch, "fmt ", 4) == 0) {
            uint8_t fmt[16];
            if (size < 16 || fread(fmt, 1, 16, f) != 16) {
                goto done;
            }
            channels = fmt[2] | (fmt[3] << 8);
            bits = fmt[14] | (fmt[15] << 8);
            fseek(f, (long)(size - 16 + (size & 1u)), SEEK_CUR);
        } else if (memcmp(ch, "data", 4) == 0) {
            if (channels != 1 || bits != 16) {
                goto done;
            }
            long n = (long)(size / 2u);
            n = n < max ? n : max;
            uint8_t buf[2];
            for (long i = 0; i < n; i++) {
                if (fread(buf, 1, 2, f) != 2) {
                    goto done;
                }
                samples[i] = (int16_t)(uint16_t)(buf[0] | (buf[1] << 8));
            }
            result = n;
            goto done;
        } else {
            fseek(f, (long)(size + (size & 1u)), SEEK_CUR);
        }
    }
done:
    fclose(f);
    if (result < 0) {
        fprintf(stderr, "%s: not a mono 16-bit PCM WAV\n", path);
    }
    return result;
}

/* The Arm MFCC descriptor of DS-CNN (49 x 10, hop 320) with the given input quantisation. */
static inline kws_frontend_desc kws_test_arm_desc(uint16_t hop, uint16_t frames, float scale, int32_t zp)
{
    kws_frontend_desc d;
    memset(&d, 0, sizeof(d));
    d.kind = 1;
    d.window = 1;
    d.sample_rate = 16000;
    d.frame_length = 640;
    d.frame_hop = hop;
    d.fft_size = 1024;
    d.mel_bins = 40;
    d.mel_low_hz = 20.0f;
    d.mel_high_hz = 4000.0f;
    d.num_coeffs = 10;
    d.num_frames = frames;
    d.input_scale = scale;
    d.input_zero_point = zp;
    strcpy(d.preset, "arm-mfcc-49x10");
    return d;
}

/* TFLite Micro micro_speech's descriptor (kind 3: 30 ms frames, 512-point FFT, 40 channels, 125..7500 Hz). */
static inline kws_frontend_desc kws_test_micro_desc(void)
{
    kws_frontend_desc d;
    memset(&d, 0, sizeof(d));
    d.kind = 3;
    d.window = 1;
    d.sample_rate = 16000;
    d.frame_length = 480;
    d.frame_hop = 320;
    d.fft_size = 512;
    d.mel_bins = 40;
    d.mel_low_hz = 125.0f;
    d.mel_high_hz = 7500.0f;
    d.num_coeffs = 40;
    d.num_frames = 49;
    d.input_scale = 0.10171568f;
    d.input_zero_point = -128;
    strcpy(d.preset, "micro-speech");
    return d;
}

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            failures++;                                                              \
        }                                                                            \
    } while (0)

#endif
