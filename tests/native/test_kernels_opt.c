/*
 * Differential tests: every optimized kernel (kws_*_s8_opt) against its reference kernel, byte for byte,
 * on a commented table of edge-case shapes and parameters and on random cases. The reference kernels
 * are the oracle (they are tested on their own in test_kernels.c and, through the whole models, against
 * the C# reference interpreter). The same source runs on the host (plain and ASan/UBSan) and as a QEMU
 * image on every Cortex-M core (kernels-native/cortex-m: DSP path on M4/M7, portable path on M3/M0+).
 * No heap: static buffers. Outputs are pre-filled with different sentinels for the two kernels, so an
 * output the optimized kernel forgets to write is a mismatch, and guard bytes after the output must
 * stay untouched.
 */
#include <stdint.h>
#include "kws_nano.h"
#include "kws_test.h"

#ifndef KWS_OPT_TEST_RANDOM
#define KWS_OPT_TEST_RANDOM 1500 /* random cases per kernel (the Cortex-M image sets fewer) */
#endif

#define IN_MAX 8192
#define W_MAX 20480 /* random big windows: up to 11 x 5 x 4 x 40 weights; 140 x 140 pointwise */
#define OUT_MAX 8192
#define CH_MAX 176 /* DS-CNN-M's 172 depthwise channels */
#define GUARD 16

static int8_t g_in[IN_MAX];
static int8_t g_w[W_MAX];
static int32_t g_bias[CH_MAX];
static int32_t g_mult[CH_MAX];
static int32_t g_shift[CH_MAX];
static int8_t g_out_ref[OUT_MAX + GUARD];
static int8_t g_out_opt[OUT_MAX + GUARD];
#define SCRATCH_MAX 1024
static int8_t g_scratch[SCRATCH_MAX + GUARD] __attribute__((aligned(16))); /* the kernels' ctx scratch */
static int8_t g_inplace[OUT_MAX + GUARD];                                  /* in-place kernels' tensor */
static int g_inplace_runs;                                                 /* cases that ran in place */

/* SplitMix64: deterministic on every target. */
static uint64_t g_rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(void)
{
    uint64_t z = (g_rng += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (uint32_t)((z ^ (z >> 31)) >> 32);
}
static int32_t rnd_range(int32_t lo, int32_t hi) /* inclusive */
{
    return lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1));
}

/* Data modes: how inputs, weights, biases and requantisation are filled. */
enum {
    D_RANDOM = 0,   /* uniform int8 data, biases +-2^16, multipliers [2^30, 2^31), shifts -10..1 */
    D_EXTREME = 1,  /* input all -128, weights alternating -128/127, input offset 128: largest |terms| */
    D_WRAP = 2,     /* biases near INT32_MIN/MAX so bias addition wraps as in TFLite */
    D_QUANT = 3,    /* extreme requantisation: shifts 30 / -31, multiplier 2^31-1, 2^30 and 0 */
    D_CLAMP = 4,    /* fused activation clamps: ReLU (zero point .. 127) or ReLU6-like narrow ranges */
    D_ZP = 5,       /* extreme zero points: input offset -127 (input zero point 127), output -128 / 127 */
    D_RIGHT = 6     /* as D_RANDOM, but every shift in -12..-2 (what real layers use): the optimized kernels'
                     * precomputed output stage (kws__rq_init) takes the whole layer */
};

typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    int32_t act_min, act_max;
} kt_q;

static void fill(int mode, int32_t n_in, int32_t n_w, int32_t n_ch, kt_q *q)
{
    int32_t i;
    /* half of the other cases also keep every shift in -12..-2 (both output-stage forms on every mode) */
    const int right_only = mode == D_RIGHT || (mode != D_QUANT && (rnd() & 1u) != 0u);
    for (i = 0; i < n_in; i++) {
        g_in[i] = mode == D_EXTREME ? (int8_t)-128 : (int8_t)rnd_range(-128, 127);
    }
    for (i = 0; i < n_w; i++) {
        g_w[i] = mode == D_EXTREME ? (int8_t)((i & 1) ? 127 : -128) : (int8_t)rnd_range(-128, 127);
    }
    for (i = 0; i < n_ch; i++) {
        g_bias[i] = rnd_range(-65536, 65536);
        g_mult[i] = (int32_t)(0x40000000u + (rnd() & 0x3FFFFFFFu));
        g_shift[i] = right_only ? rnd_range(-12, -2) : rnd_range(-10, 1);
        if (mode == D_WRAP) {
            g_bias[i] = (i & 1) ? INT32_MAX - rnd_range(0, 1000) : INT32_MIN + rnd_range(0, 1000);
        } else if (mode == D_QUANT) {
            static const int32_t shifts[4] = {30, -31, 0, -1};
            static const int32_t mults[4] = {INT32_MAX, 1 << 30, 0, INT32_MAX};
            g_shift[i] = shifts[i & 3];
            g_mult[i] = mults[(i >> 2) & 3];
        }
    }
    q->input_offset = mode == D_EXTREME ? 128 : rnd_range(-127, 128);
    q->output_offset = rnd_range(-128, 127);
    q->act_min = -128;
    q->act_max = 127;
    if (mode == D_ZP) {
        q->input_offset = -127;
        q->output_offset = (rnd() & 1u) ? -128 : 127;
    }
    if (mode == D_CLAMP) {
        q->act_min = q->output_offset;                                   /* ReLU: real 0 */
        q->act_max = (rnd() & 1u) ? 127 : rnd_range(q->act_min, 127);    /* or ReLU6-like cap */
    } else if ((rnd() & 3u) == 0u) { /* a random narrower clamp */
        q->act_min = rnd_range(-128, 0);
        q->act_max = rnd_range(q->act_min, 127);
    }
}

static void prefill(int32_t n)
{
    int32_t i;
    for (i = 0; i < n + GUARD; i++) {
        g_out_ref[i] = (int8_t)0x55;
        g_out_opt[i] = (int8_t)0x2A;
    }
}

