/*
 * kws_fuzz_seeds DIR: writes the synthetic seed corpus of the fuzz harnesses into DIR/model and DIR/stream.
 * One small network that uses all eight opcodes (DEPTHWISE_CONV_2D, MAX_POOL_2D, CONV_2D, AVERAGE_POOL_2D,
 * RESHAPE, FULLY_CONNECTED, ADD, SOFTMAX; about 1,200 MACs), built by the test blob builder
 * (tests/native/kws_test_blob.h), with each front-end kind (0 none, 1 Arm MFCC, 2 MLPerf Tiny MFCC, 3
 * micro_speech) and per-tensor or per-channel quantisation. Stream seeds are the MFCC blobs followed by
 * 16-bit PCM (a tone plus noise). Seeds converted from the shared models are added by the CI stage.
 */
#include <stdio.h>
#include "../native/kws_test_blob.h"
#include "kws_nano.h"

#define ONE_M (1 << 30)
#define CAP (64u * 1024u)

static const int8_t dw_w[3 * 3 * 2] = {1, -1, 2, 0, 1, 1, -2, 1, 0, 3, 1, -1, 1, 0, -1, 2, 1, 1};
static const int32_t dw_b[2] = {10, -7};
static const int32_t q2_pc[4] = {ONE_M + 99, 1518500250, -3, -1};
static const int32_t q1[2] = {1717986918, -2};
static const int8_t cv_w[2 * 1 * 1 * 2] = {3, -2, 1, 4};
static const int32_t cv_b[2] = {-20, 31};
static const int8_t fc_w[3 * 2] = {5, -3, 2, 7, -1, -4};
static const int32_t fc_b[3] = {60, -30, 9};
static const int32_t add_q[6] = {ONE_M, 0, ONE_M, 0, ONE_M, -18};
static const char *const labels[3] = {"yes", "no", "_unknown_"};

static int write_file(const char *dir, const char *name, const uint8_t *a, uint32_t na, const uint8_t *b, uint32_t nb)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    f = fopen(path, "wb");
    if (f == NULL || fwrite(a, 1, na, f) != na || (nb > 0u && fwrite(b, 1, nb, f) != nb) || fclose(f) != 0) {
        fprintf(stderr, "kws_fuzz_seeds: cannot write %s\n", path);
        return 1;
    }
    return 0;
}

/* Front-end record of `kind` at `fe` (the builder wrote kind 0 with the input layout and quantisation). */
static void set_frontend(uint8_t *fe, uint8_t kind)
{
    static const char *const presets[4] = {"none", "arm-mfcc-49x10", "mlperf-tiny", "micro-speech"};
    memset(fe + KWS_FRONTEND_OFF_PRESET, 0, KWS_FRONTEND_PRESET_MAX);
    memcpy(fe + KWS_FRONTEND_OFF_PRESET, presets[kind], strlen(presets[kind]));
    fe[KWS_FRONTEND_OFF_KIND] = kind;
    if (kind == KWS_FRONTEND_NONE) {
        return;
    }
    fe[KWS_FRONTEND_OFF_WINDOW] = KWS_FRONTEND_WINDOW_HANN;
    fe[KWS_FRONTEND_OFF_SAMPLE_SCALING] = kind == 2u ? KWS_FRONTEND_SCALING_PEAK : KWS_FRONTEND_SCALING_FIXED;
    fe[KWS_FRONTEND_OFF_LOG_MODE] = kind == 2u ? KWS_FRONTEND_LOG_EPSILON : KWS_FRONTEND_LOG_FLT_MIN;
    kt_w32(fe + KWS_FRONTEND_OFF_SAMPLE_RATE, 16000u);
    kt_w16(fe + KWS_FRONTEND_OFF_FRAME_LENGTH, kind == 2u ? 480u : 640u);
    kt_w16(fe + KWS_FRONTEND_OFF_FRAME_HOP, 320u);
    kt_w16(fe + KWS_FRONTEND_OFF_FFT_SIZE, kind == 2u ? 512u : 1024u);
    kt_w16(fe + KWS_FRONTEND_OFF_MEL_BINS, 40u);
    kt_wf32(fe + KWS_FRONTEND_OFF_MEL_LOW_HZ, 20.0f);
    kt_wf32(fe + KWS_FRONTEND_OFF_MEL_HIGH_HZ, 4000.0f);
    fe[KWS_FRONTEND_OFF_SPECTRUM] = kind == 2u ? KWS_FRONTEND_SPECTRUM_POWER : KWS_FRONTEND_SPECTRUM_MAGNITUDE;
    fe[KWS_FRONTEND_OFF_MEL_FORMULA] = KWS_FRONTEND_MEL_HTK;
    fe[KWS_FRONTEND_OFF_DCT] = kind == 2u ? KWS_FRONTEND_DCT_TENSORFLOW : KWS_FRONTEND_DCT_ARM;
    if (kind == KWS_FRONTEND_MICRO_SPEECH) {
        /* TFLite Micro's microfrontend: no MFCC options, 30 ms frames in a 512-point FFT, one output per channel
           (the synthetic network's 8 coefficients) */
        fe[KWS_FRONTEND_OFF_SAMPLE_SCALING] = 0u;
        fe[KWS_FRONTEND_OFF_LOG_MODE] = 0u;
        fe[KWS_FRONTEND_OFF_SPECTRUM] = 0u;
        fe[KWS_FRONTEND_OFF_DCT] = 0u;
        kt_w16(fe + KWS_FRONTEND_OFF_FRAME_LENGTH, 480u);
        kt_w16(fe + KWS_FRONTEND_OFF_FFT_SIZE, 512u);
        kt_w16(fe + KWS_FRONTEND_OFF_MEL_BINS, 8u);
        kt_wf32(fe + KWS_FRONTEND_OFF_MEL_LOW_HZ, 125.0f);
        kt_wf32(fe + KWS_FRONTEND_OFF_MEL_HIGH_HZ, 7500.0f);
    }
}

