/*
 * KwsNano internal: the int8 GEMM of kws__mat_mult_s8 on 32-bit RISC-V (KWS__RV32, optimizing GCC builds:
 * KWS__ASM_LOOPS), for layers whose every channel has the precomputed output stage (kws__rvq, kws__rv32.h)
 * and whose depth is one of the catalog's pointwise depths (ds_cnn_s 64; micronet 112, 140, 196; DS-CNN-M 172).
 *
 * Blocks of 4 channels x 4 rows (pixels): 16 accumulators start at the channels' bases
 *   base = bias + input_offset * sum(w)     (modulo 2^32, as the reference's bias addition)
 * and add w * x over the depth in inline assembly, the depth D a constant so that the 4 weight rows and the
 * 4 input rows are immediate offsets (0, D, 2D, 3D <= 588 + 3) from one pointer each: per step 8 byte loads,
 * 16 MUL and 16 ADD for 16 MACs, 4 steps per pass (loop overhead 3 instructions per 64 MACs). The sums wrap
 * modulo 2^32 like the reference's final bias addition; the products' partial sums stay below
 * 196 * 2^14 < 2^22 in magnitude. Rows left over (rows % 4) take a C loop, one row x 4 channels.
 * Channels left over (cout % 4): one at a time in C.
 * Output stage: kws__rv_rq + clamp (9 + 2..4 instructions per value).
 */
#include "../kws__opt.h"
#include "../kws__simd.h"
#include "../kws__rv32.h"

#if KWS__RV32 && KWS__ASM_LOOPS

/* one input row of step j: its byte at offset ROFF + j, times the 4 weights, into 4 accumulators */
#define KWS__RV_MM_ROW(j, ROFF, A0, A1, A2, A3)                                                        \
    "lb %[xv], " ROFF "+" #j "(%[px])\n\t"                                                             \
    "mul %[t], %[w0], %[xv]\n\t"                                                                       \
    "add %[" A0 "], %[" A0 "], %[t]\n\t"                                                               \
    "mul %[t], %[w1], %[xv]\n\t"                                                                       \
    "add %[" A1 "], %[" A1 "], %[t]\n\t"                                                               \
    "mul %[t], %[w2], %[xv]\n\t"                                                                       \
    "add %[" A2 "], %[" A2 "], %[t]\n\t"                                                               \
    "mul %[xv], %[w3], %[xv]\n\t"                                                                      \
    "add %[" A3 "], %[" A3 "], %[xv]\n\t"

#define KWS__RV_MM_STEP(j)                                                                             \
    "lb %[w0], " #j "(%[pw])\n\t"                                                                      \
    "lb %[w1], %[d]+" #j "(%[pw])\n\t"                                                                 \
    "lb %[w2], 2*%[d]+" #j "(%[pw])\n\t"                                                               \
    "lb %[w3], 3*%[d]+" #j "(%[pw])\n\t"                                                               \
    KWS__RV_MM_ROW(j, "0", "a00", "a01", "a02", "a03")                                                 \
    KWS__RV_MM_ROW(j, "%[d]", "a10", "a11", "a12", "a13")                                              \
    KWS__RV_MM_ROW(j, "2*%[d]", "a20", "a21", "a22", "a23")                                            \
    KWS__RV_MM_ROW(j, "3*%[d]", "a30", "a31", "a32", "a33")

/* 4 x 4 accumulators loaded from b[] (the 4 channels' bases, each for the 4 rows), then the depth loop */
#define KWS__RV_MM_LD4(A0, A1, A2, A3)                                                                 \
    "lw %[" A0 "], 0(%[bp])\n\t"                                                                       \
    "lw %[" A1 "], 4(%[bp])\n\t"                                                                       \
    "lw %[" A2 "], 8(%[bp])\n\t"                                                                       \
    "lw %[" A3 "], 12(%[bp])\n\t"
#define KWS__RV_MM_ASM(D)                                                                              \
    do {                                                                                               \
        const int8_t *pw_ = w0, *px_ = xa;                                                             \
        const int8_t *const end_ = w0 + (D);                                                           \
        int32_t w0_, w1_, w2_, w3_, xv_, t_;                                                           \
        __asm__ volatile(KWS__RV_MM_LD4("a00", "a01", "a02", "a03") KWS__RV_MM_LD4("a10", "a11", "a12", "a13") \
                         KWS__RV_MM_LD4("a20", "a21", "a22", "a23") KWS__RV_MM_LD4("a30", "a31", "a32", "a33") \
                         "1:\n\t" KWS__RV_MM_STEP(0) KWS__RV_MM_STEP(1) KWS__RV_MM_STEP(2)            \
                             KWS__RV_MM_STEP(3) "addi %[pw], %[pw], 4\n\t"                             \
                                                "addi %[px], %[px], 4\n\t"                             \
                                                "bne %[pw], %[end], 1b"                                \
                         : [a00] "=&r"(a00), [a01] "=&r"(a01), [a02] "=&r"(a02), [a03] "=&r"(a03),     \
                           [a10] "=&r"(a10), [a11] "=&r"(a11), [a12] "=&r"(a12), [a13] "=&r"(a13),     \
                           [a20] "=&r"(a20), [a21] "=&r"(a21), [a22] "=&r"(a22), [a23] "=&r"(a23),     \
                           [a30] "=&r"(a30), [a31] "=&r"(a31), [a32] "=&r"(a32), [a33] "=&r"(a33),     \
                           [pw] "+r"(pw_), [px] "+r"(px_), [w0] "=&r"(w0_), [w1] "=&r"(w1_),           \
                           [w2] "=&r"(w2_), [w3] "=&r"(w3_), [xv] "=&r"(xv_), [t] "=&r"(t_)            \
                         : [end] "r"(end_), [bp] "r"(b), [d] "i"(D)                                    \
                         : "memory");                                                                  \
    } while (0)

