/*
 * KwsNano internal: int8 GEMM for the optimized 1x1 convolution and FULLY_CONNECTED (kws__opt.h).
 * Two output channels x two rows per pass: every weight word is used for two rows and every input word
 * for two channels. Cortex-M with the DSP extension: 4 int8 at a time, SXTB16 + SMLAD (16 MACs in 20
 * instructions); elsewhere a portable C loop over the same 2x2 block (ARMv6-M: 1 channel x 2 rows, see
 * KWS__NARROW in kws__simd.h). 32-bit RISC-V (KWS__RV32): 2 channels x 4 rows, depth unrolled by 4 with
 * six walking pointers (no register+register addressing there: an indexed loop spends one address add
 * per load); the 1x1 convolutions of the catalog's depths take kws__mat_mult_rv32.c's assembly instead
 * (called by kws_conv2d_s8_opt).
 * Layers whose every channel has the precomputed output stage (kws__rq_init, kws__requant_fast.h) take
 * faster paths on ARMv7-M: DSP cores (M4, M7) kws__mm_dsp_rq (2 x 2 from the bases; depth 64 fully unrolled
 * in inline assembly), M3 kws__mm_v7_rq (depth 64: 4 channels x 2 rows of LDRSB + MLA in assembly). ARMv6-M
 * (M0+): such layers with several rows take kws__mm6_gemm (kws__mat_mult_armv6m.c: 1 channel x 4 rows in Thumb-1
 * assembly, the ARMv6-M output stage of kws__rq_armv6m.h); the others the 1 x 2 loop below (Thumb-1 assembly for
 * depths that are multiples of 4).
 */
#include "../kws__opt.h"
#include "../kws__simd.h"
#if KWS__NARROW
#include "kws__mat_mult_armv6m.h"
#endif

/* sum of `depth` weights; |sum| <= 128 * 65536 = 2^23 */
static int32_t kws__sum_s8(const int8_t *w, int32_t depth)
{
    int32_t s = 0;
    int32_t k;
    for (k = 0; k < depth; k++) {
        s += w[k];
    }
    return s;
}

/* bias[oc] + input_offset * sum(w of oc), modulo 2^32 as the reference's final bias addition.
 * |input_offset * sum| <= 128 * 2^23 = 2^30. */
static int32_t kws__base(const int32_t *bias, int32_t oc, const int8_t *w_oc, int32_t depth, int32_t input_offset)
{
    int32_t b = bias != NULL ? bias[oc] : 0;
    if (input_offset != 0) {
        b = kws__wrap_add(b, input_offset * kws__sum_s8(w_oc, depth));
    }
    return b;
}

/* a0 += w0 . x, a1 += w1 . x over depth (one row, two channels). |partial sums| <= 2^14 * 2^16 = 2^30. */
static void kws__dot_1x2(const int8_t *x, const int8_t *w0, const int8_t *w1, int32_t depth,
                         int32_t *a0, int32_t *a1)
{
    int32_t s0 = 0, s1 = 0;
    int32_t k = 0;
#if KWS__DSP
    for (; k + 4 <= depth; k += 4) {
        const int32_t xv = kws__dsp_ld4(x + k);
        const int32_t xe = kws__dsp_even(xv), xo = kws__dsp_odd(xv);
        const int32_t wa = kws__dsp_ld4(w0 + k), wb = kws__dsp_ld4(w1 + k);
        s0 = kws__dsp_smlad(kws__dsp_even(wa), xe, s0);
        s0 = kws__dsp_smlad(kws__dsp_odd(wa), xo, s0);
        s1 = kws__dsp_smlad(kws__dsp_even(wb), xe, s1);
        s1 = kws__dsp_smlad(kws__dsp_odd(wb), xo, s1);
    }
#endif
    for (; k < depth; k++) {
        const int32_t xv = x[k];
        s0 += w0[k] * xv;
        s1 += w1[k] * xv;
    }
    *a0 = s0;
    *a1 = s1;
}

/* One row, one channel: w . x. */
static int32_t kws__dot_1x1(const int8_t *x, const int8_t *w, int32_t depth)
{
    int32_t s = 0;
    int32_t k = 0;
#if KWS__DSP
    for (; k + 4 <= depth; k += 4) {
        const int32_t xv = kws__dsp_ld4(x + k);
        const int32_t wv = kws__dsp_ld4(w + k);
        s = kws__dsp_smlad(kws__dsp_even(wv), kws__dsp_even(xv), s);
        s = kws__dsp_smlad(kws__dsp_odd(wv), kws__dsp_odd(xv), s);
    }
#endif
    for (; k < depth; k++) {
        s += w[k] * x[k];
    }
    return s;
}

