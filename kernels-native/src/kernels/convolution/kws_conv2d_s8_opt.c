/*
 * KwsNano CONV_2D int8 optimized kernel: same arguments and bit-exact result as kws_conv2d_s8.
 *
 *   1x1, stride 1, no padding (pointwise): a GEMM over pixels (kws__mat_mult_s8, 2 channels x 2 pixels).
 *   Window of K = fh*fw*Cin <= KWS__CONV_COL_MAX taps (e.g. the first layer, 10x4 on 1 channel), given
 *   kws_conv2d_s8_opt_buffer_size() bytes of ctx scratch: per output pixel the window is gathered once into
 *   an int16 buffer in the scratch holding x + input_offset
 *   (0 for padding taps, which the reference skips), then every pair of output channels is a plain
 *   dot product with its contiguous weights: no bounds checks in the inner loop. Windows of at most
 *   KWS__CONV_COL_MAX / 2 taps (not on ARMv6-M) take two adjacent output pixels per pass, one gathered
 *   window in each half of the buffer: 2 channels x 2 pixels per weight and column load.
 *   Larger windows, or less scratch than buffer_size (e.g. a version 1.0 blob): per pixel the in-bounds rows of the window are contiguous runs of (fx1-fx0)*Cin
 *   bytes in both the input and the weights; each run is one dot product (input offset added as the
 *   bytes are widened).
 * 32-bit RISC-V (KWS__RV32): the gathered-window dot products walk their pointers, 4 taps per pass.
 * ARMv7-M (M3, M4, M7), K a multiple of 4, Cout even, every channel's output stage precomputable
 * (kws__rq_init): the pixels are paired in output order across row ends (kws__col_pair_rq: 2 pixels x
 * 2 channels from the biases, the precomputed output stage), K = 40 in inline assembly; 4-wide 1-channel
 * windows are gathered one filter row per word load on DSP cores (kws__col_gather_w4c1). ARMv6-M (M0+):
 * layers whose every channel has the kws__rq6 output stage: kws__conv_windows6 (4 channels per pass in Thumb-1
 * assembly, kws__conv_armv6m.c); otherwise the channel-pair dot product in Thumb-1 assembly for K a multiple of 4.
 * Requantisation: kws__requant_s8 (kws__requant_fast.h), bit-identical to the reference MBQM + offset + clamp,
 * or the precomputed kws__rq form (same values).
 * Scratch: two gathered windows of roundup(K, 2) int16 each (4 * roundup(K, 2) bytes, at most 960); no stack buffer.
 */
#include "kws_nano.h"
#include "../kws__opt.h"
#include "../kws__simd.h"
#if KWS__NARROW
#include "kws__conv_armv6m.h"
#include "../matmul/kws__mat_mult_armv6m.h"
#endif
#if KWS__RV32
#include "../kws__rv32.h"
#endif

#define KWS__CONV_COL_MAX 240 /* taps of the largest gathered window */
/* Two adjacent output pixels per pass, each gathered into its half of the scratch (not on ARMv6-M, whose 8 low
 * registers cannot hold the 2x2 block). The scratch size does not depend on the target. */
#define KWS__CONV_PAIR (!KWS__NARROW)

/* The gathered-window path applies: not the 1x1 stride-1 GEMM (which needs no scratch), K <= KWS__CONV_COL_MAX. */
static int kws__conv_gathers(int32_t f_h, int32_t f_w, int32_t k_taps)
{
    return !(f_h == 1 && f_w == 1) && k_taps >= 1 && k_taps <= KWS__CONV_COL_MAX;
}

uint32_t kws_conv2d_s8_opt_buffer_size(const kws_dims *input_dims, const kws_dims *filter_dims)
{
    const int32_t k_taps = filter_dims->h * filter_dims->w * input_dims->c;
    if (!kws__conv_gathers(filter_dims->h, filter_dims->w, k_taps)) {
        return 0u;
    }
    return 4u * (uint32_t)((k_taps + 1) & ~1); /* two windows of roundup(K, 2) int16 */
}

/* Position of window tap j in the gather buffer. With the DSP extension each group of 4 taps is stored
 * as [t0, t2, t1, t3] so that two int16 words line up with SXTB16's even/odd split of 4 weights; the
 * last K % 4 taps stay in order for the scalar tail. */
static inline int32_t kws__col_pos(int32_t j, int32_t k4)
{
#if KWS__DSP
    if (j < k4) {
        const int32_t r = j & 3;
        return (j & ~3) | ((r & 1) << 1) | (r >> 1);
    }
#else
    (void)k4;
#endif
    return j;
}