static int compare(const char *what, int id, int32_t n)
{
    int32_t i;
    for (i = 0; i < n; i++) {
        if (g_out_ref[i] != g_out_opt[i]) {
            fprintf(stderr, "%s case %d: output[%ld] optimized %d, reference %d\n", what, id, (long)i,
                    (int)g_out_opt[i], (int)g_out_ref[i]);
            return 0;
        }
    }
    for (i = n; i < n + GUARD; i++) {
        if (g_out_opt[i] != (int8_t)0x2A) {
            fprintf(stderr, "%s case %d: optimized kernel wrote past the output (byte %ld)\n", what, id, (long)i);
            return 0;
        }
    }
    return 1;
}

/* ---- convolution and depthwise ---- */

typedef struct {
    int32_t in_h, in_w, in_c;
    int32_t out_c;          /* conv: Cout; depthwise: depth multiplier */
    int32_t f_h, f_w, s_h, s_w;
    int32_t pad_t, pad_l, pad_b, pad_r;
    int32_t folded;         /* OFFSET_FOLDED: kernels ignore input_offset */
    int32_t per_channel;
    int32_t mode;
} kt_conv;

static int out_size(int32_t in, int32_t pa, int32_t pb, int32_t f, int32_t s)
{
    return (in + pa + pb - f) / s + 1;
}

/* The shapes the in-place kernels implement: 1x1 stride 1 unpadded with Cin == Cout, 3x3 stride 1 SAME multiplier 1. */
static int inplace_shape(const kt_conv *c, int depthwise)
{
    if (depthwise) {
        return c->out_c == 1 && c->f_h == 3 && c->f_w == 3 && c->s_h == 1 && c->s_w == 1 && c->pad_t == 1 &&
               c->pad_b == 1 && c->pad_l == 1 && c->pad_r == 1;
    }
    return c->f_h == 1 && c->f_w == 1 && c->s_h == 1 && c->s_w == 1 && c->pad_t == 0 && c->pad_b == 0 &&
           c->pad_l == 0 && c->pad_r == 0 && c->in_c == c->out_c;
}

/*
 * Both in-place variants (reference and optimized) on a copy of the input, against the reference output of the
 * out-of-place call already in g_out_ref; the scratch is exactly buffer_size bytes, guard bytes after it and
 * after the tensor must stay untouched.
 */
static int run_inplace(const kt_conv *c, int depthwise, int id, const kws_conv_params *p,
                       const kws_per_channel_quant *quant, const kws_dims *dims, const int32_t *bias, int32_t n)
{
    const uint32_t need = depthwise ? kws_depthwise_conv2d_3x3_s8_inplace_buffer_size(dims)
                                    : kws_conv2d_1x1_s8_inplace_buffer_size(dims);
    int variant;
    (void)c;
    if (need > SCRATCH_MAX) {
        return 1; /* larger than the test scratch: not an in-place candidate here */
    }
    for (variant = 0; variant < 2; variant++) {
        kws_context ctx;
        kws_status st;
        int32_t i;
        for (i = 0; i < n; i++) {
            g_inplace[i] = g_in[i];
        }
        for (i = n; i < n + GUARD; i++) {
            g_inplace[i] = (int8_t)0x77;
        }
        for (i = 0; i < SCRATCH_MAX + GUARD; i++) {
            g_scratch[i] = (int8_t)0x3C;
        }
        ctx.buf = g_scratch;
        ctx.size = need;
        if (depthwise) {
            st = variant ? kws_depthwise_conv2d_3x3_s8_inplace_opt(&ctx, p, quant, dims, g_w, bias, g_inplace)
                         : kws_depthwise_conv2d_3x3_s8_inplace(&ctx, p, quant, dims, g_w, bias, g_inplace);
        } else {
            st = variant ? kws_conv2d_1x1_s8_inplace_opt(&ctx, p, quant, dims, g_w, bias, g_inplace)
                         : kws_conv2d_1x1_s8_inplace(&ctx, p, quant, dims, g_w, bias, g_inplace);
        }
        if (st != KWS_OK) {
            fprintf(stderr, "in-place case %d: status %d\n", id, (int)st);
            return 0;
        }
        for (i = 0; i < n; i++) {
            if (g_inplace[i] != g_out_ref[i]) {
                fprintf(stderr, "%s in-place (%s) case %d: output[%ld] %d, reference %d\n",
                        depthwise ? "depthwise" : "pointwise", variant ? "opt" : "ref", id, (long)i,
                        (int)g_inplace[i], (int)g_out_ref[i]);
                return 0;
            }
        }
        for (i = n; i < n + GUARD; i++) {
            if (g_inplace[i] != (int8_t)0x77) {
                fprintf(stderr, "in-place case %d: wrote past the tensor\n", id);
                return 0;
            }
        }
        for (i = (int32_t)need; i < SCRATCH_MAX + GUARD; i++) {
            if (g_scratch[i] != (int8_t)0x3C) {
                fprintf(stderr, "in-place case %d: wrote past its %lu bytes of scratch\n", id, (unsigned long)need);
                return 0;
            }
        }
    }
    g_inplace_runs++;
    return 1;
}