#if KWS__RV32 && defined(__GNUC__)
/* GCC's pre-allocation scheduler would hoist the loads of all unrolled steps above the multiplies and
 * spill the accumulators; an empty asm with a memory clobber keeps each step's loads in place. */
#define KWS__RV_GEMM_NO_HOIST() __asm__ volatile("" ::: "memory")
#else
#define KWS__RV_GEMM_NO_HOIST() ((void)0)
#endif

#if KWS__RQ_ASM
/* Every channel's output stage has the precomputed form (kws__rq_init, kws__requant_fast.h). */
static int kws__rq_all(const kws_per_channel_quant *quant, int32_t output_offset)
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

#if !KWS__DSP
/*
 * ARMv7-M without the DSP extension (Cortex-M3), every channel's output stage precomputed: 2 channels x
 * 2 rows per pass from the channels' bases, MLA per MAC; depth 64 (ds_cnn_s) in assembly, 4 steps per pass
 * (sign-extending byte loads with immediate offsets and post-increment: 34 instructions per 16 MACs).
 * Returns the channels done (cout rounded down to even).
 */
static inline __attribute__((always_inline)) int32_t kws__mm_v7_rq(const int8_t *x, int32_t rows, int32_t depth,
                                                                   const int8_t *w, int32_t cout, const int32_t *bias,
                                                                   const kws_per_channel_quant *quant,
                                                                   int32_t input_offset, int32_t output_offset,
                                                                   int32_t act_min, int32_t act_max, int8_t *out,
                                                                   const int full, const int asm64)
{
    (void)asm64; /* unused without KWS__ASM_LOOPS */
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    const size_t d = (size_t)depth;
    int32_t oc = 0;
#if KWS__ASM_LOOPS && defined(__thumb2__)
    /* depth 64: 4 channels x 2 rows in assembly, 4 steps per pass (2 input and 4 weight LDRSB, 8 MLA per
     * step: 58 instructions per 32 MACs), 14 registers; the rows left over (odd rows) and channels
     * (cout % 4) take the 2 x 2 loop below */
    for (; asm64 && depth == 64 && rows >= 2 && oc + 4 <= cout; oc += 4) {
        const int8_t *const w0 = w + (size_t)oc * d;
        int32_t b[4];
        kws__rq q[4];
        const int8_t *xa = x;
        int8_t *o = out + oc;
        int32_t r, j;
        for (j = 0; j < 4; j++) {
            const int32_t qi = per_channel ? oc + j : 0;
            b[j] = kws__base(bias, oc + j, w0 + (size_t)j * d, depth, input_offset);
            (void)kws__rq_init(&q[j], quant->multiplier[qi], quant->shift[qi], output_offset);
        }
        for (r = 0; r + 2 <= rows; r += 2, xa += 2 * d, o += 2 * (size_t)cout) {
            int32_t a00 = b[0], a01 = b[1], a02 = b[2], a03 = b[3];
            int32_t a10 = b[0], a11 = b[1], a12 = b[2], a13 = b[3];
            const int8_t *pa = xa, *pw = w0;
            const int8_t *const end = w0 + 64;
            int32_t xa_, xb_, wv_;
#define KWS__MM34_STEP                                                                                 \
    "ldrsb %[xb], [%[pa], #64]\n\t"                                                                    \
    "ldrsb %[xa], [%[pa]], #1\n\t"                                                                     \
    "ldrsb %[wv], [%[pw], #64]\n\t"                                                                    \
    "mla %[a01], %[wv], %[xa], %[a01]\n\t"                                                             \
    "mla %[a11], %[wv], %[xb], %[a11]\n\t"                                                             \
    "ldrsb %[wv], [%[pw], #128]\n\t"                                                                   \
    "mla %[a02], %[wv], %[xa], %[a02]\n\t"                                                             \
    "mla %[a12], %[wv], %[xb], %[a12]\n\t"                                                             \
    "ldrsb %[wv], [%[pw], #192]\n\t"                                                                   \
    "mla %[a03], %[wv], %[xa], %[a03]\n\t"                                                             \
    "mla %[a13], %[wv], %[xb], %[a13]\n\t"                                                             \
    "ldrsb %[wv], [%[pw]], #1\n\t"                                                                     \
    "mla %[a00], %[wv], %[xa], %[a00]\n\t"                                                             \
    "mla %[a10], %[wv], %[xb], %[a10]\n\t"
            __asm__ volatile("1:\n\t" KWS__MM34_STEP KWS__MM34_STEP KWS__MM34_STEP KWS__MM34_STEP
                             "cmp %[pw], %[end]\n\t"
                             "bne 1b"
                             : [a00] "+r"(a00), [a01] "+r"(a01), [a02] "+r"(a02), [a03] "+r"(a03), [a10] "+r"(a10),
                               [a11] "+r"(a11), [a12] "+r"(a12), [a13] "+r"(a13), [pa] "+r"(pa), [pw] "+r"(pw),
                               [xa] "=&r"(xa_), [xb] "=&r"(xb_), [wv] "=&r"(wv_)
                             : [end] "r"(end)
                             : "cc", "memory");
#undef KWS__MM34_STEP
            o[0] = kws__rq_clamp(kws__rq_val(a00, q[0].m, q[0].e1, q[0].r), act_min, act_max, full);
            o[1] = kws__rq_clamp(kws__rq_val(a01, q[1].m, q[1].e1, q[1].r), act_min, act_max, full);
            o[2] = kws__rq_clamp(kws__rq_val(a02, q[2].m, q[2].e1, q[2].r), act_min, act_max, full);
            o[3] = kws__rq_clamp(kws__rq_val(a03, q[3].m, q[3].e1, q[3].r), act_min, act_max, full);
            o[cout] = kws__rq_clamp(kws__rq_val(a10, q[0].m, q[0].e1, q[0].r), act_min, act_max, full);
            o[cout + 1] = kws__rq_clamp(kws__rq_val(a11, q[1].m, q[1].e1, q[1].r), act_min, act_max, full);
            o[cout + 2] = kws__rq_clamp(kws__rq_val(a12, q[2].m, q[2].e1, q[2].r), act_min, act_max, full);
            o[cout + 3] = kws__rq_clamp(kws__rq_val(a13, q[3].m, q[3].e1, q[3].r), act_min, act_max, full);
        }
        if (r < rows) { /* the odd last row */
            for (j = 0; j < 4; j++) {
                const int32_t a = kws__dot_1x1(xa, w0 + (size_t)j * d, depth);
                o[j] = kws__rq_clamp(kws__rq_val(kws__wrap_add(a, b[j]), q[j].m, q[j].e1, q[j].r), act_min, act_max,
                                     full);
            }
        }
    }
#endif
    for (; oc + 2 <= cout; oc += 2) {
        const int8_t *const w0 = w + (size_t)oc * d;
        const int32_t b0 = kws__base(bias, oc, w0, depth, input_offset);
        const int32_t b1 = kws__base(bias, oc + 1, w0 + d, depth, input_offset);
        const int32_t q0i = per_channel ? oc : 0, q1i = per_channel ? oc + 1 : 0;
        kws__rq q0, q1;
        const int8_t *xa = x;
        int8_t *o = out + oc;
        int32_t r = 0;
        (void)kws__rq_init(&q0, quant->multiplier[q0i], quant->shift[q0i], output_offset);
        (void)kws__rq_init(&q1, quant->multiplier[q1i], quant->shift[q1i], output_offset);
        for (; r + 2 <= rows; r += 2) {
            int32_t a00 = b0, a01 = b1, a10 = b0, a11 = b1; /* a<row><channel> */
            const int8_t *pa = xa, *pw = w0;
            const int8_t *const end = w0 + d;
#if KWS__ASM_LOOPS && defined(__thumb2__)
            if (asm64 && depth == 64) {
                int32_t w0_, w1_, xv_;
#define KWS__MM3_STEP                                                                                  \
    "ldrsb %[w1], [%[pw], #64]\n\t"                                                                    \
    "ldrsb %[w0], [%[pw]], #1\n\t"                                                                     \
    "ldrsb %[xv], [%[pa], #64]\n\t"                                                                    \
    "mla %[a10], %[w0], %[xv], %[a10]\n\t"                                                             \
    "mla %[a11], %[w1], %[xv], %[a11]\n\t"                                                             \
    "ldrsb %[xv], [%[pa]], #1\n\t"                                                                     \
    "mla %[a00], %[w0], %[xv], %[a00]\n\t"                                                             \
    "mla %[a01], %[w1], %[xv], %[a01]\n\t"
                __asm__ volatile("1:\n\t" KWS__MM3_STEP KWS__MM3_STEP KWS__MM3_STEP KWS__MM3_STEP
                                 "cmp %[pw], %[end]\n\t"
                                 "bne 1b"
                                 : [a00] "+r"(a00), [a01] "+r"(a01), [a10] "+r"(a10), [a11] "+r"(a11),
                                   [pa] "+r"(pa), [pw] "+r"(pw), [w0] "=&r"(w0_), [w1] "=&r"(w1_), [xv] "=&r"(xv_)
                                 : [end] "r"(end)
                                 : "cc", "memory");
#undef KWS__MM3_STEP
            } else
#endif
            {
                size_t k;
                for (k = 0; k < d; k++) {
                    const int32_t wa = pw[k], wb = pw[d + k], va = pa[k], vb = pa[d + k];
                    a00 += wa * va;
                    a01 += wb * va;
                    a10 += wa * vb;
                    a11 += wb * vb;
                }
                (void)end;
            }
            o[0] = kws__rq_clamp(kws__rq_val(a00, q0.m, q0.e1, q0.r), act_min, act_max, full);
            o[1] = kws__rq_clamp(kws__rq_val(a01, q1.m, q1.e1, q1.r), act_min, act_max, full);
            o[cout] = kws__rq_clamp(kws__rq_val(a10, q0.m, q0.e1, q0.r), act_min, act_max, full);
            o[cout + 1] = kws__rq_clamp(kws__rq_val(a11, q1.m, q1.e1, q1.r), act_min, act_max, full);
            xa += 2 * d;
            o += 2 * (size_t)cout;
        }
        if (r < rows) {
            const int32_t a0 = kws__dot_1x1(xa, w0, depth), a1 = kws__dot_1x1(xa, w0 + d, depth);
            o[0] = kws__rq_clamp(kws__rq_val(kws__wrap_add(a0, b0), q0.m, q0.e1, q0.r), act_min, act_max, full);
            o[1] = kws__rq_clamp(kws__rq_val(kws__wrap_add(a1, b1), q1.m, q1.e1, q1.r), act_min, act_max, full);
        }
    }
    return oc;
}
#endif
#endif