/* a0 = w0 . col, a1 = w1 . col over k taps (col holds x + offset, |col| <= 255: |sum| < 2^31 for k <= 65536). */
static void kws__col_dot_2(const int16_t *col, const int8_t *w0, const int8_t *w1, int32_t k,
                           int32_t *a0, int32_t *a1)
{
    int32_t s0 = 0, s1 = 0;
    int32_t i = 0;
#if KWS__RV32
    {
        /* walking pointers, 4 taps per pass (no register+register addressing on RISC-V) */
        const int16_t *pc = col;
        const int8_t *p0 = w0, *p1 = w1;
        const int8_t *const end = w0 + (k & ~3);
        while (p0 != end) {
            int32_t c0 = pc[0], c1 = pc[1], c2 = pc[2], c3 = pc[3];
            s0 += p0[0] * c0 + p0[1] * c1 + p0[2] * c2 + p0[3] * c3;
            s1 += p1[0] * c0 + p1[1] * c1 + p1[2] * c2 + p1[3] * c3;
            pc += 4;
            p0 += 4;
            p1 += 4;
        }
        i = k & ~3;
    }
#endif
#if KWS__NARROW && KWS__ASM_LOOPS && defined(__thumb__) && !defined(__thumb2__)
    if (k >= 4 && (k & 3) == 0) {
        /* ARMv6-M, K a multiple of 4: one negative byte index counting up to 0 from the ends of the weight rows,
         * the window (int16) at twice the index: 9 instructions per tap (2 MACs), 4 taps per pass, the 8 low
         * registers (so not with -fno-omit-frame-pointer: define KWS_NO_ASM, kws__simd.h). Thumb-1 inline
         * assembly is in divided syntax (ADD, MUL are ADDS, MULS). */
        const int16_t *pc = col + k;
        const int8_t *p0 = w0 + k, *p1 = w1 + k;
        int32_t ki = -k, c_, w_;
#define KWS__COL_V6_STEP                                                                               \
    "add %[c], %[ki], %[ki]\n\t"                                                                       \
    "ldrsh %[c], [%[pc], %[c]]\n\t"                                                                    \
    "ldrsb %[w], [%[p0], %[ki]]\n\t"                                                                   \
    "mul %[w], %[c]\n\t"                                                                               \
    "add %[s0], %[s0], %[w]\n\t"                                                                       \
    "ldrsb %[w], [%[p1], %[ki]]\n\t"                                                                   \
    "mul %[w], %[c]\n\t"                                                                               \
    "add %[s1], %[s1], %[w]\n\t"                                                                       \
    "add %[ki], #1\n\t"
        __asm__ volatile("1:\n\t" KWS__COL_V6_STEP KWS__COL_V6_STEP KWS__COL_V6_STEP KWS__COL_V6_STEP
                         "bne 1b"
                         : [s0] "+l"(s0), [s1] "+l"(s1), [ki] "+l"(ki), [c] "=&l"(c_), [w] "=&l"(w_)
                         : [pc] "l"(pc), [p0] "l"(p0), [p1] "l"(p1)
                         : "cc", "memory");
#undef KWS__COL_V6_STEP
        i = k;
    }
#endif
#if KWS__DSP
    for (; i + 4 <= k; i += 4) {
        const int32_t ce = kws__dsp_ld2h(col + i), co = kws__dsp_ld2h(col + i + 2);
        const int32_t wa = kws__dsp_ld4(w0 + i), wb = kws__dsp_ld4(w1 + i);
        s0 = kws__dsp_smlad(kws__dsp_even(wa), ce, s0);
        s0 = kws__dsp_smlad(kws__dsp_odd(wa), co, s0);
        s1 = kws__dsp_smlad(kws__dsp_even(wb), ce, s1);
        s1 = kws__dsp_smlad(kws__dsp_odd(wb), co, s1);
    }
#endif
    for (; i < k; i++) {
        const int32_t c = col[i];
        s0 += w0[i] * c;
        s1 += w1[i] * c;
    }
    *a0 = s0;
    *a1 = s1;
}

static int32_t kws__col_dot_1(const int16_t *col, const int8_t *w0, int32_t k)
{
    int32_t s = 0;
    int32_t i = 0;
#if KWS__DSP
    for (; i + 4 <= k; i += 4) {
        const int32_t wa = kws__dsp_ld4(w0 + i);
        s = kws__dsp_smlad(kws__dsp_even(wa), kws__dsp_ld2h(col + i), s);
        s = kws__dsp_smlad(kws__dsp_odd(wa), kws__dsp_ld2h(col + i + 2), s);
    }
#endif
    for (; i < k; i++) {
        s += w0[i] * col[i];
    }
    return s;
}

/* Gather one output pixel's window into col: x + input_offset for in-bounds taps, 0 for padding
 * (|value| <= 255), in kws__col_pos order. */
static inline void kws__col_gather(int16_t *col, const int8_t *input, int32_t in_h, int32_t in_w, int32_t in_c,
                                   int32_t f_h, int32_t f_w, int32_t in_y0, int32_t in_x0, int32_t input_offset,
                                   int32_t k4)
{
    int32_t fy, fx, ic, j = 0;
    for (fy = 0; fy < f_h; fy++) {
        const int32_t in_y = in_y0 + fy;
        for (fx = 0; fx < f_w; fx++) {
            const int32_t in_x = in_x0 + fx;
            if (in_y < 0 || in_y >= in_h || in_x < 0 || in_x >= in_w) {
                for (ic = 0; ic < in_c; ic++, j++) {
                    col[kws__col_pos(j, k4)] = 0;
                }
            } else {
                const int8_t *x = input + ((size_t)in_y * (size_t)in_w + (size_t)in_x) * (size_t)in_c;
                for (ic = 0; ic < in_c; ic++, j++) {
                    col[kws__col_pos(j, k4)] = (int16_t)(x[ic] + input_offset);
                }
            }
        }
    }
}

/* Two pixels x two channels: a[0] = w0 . ca, a[1] = w1 . ca, a[2] = w0 . cb, a[3] = w1 . cb over k taps
 * (same bounds as kws__col_dot_2). Each weight word serves both pixels, each column word both channels. */
static void kws__col_dot_2x2(const int16_t *ca, const int16_t *cb, const int8_t *w0, const int8_t *w1, int32_t k,
                             int32_t *a)
{
    int32_t s00 = 0, s01 = 0, s10 = 0, s11 = 0; /* s<pixel><channel> */
    int32_t i = 0;
#if KWS__RV32
    {
        /* walking pointers, 4 taps per pass; the empty asm keeps GCC from hoisting the next pass's loads
         * (and spilling) */
        const int16_t *pa = ca, *pb = cb;
        const int8_t *p0 = w0, *p1 = w1;
        const int8_t *const end = w0 + (k & ~3);
#if defined(__GNUC__)
#define KWS__RV_NO_HOIST() __asm__ volatile("" ::: "memory")
#else
#define KWS__RV_NO_HOIST() ((void)0)
#endif
#define KWS__RV_COL_STEP(j)                                                                            \
    do {                                                                                               \
        const int32_t va_ = pa[j], vb_ = pb[j], wa_ = p0[j], wb_ = p1[j];                              \
        s00 += wa_ * va_;                                                                              \
        s01 += wb_ * va_;                                                                              \
        s10 += wa_ * vb_;                                                                              \
        s11 += wb_ * vb_;                                                                              \
        KWS__RV_NO_HOIST();                                                                            \
    } while (0)
        while (p0 != end) {
            KWS__RV_COL_STEP(0);
            KWS__RV_COL_STEP(1);
            KWS__RV_COL_STEP(2);
            KWS__RV_COL_STEP(3);
            pa += 4;
            pb += 4;
            p0 += 4;
            p1 += 4;
        }
#undef KWS__RV_COL_STEP
#undef KWS__RV_NO_HOIST
        i = k & ~3;
    }
#endif
#if KWS__DSP
    for (; i + 4 <= k; i += 4) {
        const int32_t ae = kws__dsp_ld2h(ca + i), ao = kws__dsp_ld2h(ca + i + 2);
        const int32_t be = kws__dsp_ld2h(cb + i), bo = kws__dsp_ld2h(cb + i + 2);
        int32_t wv = kws__dsp_ld4(w0 + i);
        int32_t we = kws__dsp_even(wv), wo = kws__dsp_odd(wv);
        s00 = kws__dsp_smlad(we, ae, s00);
        s00 = kws__dsp_smlad(wo, ao, s00);
        s10 = kws__dsp_smlad(we, be, s10);
        s10 = kws__dsp_smlad(wo, bo, s10);
        wv = kws__dsp_ld4(w1 + i);
        we = kws__dsp_even(wv);
        wo = kws__dsp_odd(wv);
        s01 = kws__dsp_smlad(we, ae, s01);
        s01 = kws__dsp_smlad(wo, ao, s01);
        s11 = kws__dsp_smlad(we, be, s11);
        s11 = kws__dsp_smlad(wo, bo, s11);
    }
#endif
    for (; i < k; i++) {
        const int32_t va = ca[i], vb = cb[i], wa = w0[i], wb = w1[i];
        s00 += wa * va;
        s01 += wb * va;
        s10 += wa * vb;
        s11 += wb * vb;
    }
    a[0] = s00;
    a[1] = s01;
    a[2] = s10;
    a[3] = s11;
}