/* Runs one case (depthwise != 0: DEPTHWISE_CONV_2D with depth multiplier c->out_c); returns 1 when equal. */
static int run_conv(const kt_conv *c, int depthwise, int id)
{
    kws_conv_params p;
    kws_per_channel_quant quant;
    kws_dims id_, fd, od;
    kt_q q;
    const int32_t oh = out_size(c->in_h, c->pad_t, c->pad_b, c->f_h, c->s_h);
    const int32_t ow = out_size(c->in_w, c->pad_l, c->pad_r, c->f_w, c->s_w);
    const int32_t cout = depthwise ? c->in_c * c->out_c : c->out_c;
    const int32_t n_in = c->in_h * c->in_w * c->in_c;
    const int32_t n_w = depthwise ? c->f_h * c->f_w * cout : cout * c->f_h * c->f_w * c->in_c;
    const int32_t n_out = oh * ow * cout;
    kws_status s1, s2;
    if (oh < 1 || ow < 1 || n_in > IN_MAX || n_w > W_MAX || n_out > OUT_MAX || cout > CH_MAX) {
        fprintf(stderr, "%s case %d: shape outside the test buffers\n", depthwise ? "depthwise" : "conv", id);
        return 0;
    }
    fill(c->mode, n_in, n_w, cout, &q);
    p.input_offset = q.input_offset;
    p.output_offset = q.output_offset;
    p.stride_h = c->s_h;
    p.stride_w = c->s_w;
    p.pad_top = c->pad_t;
    p.pad_left = c->pad_l;
    p.depth_multiplier = depthwise ? c->out_c : 1;
    p.act_min = q.act_min;
    p.act_max = q.act_max;
    p.offset_folded = c->folded;
    quant.multiplier = g_mult;
    quant.shift = g_shift;
    quant.count = c->per_channel ? cout : 1;
    id_.n = 1; id_.h = c->in_h; id_.w = c->in_w; id_.c = c->in_c;
    fd.n = depthwise ? 1 : cout; fd.h = c->f_h; fd.w = c->f_w; fd.c = depthwise ? cout : c->in_c;
    od.n = 1; od.h = oh; od.w = ow; od.c = cout;
    {
        const int32_t *bias = (id & 7) == 3 ? NULL : g_bias;
        const uint32_t need = depthwise ? kws_depthwise_conv2d_s8_opt_buffer_size(&id_, &fd)
                                        : kws_conv2d_s8_opt_buffer_size(&id_, &fd);
        kws_context ctx, none;
        int32_t i;
        if (need > SCRATCH_MAX) {
            fprintf(stderr, "conv case %d: buffer_size %lu above the test scratch\n", id, (unsigned long)need);
            return 0;
        }
        ctx.buf = g_scratch;
        ctx.size = need;
        none.buf = NULL;
        none.size = 0;
        for (i = 0; i < SCRATCH_MAX + GUARD; i++) {
            g_scratch[i] = (int8_t)0x3C;
        }
        prefill(n_out);
        if (depthwise) {
            s1 = kws_depthwise_conv2d_s8(&none, &p, &quant, &id_, g_in, &fd, g_w, bias, &od, g_out_ref);
            s2 = kws_depthwise_conv2d_s8_opt(&ctx, &p, &quant, &id_, g_in, &fd, g_w, bias, &od, g_out_opt);
        } else {
            s1 = kws_conv2d_s8(&none, &p, &quant, &id_, g_in, &fd, g_w, bias, &od, g_out_ref);
            s2 = kws_conv2d_s8_opt(&ctx, &p, &quant, &id_, g_in, &fd, g_w, bias, &od, g_out_opt);
        }
        if (s1 != KWS_OK || s2 != KWS_OK) {
            fprintf(stderr, "conv case %d: status %d / %d\n", id, (int)s1, (int)s2);
            return 0;
        }
        for (i = (int32_t)need; i < SCRATCH_MAX + GUARD; i++) {
            if (g_scratch[i] != (int8_t)0x3C) {
                fprintf(stderr, "%s case %d: optimized kernel wrote past its %lu bytes of scratch\n",
                        depthwise ? "depthwise" : "conv", id, (unsigned long)need);
                return 0;
            }
        }
        if (!compare(depthwise ? "depthwise" : "conv", id, n_out)) {
            return 0;
        }
        if (need != 0u) { /* without its scratch (a version 1.0 blob) the kernel takes a path that needs none */
            prefill(n_out);
            s1 = kws_conv2d_s8(&none, &p, &quant, &id_, g_in, &fd, g_w, bias, &od, g_out_ref);
            ctx.size = need - 1u;
            s2 = kws_conv2d_s8_opt((id & 1) ? &ctx : &none, &p, &quant, &id_, g_in, &fd, g_w, bias, &od, g_out_opt);
            if (s1 != KWS_OK || s2 != KWS_OK || !compare("conv without scratch", id, n_out)) {
                return 0;
            }
        }
        if (inplace_shape(c, depthwise) && !run_inplace(c, depthwise, id, &p, &quant, &id_, bias, n_out)) {
            return 0;
        }
        return 1;
    }
}

/*
 * CONV_2D edge cases: {in_h, in_w, in_c, out_c, f_h, f_w, s_h, s_w, pad t, l, b, r, folded, per_channel, mode}
 */
