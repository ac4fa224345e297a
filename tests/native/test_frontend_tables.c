/*
 * Front-end tables section (format 1.2): for each front-end kind, a front-end reading a section in place (a separate
 * read-only buffer, as flash) with its work buffers outside its memory computes, bit for bit, what a front-end that
 * builds its tables in RAM computes, over a whole recording; the Arm golden vector holds with the section; the
 * builder is deterministic down to the padding; kws_frontend_init_ex refuses damaged sections, bad pointers and short
 * buffers with the documented statuses.
 */
#include <math.h>
#include "kws_nano.h"
#include "kws_test_wav.h"

static int failures = 0;
static uint64_t mem_ram[(64 * 1024) / 8];
static uint64_t mem_state[(8 * 1024) / 8];
static uint64_t work[(32 * 1024) / 8];
static uint32_t flash[(32 * 1024) / 4];
static uint32_t flash2[(32 * 1024) / 4];
static uint32_t damaged[(32 * 1024) / 4 + 4];
static int16_t audio[64000];
static float out_ram[99 * 40], out_flash[99 * 40];

static kws_frontend_desc desc_of(int which)
{
    kws_frontend_desc d = kws_test_arm_desc(320, 49, 1.1088107f, 95);
    if (which == 1) { /* Arm 25 x 10 (DNN), hop 640 */
        d = kws_test_arm_desc(640, 25, 1.0f, 0);
        strcpy(d.preset, "arm-mfcc-25x10");
    } else if (which == 2) { /* MLPerf Tiny-like: kind 2, power spectrum, epsilon log, 512-point FFT */
        d.kind = 2;
        d.sample_scaling = 1;
        d.log_mode = 1;
        d.spectrum = 1;
        d.dct = 1;
        d.frame_length = 480;
        d.fft_size = 512;
        d.mel_high_hz = 8000.0f;
        strcpy(d.preset, "mlperf-tiny");
    } else if (which == 3) { /* micro_speech */
        d = kws_test_micro_desc();
    }
    return d;
}

static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static void wr32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

/* kws_frontend_init_ex on a copy of the section with byte `at` set to `value` (or the 32-bit word, wide). */
static kws_status init_damaged(const kws_frontend_desc *d, uint32_t size, uint32_t at, uint32_t value, int wide)
{
    kws_frontend *fe = NULL;
    memcpy(damaged, flash, size);
    if (wide) {
        wr32((uint8_t *)damaged + at, value);
    } else {
        ((uint8_t *)damaged)[at] = (uint8_t)value;
    }
    return kws_frontend_init_ex(&fe, d, damaged, size, work, sizeof work, mem_state, sizeof mem_state);
}