/* sum of `depth` weights; |sum| <= 128 * depth */
static int32_t kws__rv_wsum(const int8_t *w, int32_t depth)
{
    int32_t s = 0;
    const int8_t *const end = w + depth;
    while (w != end) {
        s += *w++;
    }
    return s;
}

int kws__mat_mult_rv32(const int8_t *x, int32_t rows, int32_t depth, const int8_t *w, int32_t cout,
                           const int32_t *bias, const kws_per_channel_quant *quant, int32_t input_offset,
                           int32_t output_offset, int32_t act_min, int32_t act_max, int8_t *out)
{
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    const size_t d = (size_t)depth, oc_stride = (size_t)cout;
    int32_t oc;
    if (rows < 4 || !(depth == 64 || depth == 112 || depth == 140 || depth == 172 || depth == 196) ||
        !kws__rvq_all(quant, output_offset)) {
        return 0;
    }
    for (oc = 0; oc + 4 <= cout; oc += 4) {
        const int8_t *const w0 = w + (size_t)oc * d;
        kws__rvq q[4];
        int32_t b[4], j, r;
        const int8_t *xa = x;
        int8_t *o = out + oc;
        for (j = 0; j < 4; j++) {
            const int32_t qi = per_channel ? oc + j : 0;
            int32_t bj = bias != NULL ? bias[oc + j] : 0;
            if (input_offset != 0) { /* |input_offset * sum| <= 128 * 128 * 196 < 2^22 */
                bj = kws__wrap_add(bj, input_offset * kws__rv_wsum(w0 + (size_t)j * d, depth));
            }
            b[j] = bj;
            (void)kws__rvq_init(&q[j], quant->multiplier[qi], quant->shift[qi], output_offset);
        }
        for (r = 0; r + 4 <= rows; r += 4) {
            int32_t a00, a01, a02, a03, a10, a11, a12, a13, a20, a21, a22, a23, a30, a31, a32, a33;
            switch (depth) {
            case 64: KWS__RV_MM_ASM(64); break;
            case 112: KWS__RV_MM_ASM(112); break;
            case 140: KWS__RV_MM_ASM(140); break;
            case 172: KWS__RV_MM_ASM(172); break;
            default: KWS__RV_MM_ASM(196); break;
            }
#define KWS__RV_MM_OUT(dst, acc, jq) (dst) = kws__rv_clamp(kws__rv_rq((acc), q[jq].m2, q[jq].e1, q[jq].r), act_min, act_max)
            KWS__RV_MM_OUT(o[0], a00, 0);
            KWS__RV_MM_OUT(o[oc_stride], a10, 0);
            KWS__RV_MM_OUT(o[2 * oc_stride], a20, 0);
            KWS__RV_MM_OUT(o[3 * oc_stride], a30, 0);
            KWS__RV_MM_OUT(o[1], a01, 1);
            KWS__RV_MM_OUT(o[oc_stride + 1], a11, 1);
            KWS__RV_MM_OUT(o[2 * oc_stride + 1], a21, 1);
            KWS__RV_MM_OUT(o[3 * oc_stride + 1], a31, 1);
            KWS__RV_MM_OUT(o[2], a02, 2);
            KWS__RV_MM_OUT(o[oc_stride + 2], a12, 2);
            KWS__RV_MM_OUT(o[2 * oc_stride + 2], a22, 2);
            KWS__RV_MM_OUT(o[3 * oc_stride + 2], a32, 2);
            KWS__RV_MM_OUT(o[3], a03, 3);
            KWS__RV_MM_OUT(o[oc_stride + 3], a13, 3);
            KWS__RV_MM_OUT(o[2 * oc_stride + 3], a23, 3);
            KWS__RV_MM_OUT(o[3 * oc_stride + 3], a33, 3);
            xa += 4 * d;
            o += 4 * oc_stride;
        }
        for (; r < rows; r++) { /* rows % 4: one row x 4 channels; |dot| <= 196 * 2^14 */
            for (j = 0; j < 4; j++) {
                const int8_t *pw = w0 + (size_t)j * d, *px = xa;
                const int8_t *const end = pw + d;
                int32_t s = 0;
                while (pw != end) {
                    s += *pw++ * *px++;
                }
                KWS__RV_MM_OUT(o[j], kws__wrap_add(s, b[j]), j);
            }
            xa += d;
            o += oc_stride;
        }
#undef KWS__RV_MM_OUT
    }
    for (; oc < cout; oc++) { /* cout % 4 channels, one at a time; |dot| <= 196 * 2^14 */
        const int8_t *const w0 = w + (size_t)oc * d;
        const int32_t qi = per_channel ? oc : 0;
        kws__rvq q;
        int32_t b = bias != NULL ? bias[oc] : 0, r;
        const int8_t *xa = x;
        if (input_offset != 0) {
            b = kws__wrap_add(b, input_offset * kws__rv_wsum(w0, depth));
        }
        (void)kws__rvq_init(&q, quant->multiplier[qi], quant->shift[qi], output_offset);
        for (r = 0; r < rows; r++, xa += d) {
            const int8_t *pw = w0, *px = xa;
            const int8_t *const end = pw + d;
            int32_t s = 0;
            while (pw != end) {
                s += *pw++ * *px++;
            }
            out[(size_t)r * oc_stride + (size_t)oc] =
                kws__rv_clamp(kws__rv_rq(kws__wrap_add(s, b), q.m2, q.e1, q.r), act_min, act_max);
        }
    }
    return 1;
}

#else
typedef int kws__mat_mult_rv32_unused; /* ISO C: a translation unit is not empty */
#endif