static const kt_conv k_conv_cases[] = {
    /* pointwise GEMM path (1x1, stride 1, no padding) */
    {5, 5, 64, 64, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, D_RANDOM},  /* DS-CNN pointwise layer shape (5x5 grid) */
    {3, 3, 7, 5, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_RANDOM},    /* channels not multiples of 4 / 2, odd pixels (9) */
    {1, 1, 3, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, D_RANDOM},    /* one pixel, one output channel, per-tensor */
    {1, 7, 1, 3, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_RANDOM},    /* 1-channel input */
    {2, 3, 13, 6, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_EXTREME},  /* largest |terms|, unfolded offset 128 */
    {2, 2, 8, 4, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, D_WRAP},      /* bias addition wraps */
    {3, 1, 9, 8, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_QUANT},     /* shift 30 / -31, multiplier 0 and 2^31-1 */
    /* depths with a constant-depth 4x4 block on 32-bit RISC-V (64, 112, 140, 196): rows and channels
     * not multiples of 4, extreme terms and requantisation */
    {3, 3, 140, 6, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_RANDOM},  /* micronet depth, 9 rows, 6 channels */
    {2, 3, 112, 9, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, D_EXTREME}, /* 6 rows, 9 channels, per-tensor */
    {1, 5, 196, 8, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_QUANT},   /* 5 rows */
    {4, 2, 64, 12, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_ZP},      /* 8 rows, extreme zero points */
    {1, 4, 64, 4, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, D_WRAP},     /* exactly one block, bias wraps */
    /* Cout == depth 64 / 140 (32-bit RISC-V: the block with a constant output row stride), rows % 5 != 0 */
    {4, 3, 140, 140, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_RIGHT}, /* micronet pointwise, 12 rows */
    {1, 5, 140, 140, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_WRAP},  /* one block, bias wraps */
    {2, 3, 140, 140, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, D_EXTREME}, /* 6 rows, per-tensor, folded */
    {6, 1, 64, 64, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_QUANT},   /* 6 rows, extreme requantisation */
    {2, 5, 140, 140, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_CLAMP}, /* 10 rows, clamp */
    /* every shift <= -2: the precomputed output stage (DSP cores: hand-scheduled depth-64 GEMM) */
    {5, 5, 64, 64, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, D_RIGHT},   /* DS-CNN pointwise, 25 rows (odd) */
    {3, 2, 64, 7, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, D_RIGHT},    /* depth 64, odd channels, per-tensor, unfolded */
    {2, 3, 112, 6, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_RIGHT},   /* other depth multiple of 4 */
    {1, 3, 20, 5, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, D_RIGHT},    /* 3 rows, depth 20 */
    {3, 2, 8, 3, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_RIGHT},     /* ARMv6-M 1 x 4 rows: 6 rows (4 + 2), unfolded */
    {7, 1, 12, 5, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, D_RIGHT},    /* 7 rows (4 + 3), per-tensor */
    {5, 1, 6, 4, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_RIGHT},     /* depth not a multiple of 4 (C loop), 5 rows */
    {4, 2, 16, 3, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_CLAMP},    /* 8 rows, clamp */
    {49, 10, 1, 8, 10, 4, 2, 2, 4, 1, 5, 1, 0, 1, D_RIGHT},  /* DS-CNN first layer */
    /* window gather path (K <= 240) */
    {49, 10, 1, 8, 10, 4, 2, 2, 4, 1, 5, 1, 0, 1, D_RANDOM}, /* DS-CNN first layer: 10x4, stride 2, SAME */
    {12, 6, 1, 7, 10, 4, 1, 1, 4, 1, 5, 2, 0, 1, D_RANDOM},  /* micronet first layer style, odd Cout */
    {6, 6, 3, 5, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RANDOM},    /* 3x3 SAME: padding on every side */
    {7, 7, 2, 4, 3, 3, 2, 2, 0, 0, 0, 0, 1, 0, D_RANDOM},    /* stride 2 VALID, folded, per-tensor */
    {5, 5, 3, 3, 3, 3, 2, 2, 2, 2, 2, 2, 0, 1, D_RANDOM},    /* padding larger than the stride */
    {4, 4, 4, 2, 4, 4, 1, 1, 3, 3, 3, 3, 0, 1, D_EXTREME},   /* windows that mostly see padding */
    {6, 4, 5, 5, 1, 1, 2, 2, 0, 0, 0, 0, 0, 1, D_RANDOM},    /* 1x1 with stride 2 (not the GEMM path) */
    {4, 4, 15, 3, 4, 4, 1, 1, 0, 0, 0, 0, 0, 1, D_QUANT},    /* K = 240, the largest gathered window */
    {4, 5, 10, 3, 3, 4, 1, 1, 1, 1, 1, 2, 0, 1, D_QUANT},    /* K = 120: largest two-pixel gather, out_w 5 (odd) */
    {3, 12, 11, 4, 1, 11, 1, 1, 0, 0, 0, 0, 0, 1, D_RANDOM}, /* K = 121: one pixel at a time again */
    {3, 5, 2, 6, 2, 3, 1, 2, 1, 0, 0, 1, 0, 1, D_WRAP},      /* asymmetric padding and strides */
    /* large window path (K > 240) */
    {6, 5, 28, 5, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RANDOM},   /* K = 252, padding on every side, odd Cout */
    {10, 4, 7, 4, 10, 4, 1, 1, 4, 1, 5, 2, 0, 1, D_EXTREME}, /* K = 280 with 10x4 SAME, extreme terms */
    {5, 5, 30, 3, 3, 3, 2, 2, 0, 0, 0, 0, 1, 0, D_RANDOM},   /* stride 2 VALID, folded */
    {3, 3, 31, 2, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_QUANT},    /* K = 279, extreme requantisation */
    /* fused activations and extreme zero points on every path */
    {4, 4, 12, 6, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_CLAMP},    /* pointwise, ReLU / ReLU6-like clamp */
    {9, 4, 1, 5, 10, 4, 1, 1, 4, 1, 5, 2, 0, 1, D_CLAMP},    /* gather, clamp */
    {4, 3, 27, 3, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_CLAMP},    /* large window, clamp */
    {3, 3, 5, 3, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_ZP},        /* pointwise, zero points 127 / -128 or 127 */
    {5, 4, 2, 3, 3, 2, 2, 1, 1, 0, 1, 1, 0, 1, D_ZP},        /* gather, extreme zero points */
    {3, 3, 29, 2, 3, 3, 1, 1, 1, 1, 1, 1, 0, 0, D_ZP},       /* large window, extreme zero points */
    /* padding wider than the filter: border windows that see no input at all (bias only) */
    {2, 2, 3, 3, 2, 2, 1, 1, 3, 3, 3, 3, 0, 1, D_RANDOM},    /* gather path */
    {2, 3, 30, 3, 3, 3, 1, 1, 4, 4, 4, 4, 0, 1, D_RANDOM},   /* large window path (K = 270) */
    /* 32-bit RISC-V assembly paths: pointwise depths 64 / 112 / 140 / 196 (4 x 4 blocks, rows % 4 and
     * cout % 4 tails), K = 40 gathered windows (8- and 4-channel blocks, out_c % 4 tail, odd pixel counts) */
    {5, 5, 140, 6, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_RIGHT},   /* 25 rows (one left over), 4 + 2 channels */
    {3, 5, 196, 9, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, D_RIGHT},   /* 15 rows (3 left over), 4 + 4 + 1 channels */
    {2, 4, 112, 8, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, D_RIGHT},   /* 8 rows, per-tensor */
    {3, 3, 172, 5, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_RIGHT},   /* DS-CNN-M depth, 9 rows */
    {4, 4, 64, 7, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_CLAMP},    /* 16 rows, clamp */
    {3, 3, 64, 5, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_WRAP},     /* bias addition wraps */
    {2, 3, 140, 4, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_ZP},      /* extreme zero points */
    {1, 4, 64, 4, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_EXTREME},  /* largest |terms| */
    {12, 6, 1, 15, 10, 4, 1, 1, 4, 1, 5, 2, 0, 1, D_RIGHT},  /* micronet first layer: 8 + 4 + 3 channels */
    {9, 5, 1, 12, 10, 4, 2, 2, 4, 1, 5, 1, 1, 1, D_RIGHT},   /* stride 2, folded, 10 pixels */
    {7, 3, 1, 5, 10, 4, 1, 1, 4, 1, 5, 2, 0, 0, D_RIGHT},    /* 21 pixels (odd), per-tensor (not the rv32 path) */
    {7, 3, 1, 20, 10, 4, 1, 1, 4, 1, 5, 2, 0, 1, D_RIGHT},   /* 21 pixels (odd), 8 + 8 + 4 channels */
    {6, 6, 2, 9, 5, 4, 1, 1, 2, 1, 2, 2, 0, 1, D_RIGHT},     /* K = 40 from 5 x 4 x 2 */
    {11, 5, 1, 16, 10, 4, 2, 2, 4, 1, 5, 1, 0, 1, D_CLAMP},  /* clamp */
    {10, 4, 1, 8, 10, 4, 1, 1, 4, 1, 5, 2, 0, 1, D_WRAP},    /* bias wraps */
    {10, 4, 1, 11, 10, 4, 1, 1, 4, 1, 5, 2, 0, 1, D_ZP},     /* extreme zero points */
    {10, 4, 1, 8, 10, 4, 1, 1, 0, 0, 0, 0, 0, 1, D_EXTREME}, /* one window, largest |terms| */
};