/* s0 += w0 . (x + off), s1 += w1 . (x + off) over n bytes (one in-bounds run of the window).
 * |each term| <= 128 * 255 = 32640; the loader bounds a window to 65536 terms: |sums| < 2^31. */
static void kws__run_dot_2(const int8_t *x, const int8_t *w0, const int8_t *w1, int32_t n, int32_t off,
                           int32_t *a0, int32_t *a1)
{
    int32_t s0 = *a0, s1 = *a1;
    int32_t i = 0;
#if KWS__DSP
    const int32_t off2 = kws__dsp_dup16(off);
    for (; i + 4 <= n; i += 4) {
        const int32_t xv = kws__dsp_ld4(x + i);
        const int32_t xe = kws__dsp_even_add(off2, xv), xo = kws__dsp_odd_add(off2, xv);
        const int32_t wa = kws__dsp_ld4(w0 + i), wb = kws__dsp_ld4(w1 + i);
        s0 = kws__dsp_smlad(kws__dsp_even(wa), xe, s0);
        s0 = kws__dsp_smlad(kws__dsp_odd(wa), xo, s0);
        s1 = kws__dsp_smlad(kws__dsp_even(wb), xe, s1);
        s1 = kws__dsp_smlad(kws__dsp_odd(wb), xo, s1);
    }
#endif
    for (; i < n; i++) {
        const int32_t v = x[i] + off;
        s0 += w0[i] * v;
        s1 += w1[i] * v;
    }
    *a0 = s0;
    *a1 = s1;
}


#if KWS__RQ_ASM
/* Every entry of the layer's requantisation table has the precomputed output-stage form (kws__rq_init). */
static int kws__conv_rq_all(const kws_per_channel_quant *quant, int32_t output_offset)
{
    int32_t q;
    kws__rq t;
    for (q = 0; q < quant->count; q++) {
        if (!kws__rq_init(&t, quant->multiplier[q], quant->shift[q], output_offset)) {
            return 0;
        }
    }
    return 1;
}

#if KWS__DSP
/*
 * DSP cores, K a multiple of 4, every channel's output stage precomputable (kws__conv_rq_all): the two
 * gathered windows ca, cb (int16, kws__col_pos order) against every output channel pair, accumulators from
 * the bias, two LDRD of window values and two weight words per 4 taps (16 MACs), the output stage
 * kws__rq_val + kws__rq_clamp with the channel's constants derived inline (e1 = -shift - 1,
 * r = 2^(e1-1) + output_offset * 2^e1: kws__rq_init's values, which the layer check has bounded).
 * Outputs o (pixel a) and o + out_c (pixel b); out_c even.
 */