#if KWS__DSP && KWS__RQ_ASM
/*
 * DSP cores, depth a multiple of 4, every channel's output stage precomputed: 2 channels x 2 rows per pass
 * with the accumulators starting at the channels' bases, one walking pointer per operand (the second row
 * and channel at + depth), the output stage kws__rq_val + kws__rq_clamp (full: the activation range is
 * [-128, 127], a single SSAT). Returns the channels done (cout rounded down to even).
 */
static inline __attribute__((always_inline)) int32_t kws__mm_dsp_rq(const int8_t *x, int32_t rows, int32_t depth, const int8_t *w,
                                                 int32_t cout, const int32_t *bias,
                                                 const kws_per_channel_quant *quant, int32_t input_offset,
                                                 int32_t output_offset, int32_t act_min, int32_t act_max,
                                                 int8_t *out, const int full, const int asm64)
{
    (void)asm64; /* unused without KWS__ASM_LOOPS */
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    const size_t d = (size_t)depth;
    int32_t oc;
    for (oc = 0; oc + 2 <= cout; oc += 2) {
        const int8_t *const w0 = w + (size_t)oc * d;
        const int32_t b0 = kws__base(bias, oc, w0, depth, input_offset);
        const int32_t b1 = kws__base(bias, oc + 1, w0 + d, depth, input_offset);
        const int32_t q0i = per_channel ? oc : 0, q1i = per_channel ? oc + 1 : 0;
        kws__rq q0, q1;
        const int8_t *xa = x;
        int8_t *o = out + oc;
        int32_t r = 0;
        (void)kws__rq_init(&q0, quant->multiplier[q0i], quant->shift[q0i], output_offset);
        (void)kws__rq_init(&q1, quant->multiplier[q1i], quant->shift[q1i], output_offset);
        for (; r + 2 <= rows; r += 2) {
            const int8_t *pa = xa, *pw = w0;
            const int8_t *const end = w0 + d;
            int32_t a00 = b0, a01 = b1, a10 = b0, a11 = b1; /* a<row><channel> */
#if KWS__ASM_LOOPS && defined(__thumb2__)
            if (asm64 && depth == 64) {
                /* depth 64 (a constant): hand-scheduled, 8 bytes of depth per pass (32 MACs in 42
                 * instructions: 8 loads, 16 SXTB16, 16 SMLAD, compare, branch), 13 registers */
                int32_t xa_, xb_, xae_, xbe_, wv_, wt_;
#define KWS__MM64_STEP                                                                                 \
    "ldr %[xb], [%[pa], #64]\n\t"                                                                      \
    "ldr %[xa], [%[pa]], #4\n\t"                                                                       \
    "ldr %[wv], [%[pw], #64]\n\t"                                                                      \
    "sxtb16 %[xae], %[xa]\n\t"                                                                         \
    "sxtb16 %[xa], %[xa], ror #8\n\t"                                                                  \
    "sxtb16 %[xbe], %[xb]\n\t"                                                                         \
    "sxtb16 %[xb], %[xb], ror #8\n\t"                                                                  \
    "sxtb16 %[wt], %[wv]\n\t"                                                                          \
    "sxtb16 %[wv], %[wv], ror #8\n\t"                                                                  \
    "smlad %[a01], %[wt], %[xae], %[a01]\n\t"                                                          \
    "smlad %[a11], %[wt], %[xbe], %[a11]\n\t"                                                          \
    "smlad %[a01], %[wv], %[xa], %[a01]\n\t"                                                           \
    "smlad %[a11], %[wv], %[xb], %[a11]\n\t"                                                           \
    "ldr %[wv], [%[pw]], #4\n\t"                                                                       \
    "sxtb16 %[wt], %[wv]\n\t"                                                                          \
    "sxtb16 %[wv], %[wv], ror #8\n\t"                                                                  \
    "smlad %[a00], %[wt], %[xae], %[a00]\n\t"                                                          \
    "smlad %[a10], %[wt], %[xbe], %[a10]\n\t"                                                          \
    "smlad %[a00], %[wv], %[xa], %[a00]\n\t"                                                           \
    "smlad %[a10], %[wv], %[xb], %[a10]\n\t"
#define KWS__MM64_STEP4 KWS__MM64_STEP KWS__MM64_STEP KWS__MM64_STEP KWS__MM64_STEP
                __asm__ volatile(KWS__MM64_STEP4 KWS__MM64_STEP4 KWS__MM64_STEP4 KWS__MM64_STEP4
                                 : [a00] "+r"(a00), [a01] "+r"(a01), [a10] "+r"(a10), [a11] "+r"(a11),
                                   [pa] "+r"(pa), [pw] "+r"(pw), [xa] "=&r"(xa_), [xb] "=&r"(xb_),
                                   [xae] "=&r"(xae_), [xbe] "=&r"(xbe_), [wv] "=&r"(wv_), [wt] "=&r"(wt_)
                                 :
                                 : "memory");
#undef KWS__MM64_STEP4
                (void)end;
#undef KWS__MM64_STEP
            } else
#endif
            do {
                const int32_t xbv = kws__dsp_ld4(pa + d), xav = kws__dsp_ld4(pa);
                const int32_t xae = kws__dsp_even(xav), xao = kws__dsp_odd(xav);
                const int32_t xbe = kws__dsp_even(xbv), xbo = kws__dsp_odd(xbv);
                int32_t wv = kws__dsp_ld4(pw);
                int32_t we = kws__dsp_even(wv), wo = kws__dsp_odd(wv);
                a00 = kws__dsp_smlad(we, xae, a00);
                a00 = kws__dsp_smlad(wo, xao, a00);
                a10 = kws__dsp_smlad(we, xbe, a10);
                a10 = kws__dsp_smlad(wo, xbo, a10);
                wv = kws__dsp_ld4(pw + d);
                we = kws__dsp_even(wv);
                wo = kws__dsp_odd(wv);
                a01 = kws__dsp_smlad(we, xae, a01);
                a01 = kws__dsp_smlad(wo, xao, a01);
                a11 = kws__dsp_smlad(we, xbe, a11);
                a11 = kws__dsp_smlad(wo, xbo, a11);
                pa += 4;
                pw += 4;
            } while (pw != end);
            o[0] = kws__rq_clamp(kws__rq_val(a00, q0.m, q0.e1, q0.r), act_min, act_max, full);
            o[1] = kws__rq_clamp(kws__rq_val(a01, q1.m, q1.e1, q1.r), act_min, act_max, full);
            o[cout] = kws__rq_clamp(kws__rq_val(a10, q0.m, q0.e1, q0.r), act_min, act_max, full);
            o[cout + 1] = kws__rq_clamp(kws__rq_val(a11, q1.m, q1.e1, q1.r), act_min, act_max, full);
            xa += 2 * d;
            o += 2 * (size_t)cout;
        }
        if (r < rows) {
            int32_t a0, a1;
            kws__dot_1x2(xa, w0, w0 + d, depth, &a0, &a1);
            o[0] = kws__rq_clamp(kws__rq_val(kws__wrap_add(a0, b0), q0.m, q0.e1, q0.r), act_min, act_max, full);
            o[1] = kws__rq_clamp(kws__rq_val(kws__wrap_add(a1, b1), q1.m, q1.e1, q1.r), act_min, act_max, full);
        }
    }
    return oc;
}
#endif