/* Format 1.2: the blob of `size` bytes gets its front-end tables section appended (16-aligned, after the data) and
 * located by the descriptor; returns the new size, 0 when it does not fit. */
static uint32_t append_tables(uint8_t *blob, uint32_t size, uint32_t cap)
{
    kws_model opened;
    kws_frontend_desc d;
    uint32_t at = kt_align(size, 16u), built = 0;
    if (kws_model_open(&opened, blob, size) != KWS_OK || kws_model_frontend(&opened, &d) != KWS_OK ||
        kws_frontend_tables_max_size(&d) > cap - at ||
        kws_frontend_tables_build(&d, blob + at, cap - at, &built) != KWS_OK) {
        return 0u;
    }
    memset(blob + size, 0, at - size);
    kt_w16(blob + 6, 2u);
    kt_w32(blob + kt_r32(blob + 40) + KWS_FRONTEND_OFF_TABLES_OFFSET, at);
    kt_w32(blob + kt_r32(blob + 40) + KWS_FRONTEND_OFF_TABLES_SIZE, built);
    kt_w32(blob + 8, at + built);
    kt_fix_crc(blob, at + built);
    return at + built;
}

/* Format 1.2 fused pair: CONV_2D 3x3 (FUSED_NEXT) -> VIRTUAL [1,8,6,4] -> DEPTHWISE 3x3 stride 2 -> FC -> 3 classes,
 * kind 0, the ring (3 x 6 x 4 = 72 bytes) in the conv's scratch. Returns the blob size, 0 when the loader refuses it. */
static uint32_t build_fused(uint8_t *blob, uint32_t cap)
{
    static const char *const labels[] = {"a", "b", "c"};
    static int8_t cw[36], dw[36], fw[144];
    static const int32_t cb[4] = {100, -50, 7, 0}, db[4] = {-3, 9, 0, 40}, fb[3] = {1, 2, 3};
    static const int32_t q[2] = {0x40000000, -8};
    kt_tensor t[4] = {{4, {1, 8, 6, 1}, 0, 0.5f, 3}, {4, {1, 8, 6, 4}, 0, 0.25f, -1},
                      {4, {1, 4, 3, 4}, 64, 0.25f, 2}, {2, {1, 3, 1, 1}, 208, 0.125f, 0}};
    kt_op o[3];
    kt_model m;
    kws_model opened;
    uint32_t i, size;
    for (i = 0; i < 144u; i++) {
        fw[i] = (int8_t)(i * 37u);
        if (i < 36u) {
            cw[i] = (int8_t)(i * 11u + 3u);
            dw[i] = (int8_t)(i * 5u + 1u);
        }
    }
    memset(o, 0, sizeof o);
    for (i = 0; i < 3u; i++) {
        o[i].in0 = (uint16_t)i; o[i].out = (uint16_t)(i + 1u); o[i].in1 = 0xFFFF; o[i].act_min = -128; o[i].act_max = 127;
        o[i].quant = q; o[i].quant_count = 2;
    }
    o[0].opcode = KWS_OP_CONV_2D; o[0].stride_h = o[0].stride_w = 1; o[0].filter_h = o[0].filter_w = 3;
    o[0].pad_top = o[0].pad_left = 1; o[0].weights = cw; o[0].weights_size = 36; o[0].bias = cb; o[0].bias_count = 4;
    o[0].p[0] = -3; o[0].p[1] = -1; o[0].op_flags = 0x8; o[0].scratch_offset = 128; o[0].scratch_size = 72;
    o[1].opcode = KWS_OP_DEPTHWISE_CONV_2D; o[1].stride_h = o[1].stride_w = 2; o[1].filter_h = o[1].filter_w = 3;
    o[1].depth_multiplier = 1; o[1].weights = dw; o[1].weights_size = 36; o[1].bias = db; o[1].bias_count = 4;
    o[1].p[0] = 1; o[1].p[1] = 2;
    o[2].opcode = KWS_OP_FULLY_CONNECTED; o[2].weights = fw; o[2].weights_size = 144; o[2].bias = fb; o[2].bias_count = 3;
    o[2].p[0] = -2; o[2].p[1] = 0;
    memset(&m, 0, sizeof m);
    m.labels = labels; m.label_count = 3;
    m.tensors = t; m.tensor_count = 4;
    m.ops = o; m.op_count = 3;
    m.input = 0; m.output = 3;
    m.arena_bytes = 224;
    m.num_frames = 8; m.num_coeffs = 6;
    m.input_scale = 0.5f; m.input_zero_point = 3;
    size = kt_build(&m, blob, cap);
    if (size == 0u) {
        return 0u;
    }
    kt_w16(blob + 6, 2u);
    kt_w16(blob + kt_r32(blob + 44) + 32u + 2u, 1u); /* tensor 1: VIRTUAL */
    kt_fix_crc(blob, size);
    return kws_model_open(&opened, blob, size) == KWS_OK ? size : 0u;
}