static inline __attribute__((always_inline)) void kws__col_pair_rq(const int16_t *ca, const int16_t *cb,
                                                                   const int8_t *filter, const int32_t k,
                                                                   int32_t out_c, const int32_t *bias,
                                                                   const kws_per_channel_quant *quant,
                                                                   int32_t output_offset, int32_t act_min,
                                                                   int32_t act_max, int8_t *o, const int full,
                                                                   const int asm40)
{
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    const int8_t *w0 = filter;
    int32_t oc;
    (void)asm40; /* unused without KWS__ASM_LOOPS */
    for (oc = 0; oc < out_c; oc += 2, w0 += 2 * (size_t)k) {
        const int32_t q0 = per_channel ? oc : 0, q1 = per_channel ? oc + 1 : 0;
        int32_t s00 = bias != NULL ? bias[oc] : 0, s01 = bias != NULL ? bias[oc + 1] : 0; /* s<pixel><channel> */
        int32_t s10 = s00, s11 = s01;
        const int16_t *pa = ca, *pb = cb;
        const int8_t *pw = w0;
        const int8_t *const end = w0 + k;
#if KWS__ASM_LOOPS && defined(__thumb2__)
        if (asm40 && k == 40 && cb == ca + 40) {
            /* K = 40 (a constant; ds_cnn_s's 10x4 first layer), window b right after window a: hand-scheduled,
             * 8 taps per pass (32 MACs in 34 instructions: 4 LDRD, 4 LDR, 8 SXTB16, 16 SMLAD, compare, branch) */
            int32_t ae_, ao_, be_, bo_, wv_, wt_;
#define KWS__COL40_STEP                                                                                \
    "ldrd %[be], %[bo], [%[pa], #80]\n\t"                                                              \
    "ldrd %[ae], %[ao], [%[pa]], #8\n\t"                                                               \
    "ldr %[wv], [%[pw], #40]\n\t"                                                                      \
    "sxtb16 %[wt], %[wv]\n\t"                                                                          \
    "sxtb16 %[wv], %[wv], ror #8\n\t"                                                                  \
    "smlad %[s01], %[wt], %[ae], %[s01]\n\t"                                                           \
    "smlad %[s11], %[wt], %[be], %[s11]\n\t"                                                           \
    "smlad %[s01], %[wv], %[ao], %[s01]\n\t"                                                           \
    "smlad %[s11], %[wv], %[bo], %[s11]\n\t"                                                           \
    "ldr %[wv], [%[pw]], #4\n\t"                                                                       \
    "sxtb16 %[wt], %[wv]\n\t"                                                                          \
    "sxtb16 %[wv], %[wv], ror #8\n\t"                                                                  \
    "smlad %[s00], %[wt], %[ae], %[s00]\n\t"                                                           \
    "smlad %[s10], %[wt], %[be], %[s10]\n\t"                                                           \
    "smlad %[s00], %[wv], %[ao], %[s00]\n\t"                                                           \
    "smlad %[s10], %[wv], %[bo], %[s10]\n\t"
            __asm__ volatile("1:\n\t" KWS__COL40_STEP KWS__COL40_STEP
                             "cmp %[pw], %[end]\n\t"
                             "bne 1b"
                             : [s00] "+r"(s00), [s01] "+r"(s01), [s10] "+r"(s10), [s11] "+r"(s11), [pa] "+r"(pa),
                               [pw] "+r"(pw), [ae] "=&r"(ae_), [ao] "=&r"(ao_), [be] "=&r"(be_), [bo] "=&r"(bo_),
                               [wv] "=&r"(wv_), [wt] "=&r"(wt_)
                             : [end] "r"(end)
                             : "cc", "memory");
#undef KWS__COL40_STEP
        } else
#endif
        do {
            uint64_t av, bv;
            int32_t ae, ao, be, bo, wv, we, wo;
            memcpy(&av, pa, 8);
            memcpy(&bv, pb, 8);
            ae = (int32_t)(uint32_t)av;
            ao = (int32_t)(uint32_t)(av >> 32);
            be = (int32_t)(uint32_t)bv;
            bo = (int32_t)(uint32_t)(bv >> 32);
            wv = kws__dsp_ld4(pw);
            we = kws__dsp_even(wv);
            wo = kws__dsp_odd(wv);
            s00 = kws__dsp_smlad(we, ae, s00);
            s00 = kws__dsp_smlad(wo, ao, s00);
            s10 = kws__dsp_smlad(we, be, s10);
            s10 = kws__dsp_smlad(wo, bo, s10);
            wv = kws__dsp_ld4(pw + k);
            we = kws__dsp_even(wv);
            wo = kws__dsp_odd(wv);
            s01 = kws__dsp_smlad(we, ae, s01);
            s01 = kws__dsp_smlad(wo, ao, s01);
            s11 = kws__dsp_smlad(we, be, s11);
            s11 = kws__dsp_smlad(wo, bo, s11);
            pa += 4;
            pb += 4;
            pw += 4;
        } while (pw != end);
        {
            const int32_t m0 = quant->multiplier[q0], m1 = quant->multiplier[q1];
            const int32_t e0 = -quant->shift[q0] - 1, e1 = -quant->shift[q1] - 1;
            const int32_t r0 = (int32_t)(((uint32_t)1 << (e0 - 1)) + ((uint32_t)output_offset << e0));
            const int32_t r1 = (int32_t)(((uint32_t)1 << (e1 - 1)) + ((uint32_t)output_offset << e1));
            o[oc] = kws__rq_clamp(kws__rq_val(s00, m0, e0, r0), act_min, act_max, full);
            o[oc + 1] = kws__rq_clamp(kws__rq_val(s01, m1, e1, r1), act_min, act_max, full);
            o[out_c + oc] = kws__rq_clamp(kws__rq_val(s10, m0, e0, r0), act_min, act_max, full);
            o[out_c + oc + 1] = kws__rq_clamp(kws__rq_val(s11, m1, e1, r1), act_min, act_max, full);
        }
    }
}
#else
/* ARMv7-M without the DSP extension (M3): kws__col_pair_rq as a plain loop (two LDRSH, two LDRSB and four MLA
 * per tap), the same output stage. */