/*
 * DEPTHWISE_CONV_2D edge cases (out_c is the depth multiplier).
 */
static const kt_conv k_dw_cases[] = {
    /* one input channel, depth multiplier > 1 (kws__dw_c1): micro_speech's first layer (49 x 40, 10 x 8, stride 2,
     * SAME: pads 4/5 rows, 3/3 columns, multiplier 8), blocks of 4 with a tail (5, 6, 3), stride 1, VALID, clamp,
     * extreme terms, folded, per-tensor, windows mostly in the padding */
    {49, 40, 1, 8, 10, 8, 2, 2, 4, 3, 5, 3, 0, 1, D_RANDOM},
    {49, 40, 1, 8, 10, 8, 2, 2, 4, 3, 5, 3, 0, 1, D_RIGHT},
    {9, 7, 1, 5, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RANDOM},     /* multiplier 5: one block and a tail of 1 */
    {8, 6, 1, 6, 4, 3, 2, 1, 1, 1, 2, 1, 1, 0, D_RANDOM},     /* 6: a tail of 2, folded, per-tensor */
    {7, 5, 1, 3, 3, 3, 1, 2, 0, 0, 0, 0, 0, 1, D_RANDOM},     /* 3: the tail alone, VALID, stride 1 x 2 */
    {10, 9, 1, 8, 10, 8, 2, 2, 4, 3, 5, 3, 0, 1, D_CLAMP},    /* clamp */
    {12, 10, 1, 4, 10, 8, 2, 2, 4, 3, 5, 3, 0, 1, D_EXTREME}, /* largest terms, multiplier 4 */
    {5, 4, 1, 8, 10, 8, 1, 1, 6, 5, 6, 5, 0, 1, D_WRAP},      /* windows mostly padding, bias wraps */
    {6, 6, 1, 8, 3, 3, 1, 1, 1, 1, 1, 1, 0, 0, D_ZP},         /* extreme zero points */
    {25, 5, 64, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RANDOM},  /* DS-CNN depthwise: 3x3 SAME, 64 channels */
    {25, 5, 64, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RIGHT},   /* the same, every shift <= -2 */
    {6, 3, 9, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 0, D_RIGHT},     /* 9 channels (odd), per-tensor */
    {5, 5, 7, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RANDOM},    /* channels not a multiple of 4 (tail of 3) */
    {4, 6, 1, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RANDOM},    /* one channel: only the scalar tail */
    {7, 7, 8, 1, 3, 3, 2, 2, 0, 0, 0, 0, 1, 0, D_RANDOM},    /* stride 2 VALID, folded, per-tensor */
    {6, 6, 9, 1, 3, 3, 2, 2, 1, 1, 1, 1, 0, 1, D_EXTREME},   /* stride 2 SAME, extreme terms, offset 128 */
    {4, 4, 12, 1, 5, 5, 1, 1, 4, 4, 4, 4, 0, 1, D_RANDOM},   /* windows that mostly see padding */
    {3, 8, 6, 1, 3, 5, 1, 2, 0, 2, 2, 2, 0, 1, D_WRAP},      /* asymmetric window and padding, bias wraps */
    {5, 3, 16, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_QUANT},    /* extreme requantisation */
    {5, 5, 4, 2, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RANDOM},    /* depth multiplier 2 (reference fallback) */
    {4, 4, 3, 3, 2, 2, 2, 2, 0, 0, 0, 0, 0, 0, D_RANDOM},    /* depth multiplier 3, per-tensor */
    {1, 1, 5, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, D_RANDOM},    /* 1x1 filter on one pixel */
    {2, 2, 6, 1, 2, 2, 1, 1, 3, 3, 3, 3, 0, 1, D_RANDOM},    /* padding wider than the filter: empty windows */
    {5, 5, 10, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_CLAMP},    /* ReLU / ReLU6-like clamp */
    {5, 5, 10, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_ZP},       /* extreme zero points */
    /* 3x3 with vertical stride 1 (the sliding column path on 32-bit RISC-V; the general loop elsewhere) */
    {12, 3, 5, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RANDOM},   /* tall column runs, SAME padding */
    {9, 4, 3, 1, 3, 3, 1, 2, 2, 1, 0, 1, 0, 1, D_EXTREME},   /* horizontal stride 2, two padded top rows */
    {8, 1, 4, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 0, D_QUANT},     /* one input column: both side columns outside */
    {2, 5, 6, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RANDOM},    /* two rows: no sliding output at all */
    {10, 3, 7, 1, 3, 3, 1, 1, 0, 0, 0, 0, 1, 1, D_WRAP},     /* VALID, folded, bias wraps */
    {11, 4, 9, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_CLAMP},    /* run of 9 (unrolled by 3), clamp */
    {6, 2, 3, 1, 3, 3, 1, 1, 1, 3, 1, 3, 0, 1, D_RANDOM},    /* output columns with no input: general loop */
    /* 3x3 SAME (one row of padding at the top and bottom), every shift <= -2: ARMv6-M by input rows, columns of
     * 1..5 middle outputs (every remainder of the unroll by 3), edge columns, narrow clamps, horizontal stride 2 */
    {3, 7, 5, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RIGHT},     /* one middle output per column, odd channels */
    {4, 2, 3, 1, 3, 3, 1, 2, 1, 1, 1, 1, 1, 0, D_RIGHT},     /* two, horizontal stride 2, folded, per-tensor */
    {7, 3, 6, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RIGHT},     /* five */
    {5, 4, 7, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_CLAMP},     /* three, clamp (half of the cases right shifts) */
    {9, 1, 2, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_EXTREME},   /* one input column, extreme terms */
    /* 32-bit RISC-V assembly column kernel: 64 / 112 / 140 channels, pad top 1, stride 1 (runs of n % 3 = 0, 1, 2)
     * and stride 2 (odd heights) */
    {7, 5, 140, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RIGHT},   /* micronet depthwise shape (run of 6) */
    {8, 4, 112, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, D_RIGHT},   /* run of 7, folded */
    {6, 3, 64, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 0, D_RIGHT},    /* in_w 3, run of 5, per-tensor */
    {2, 5, 64, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RIGHT},    /* two rows: a run of 1 */
    {5, 7, 64, 1, 3, 3, 1, 2, 1, 1, 1, 1, 0, 1, D_RIGHT},    /* horizontal stride 2 */
    {9, 5, 140, 1, 3, 3, 2, 2, 1, 1, 1, 1, 0, 1, D_RIGHT},   /* vertical stride 2, 9 rows -> 5 */
    {7, 10, 64, 1, 3, 3, 2, 2, 1, 0, 1, 1, 0, 1, D_RIGHT},   /* micronet's strided layer shape (pad left 0) */
    {3, 4, 112, 1, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, D_RIGHT},   /* stride 2, 3 rows -> 2 (a run of 1) */
    {5, 3, 64, 1, 3, 3, 2, 1, 1, 1, 1, 1, 0, 0, D_RIGHT},    /* stride 2, 5 rows -> 3, per-tensor */
    {6, 5, 64, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_CLAMP},    /* clamp */
    {6, 5, 64, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_WRAP},     /* bias wraps */
    {5, 4, 140, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_ZP},      /* extreme zero points */
    {9, 5, 172, 1, 3, 3, 2, 2, 1, 1, 1, 1, 0, 1, D_RIGHT},   /* DS-CNN-M channels, stride 2 */
    {7, 5, 172, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RIGHT},   /* DS-CNN-M channels, stride 1 */
    {5, 4, 64, 1, 3, 3, 2, 2, 1, 1, 1, 1, 0, 1, D_EXTREME},  /* (in_h even: not the strided column kernel) */
    {7, 4, 64, 1, 3, 3, 2, 2, 1, 1, 1, 1, 0, 1, D_EXTREME},  /* stride 2, largest |terms| */
    /* 3x3 stride 1 on DSP cores (kws__dw3x3_dsp.c: columns in strips of at most 25 rows, row pairs, zero-point
     * padding): every shift <= -2 so that the column path takes them */
    {51, 2, 3, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RIGHT},    /* 3 strips of 17 rows: odd strips with an extra row */
    {40, 3, 5, 1, 3, 3, 1, 1, 1, 1, 1, 1, 1, 0, D_RIGHT},    /* 2 strips of 20, folded, per-tensor */
    {27, 5, 6, 1, 3, 3, 1, 1, 0, 1, 0, 1, 0, 1, D_RIGHT},    /* VALID rows (25 out), SAME columns, 6 channels */
    {1, 7, 5, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_RIGHT},     /* one output row (the in-place kernel's calls) */
    {2, 9, 7, 1, 3, 3, 1, 1, 1, 1, 0, 1, 0, 1, D_RIGHT},     /* two output rows, odd width, 7 channels */
    {6, 4, 5, 1, 3, 3, 1, 1, 2, 1, 0, 1, 0, 1, D_RIGHT},     /* two padded top rows: a window all padding above */
    {3, 2, 4, 1, 3, 3, 1, 1, 3, 3, 3, 3, 0, 1, D_RIGHT},     /* padding wider than the window: bias-only outputs */
    {9, 4, 7, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_CLAMP},     /* clamped range: the C column loop */
    {25, 5, 3, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 1, D_EXTREME},  /* largest terms, offset 128 (zero point -128) */
    {13, 3, 64, 1, 3, 3, 1, 1, 1, 1, 1, 1, 0, 0, D_ZP},      /* zero point 127, per-tensor, 64 channels */
};

