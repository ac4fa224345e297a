/*
 * TFLite Micro microfrontend (descriptor kind 3, micro_speech) against TFLite Micro's published golden
 * features (tests/native/test_microfrontend_golden.txt: 98 frames of the two 1 s micro_speech clips from a
 * fresh state, 2 frames from preset noise estimates, 2 frames of the newer signal-ops pipeline), bit for
 * bit. Plus: the fixed-point FFT against a double DFT, the int8 mapping, descriptor refusals, batch vs
 * frame-by-frame state handling, and the streaming pipeline against batch features.
 */
#include <math.h>
#include "kws_nano.h"
#include "kws_frontend_internal.h"
#include "kws_microfrontend.h"
#include "kws_test_wav.h"

static int failures = 0;

#define CHECK_EQ_INT(actual, expected) do { long long a_ = (long long)(actual), e_ = (long long)(expected); \
    if (a_ != e_) { failures++; fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, \
    #actual, a_, e_); } } while (0)
#define RUN(test) do { int before_ = failures; test(); \
    fprintf(stderr, "%s %s\n", failures == before_ ? "PASS" : "FAIL", #test); } while (0)
static uint64_t mem[(64 * 1024) / 8];
static int16_t audio[32000];

static kws_frontend_desc micro_desc(void)
{
    return kws_test_micro_desc();
}

static long read_recording(const char *name)
{
    char rel[256], path[1024];
    snprintf(rel, sizeof rel, "audio/recordings/%s", name);
    kws_test_shared_path(rel, path, sizeof path);
    long n = kws_test_read_wav(path, audio, (long)(sizeof audio / sizeof audio[0]));
    if (n < 0) {
        fprintf(stderr, "cannot read %s\n", path);
    }
    return n;
}

static void test_golden(void)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/tests/native/test_microfrontend_golden.txt", KWS_REPO_ROOT);
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    if (f == NULL) {
        return;
    }
    char line[4096];
    long frames_total = 0, frames_exact = 0, blocks = 0;
    kws_frontend_desc d = micro_desc();
    kws_frontend *fe = NULL;
    CHECK(kws_frontend_init(&fe, &d, mem, sizeof mem) == KWS_OK);
    while (fe != NULL && fgets(line, sizeof line, f) != NULL) {
        char name[64], wav[128], state[16];
        int frames = 0;
        if (line[0] == '#' || sscanf(line, "%63s %127s %d %15s", name, wav, &frames, state) != 4) {
            continue;
        }
        blocks++;
        long n = read_recording(wav);
        CHECK(n >= 480L + (frames - 1L) * 320L);
        CHECK(kws_frontend_reset(fe) == KWS_OK);
        if (strcmp(state, "preset") == 0) {
            for (int c = 0; c < 40; c++) {
                unsigned long v = 0;
                CHECK(fscanf(f, "%lu", &v) == 1);
                fe->micro->noise[c] = (uint32_t)v;
            }
        }
        int mismatched = 0;
        for (int fr = 0; fr < frames; fr++) {
            int expected[40];
            for (int c = 0; c < 40; c++) {
                CHECK(fscanf(f, "%d", &expected[c]) == 1);
            }
            float feat[40];
            int8_t q[40];
            if (n < 480L + fr * 320L) {
                break;
            }
            CHECK(kws_frontend_compute_frame(fe, audio + fr * 320, feat) == KWS_OK);
            CHECK(kws_frontend_quantize(&d, feat, 40, q) == KWS_OK);
            int exact = 1;
            for (int c = 0; c < 40; c++) {
                if (q[c] != expected[c]) {
                    if (mismatched++ < 5) {
                        fprintf(stderr, "%s frame %d channel %d: %d, golden %d\n", name, fr, c, q[c], expected[c]);
                    }
                    exact = 0;
                }
            }
            frames_total++;
            frames_exact += exact;
        }
        CHECK_EQ_INT(mismatched, 0);
        printf("%-16s %s: %d frame(s), %d value(s) differ\n", name, wav, frames, mismatched);
    }
    fclose(f);
    printf("golden: %ld blocks, %ld of %ld frames bit-exact\n", blocks, frames_exact, frames_total);
    CHECK_EQ_INT(blocks, 6);
    CHECK_EQ_INT(frames_total, 102);
    CHECK_EQ_INT(frames_exact, frames_total);
}

/* The fixed-point FFT approximates the DFT of its input with an error of a few LSB per stage. */
static void test_fft_against_dft(void)
{
    static kws__cpx16 tw[256], stw[128], tmp[256], out[257];
    static int16_t x[512];
    uint32_t seed = 12345u;
    for (int i = 0; i < 512; i++) {
        seed = seed * 1103515245u + 12345u;
        x[i] = (int16_t)((int32_t)(seed >> 16) - 32768);
    }
    kws__rfft16_init(512, tw, stw);
    kws__rfft16(512, tw, stw, x, tmp, out);
    double worst = 0;
    for (int k = 0; k <= 256; k++) {
        double re = 0, im = 0;
        for (int i = 0; i < 512; i++) {
            re += x[i] * cos(-2.0 * 3.14159265358979323846 * k * i / 512.0);
            im += x[i] * sin(-2.0 * 3.14159265358979323846 * k * i / 512.0);
        }
        /* kissfft's fixed-point forward transform is scaled by 1/n */
        re /= 512.0;
        im /= 512.0;
        double e = fabs(re - out[k].r) + fabs(im - out[k].i);
        worst = e > worst ? e : worst;
    }
    printf("fixed-point FFT (512, random int16) vs DFT / 512: max error %.2f LSB\n", worst);
    CHECK(worst < 8.0);
    /* a full-scale cosine at bin 16 gives about 32767/2 there (scaled by 1/n, half at -16) and ~0 beside */
    for (int i = 0; i < 512; i++) {
        x[i] = (int16_t)lrint(32767.0 * cos(2.0 * 3.14159265358979323846 * 16.0 * i / 512.0));
    }
    kws__rfft16(512, tw, stw, x, tmp, out);
    printf("cosine at bin 16: X[16] = (%d, %d), X[15] = %d, X[17] = %d\n", out[16].r, out[16].i, out[15].r, out[17].r);
    /* each stage divides by 32767 / p instead of 32768 / p: four radix-4 stages and the split step's /2 */
    const double gain = pow(8191.0 / 8192.0, 4.0) * (16383.0 / 16384.0);
    CHECK(fabs(out[16].r - 32767.0 / 2.0 * gain) <= 4.0 && abs(out[16].i) <= 4);
    CHECK(abs(out[15].r) <= 4 && abs(out[17].r) <= 4);
}

static void test_int8_mapping(void)
{
    /* (v * 256 + 333) / 666 - 128, worked by hand */
    static const struct { uint32_t v; int q; } table[] = {
        {0, -128}, {330, -1}, {332, 0}, {660, 126}, {664, 127}, {665, 127}, {65535, 127},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        CHECK_EQ_INT(kws__micro_to_int8(table[i].v), table[i].q);
    }
    /* the float path of kws_frontend_quantize: NaN and negatives are feature 0, huge values saturate */
    kws_frontend_desc d = micro_desc();
    const float v[4] = {NAN, -5.0f, 1e9f, 330.0f};
    int8_t q[4];
    CHECK(kws_frontend_quantize(&d, v, 4, q) == KWS_OK);
    CHECK_EQ_INT(q[0], -128);
    CHECK_EQ_INT(q[1], -128);
    CHECK_EQ_INT(q[2], 127);
    CHECK_EQ_INT(q[3], -1);
}

static int refused(const kws_frontend_desc *b, const char *what)
{
    kws_frontend *fe = (kws_frontend *)mem; /* any non-NULL value: init must set it to NULL */
    const int ok = kws_frontend_buffer_size(b) == 0u &&
                   kws_frontend_init(&fe, b, mem, sizeof mem) == KWS_ERR_FRONTEND && fe == NULL;
    if (!ok) {
        fprintf(stderr, "descriptor not refused: %s\n", what);
    }
    return ok;
}

static void test_descriptor_refusals(void)
{
    kws_frontend *fe = NULL;
    kws_frontend_desc d = micro_desc();
    const uint32_t need = kws_frontend_buffer_size(&d);
    printf("micro_speech front-end buffer: %lu bytes\n", (unsigned long)need);
    CHECK(need > 0u && need <= 8192u);
    CHECK(kws_frontend_init(&fe, &d, mem, need - 1u) == KWS_ERR_ARENA);
    CHECK(kws_frontend_init(&fe, &d, (uint8_t *)mem + 4, need) == KWS_ERR_ARENA);
    CHECK(kws_frontend_init(&fe, &d, mem, need) == KWS_OK);
    kws_frontend_desc b;
    b = d; b.fft_size = 1024;          CHECK(refused(&b, "fft not the smallest power of two"));
    b = d; b.fft_size = 256;           CHECK(refused(&b, "fft smaller than the frame"));
    b = d; b.num_coeffs = 10;          CHECK(refused(&b, "coefficients differ from channels"));
    b = d; b.sample_scaling = 1;       CHECK(refused(&b, "peak scaling"));
    b = d; b.spectrum = 1;             CHECK(refused(&b, "power spectrum"));
    b = d; b.mel_high_hz = 8001.0f;    CHECK(refused(&b, "high edge above Nyquist"));
    b = d; b.frame_hop = 481;          CHECK(refused(&b, "hop longer than the frame"));
    b = d; b.mel_low_hz = NAN;         CHECK(refused(&b, "NaN low edge"));
    b = d; b.mel_bins = 129; b.num_coeffs = 129; CHECK(refused(&b, "more than 128 channels"));
}

/* Batch (compute_clip, fresh state) equals frame-by-frame after a reset, and the state matters. */
static void test_state(void)
{
    kws_frontend_desc d = micro_desc();
    kws_frontend *fe = NULL;
    CHECK(kws_frontend_init(&fe, &d, mem, sizeof mem) == KWS_OK);
    long n = read_recording("micro_speech_yes_1000ms.wav");
    CHECK(n >= 15840);
    if (fe == NULL || n < 15840) {
        return;
    }
    static float batch[49 * 40], again[49 * 40], frames[49 * 40];
    CHECK(kws_frontend_compute_clip(fe, audio, (uint32_t)n, batch) == KWS_OK);
    CHECK(kws_frontend_compute_clip(fe, audio, (uint32_t)n, again) == KWS_OK); /* resets first */
    CHECK(memcmp(batch, again, sizeof batch) == 0);
    CHECK(kws_frontend_reset(fe) == KWS_OK);
    for (int f = 0; f < 49; f++) {
        CHECK(kws_frontend_compute_frame(fe, audio + f * 320, frames + f * 40) == KWS_OK);
    }
    CHECK(memcmp(batch, frames, sizeof batch) == 0);
    /* without a reset the noise estimate of the first pass changes the first frames */
    for (int f = 0; f < 49; f++) {
        CHECK(kws_frontend_compute_frame(fe, audio + f * 320, frames + f * 40) == KWS_OK);
    }
    CHECK(memcmp(batch, frames, 40 * sizeof(float)) != 0);
    CHECK(kws_frontend_reset(NULL) == KWS_ERR_NULL);
}

int main(void)
{
    RUN(test_golden);
    RUN(test_fft_against_dft);
    RUN(test_int8_mapping);
    RUN(test_descriptor_refusals);
    RUN(test_state);
    return failures == 0 ? 0 : 1;
}