static inline __attribute__((always_inline)) void kws__col_pair_rq(const int16_t *ca, const int16_t *cb,
                                                                   const int8_t *filter, const int32_t k,
                                                                   int32_t out_c, const int32_t *bias,
                                                                   const kws_per_channel_quant *quant,
                                                                   int32_t output_offset, int32_t act_min,
                                                                   int32_t act_max, int8_t *o, const int full,
                                                                   const int asm40)
{
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    const int8_t *w0 = filter;
    int32_t oc;
    (void)asm40; /* unused without KWS__ASM_LOOPS */
    for (oc = 0; oc < out_c; oc += 2, w0 += 2 * (size_t)k) {
        const int32_t q0 = per_channel ? oc : 0, q1 = per_channel ? oc + 1 : 0;
        int32_t s00 = bias != NULL ? bias[oc] : 0, s01 = bias != NULL ? bias[oc + 1] : 0; /* s<pixel><channel> */
        int32_t s10 = s00, s11 = s01;
        const int16_t *pa = ca, *pb = cb;
        const int8_t *p0 = w0, *p1 = w0 + k;
        const int8_t *const end = w0 + k;
#if KWS__ASM_LOOPS && defined(__thumb2__)
        if (asm40 && k == 40 && cb == ca + 40) {
            /* K = 40 (ds_cnn_s's first layer), window b right after window a: 4 taps per pass in assembly
             * (LDRSH / LDRSB with immediate offsets and post-increment, MLA: 34 instructions per 16 MACs) */
            int32_t va_, vb_, wa_, wb_;
#define KWS__COL3_STEP                                                                                 \
    "ldrsh %[vb], [%[pa], #80]\n\t"                                                                    \
    "ldrsh %[va], [%[pa]], #2\n\t"                                                                     \
    "ldrsb %[wb], [%[pw], #40]\n\t"                                                                    \
    "ldrsb %[wa], [%[pw]], #1\n\t"                                                                     \
    "mla %[s00], %[wa], %[va], %[s00]\n\t"                                                             \
    "mla %[s01], %[wb], %[va], %[s01]\n\t"                                                             \
    "mla %[s10], %[wa], %[vb], %[s10]\n\t"                                                             \
    "mla %[s11], %[wb], %[vb], %[s11]\n\t"
            __asm__ volatile("1:\n\t" KWS__COL3_STEP KWS__COL3_STEP KWS__COL3_STEP KWS__COL3_STEP
                             "cmp %[pw], %[end]\n\t"
                             "bne 1b"
                             : [s00] "+r"(s00), [s01] "+r"(s01), [s10] "+r"(s10), [s11] "+r"(s11), [pa] "+r"(pa),
                               [pw] "+r"(p0), [va] "=&r"(va_), [vb] "=&r"(vb_), [wa] "=&r"(wa_), [wb] "=&r"(wb_)
                             : [end] "r"(end)
                             : "cc", "memory");
#undef KWS__COL3_STEP
            (void)pb;
            (void)p1;
        } else
#endif
        while (p0 != end) {
            const int32_t va = *pa++, vb = *pb++, wa = *p0++, wb = *p1++;
            s00 += wa * va;
            s01 += wb * va;
            s10 += wa * vb;
            s11 += wb * vb;
        }
        {
            const int32_t m0 = quant->multiplier[q0], m1 = quant->multiplier[q1];
            const int32_t e0 = -quant->shift[q0] - 1, e1 = -quant->shift[q1] - 1;
            const int32_t r0 = (int32_t)(((uint32_t)1 << (e0 - 1)) + ((uint32_t)output_offset << e0));
            const int32_t r1 = (int32_t)(((uint32_t)1 << (e1 - 1)) + ((uint32_t)output_offset << e1));
            o[oc] = kws__rq_clamp(kws__rq_val(s00, m0, e0, r0), act_min, act_max, full);
            o[oc + 1] = kws__rq_clamp(kws__rq_val(s01, m1, e1, r1), act_min, act_max, full);
            o[out_c + oc] = kws__rq_clamp(kws__rq_val(s10, m0, e0, r0), act_min, act_max, full);
            o[out_c + oc + 1] = kws__rq_clamp(kws__rq_val(s11, m1, e1, r1), act_min, act_max, full);
        }
    }
}
#endif
#endif


#if KWS__RQ_ASM
#if KWS__DSP
/* kws__col_gather for 4-wide windows of one input channel (each filter row is one group of 4 taps, stored
 * [t0, t2, t1, t3]): a row inside the input is one word load, two SXTAB16 (x + input_offset) and two word
 * stores; rows or taps in the padding are 0. */
static inline void kws__col_gather_w4c1(int16_t *col, const int8_t *input, int32_t in_h, int32_t in_w, int32_t f_h,
                                        int32_t in_y0, int32_t in_x0, int32_t input_offset)
{
    const int32_t off2 = kws__dsp_dup16(input_offset);
    const int row_inside = in_x0 >= 0 && in_x0 + 4 <= in_w;
    int32_t fy, fx;
    for (fy = 0; fy < f_h; fy++, col += 4) {
        const int32_t y = in_y0 + fy;
        int32_t even, odd;
        if (y < 0 || y >= in_h) {
            even = 0;
            odd = 0;
        } else if (row_inside) {
            const int32_t v = kws__dsp_ld4(input + (size_t)y * (size_t)in_w + (size_t)in_x0);
            even = kws__dsp_even_add(off2, v);
            odd = kws__dsp_odd_add(off2, v);
        } else {
            int16_t t[4];
            for (fx = 0; fx < 4; fx++) {
                const int32_t x = in_x0 + fx;
                t[fx] = (int16_t)(x >= 0 && x < in_w ? input[(size_t)y * (size_t)in_w + (size_t)x] + input_offset : 0);
            }
            even = (int32_t)(((uint32_t)(uint16_t)t[2] << 16) | (uint16_t)t[0]);
            odd = (int32_t)(((uint32_t)(uint16_t)t[3] << 16) | (uint16_t)t[1]);
        }
        memcpy(col, &even, 4);
        memcpy(col + 2, &odd, 4);
    }
}

#endif

#if !KWS__DSP
/* One gathered window against every output channel pair (the lone last pixel; M3): plain loop. */
static void kws__col_one_rq(const int16_t *ca, const int8_t *filter, int32_t k, int32_t out_c, const int32_t *bias,
                            const kws_per_channel_quant *quant, int32_t output_offset, int32_t act_min,
                            int32_t act_max, int8_t *o)
{
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    const int8_t *w0 = filter;
    int32_t oc, i;
    for (oc = 0; oc < out_c; oc += 2, w0 += 2 * (size_t)k) {
        const int32_t q0 = per_channel ? oc : 0, q1 = per_channel ? oc + 1 : 0;
        int32_t s0 = bias != NULL ? bias[oc] : 0, s1 = bias != NULL ? bias[oc + 1] : 0;
        for (i = 0; i < k; i++) {
            s0 += w0[i] * ca[i];
            s1 += w0[k + i] * ca[i];
        }
        {
            const int32_t e0 = -quant->shift[q0] - 1, e1 = -quant->shift[q1] - 1;
            const int32_t r0 = (int32_t)(((uint32_t)1 << (e0 - 1)) + ((uint32_t)output_offset << e0));
            const int32_t r1 = (int32_t)(((uint32_t)1 << (e1 - 1)) + ((uint32_t)output_offset << e1));
            o[oc] = kws__rq_clamp(kws__rq_val(s0, quant->multiplier[q0], e0, r0), act_min, act_max, 0);
            o[oc + 1] = kws__rq_clamp(kws__rq_val(s1, quant->multiplier[q1], e1, r1), act_min, act_max, 0);
        }
    }
}
#else
/* One gathered window against every output channel pair (the last pixel of an odd row), as
 * kws__col_pair_rq for one pixel. */