/* Random shapes of the 32-bit RISC-V assembly paths (run everywhere: other cores take their own paths). */
static void test_rv32_shapes_random(void)
{
    static const int32_t depths[5] = {64, 112, 140, 172, 196};
    static const int32_t chans[4] = {64, 112, 140, 172};
    static const int32_t k40[4][3] = {{10, 4, 1}, {5, 4, 2}, {4, 10, 1}, {2, 5, 4}}; /* f_h, f_w, in_c */
    const int n = KWS_OPT_TEST_RANDOM / 10 + 20;
    int i, ok = 0;
    for (i = 0; i < n; i++) {
        kt_conv c;
        const int kind = i % 3;
        c.folded = (int32_t)(rnd() & 1u);
        c.per_channel = (rnd() & 3u) != 0u;
        c.mode = (rnd() & 1u) ? D_RIGHT : (int32_t)(rnd() % 7u);
        if (kind == 0) { /* pointwise */
            c.in_c = depths[rnd() % 5u];
            c.in_h = rnd_range(1, 6);
            c.in_w = rnd_range(1, 6);
            c.out_c = rnd_range(1, 10);
            c.f_h = c.f_w = c.s_h = c.s_w = 1;
            c.pad_t = c.pad_l = c.pad_b = c.pad_r = 0;
            ok += run_conv(&c, 0, 3000 + i);
        } else if (kind == 1) { /* K = 40 gathered windows */
            const int32_t *k = k40[rnd() % 4u];
            c.f_h = k[0];
            c.f_w = k[1];
            c.in_c = k[2];
            c.in_h = rnd_range(1, 12);
            c.in_w = rnd_range(1, 8);
            c.out_c = rnd_range(1, 20);
            c.s_h = rnd_range(1, 2);
            c.s_w = rnd_range(1, 2);
            c.pad_t = rnd_range(0, c.f_h - 1);
            c.pad_b = rnd_range(0, c.f_h - 1);
            c.pad_l = rnd_range(0, c.f_w - 1);
            c.pad_r = rnd_range(0, c.f_w - 1);
            if (c.in_h + c.pad_t + c.pad_b < c.f_h) {
                c.in_h = c.f_h;
            }
            if (c.in_w + c.pad_l + c.pad_r < c.f_w) {
                c.in_w = c.f_w;
            }
            ok += run_conv(&c, 0, 4000 + i);
        } else { /* 3x3 depthwise, pad top 1 */
            c.in_c = chans[rnd() % 4u];
            c.out_c = 1;
            c.f_h = c.f_w = 3;
            c.s_h = rnd_range(1, 2);
            c.s_w = rnd_range(1, 2);
            c.in_w = rnd_range(1, 6);
            c.in_h = c.s_h == 2 ? 2 * rnd_range(1, 4) + 1 : rnd_range(2, 8);
            c.pad_t = 1;
            c.pad_b = rnd_range(0, 2);
            c.pad_l = rnd_range(0, 2);
            c.pad_r = rnd_range(0, 2);
            if (c.in_w + c.pad_l + c.pad_r < 3) {
                c.in_w = 3;
            }
            /* fit the input and the output (padding can make it larger than the input) in the test buffers */
            while (c.in_h > c.s_h &&
                   (c.in_h * c.in_w * c.in_c > IN_MAX ||
                    out_size(c.in_h, c.pad_t, c.pad_b, 3, c.s_h) * out_size(c.in_w, c.pad_l, c.pad_r, 3, c.s_w) * c.in_c >
                        OUT_MAX)) {
                c.in_h -= c.s_h;
            }
            ok += run_conv(&c, 1, 5000 + i);
        }
    }
    CHECK_EQ_INT(ok, n);
}