int main(int argc, char **argv)
{
    /* T0 [1,4,8,1] -DW 3x3 SAME x2-> T1 [1,4,8,2] -MAX 2x2/2-> T2 [1,2,4,2] -CONV 1x1-> T3 [1,2,4,2]
     * -AVG 2x4 VALID-> T4 [1,1,1,2] -RESHAPE-> T5 [1,2] -FC-> T6 [1,3] -ADD(T6,T6)-> T7 -SOFTMAX-> T8 [1,3] */
    const kt_tensor t[9] = {
        {4, {1, 4, 8, 1}, 0, 0.5f, 3},     {4, {1, 4, 8, 2}, 32, 0.25f, -2}, {4, {1, 2, 4, 2}, 96, 0.25f, -2},
        {4, {1, 2, 4, 2}, 112, 0.125f, 1}, {4, {1, 1, 1, 2}, 128, 0.125f, 1}, {2, {1, 2, 1, 1}, 128, 0.125f, 1},
        {2, {1, 3, 1, 1}, 144, 0.25f, 0},  {2, {1, 3, 1, 1}, 160, 0.25f, 0},  {2, {1, 3, 1, 1}, 176, 1.0f / 256.0f, -128}};
    kt_op o[8];
    kt_model m;
    static uint32_t words[CAP / 4];
    uint8_t *blob = (uint8_t *)words;
    char model_dir[400], stream_dir[400], name[64];
    int16_t pcm[8000];
    uint32_t i, x = 12345u, size;
    int per_channel, kind, rc = 0;
    if (argc != 2) {
        fprintf(stderr, "usage: kws_fuzz_seeds DIR (DIR/model and DIR/stream must exist)\n");
        return 2;
    }
    snprintf(model_dir, sizeof model_dir, "%s/model", argv[1]);
    snprintf(stream_dir, sizeof stream_dir, "%s/stream", argv[1]);
    for (i = 0; i < 8000u; i++) {
        x = x * 1103515245u + 12345u;
        pcm[i] = (int16_t)((int32_t)(((i * 37u) % 64u) * 256u) - 8192 + (int32_t)((x >> 16) % 2048u) - 1024);
    }
    for (per_channel = 0; per_channel < 2; per_channel++) {
        memset(o, 0, sizeof o);
        for (i = 0; i < 8u; i++) {
            o[i].in1 = 0xFFFF;
            o[i].act_min = -128;
            o[i].act_max = 127;
            o[i].in0 = (uint16_t)i;
            o[i].out = (uint16_t)(i + 1u);
        }
        o[0].opcode = KWS_OP_DEPTHWISE_CONV_2D; o[0].stride_h = 1; o[0].stride_w = 1; o[0].filter_h = 3; o[0].filter_w = 3;
        o[0].pad_top = 1; o[0].pad_left = 1; o[0].depth_multiplier = 2; o[0].act_min = -2;
        o[0].weights = dw_w; o[0].weights_size = sizeof dw_w; o[0].bias = dw_b; o[0].bias_count = 2;
        o[0].op_flags = per_channel ? 0x2 : 0x0;
        o[0].quant = per_channel ? q2_pc : q1; o[0].quant_count = per_channel ? 4 : 2; o[0].p[0] = -3; o[0].p[1] = -2;
        o[1].opcode = KWS_OP_MAX_POOL_2D; o[1].padding = 1; o[1].stride_h = 2; o[1].stride_w = 2; o[1].filter_h = 2; o[1].filter_w = 2;
        o[2].opcode = KWS_OP_CONV_2D; o[2].stride_h = 1; o[2].stride_w = 1; o[2].filter_h = 1; o[2].filter_w = 1;
        o[2].weights = cv_w; o[2].weights_size = sizeof cv_w; o[2].bias = cv_b; o[2].bias_count = 2;
        o[2].op_flags = per_channel ? 0x2 : 0x0;
        o[2].quant = per_channel ? q2_pc : q1; o[2].quant_count = per_channel ? 4 : 2; o[2].p[0] = 2; o[2].p[1] = 1;
        o[3].opcode = KWS_OP_AVERAGE_POOL_2D; o[3].padding = 1; o[3].stride_h = 1; o[3].stride_w = 1; o[3].filter_h = 2; o[3].filter_w = 4;
        o[4].opcode = KWS_OP_RESHAPE; o[4].op_flags = 0x1;
        o[5].opcode = KWS_OP_FULLY_CONNECTED; o[5].weights = fc_w; o[5].weights_size = sizeof fc_w;
        o[5].bias = fc_b; o[5].bias_count = 3; o[5].quant = q1; o[5].quant_count = 2; o[5].p[0] = -1; o[5].p[1] = 0;
        o[6].opcode = KWS_OP_ADD; o[6].in1 = 6; o[6].quant = add_q; o[6].quant_count = 6;
        o[6].p[0] = 0; o[6].p[1] = 0; o[6].p[2] = 0; o[6].p[3] = 20;
        o[7].opcode = KWS_OP_SOFTMAX; o[7].p[0] = ONE_M; o[7].p[1] = 23; o[7].p[2] = -248; /* 0.25 * 2^26 = 2^30 * 2^(23-31)... radius 31*2^26 >> 23 */
        memset(&m, 0, sizeof m);
        m.labels = labels; m.label_count = 3;
        m.tensors = t; m.tensor_count = 9;
        m.ops = o; m.op_count = 8;
        m.input = 0; m.output = 8;
        m.arena_bytes = 192;
        m.flags = 0x4;
        m.num_frames = 4; m.num_coeffs = 8;
        m.input_scale = 0.5f; m.input_zero_point = 3;
        for (kind = 0; kind < 4; kind++) {
            kws_model opened;
            kws_status st;
            size = kt_build(&m, blob, CAP);
            set_frontend(blob + kt_r32(blob + 40), (uint8_t)kind);
            kt_fix_crc(blob, size);
            st = kws_model_open(&opened, blob, size);
            if (st != KWS_OK) {
                fprintf(stderr, "kws_fuzz_seeds: synthetic model (kind %d, per-channel %d) refused: %s\n", kind, per_channel,
                        kws_status_str(st));
                return 1;
            }
            snprintf(name, sizeof name, "synthetic_k%d_pc%d.kwsm", kind, per_channel);
            rc |= write_file(model_dir, name, blob, size, NULL, 0u);
            if (kind != KWS_FRONTEND_NONE) { /* the stream computes features for kinds 1, 2 and 3 */
                snprintf(name, sizeof name, "synthetic_k%d_pc%d_pcm.bin", kind, per_channel);
                rc |= write_file(stream_dir, name, blob, size, (const uint8_t *)pcm, (uint32_t)sizeof pcm);
                /* the same with its front-end tables section (1.2), read in place by the front-end */
                size = append_tables(blob, size, CAP);
                if (size == 0u || kws_model_open(&opened, blob, size) != KWS_OK) {
                    fprintf(stderr, "kws_fuzz_seeds: synthetic model (kind %d) with its tables section refused\n", kind);
                    return 1;
                }
                snprintf(name, sizeof name, "synthetic_k%d_pc%d_tables.kwsm", kind, per_channel);
                rc |= write_file(model_dir, name, blob, size, NULL, 0u);
                snprintf(name, sizeof name, "synthetic_k%d_pc%d_tables_pcm.bin", kind, per_channel);
                rc |= write_file(stream_dir, name, blob, size, (const uint8_t *)pcm, (uint32_t)sizeof pcm);
            }
        }
    }
    size = build_fused(blob, CAP);
    if (size == 0u) {
        fprintf(stderr, "kws_fuzz_seeds: the synthetic fused model is refused\n");
        return 1;
    }
    rc |= write_file(model_dir, "synthetic_fused.kwsm", blob, size, NULL, 0u);
    return rc;
}