static void kws__col_one_rq(const int16_t *ca, const int8_t *filter, int32_t k, int32_t out_c, const int32_t *bias,
                            const kws_per_channel_quant *quant, int32_t output_offset, int32_t act_min,
                            int32_t act_max, int8_t *o)
{
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    const int8_t *w0 = filter;
    int32_t oc;
    for (oc = 0; oc < out_c; oc += 2, w0 += 2 * (size_t)k) {
        const int32_t q0 = per_channel ? oc : 0, q1 = per_channel ? oc + 1 : 0;
        int32_t s0 = bias != NULL ? bias[oc] : 0, s1 = bias != NULL ? bias[oc + 1] : 0;
        const int16_t *pa = ca;
        const int8_t *pw = w0;
        const int8_t *const end = w0 + k;
        do {
            uint64_t av;
            int32_t ae, ao, wv;
            memcpy(&av, pa, 8);
            ae = (int32_t)(uint32_t)av;
            ao = (int32_t)(uint32_t)(av >> 32);
            wv = kws__dsp_ld4(pw);
            s0 = kws__dsp_smlad(kws__dsp_even(wv), ae, s0);
            s0 = kws__dsp_smlad(kws__dsp_odd(wv), ao, s0);
            wv = kws__dsp_ld4(pw + k);
            s1 = kws__dsp_smlad(kws__dsp_even(wv), ae, s1);
            s1 = kws__dsp_smlad(kws__dsp_odd(wv), ao, s1);
            pa += 4;
            pw += 4;
        } while (pw != end);
        {
            const int32_t e0 = -quant->shift[q0] - 1, e1 = -quant->shift[q1] - 1;
            const int32_t r0 = (int32_t)(((uint32_t)1 << (e0 - 1)) + ((uint32_t)output_offset << e0));
            const int32_t r1 = (int32_t)(((uint32_t)1 << (e1 - 1)) + ((uint32_t)output_offset << e1));
            o[oc] = kws__rq_clamp(kws__rq_val(s0, quant->multiplier[q0], e0, r0), act_min, act_max, 0);
            o[oc + 1] = kws__rq_clamp(kws__rq_val(s1, quant->multiplier[q1], e1, r1), act_min, act_max, 0);
        }
    }
}
#endif
#endif

/* Arm: the windowed (not 1x1) convolutions out of line (kws__conv_windows), so that the pointwise GEMM's call
 * does not carry their frame. 32-bit RISC-V keeps the kernel as one body with the 1x1 test inside: split, GCC's
 * allocation of the gathered-window loop there cost 0.4 % of micronet_m's first layer at -O2. */
#if KWS__RV32 && !KWS__ASM_LOOPS
kws_status kws_conv2d_s8_opt(const kws_context *ctx, const kws_conv_params *params, const kws_per_channel_quant *quant,
                             const kws_dims *input_dims, const int8_t *input,
                             const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                             const kws_dims *output_dims, int8_t *output)
#else
static __attribute__((noinline)) kws_status kws__conv_windows(const kws_context *ctx, const kws_conv_params *params,
                                                              const kws_per_channel_quant *quant,
                                                              const kws_dims *input_dims, const int8_t *input,
                                                              const kws_dims *filter_dims, const int8_t *filter,
                                                              const int32_t *bias, const kws_dims *output_dims,
                                                              int8_t *output);

#if KWS__NARROW
/* ARMv6-M, gathered windows, every channel's output stage precomputable (kws__mm6_applies): per output pixel the
 * window gathered once, then 4 channels per pass (kws__conv_armv6m.c). Out of line (its own small frame). */
static __attribute__((noinline)) void kws__conv_windows6(const kws_context *ctx, const kws_conv_params *params,
                                                         const kws_per_channel_quant *quant,
                                                         const kws_dims *input_dims, const int8_t *input,
                                                         const kws_dims *filter_dims, const int8_t *filter,
                                                         const int32_t *bias, const kws_dims *output_dims,
                                                         int8_t *output)
{
    const int32_t in_c = input_dims->c, f_h = filter_dims->h, f_w = filter_dims->w;
    const int32_t out_w = output_dims->w, out_c = output_dims->c;
    const int32_t k_taps = f_h * f_w * in_c;
    const int32_t input_offset = params->offset_folded ? 0 : params->input_offset;
    int16_t *const col = (int16_t *)ctx->buf; /* arena scratch, 16-aligned */
    int8_t *o = output;
    int32_t oy, ox;
    for (oy = 0; oy < output_dims->h; oy++) {
        for (ox = 0; ox < out_w; ox++, o += out_c) {
            kws__col_gather(col, input, input_dims->h, input_dims->w, in_c, f_h, f_w,
                            oy * params->stride_h - params->pad_top, ox * params->stride_w - params->pad_left,
                            input_offset, k_taps & ~3);
            kws__conv6_pixel(col, filter, k_taps, out_c, bias, quant, params->output_offset, params->act_min,
                             params->act_max, o);
        }
    }
}
#endif

kws_status kws_conv2d_s8_opt(const kws_context *ctx, const kws_conv_params *params, const kws_per_channel_quant *quant,
                             const kws_dims *input_dims, const int8_t *input,
                             const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                             const kws_dims *output_dims, int8_t *output)
{
    if (filter_dims->h == 1 && filter_dims->w == 1 && params->stride_h == 1 && params->stride_w == 1 &&
        params->pad_top == 0 && params->pad_left == 0 && output_dims->h == input_dims->h &&
        output_dims->w == input_dims->w) {
#if KWS__RV32 && KWS__ASM_LOOPS
        /* rv32: 4 x 5 blocks in assembly for the catalog's depths, else kws__mat_mult_s8 (kws__mat_mult_rv32.c) */
        kws__mat_mult_rv32(input, input_dims->h * input_dims->w, input_dims->c, filter, output_dims->c, bias, quant,
                           params->offset_folded ? 0 : params->input_offset, params->output_offset, params->act_min,
                           params->act_max, output);
        return KWS_OK;
#endif
        kws__mat_mult_s8(input, input_dims->h * input_dims->w, input_dims->c, filter, output_dims->c, bias, quant,
                         params->offset_folded ? 0 : params->input_offset, params->output_offset, params->act_min,
                         params->act_max, output);
        return KWS_OK;
    }
#if KWS__NARROW
    if (kws__conv_gathers(filter_dims->h, filter_dims->w, filter_dims->h * filter_dims->w * input_dims->c) &&
        ctx != NULL && ctx->buf != NULL && ctx->size >= kws_conv2d_s8_opt_buffer_size(input_dims, filter_dims) &&
        kws__mm6_applies(quant, params->output_offset)) {
        kws__conv_windows6(ctx, params, quant, input_dims, input, filter_dims, filter, bias, output_dims, output);
        return KWS_OK;
    }
#endif
#if KWS__RV32 && KWS__ASM_LOOPS
    /* rv32: 40-tap gathered windows, 8 channels x 2 pixels in assembly (kws__conv_col_rv32.c), which tail-calls
     * kws__conv_windows for every other shape */
    return kws__conv_col_rv32(ctx, params, quant, input_dims, input, filter_dims, filter, bias, output_dims, output,
                              kws__conv_windows);
#endif
    return kws__conv_windows(ctx, params, quant, input_dims, input, filter_dims, filter, bias, output_dims, output);
}