static void test_kind(int which, long samples)
{
    const kws_frontend_desc d = desc_of(which);
    uint32_t size = 0, size2 = 0;
    const uint32_t max = kws_frontend_tables_max_size(&d);
    CHECK(max > 0u && max <= sizeof flash);
    /* deterministic, padding included: two builds into buffers of different garbage */
    memset(flash, 0xA5, sizeof flash);
    memset(flash2, 0x5A, sizeof flash2);
    CHECK(kws_frontend_tables_build(&d, flash, max, &size) == KWS_OK);
    CHECK(kws_frontend_tables_build(&d, flash2, sizeof flash2, &size2) == KWS_OK);
    CHECK(size == size2 && size <= max && size % 16u == 0u && memcmp(flash, flash2, size) == 0);
    CHECK(kws_frontend_tables_build(&d, flash2, max - 1u, &size2) == KWS_ERR_ARGUMENT);

    kws_frontend *ram = NULL, *fl = NULL;
    CHECK(kws_frontend_init(&ram, &d, mem_ram, sizeof mem_ram) == KWS_OK);
    const uint32_t state = kws_frontend_buffer_size_ex(&d, 1, 1), wsize = kws_frontend_work_size(&d);
    CHECK(state > 0u && state <= 512u && wsize <= sizeof work);
    CHECK(kws_frontend_buffer_size_ex(&d, 0, 0) == kws_frontend_buffer_size(&d));
    CHECK(kws_frontend_buffer_size_ex(&d, 1, 0) == state + wsize);
    CHECK(kws_frontend_init_ex(&fl, &d, flash, size, work, wsize, mem_state, state - 1u) == KWS_ERR_ARENA);
    CHECK(kws_frontend_init_ex(&fl, &d, flash, size, work, wsize - 1u, mem_state, state) == KWS_ERR_ARENA);
    CHECK(kws_frontend_init_ex(&fl, &d, flash, size, (uint8_t *)work + 4, wsize, mem_state, state) == KWS_ERR_ARENA);
    CHECK(kws_frontend_init_ex(&fl, &d, flash, size, work, wsize, mem_state, state) == KWS_OK);
    printf("%s: section %u B (max %u), front-end memory %u B with tables in RAM, %u B + %u B work with them in place\n",
           d.preset, size, max, kws_frontend_buffer_size(&d), state, wsize);

    /* whole recording, clip by clip: identical floats */
    const uint32_t clip = (uint32_t)d.frame_length + (uint32_t)(d.num_frames - 1u) * d.frame_hop;
    const uint32_t n = (uint32_t)d.num_frames * d.num_coeffs;
    uint32_t clips = 0, differing = 0;
    for (long start = 0; start + (long)clip <= samples; start += 8000) {
        memset(work, 0xEE, sizeof work); /* whatever the work buffers held between calls does not matter */
        CHECK(kws_frontend_compute_clip(ram, audio + start, clip, out_ram) == KWS_OK);
        CHECK(kws_frontend_compute_clip(fl, audio + start, clip, out_flash) == KWS_OK);
        differing += memcmp(out_ram, out_flash, 4u * n) != 0;
        clips++;
    }
    CHECK(clips >= 3u && differing == 0u);
    printf("%s: %u clips, %u differ\n", d.preset, clips, differing);

    if (which == 0) {
        /* the Arm kit's golden vector (test_frontend_golden.c) with the tables read in place */
        static const float golden[10] = {-22.67135f, -0.61615f, 2.07233f, 0.58137f, 1.01655f,
                                         0.85816f,   0.46039f,  0.03393f, 1.16511f, 0.0072f};
        float mfcc[10];
        CHECK(kws_frontend_compute_frame(fl, audio, mfcc) == KWS_OK);
        for (int i = 0; i < 10; i++) {
            CHECK(fabs((double)mfcc[i] - (double)golden[i]) <= 1e-4);
        }
    }

    /* refusals: pointer alignment, header, directory, contents */
    kws_frontend *x = NULL;
    memcpy((uint8_t *)damaged + 2, flash, size);
    CHECK(kws_frontend_init_ex(&x, &d, (uint8_t *)damaged + 2, size, work, wsize, mem_state, state) == KWS_ERR_ALIGN);
    CHECK(kws_frontend_init_ex(&x, &d, flash, size - 16u, work, wsize, mem_state, state) == KWS_ERR_BOUNDS); /* last table cut */
    CHECK(kws_frontend_init_ex(&x, &d, flash, 16u, work, wsize, mem_state, state) == KWS_ERR_FRONTEND);
    CHECK(init_damaged(&d, size, 0, 'X', 0) == KWS_ERR_FRONTEND);  /* magic */
    CHECK(init_damaged(&d, size, 4, d.kind == 1 ? 2 : 1, 0) == KWS_ERR_FRONTEND); /* kind */
    CHECK(init_damaged(&d, size, 18, 7, 0) == KWS_ERR_FRONTEND);   /* num_coeffs */
    const uint32_t off1 = rd32((const uint8_t *)flash + 32u + 8u);
    CHECK(init_damaged(&d, size, 32u + 8u, size, 1) == KWS_ERR_BOUNDS);       /* table 1 outside */
    CHECK(init_damaged(&d, size, 32u + 8u, off1 + 4u, 1) == KWS_ERR_ALIGN);   /* table 1 misaligned */
    CHECK(init_damaged(&d, size, 32u + 8u, rd32((const uint8_t *)flash + 32u), 1) == KWS_ERR_FRONTEND); /* overlap */
    CHECK(init_damaged(&d, size, 32u + 12u, rd32((const uint8_t *)flash + 44u) + 4u, 1) == KWS_ERR_FRONTEND); /* size */
    if (d.kind != 3) {
        const uint32_t rev = rd32((const uint8_t *)flash + 32u + 8u * 3u), dct = rd32((const uint8_t *)flash + 32u + 8u * 8u);
        CHECK(init_damaged(&d, size, rev + 2u, 7, 0) == KWS_ERR_FRONTEND);         /* bit reversal */
        CHECK(init_damaged(&d, size, dct, 0x7FC00000u, 1) == KWS_ERR_FRONTEND);    /* NaN */
        CHECK(init_damaged(&d, size, dct, 0x40000000u, 1) == KWS_ERR_FRONTEND);    /* 2.0 */
    } else {
        const uint32_t band = rd32((const uint8_t *)flash + 32u + 8u * 3u), w = rd32((const uint8_t *)flash + 32u + 8u * 4u);
        CHECK(init_damaged(&d, size, band, 0, 0) == KWS_ERR_FRONTEND);            /* band 0 at DC */
        CHECK(init_damaged(&d, size, w + 1u, 0x80, 0) == KWS_ERR_FRONTEND);       /* weight negative */
    }
    /* kind 0 has no tables */
    kws_frontend_desc none = d;
    none.kind = 0;
    CHECK(kws_frontend_init_ex(&x, &none, flash, size, work, wsize, mem_state, state) == KWS_ERR_UNSUPPORTED);
    CHECK(kws_frontend_tables_max_size(&none) == 0u);
    CHECK(kws_frontend_tables_build(&none, flash2, sizeof flash2, &size2) == KWS_ERR_FRONTEND);
}

int main(void)
{
    char path[1024];
    kws_test_shared_path("audio/recordings/yes_no_go_stop.wav", path, sizeof path);
    long n = kws_test_read_wav(path, audio, 64000);
    CHECK(n >= 32000);
    if (n < 32000) {
        return 1;
    }
    /* test_kind(0) checks the golden vector of yes.wav's first frame: load that recording for it */
    static int16_t yes[16000];
    kws_test_shared_path("audio/recordings/yes.wav", path, sizeof path);
    CHECK(kws_test_read_wav(path, yes, 16000) >= 16000);
    for (int which = 0; which < 4; which++) {
        if (which == 0) {
            memcpy(audio, yes, sizeof yes); /* the first second is yes.wav, the rest the longer recording */
        }
        test_kind(which, n);
    }
    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("frontend tables: all checks passed\n");
    return 0;
}