static void random_conv(kt_conv *c, int depthwise)
{
    const int32_t big = (rnd() & 7u) == 0u; /* some windows above the 240-tap gather buffer */
    c->f_h = rnd_range(1, 5);
    c->f_w = rnd_range(1, 4);
    c->in_h = rnd_range(1, 9);
    c->in_w = rnd_range(1, 9);
    c->in_c = depthwise ? rnd_range(1, 19) : (big ? rnd_range(16, 40) : rnd_range(1, 12));
    c->out_c = depthwise ? ((rnd() & 7u) == 0u ? rnd_range(2, 3) : 1) : rnd_range(1, 11);
    c->s_h = rnd_range(1, 2);
    c->s_w = rnd_range(1, 2);
    c->pad_t = rnd_range(0, c->f_h - 1);
    c->pad_b = rnd_range(0, c->f_h - 1);
    c->pad_l = rnd_range(0, c->f_w - 1);
    c->pad_r = rnd_range(0, c->f_w - 1);
    if ((rnd() & 3u) == 0u) { /* pointwise-shaped case: hits the GEMM path */
        c->f_h = c->f_w = 1;
        c->s_h = c->s_w = 1;
        c->pad_t = c->pad_b = c->pad_l = c->pad_r = 0;
        if (!depthwise && (rnd() & 3u) == 0u) {
            c->in_c = (rnd() & 1u) ? 64 : 4 * rnd_range(1, 12); /* depths with DSP fast paths */
        }
        if (!depthwise && (rnd() & 1u)) {
            c->out_c = c->in_c; /* an in-place candidate */
        }
    } else if (depthwise && (rnd() & 3u) == 0u) { /* the in-place depthwise shape */
        c->f_h = c->f_w = 3;
        c->s_h = c->s_w = 1;
        c->pad_t = c->pad_b = c->pad_l = c->pad_r = 1;
        c->out_c = 1;
    }
    if (c->in_h + c->pad_t + c->pad_b < c->f_h) {
        c->in_h = c->f_h;
    }
    if (c->in_w + c->pad_l + c->pad_r < c->f_w) {
        c->in_w = c->f_w;
    }
    while (!depthwise && c->out_c > 1 && c->out_c * c->f_h * c->f_w * c->in_c > W_MAX) {
        c->out_c--; /* a large window with many channels: keep the weights inside the test buffer */
    }
    c->folded = (int32_t)(rnd() & 1u);
    c->per_channel = (rnd() & 3u) != 0u;
    c->mode = (rnd() % 4u) == 0u ? (int32_t)(1u + rnd() % 6u) : D_RANDOM;
}

static void test_conv_table(void)
{
    size_t i;
    int ok = 0;
    for (i = 0; i < sizeof k_conv_cases / sizeof k_conv_cases[0]; i++) {
        ok += run_conv(&k_conv_cases[i], 0, (int)i);
    }
    CHECK_EQ_INT(ok, (int)(sizeof k_conv_cases / sizeof k_conv_cases[0]));
}

static void test_depthwise_table(void)
{
    size_t i;
    int ok = 0;
    for (i = 0; i < sizeof k_dw_cases / sizeof k_dw_cases[0]; i++) {
        ok += run_conv(&k_dw_cases[i], 1, (int)i);
    }
    CHECK_EQ_INT(ok, (int)(sizeof k_dw_cases / sizeof k_dw_cases[0]));
}

static void test_conv_random(void)
{
    int i, ok = 0;
    for (i = 0; i < KWS_OPT_TEST_RANDOM; i++) {
        kt_conv c;
        random_conv(&c, 0);
        ok += run_conv(&c, 0, 1000 + i);
    }
    CHECK_EQ_INT(ok, KWS_OPT_TEST_RANDOM);
}

static void test_depthwise_random(void)
{
    int i, ok = 0;
    for (i = 0; i < KWS_OPT_TEST_RANDOM; i++) {
        kt_conv c;
        random_conv(&c, 1);
        ok += run_conv(&c, 1, 1000 + i);
    }
    CHECK_EQ_INT(ok, KWS_OPT_TEST_RANDOM);
}

/* ---- fully connected ---- */

typedef struct {
    int32_t rows, depth, cout, folded, per_channel, mode;
} kt_fc;