#if KWS__NARROW
/* ARMv6-M: layers whose every channel has the precomputed output stage take kws__mm6_gemm
 * (kws__mat_mult_armv6m.c: 1 channel x 4 rows); the rest the loops below, out of line so that the two
 * paths' frames are never stacked. */
static __attribute__((noinline)) void kws__mat_mult_any(const int8_t *x, int32_t rows, int32_t depth,
                                                        const int8_t *w, int32_t cout, const int32_t *bias,
                                                        const kws_per_channel_quant *quant, int32_t input_offset,
                                                        int32_t output_offset, int32_t act_min, int32_t act_max,
                                                        int8_t *out);

void kws__mat_mult_s8(const int8_t *x, int32_t rows, int32_t depth,
                      const int8_t *w, int32_t cout, const int32_t *bias,
                      const kws_per_channel_quant *quant, int32_t input_offset,
                      int32_t output_offset, int32_t act_min, int32_t act_max, int8_t *out)
{
    if (rows > 1 && kws__mm6_applies(quant, output_offset)) {
        kws__mm6_gemm(x, rows, depth, w, cout, bias, quant, input_offset, output_offset, act_min, act_max, out);
    } else {
        kws__mat_mult_any(x, rows, depth, w, cout, bias, quant, input_offset, output_offset, act_min, act_max, out);
    }
}

