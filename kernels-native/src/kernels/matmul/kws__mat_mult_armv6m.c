/*
 * KwsNano internal: the ARMv6-M (KWS__NARROW: Cortex-M0/M0+) GEMM channel of kws__mat_mult_s8 for channels whose
 * output stage has the precomputed form (kws__rq6, kws__rq_armv6m.h).
 * One output channel, four rows (pixels) per pass: a weight byte is loaded once for four MACs. In Thumb-1 assembly
 * (KWS__ASM_LOOPS, depth a multiple of 4) the four sums live in high registers (ADD Rhi, Rlo is allowed), the
 * eight low registers hold the index, the weight, the product and the five row pointers: one negative index
 * counting up to 0 from the row ends (register-offset LDRSB; its increment sets the flags for the loop branch),
 * 14 instructions per 4 MACs (the 2-row loop it replaces: 16). The output stage is the 22-instruction
 * kws__rq6_hr plus an unsigned clamp. The rows % 4 left over take a 1-row C loop.
 * Only on ARMv6-M builds (the file compiles to nothing elsewhere).
 */
#include "../kws__opt.h"
#include "../kws__simd.h"

#if KWS__NARROW
#include "../kws__rq_armv6m.h"
#include "kws__mat_mult_armv6m.h"

/* Overflow: every partial sum of w * x is at most depth * 2^14 in magnitude (< 2^31 for depth <= 65536). */
static inline __attribute__((always_inline)) int8_t kws__mm6_out(int32_t acc, int32_t b0, const kws__rq6 *q, int32_t lo, int32_t hi,
                                              const int full)
{
    const int32_t v = kws__rq6_val(kws__wrap_add(acc, b0), q);
    return full ? kws__rq6_out_full(v) : kws__rq6_out(v, lo, hi);
}

static inline __attribute__((always_inline)) void kws__mm6_rows(const int8_t *x, int32_t rows, int32_t depth, const int8_t *w0,
                                             int32_t b0, const kws__rq6 *q, int32_t lo, int32_t hi, int8_t *o,
                                             int32_t cout, const int full)
{
    const size_t d = (size_t)depth, oc4 = 4 * (size_t)cout;
    const int8_t *xa = x;
    int32_t r = 0, k;
    for (; r + 4 <= rows; r += 4, xa += 4 * d, o += oc4) {
        int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
#if KWS__ASM_LOOPS && defined(__thumb__) && !defined(__thumb2__)
        if ((depth & 3) == 0) {
            /* divided syntax: ADD on two low registers and MUL are the flag-setting ADDS, MULS */
            const int8_t *pw = w0 + d, *pa = xa + d, *pb = xa + 2 * d, *pc = xa + 3 * d, *pd = xa + 4 * d;
            int32_t wv_, xv_;
            k = -depth;
#define KWS__MM6_STEP                                                                                  \
    "ldrsb %[wv], [%[pw], %[k]]\n\t"                                                                   \
    "ldrsb %[xv], [%[pa], %[k]]\n\t"                                                                   \
    "mul %[xv], %[wv]\n\t"                                                                             \
    "add %[a0], %[xv]\n\t"                                                                             \
    "ldrsb %[xv], [%[pb], %[k]]\n\t"                                                                   \
    "mul %[xv], %[wv]\n\t"                                                                             \
    "add %[a1], %[xv]\n\t"                                                                             \
    "ldrsb %[xv], [%[pc], %[k]]\n\t"                                                                   \
    "mul %[xv], %[wv]\n\t"                                                                             \
    "add %[a2], %[xv]\n\t"                                                                             \
    "ldrsb %[xv], [%[pd], %[k]]\n\t"                                                                   \
    "mul %[xv], %[wv]\n\t"                                                                             \
    "add %[a3], %[xv]\n\t"                                                                             \
    "add %[k], #1\n\t"
            __asm__ volatile("1:\n\t" KWS__MM6_STEP KWS__MM6_STEP KWS__MM6_STEP KWS__MM6_STEP
                             "bne 1b"
                             : [a0] "+h"(a0), [a1] "+h"(a1), [a2] "+h"(a2), [a3] "+h"(a3), [k] "+l"(k),
                               [wv] "=&l"(wv_), [xv] "=&l"(xv_)
                             : [pw] "l"(pw), [pa] "l"(pa), [pb] "l"(pb), [pc] "l"(pc), [pd] "l"(pd)
                             : "cc", "memory");
#undef KWS__MM6_STEP
        } else
#endif
        {
            const int8_t *xb = xa + d, *xc = xb + d, *xd = xc + d;
            for (k = 0; k < depth; k++) {
                const int32_t wv = w0[k];
                a0 += wv * xa[k];
                a1 += wv * xb[k];
                a2 += wv * xc[k];
                a3 += wv * xd[k];
            }
        }
        o[0] = kws__mm6_out(a0, b0, q, lo, hi, full);
        o[cout] = kws__mm6_out(a1, b0, q, lo, hi, full);
        o[2 * (size_t)cout] = kws__mm6_out(a2, b0, q, lo, hi, full);
        o[3 * (size_t)cout] = kws__mm6_out(a3, b0, q, lo, hi, full);
    }
    for (; r < rows; r++, xa += d, o += cout) {
        int32_t a = 0;
        for (k = 0; k < depth; k++) {
            a += w0[k] * xa[k];
        }
        o[0] = kws__mm6_out(a, b0, q, lo, hi, full);
    }
}