static int run_fc(const kt_fc *c, int id)
{
    kws_fc_params p;
    kws_per_channel_quant quant;
    kws_dims id_, fd, od;
    kt_q q;
    const int32_t n_out = c->rows * c->cout;
    kws_status s1, s2;
    if (c->rows * c->depth > IN_MAX || c->cout * c->depth > W_MAX || n_out > OUT_MAX || c->cout > CH_MAX) {
        fprintf(stderr, "fc case %d: shape outside the test buffers\n", id);
        return 0;
    }
    fill(c->mode, c->rows * c->depth, c->cout * c->depth, c->cout, &q);
    p.input_offset = q.input_offset;
    p.output_offset = q.output_offset;
    p.act_min = q.act_min;
    p.act_max = q.act_max;
    p.offset_folded = c->folded;
    quant.multiplier = g_mult;
    quant.shift = g_shift;
    quant.count = c->per_channel ? c->cout : 1;
    id_.n = c->rows; id_.h = 1; id_.w = 1; id_.c = c->depth;
    fd.n = c->cout; fd.h = 1; fd.w = 1; fd.c = c->depth;
    od.n = c->rows; od.h = 1; od.w = 1; od.c = c->cout;
    prefill(n_out);
    s1 = kws_fully_connected_s8(NULL, &p, &quant, &id_, g_in, &fd, g_w, (id & 7) == 3 ? NULL : g_bias, &od, g_out_ref);
    s2 = kws_fully_connected_s8_opt(NULL, &p, &quant, &id_, g_in, &fd, g_w, (id & 7) == 3 ? NULL : g_bias, &od, g_out_opt);
    if (s1 != KWS_OK || s2 != KWS_OK) {
        fprintf(stderr, "fc case %d: status %d / %d\n", id, (int)s1, (int)s2);
        return 0;
    }
    return compare("fc", id, n_out);
}

/* FULLY_CONNECTED edge cases: {rows, depth, cout, folded, per_channel, mode} */
static const kt_fc k_fc_cases[] = {
    {1, 64, 12, 1, 0, D_RANDOM},   /* DS-CNN classifier: folded, per-tensor */
    {1, 250, 12, 0, 0, D_RANDOM},  /* depth not a multiple of 4, unfolded offset */
    {3, 7, 5, 0, 1, D_RANDOM},     /* odd rows, odd channels, per-channel */
    {1, 1, 1, 0, 0, D_RANDOM},     /* smallest */
    {2, 144, 9, 0, 1, D_EXTREME},  /* largest |terms| */
    {4, 33, 6, 1, 1, D_WRAP},      /* bias addition wraps */
    {5, 17, 8, 0, 1, D_QUANT},     /* extreme requantisation */
    {2, 40, 10, 0, 0, D_CLAMP},    /* ReLU / ReLU6-like clamp */
    {1, 64, 12, 1, 0, D_RIGHT},    /* DS-CNN classifier, every shift <= -2 */
    {3, 64, 6, 0, 1, D_RIGHT},     /* depth 64, 3 rows */
    {3, 21, 7, 0, 1, D_ZP},        /* extreme zero points */
};

static void test_fc_table(void)
{
    size_t i;
    int ok = 0;
    for (i = 0; i < sizeof k_fc_cases / sizeof k_fc_cases[0]; i++) {
        ok += run_fc(&k_fc_cases[i], (int)i);
    }
    CHECK_EQ_INT(ok, (int)(sizeof k_fc_cases / sizeof k_fc_cases[0]));
}

static void test_fc_random(void)
{
    int i, ok = 0;
    for (i = 0; i < KWS_OPT_TEST_RANDOM; i++) {
        kt_fc c;
        c.rows = rnd_range(1, 5);
        c.depth = (rnd() & 7u) == 0u ? 64 : rnd_range(1, 300);
        c.cout = rnd_range(1, 24);
        c.folded = (int32_t)(rnd() & 1u);
        c.per_channel = (int32_t)(rnd() & 1u);
        c.mode = (rnd() % 4u) == 0u ? (int32_t)(1u + rnd() % 6u) : D_RANDOM;
        ok += run_fc(&c, 1000 + i);
    }
    CHECK_EQ_INT(ok, KWS_OPT_TEST_RANDOM);
}

static void test_buffer_sizes(void)
{
    /* The formulas the converter mirrors (tools/KwsNano.Core/Conversion/KernelScratch.cs) on fixed shapes. */
    kws_dims a, b, d;
    a.n = 1; a.h = 49; a.w = 10; a.c = 1;
    b.n = 64; b.h = 10; b.w = 4; b.c = 1;
    CHECK_EQ_INT(kws_conv2d_s8_opt_buffer_size(&a, &b), 160);         /* K = 40: two windows of 40 int16 */
    b.h = 3; b.w = 3; b.c = 1; a.c = 3;
    CHECK_EQ_INT(kws_conv2d_s8_opt_buffer_size(&a, &b), 4 * 28);      /* K = 27, rounded up to 28 */
    a.c = 26;
    CHECK_EQ_INT(kws_conv2d_s8_opt_buffer_size(&a, &b), 4 * 234);     /* K = 234 */
    a.c = 27;
    CHECK_EQ_INT(kws_conv2d_s8_opt_buffer_size(&a, &b), 0);           /* K = 243 > 240: window runs */
    b.h = 1; b.w = 1; a.c = 64;
    CHECK_EQ_INT(kws_conv2d_s8_opt_buffer_size(&a, &b), 0);           /* 1x1: GEMM or runs, no buffer */
    CHECK_EQ_INT(kws_depthwise_conv2d_s8_opt_buffer_size(&a, &b), 0);
    CHECK_EQ_INT(kws_fully_connected_s8_opt_buffer_size(&b), 0);
    d.n = 1; d.h = 25; d.w = 5; d.c = 64;
    CHECK_EQ_INT(kws_conv2d_1x1_s8_inplace_buffer_size(&d), 640);     /* two rows of 5 pixels */
    CHECK_EQ_INT(kws_depthwise_conv2d_3x3_s8_inplace_buffer_size(&d), 640);
    d.h = 1;
    CHECK_EQ_INT(kws_conv2d_1x1_s8_inplace_buffer_size(&d), 320);     /* one row only */
}

static void test_inplace_coverage(void)
{
    /* the table and random cases above must have exercised the in-place variants */
    CHECK(g_inplace_runs >= 20);
}

int main(void)
{
    RUN(test_buffer_sizes);
    RUN(test_conv_table);
    RUN(test_depthwise_table);
    RUN(test_fc_table);
    RUN(test_conv_random);
    RUN(test_depthwise_random);
    RUN(test_fc_random);
    RUN(test_rv32_shapes_random);
    RUN(test_inplace_coverage);
    fprintf(stderr, "%d random cases per kernel\n", KWS_OPT_TEST_RANDOM);
    return KT_REPORT();
}