static kws_status kws__conv_windows(const kws_context *ctx, const kws_conv_params *params,
                                    const kws_per_channel_quant *quant, const kws_dims *input_dims,
                                    const int8_t *input, const kws_dims *filter_dims, const int8_t *filter,
                                    const int32_t *bias, const kws_dims *output_dims, int8_t *output)
#endif
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w, in_c = input_dims->c;
    const int32_t f_h = filter_dims->h, f_w = filter_dims->w;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, out_c = output_dims->c;
    const int32_t input_offset = params->offset_folded ? 0 : params->input_offset;
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    const int32_t k_taps = f_h * f_w * in_c;
    const int32_t act_min = params->act_min, act_max = params->act_max, output_offset = params->output_offset;
    int32_t oy, ox, oc;

#if KWS__RV32
    if (f_h == 1 && f_w == 1 && params->stride_h == 1 && params->stride_w == 1 && params->pad_top == 0 &&
        params->pad_left == 0 && out_h == in_h && out_w == in_w) {
        kws__mat_mult_s8(input, in_h * in_w, in_c, filter, out_c, bias, quant, input_offset, output_offset,
                         act_min, act_max, output);
        return KWS_OK;
    }
#endif

    if (kws__conv_gathers(f_h, f_w, k_taps) && ctx != NULL && ctx->buf != NULL &&
        ctx->size >= kws_conv2d_s8_opt_buffer_size(input_dims, filter_dims)) {
        int16_t *const col = (int16_t *)ctx->buf;                 /* arena scratch, 16-aligned */
        int16_t *const col_b = col + ((k_taps + 1) & ~1);         /* second pixel of a pair (word aligned) */
        const int32_t k4 = k_taps & ~3;
        const int pairs = KWS__CONV_PAIR;
#if KWS__RQ_ASM
        const int rq_pairs = (k_taps & 3) == 0 && (out_c & 1) == 0 && kws__conv_rq_all(quant, output_offset);
        const int full = act_min == -128 && act_max == 127;
        if (rq_pairs) {
            /* the pixels in output order, two at a time, across row ends too (two consecutive pixels are
             * adjacent in the output either way): only an odd pixel count leaves one pixel alone */
            const int32_t n = out_h * out_w;
            const int w4c1 = KWS__DSP && f_w == 4 && in_c == 1;
            int32_t i, pya = 0, pxa = 0;
#if KWS__DSP
#define KWS__GATHER_W4C1(dst, y0, x0) kws__col_gather_w4c1((dst), input, in_h, in_w, f_h, (y0), (x0), input_offset)
#else
#define KWS__GATHER_W4C1(dst, y0, x0) ((void)0)
#endif
#define KWS__GATHER(dst, py, px)                                                                       \
    do {                                                                                               \
        const int32_t y0_ = (py) * params->stride_h - params->pad_top;                                 \
        const int32_t x0_ = (px) * params->stride_w - params->pad_left;                                \
        if (w4c1) {                                                                                    \
            KWS__GATHER_W4C1((dst), y0_, x0_);                                                         \
        } else {                                                                                       \
            kws__col_gather((dst), input, in_h, in_w, in_c, f_h, f_w, y0_, x0_, input_offset, k4);     \
        }                                                                                              \
    } while (0)
            for (i = 0; i + 1 < n; i += 2) {
                int8_t *o = output + (size_t)i * (size_t)out_c;
                int32_t pyb = pya, pxb = pxa + 1;
                if (pxb == out_w) {
                    pxb = 0;
                    pyb++;
                }
                KWS__GATHER(col, pya, pxa);
                KWS__GATHER(col_b, pyb, pxb);
                if (full && k_taps == 40) { /* ds_cnn_s's first layer (10x4x1): K as a constant, assembly loop */
                    kws__col_pair_rq(col, col_b, filter, 40, out_c, bias, quant, output_offset, act_min, act_max, o, 1,
                                     1);
                } else { /* one generic copy (code size): the activation range tested per output */
                    kws__col_pair_rq(col, col_b, filter, k_taps, out_c, bias, quant, output_offset, act_min, act_max,
                                     o, full, 0);
                }
                pya = pyb;
                pxa = pxb + 1;
                if (pxa == out_w) {
                    pxa = 0;
                    pya++;
                }
            }
            if (i < n) {
                KWS__GATHER(col, pya, pxa);
                kws__col_one_rq(col, filter, k_taps, out_c, bias, quant, output_offset, act_min, act_max,
                                output + (size_t)i * (size_t)out_c);
            }
#undef KWS__GATHER
#undef KWS__GATHER_W4C1
            return KWS_OK;
        }
#endif
        for (oy = 0; oy < out_h; oy++) {
            const int32_t in_y0 = oy * params->stride_h - params->pad_top;
            for (ox = 0; ox < out_w;) {
                int8_t *o = output + ((size_t)oy * (size_t)out_w + (size_t)ox) * (size_t)out_c;
                kws__col_gather(col, input, in_h, in_w, in_c, f_h, f_w, in_y0,
                                ox * params->stride_w - params->pad_left, input_offset, k4);
                if (pairs && ox + 1 < out_w) {
                    /* two pixels: o (ox) and o + out_c (ox + 1) */
                    kws__col_gather(col_b, input, in_h, in_w, in_c, f_h, f_w, in_y0,
                                    (ox + 1) * params->stride_w - params->pad_left, input_offset, k4);
                    for (oc = 0; oc + 2 <= out_c; oc += 2) {
                        const int8_t *w0 = filter + (size_t)oc * (size_t)k_taps;
                        const int32_t q0 = per_channel ? oc : 0, q1 = per_channel ? oc + 1 : 0;
                        const int32_t m0 = quant->multiplier[q0], s0 = quant->shift[q0];
                        const int32_t m1 = quant->multiplier[q1], s1 = quant->shift[q1];
                        int32_t a[4]; /* a[pixel * 2 + channel] */
                        kws__col_dot_2x2(col, col_b, w0, w0 + k_taps, k_taps, a);
                        if (bias != NULL) {
                            const int32_t b0 = bias[oc], b1 = bias[oc + 1];
                            a[0] = kws__wrap_add(a[0], b0);
                            a[1] = kws__wrap_add(a[1], b1);
                            a[2] = kws__wrap_add(a[2], b0);
                            a[3] = kws__wrap_add(a[3], b1);
                        }
                        o[oc] = kws__requant_s8(a[0], m0, s0, output_offset, act_min, act_max);
                        o[oc + 1] = kws__requant_s8(a[1], m1, s1, output_offset, act_min, act_max);
                        o[out_c + oc] = kws__requant_s8(a[2], m0, s0, output_offset, act_min, act_max);
                        o[out_c + oc + 1] = kws__requant_s8(a[3], m1, s1, output_offset, act_min, act_max);
                    }
                    if (oc < out_c) {
                        const int32_t q0 = per_channel ? oc : 0;
                        const int8_t *w0 = filter + (size_t)oc * (size_t)k_taps;
                        int32_t a0 = kws__col_dot_1(col, w0, k_taps), a1 = kws__col_dot_1(col_b, w0, k_taps);
                        if (bias != NULL) {
                            a0 = kws__wrap_add(a0, bias[oc]);
                            a1 = kws__wrap_add(a1, bias[oc]);
                        }
                        o[oc] = kws__requant_s8(a0, quant->multiplier[q0], quant->shift[q0], output_offset, act_min, act_max);
                        o[out_c + oc] = kws__requant_s8(a1, quant->multiplier[q0], quant->shift[q0], output_offset,
                                                        act_min, act_max);
                    }
                    ox += 2;
                    continue;
                }
                for (oc = 0; oc + 2 <= out_c; oc += 2) {
                    const int8_t *w0 = filter + (size_t)oc * (size_t)k_taps;
                    const int32_t q0 = per_channel ? oc : 0, q1 = per_channel ? oc + 1 : 0;
                    int32_t a0, a1;
                    kws__col_dot_2(col, w0, w0 + k_taps, k_taps, &a0, &a1);
                    if (bias != NULL) {
                        a0 = kws__wrap_add(a0, bias[oc]);
                        a1 = kws__wrap_add(a1, bias[oc + 1]);
                    }
                    o[oc] = kws__requant_s8(a0, quant->multiplier[q0], quant->shift[q0], output_offset, act_min, act_max);
                    o[oc + 1] = kws__requant_s8(a1, quant->multiplier[q1], quant->shift[q1], output_offset, act_min, act_max);
                }
                if (oc < out_c) {
                    const int32_t q0 = per_channel ? oc : 0;
                    int32_t a0 = kws__col_dot_1(col, filter + (size_t)oc * (size_t)k_taps, k_taps);
                    if (bias != NULL) {
                        a0 = kws__wrap_add(a0, bias[oc]);
                    }
                    o[oc] = kws__requant_s8(a0, quant->multiplier[q0], quant->shift[q0], output_offset, act_min, act_max);
                }
                ox++;
            }
        }
        return KWS_OK;
    }

    /* Large windows: in-bounds runs of the window, two output channels at a time. */
    for (oy = 0; oy < out_h; oy++) {
        const int32_t in_y0 = oy * params->stride_h - params->pad_top;
        const int32_t fy0 = in_y0 < 0 ? -in_y0 : 0;
        const int32_t fy1 = in_h - in_y0 < f_h ? in_h - in_y0 : f_h;
        for (ox = 0; ox < out_w; ox++) {
            const int32_t in_x0 = ox * params->stride_w - params->pad_left;
            const int32_t fx0 = in_x0 < 0 ? -in_x0 : 0;
            const int32_t fx1 = in_w - in_x0 < f_w ? in_w - in_x0 : f_w;
            const int32_t run = fx1 > fx0 ? (fx1 - fx0) * in_c : 0;
            int8_t *o = output + ((size_t)oy * (size_t)out_w + (size_t)ox) * (size_t)out_c;
            for (oc = 0; oc < out_c; oc += 2) {
                const int32_t pair = oc + 1 < out_c ? 1 : 0;
                const int8_t *w0 = filter + (size_t)oc * (size_t)k_taps;
                const int8_t *w1 = pair ? w0 + k_taps : w0; /* single channel: computed twice, second dropped */
                int32_t a0 = 0, a1 = 0, fy;
                for (fy = fy0; run > 0 && fy < fy1; fy++) { /* run 0: the window sees only padding */
                    const size_t xoff = ((size_t)(in_y0 + fy) * (size_t)in_w + (size_t)(in_x0 + fx0)) * (size_t)in_c;
                    const size_t woff = ((size_t)fy * (size_t)f_w + (size_t)fx0) * (size_t)in_c;
                    kws__run_dot_2(input + xoff, w0 + woff, w1 + woff, run, input_offset, &a0, &a1);
                }
                {
                    const int32_t q0 = per_channel ? oc : 0;
                    if (bias != NULL) {
                        a0 = kws__wrap_add(a0, bias[oc]);
                    }
                    o[oc] = kws__requant_s8(a0, quant->multiplier[q0], quant->shift[q0], output_offset, act_min, act_max);
                }
                if (pair) {
                    const int32_t q1 = per_channel ? oc + 1 : 0;
                    if (bias != NULL) {
                        a1 = kws__wrap_add(a1, bias[oc + 1]);
                    }
                    o[oc + 1] = kws__requant_s8(a1, quant->multiplier[q1], quant->shift[q1], output_offset, act_min, act_max);
                }
            }
        }
    }
    return KWS_OK;
}