static void kws__mat_mult_any(const int8_t *x, int32_t rows, int32_t depth,
                              const int8_t *w, int32_t cout, const int32_t *bias,
                              const kws_per_channel_quant *quant, int32_t input_offset,
                              int32_t output_offset, int32_t act_min, int32_t act_max, int8_t *out)
#else
void kws__mat_mult_s8(const int8_t *x, int32_t rows, int32_t depth,
                      const int8_t *w, int32_t cout, const int32_t *bias,
                      const kws_per_channel_quant *quant, int32_t input_offset,
                      int32_t output_offset, int32_t act_min, int32_t act_max, int8_t *out)
#endif
{
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    int32_t oc = 0;

#if KWS__NARROW
    /* ARMv6-M, several rows (1x1 convolutions): one channel x two rows (weight, two inputs, two sums,
     * three pointers, one index fit in the 8 low registers). One row (FULLY_CONNECTED): the loop below,
     * whose single-row tail takes two channels per pass. */
    for (; rows > 1 && oc < cout; oc++) {
        const int8_t *w0 = w + (size_t)oc * (size_t)depth;
        const int32_t b0 = kws__base(bias, oc, w0, depth, input_offset);
        const int32_t q0 = per_channel ? oc : 0;
        const int32_t m0 = quant->multiplier[q0], s0 = quant->shift[q0];
        const int8_t *xa = x;
        int8_t *o = out + oc;
        int32_t r = 0;
        for (; r + 2 <= rows; r += 2) {
            const int8_t *xb = xa + depth;
            int32_t a0 = 0, a1 = 0, k;
#if KWS__ASM_LOOPS && defined(__thumb__) && !defined(__thumb2__)
            if ((depth & 3) == 0) {
                /* ARMv6-M, depth a multiple of 4: 4 steps per pass, one negative index counting up to 0 from
                 * the ends of the three rows (register-offset LDRSB, the index increment sets the flags for
                 * the loop branch): 8 instructions per 2 MACs, the 8 low registers (so not with
                 * -fno-omit-frame-pointer: define KWS_NO_ASM, kws__simd.h). GCC emits Thumb-1 inline assembly in
                 * divided syntax: MUL, ADD are the flag-setting MULS, ADDS. */
                const int8_t *pw = w0 + depth, *pa = xa + depth, *pb = xb + depth;
                int32_t wv_, xv_;
                k = -depth;
#define KWS__MM_V6_STEP                                                                                \
    "ldrsb %[wv], [%[pw], %[k]]\n\t"                                                                   \
    "ldrsb %[xv], [%[pa], %[k]]\n\t"                                                                   \
    "mul %[xv], %[wv]\n\t"                                                                             \
    "add %[a0], %[a0], %[xv]\n\t"                                                                      \
    "ldrsb %[xv], [%[pb], %[k]]\n\t"                                                                   \
    "mul %[xv], %[wv]\n\t"                                                                             \
    "add %[a1], %[a1], %[xv]\n\t"                                                                      \
    "add %[k], #1\n\t"
                __asm__ volatile("1:\n\t" KWS__MM_V6_STEP KWS__MM_V6_STEP KWS__MM_V6_STEP KWS__MM_V6_STEP
                                 "bne 1b"
                                 : [a0] "+l"(a0), [a1] "+l"(a1), [k] "+l"(k), [wv] "=&l"(wv_), [xv] "=&l"(xv_)
                                 : [pw] "l"(pw), [pa] "l"(pa), [pb] "l"(pb)
                                 : "cc", "memory");
#undef KWS__MM_V6_STEP
            } else
#endif
            for (k = 0; k < depth; k++) {
                const int32_t wv = w0[k];
                a0 += wv * xa[k];
                a1 += wv * xb[k];
            }
            o[0] = kws__requant_s8(kws__wrap_add(a0, b0), m0, s0, output_offset, act_min, act_max);
            o[cout] = kws__requant_s8(kws__wrap_add(a1, b0), m0, s0, output_offset, act_min, act_max);
            xa = xb + depth;
            o += 2 * (size_t)cout;
        }
        if (r < rows) {
            const int32_t a0 = kws__dot_1x1(xa, w0, depth);
            o[0] = kws__requant_s8(kws__wrap_add(a0, b0), m0, s0, output_offset, act_min, act_max);
        }
    }
#endif
#if KWS__DSP && KWS__RQ_ASM
    if (depth >= 4 && (depth & 3) == 0 && kws__rq_all(quant, output_offset)) {
        /* the depth as a constant for the catalog's most common pointwise depth (ds_cnn_s: 64) */
        const int full = act_min == -128 && act_max == 127;
        if (full && depth == 64) {
            oc = kws__mm_dsp_rq(x, rows, 64, w, cout, bias, quant, input_offset, output_offset, act_min, act_max, out,
                                1, 1);
        } else { /* one generic copy (code size): the activation range tested per output */
            oc = kws__mm_dsp_rq(x, rows, depth, w, cout, bias, quant, input_offset, output_offset, act_min, act_max,
                                out, full, 0);
        }
    }
#endif
#if KWS__RQ_ASM && !KWS__DSP
    if (rows >= 2 && kws__rq_all(quant, output_offset)) {
        const int full = act_min == -128 && act_max == 127;
        oc = full && depth == 64
                 ? kws__mm_v7_rq(x, rows, 64, w, cout, bias, quant, input_offset, output_offset, act_min, act_max,
                                 out, 1, 1)
                 : kws__mm_v7_rq(x, rows, depth, w, cout, bias, quant, input_offset, output_offset, act_min, act_max,
                                 out, full, 0); /* one generic copy: the activation range tested per output */
    }
#endif
    for (; oc + 2 <= cout; oc += 2) {
        const int8_t *w0 = w + (size_t)oc * (size_t)depth;
        const int8_t *w1 = w0 + depth;
        const int32_t b0 = kws__base(bias, oc, w0, depth, input_offset);
        const int32_t b1 = kws__base(bias, oc + 1, w1, depth, input_offset);
        const int32_t q0 = per_channel ? oc : 0, q1 = per_channel ? oc + 1 : 0;
        const int32_t m0 = quant->multiplier[q0], s0 = quant->shift[q0];
        const int32_t m1 = quant->multiplier[q1], s1 = quant->shift[q1];
        const int8_t *xa = x;
        int8_t *o = out + oc;
        int32_t r = 0;
#if KWS__RV32
        for (; r + 4 <= rows; r += 4) {
            const int8_t *x0 = xa, *x1 = xa + depth, *x2 = x1 + depth, *x3 = x2 + depth;
            const int8_t *p0 = w0, *p1 = w1;
            const int8_t *const p0_end = w0 + (depth & ~3);
            const int8_t *const p0_tail_end = w0 + depth;
            int32_t a00 = 0, a01 = 0, a10 = 0, a11 = 0, a20 = 0, a21 = 0, a30 = 0, a31 = 0; /* a<row><channel> */
#define KWS__RV_GEMM_STEP(j)                                                                           \
    do {                                                                                               \
        const int32_t wa_ = p0[j], wb_ = p1[j];                                                        \
        int32_t v_ = x0[j];                                                                            \
        a00 += wa_ * v_;                                                                               \
        a01 += wb_ * v_;                                                                               \
        v_ = x1[j];                                                                                    \
        a10 += wa_ * v_;                                                                               \
        a11 += wb_ * v_;                                                                               \
        v_ = x2[j];                                                                                    \
        a20 += wa_ * v_;                                                                               \
        a21 += wb_ * v_;                                                                               \
        v_ = x3[j];                                                                                    \
        a30 += wa_ * v_;                                                                               \
        a31 += wb_ * v_;                                                                               \
        KWS__RV_GEMM_NO_HOIST();                                                                       \
    } while (0)
            while (p0 != p0_end) {
                KWS__RV_GEMM_STEP(0);
                KWS__RV_GEMM_STEP(1);
                KWS__RV_GEMM_STEP(2);
                KWS__RV_GEMM_STEP(3);
                p0 += 4;
                p1 += 4;
                x0 += 4;
                x1 += 4;
                x2 += 4;
                x3 += 4;
            }
            while (p0 != p0_tail_end) {
                KWS__RV_GEMM_STEP(0);
                p0++;
                p1++;
                x0++;
                x1++;
                x2++;
                x3++;
            }
#undef KWS__RV_GEMM_STEP
            o[0] = kws__requant_s8(kws__wrap_add(a00, b0), m0, s0, output_offset, act_min, act_max);
            o[1] = kws__requant_s8(kws__wrap_add(a01, b1), m1, s1, output_offset, act_min, act_max);
            o[cout] = kws__requant_s8(kws__wrap_add(a10, b0), m0, s0, output_offset, act_min, act_max);
            o[cout + 1] = kws__requant_s8(kws__wrap_add(a11, b1), m1, s1, output_offset, act_min, act_max);
            o[2 * cout] = kws__requant_s8(kws__wrap_add(a20, b0), m0, s0, output_offset, act_min, act_max);
            o[2 * cout + 1] = kws__requant_s8(kws__wrap_add(a21, b1), m1, s1, output_offset, act_min, act_max);
            o[3 * cout] = kws__requant_s8(kws__wrap_add(a30, b0), m0, s0, output_offset, act_min, act_max);
            o[3 * cout + 1] = kws__requant_s8(kws__wrap_add(a31, b1), m1, s1, output_offset, act_min, act_max);
            xa = x3; /* x3 walked its row: the next block's first row */
            o += 4 * (size_t)cout;
        }
#endif
        for (; r + 2 <= rows; r += 2) {
            const int8_t *xb = xa + depth;
            int32_t a00 = 0, a01 = 0, a10 = 0, a11 = 0; /* a<row><channel> */
            int32_t k = 0;
#if KWS__DSP
            for (; k + 4 <= depth; k += 4) {
                const int32_t xav = kws__dsp_ld4(xa + k), xbv = kws__dsp_ld4(xb + k);
                const int32_t xae = kws__dsp_even(xav), xao = kws__dsp_odd(xav);
                const int32_t xbe = kws__dsp_even(xbv), xbo = kws__dsp_odd(xbv);
                int32_t wv = kws__dsp_ld4(w0 + k);
                int32_t we = kws__dsp_even(wv), wo = kws__dsp_odd(wv);
                a00 = kws__dsp_smlad(we, xae, a00);
                a00 = kws__dsp_smlad(wo, xao, a00);
                a10 = kws__dsp_smlad(we, xbe, a10);
                a10 = kws__dsp_smlad(wo, xbo, a10);
                wv = kws__dsp_ld4(w1 + k);
                we = kws__dsp_even(wv);
                wo = kws__dsp_odd(wv);
                a01 = kws__dsp_smlad(we, xae, a01);
                a01 = kws__dsp_smlad(wo, xao, a01);
                a11 = kws__dsp_smlad(we, xbe, a11);
                a11 = kws__dsp_smlad(wo, xbo, a11);
            }
#endif
            for (; k < depth; k++) {
                const int32_t wa = w0[k], wb = w1[k], va = xa[k], vb = xb[k];
                a00 += wa * va;
                a01 += wb * va;
                a10 += wa * vb;
                a11 += wb * vb;
            }
            o[0] = kws__requant_s8(kws__wrap_add(a00, b0), m0, s0, output_offset, act_min, act_max);
            o[1] = kws__requant_s8(kws__wrap_add(a01, b1), m1, s1, output_offset, act_min, act_max);
            o[cout] = kws__requant_s8(kws__wrap_add(a10, b0), m0, s0, output_offset, act_min, act_max);
            o[cout + 1] = kws__requant_s8(kws__wrap_add(a11, b1), m1, s1, output_offset, act_min, act_max);
            xa = xb + depth;
            o += 2 * (size_t)cout;
        }
        if (r < rows) {
            int32_t a0, a1;
            kws__dot_1x2(xa, w0, w1, depth, &a0, &a1);
            o[0] = kws__requant_s8(kws__wrap_add(a0, b0), m0, s0, output_offset, act_min, act_max);
            o[1] = kws__requant_s8(kws__wrap_add(a1, b1), m1, s1, output_offset, act_min, act_max);
        }
    }
    if (oc < cout) { /* odd channel count: the last channel alone */
        const int8_t *w0 = w + (size_t)oc * (size_t)depth;
        const int32_t b0 = kws__base(bias, oc, w0, depth, input_offset);
        const int32_t q0 = per_channel ? oc : 0;
        int32_t r;
        for (r = 0; r < rows; r++) {
            const int32_t a = kws__dot_1x1(x + (size_t)r * (size_t)depth, w0, depth);
            out[(size_t)r * (size_t)cout + (size_t)oc] = kws__requant_s8(kws__wrap_add(a, b0), quant->multiplier[q0],
                                                                         quant->shift[q0], output_offset, act_min, act_max);
        }
    }
}