int kws__mm6_applies(const kws_per_channel_quant *quant, int32_t output_offset)
{
    int32_t i;
    kws__rq6 q;
    for (i = 0; i < quant->count; i++) {
        if (!kws__rq6_init(&q, quant->multiplier[i], quant->shift[i], output_offset)) {
            return 0;
        }
    }
    return 1;
}

/* One copy per activation range (full: [-128, 127], the unsigned clamp). */
static inline __attribute__((always_inline)) void kws__mm6_all(const int8_t *x, int32_t rows, int32_t depth,
                                                               const int8_t *w, int32_t cout, const int32_t *bias,
                                                               const kws_per_channel_quant *quant,
                                                               int32_t input_offset, int32_t output_offset,
                                                               int32_t lo, int32_t hi, int8_t *out, const int full)
{
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    int32_t oc;
    for (oc = 0; oc < cout; oc++) {
        const int8_t *const w0 = w + (size_t)oc * (size_t)depth;
        const int32_t qi = per_channel ? oc : 0;
        int32_t b0 = bias != NULL ? bias[oc] : 0;
        kws__rq6 q;
        (void)kws__rq6_init(&q, quant->multiplier[qi], quant->shift[qi], output_offset); /* checked: applies */
        if (input_offset != 0) {
            /* bias + input_offset * sum(w), modulo 2^32 as the reference's bias addition; |sum| <= 2^23 */
            int32_t s = 0, k;
            for (k = 0; k < depth; k++) {
                s += w0[k];
            }
            b0 = kws__wrap_add(b0, input_offset * s);
        }
        kws__mm6_rows(x, rows, depth, w0, b0, &q, lo, hi, out + oc, cout, full);
    }
}

void kws__mm6_gemm(const int8_t *x, int32_t rows, int32_t depth, const int8_t *w, int32_t cout, const int32_t *bias,
                   const kws_per_channel_quant *quant, int32_t input_offset, int32_t output_offset, int32_t act_min,
                   int32_t act_max, int8_t *out)
{
    if (act_min == -128 && act_max == 127) {
        kws__mm6_all(x, rows, depth, w, cout, bias, quant, input_offset, output_offset, 0, 255, out, 1);
    } else {
        kws__mm6_all(x, rows, depth, w, cout, bias, quant, input_offset, output_offset, act_min + 128, act_max + 128,
                     out, 0);
    }
}
#else
typedef int kws__mat_mult_armv6m_unused; /* ISO C: not an empty translation unit */
#endif /* KWS__NARROW */
