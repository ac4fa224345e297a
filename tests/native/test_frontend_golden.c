/*
 * Front-end golden test: the Arm evaluation kit's MFCC vector for the first 640 samples of
 * recordings/yes.wav (../shared/docs/frontend.md), within 1e-4 and exact after quantising.
 * Plus descriptor validation and batch/clip consistency.
 */
#include <math.h>
#include "kws_nano.h"
#include "kws_test_wav.h"

static int failures = 0;
static uint64_t mem[(256 * 1024) / 8];
static int16_t audio[64000];

int main(void)
{
    static const float golden[10] = {-22.67135f, -0.61615f, 2.07233f, 0.58137f, 1.01655f,
                                     0.85816f,   0.46039f,  0.03393f, 1.16511f, 0.0072f};
    char path[1024];
    kws_test_shared_path("audio/recordings/yes.wav", path, sizeof path);
    long n = kws_test_read_wav(path, audio, 64000);
    CHECK(n >= 16000);
    if (n < 16000) {
        return 1;
    }

    kws_frontend_desc d = kws_test_arm_desc(320, 49, 1.1088107f, 95);
    uint32_t need = kws_frontend_buffer_size(&d);
    printf("front-end buffer: %lu bytes\n", (unsigned long)need);
    CHECK(need > 0 && need <= sizeof mem);
    kws_frontend *fe = NULL;
    CHECK(kws_frontend_init(&fe, &d, mem, sizeof mem) == KWS_OK);
    float mfcc[10];
    CHECK(kws_frontend_compute_frame(fe, audio, mfcc) == KWS_OK);
    double worst = 0;
    for (int i = 0; i < 10; i++) {
        double e = fabs((double)mfcc[i] - (double)golden[i]);
        worst = e > worst ? e : worst;
        printf("c%d = %.6f (golden %.5f)\n", i, mfcc[i], golden[i]);
    }
    printf("max |error| = %.3g\n", worst);
    CHECK(worst <= 1e-4);
    int8_t q[10], qg[10];
    CHECK(kws_frontend_quantize(&d, mfcc, 10, q) == KWS_OK);
    CHECK(kws_frontend_quantize(&d, golden, 10, qg) == KWS_OK);
    for (int i = 0; i < 10; i++) {
        CHECK(q[i] == qg[i]);
    }
    /* c0 = -22.67135 / 1.1088107 + 95 = 74.55... -> 75 (rounding, not truncation) */
    CHECK(qg[0] == 75);

    /* whole clip: frame f equals compute_frame at offset f*320 */
    static float clip[49 * 10];
    CHECK(kws_frontend_compute_clip(fe, audio, 16000, clip) == KWS_OK);
    CHECK(kws_frontend_compute_clip(fe, audio, 15999, clip) == KWS_ERR_ARGUMENT);
    for (int f = 0; f < 49; f += 12) {
        CHECK(kws_frontend_compute_frame(fe, audio + f * 320, mfcc) == KWS_OK);
        for (int i = 0; i < 10; i++) {
            CHECK(mfcc[i] == clip[f * 10 + i]);
        }
    }

    /* quantisation rule: rounding half away from zero, clamping */
    {
        kws_frontend_desc u = kws_test_arm_desc(320, 49, 0.5f, -3);
        const float v[6] = {0.25f, -0.25f, 0.75f, 1000.0f, -1000.0f, -0.74f};
        int8_t o[6];
        CHECK(kws_frontend_quantize(&u, v, 6, o) == KWS_OK);
        /* 0.5-3 = -2.5 -> -3; -0.5-3 = -3.5 -> -4; 1.5-3 = -1.5 -> -2; clamp; -1.48-3 = -4.48 -> -4 */
        CHECK(o[0] == -3 && o[1] == -4 && o[2] == -2 && o[3] == 127 && o[4] == -128 && o[5] == -4);
    }

    /* descriptor validation */
    {
        kws_frontend_desc b = d;
        b.fft_size = 1000;
        CHECK(kws_frontend_buffer_size(&b) == 0);
        CHECK(kws_frontend_init(&fe, &b, mem, sizeof mem) == KWS_ERR_FRONTEND);
        b = d;
        b.frame_length = 2048;
        CHECK(kws_frontend_init(&fe, &b, mem, sizeof mem) == KWS_ERR_FRONTEND);
        b = d;
        b.mel_high_hz = 9000.0f;
        CHECK(kws_frontend_init(&fe, &b, mem, sizeof mem) == KWS_ERR_FRONTEND);
        b = d;
        b.kind = 3; /* micro_speech is computed (test_microfrontend.c), but not with an MFCC-shaped descriptor */
        CHECK(kws_frontend_init(&fe, &b, mem, sizeof mem) == KWS_ERR_FRONTEND);
        b.kind = 0; /* features supplied by the caller */
        CHECK(kws_frontend_init(&fe, &b, mem, sizeof mem) == KWS_ERR_UNSUPPORTED);
        CHECK(kws_frontend_init(&fe, &d, mem, need - 8) == KWS_ERR_ARENA);
        CHECK(kws_frontend_init(&fe, &d, (uint8_t *)mem + 4, sizeof mem - 8) == KWS_ERR_ARENA);
        CHECK(kws_frontend_init(NULL, &d, mem, sizeof mem) == KWS_ERR_NULL);
    }

    /* MLPerf Tiny variant (kind 2): runs, is finite, and peak scaling only moves c0 (log of a gain) */
    {
        kws_frontend_desc m = d;
        m.kind = 2;
        m.sample_scaling = 1;
        m.log_mode = 1;
        m.dct = 1;
        m.frame_length = 480;
        m.fft_size = 512;
        CHECK(kws_frontend_init(&fe, &m, mem, sizeof mem) == KWS_OK);
        float a[10], b[10];
        CHECK(kws_frontend_set_peak(fe, 32768) == KWS_OK);
        CHECK(kws_frontend_compute_frame(fe, audio + 8000, a) == KWS_OK);
        CHECK(kws_frontend_set_peak(fe, 4096) == KWS_OK);
        CHECK(kws_frontend_compute_frame(fe, audio + 8000, b) == KWS_OK);
        CHECK(kws_frontend_set_peak(fe, 0) == KWS_ERR_ARGUMENT);
        /* gain x8: every log mel + ln 8 (the 1e-6 floor is negligible in speech) -> c0 + sqrt(80) ln 8 */
        CHECK(fabs((b[0] - a[0]) - sqrt(80.0) * log(8.0)) < 1e-3);
        for (int i = 1; i < 10; i++) {
            CHECK(isfinite(a[i]) && fabs(b[i] - a[i]) < 1e-3);
        }
    }

    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("frontend golden: all checks passed\n");
    return 0;
}
