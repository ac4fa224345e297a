/*
 * KwsNano internal: the ARMv6-M (KWS__NARROW: Cortex-M0/M0+) channel loop of the gathered-window convolution
 * (kws_conv2d_s8_opt.c: one output pixel's window gathered as int16 x + input_offset, 0 for padding) for layers
 * whose every channel has the precomputed output stage (kws__rq6, kws__rq_armv6m.h; checked by the caller with
 * kws__mm6_applies).
 * Four output channels per pass: in Thumb-1 assembly (KWS__ASM_LOOPS, K a multiple of 4) the four sums live in high
 * registers, the eight low registers hold the index, the window value, the product, the window pointer and the
 * four weight-row pointers: one negative byte index counting up to 0 from the row ends (the window, int16, at twice
 * the index), 15 instructions per 4 MACs (the 2-channel loop: 18). The channels' output-stage constants are worked
 * out per output from the multiplier and shift (a few instructions: the caller checked the kws__rq6 form, so
 * r6 = 2^(e1-1) + (output_offset + 128) * 2^e1 is the exact value, |r6| < 2^30). Channels left over (out_c % 4) and
 * other K take a C loop.
 * Overflow: |window| <= 255, |w| <= 128: |partial sums| <= K * 2^15 (< 2^31 for K <= 65536).
 */
#include "kws_nano.h"
#include "../kws__simd.h"

#if KWS__NARROW
#include "../kws__rq_armv6m.h"
#include "kws__conv_armv6m.h"

/* bias + window . weights, requantised and clamped (lo, hi: the activation range + 128) */
static inline __attribute__((always_inline)) int8_t kws__conv6_out(int32_t acc, int32_t m, int32_t shift,
                                                                   int32_t off128, int32_t lo, int32_t hi,
                                                                   const int full)
{
    const int32_t e1 = -shift - 1; /* 1..30 (kws__rq6 form) */
    const int32_t r6 = (int32_t)(((uint32_t)1 << (e1 - 1)) + ((uint32_t)off128 << e1));
    const int32_t v = kws__rq6_hr(acc, (int32_t)((uint32_t)m & 0xFFFFu), m >> 16, r6, 0x4000) >> e1;
    return full ? kws__rq6_out_full(v) : kws__rq6_out(v, lo, hi);
}

static inline __attribute__((always_inline)) void kws__conv6_px(const int16_t *col, const int8_t *filter, int32_t k,
                                                                int32_t out_c, const int32_t *bias,
                                                                const kws_per_channel_quant *quant, int32_t off128,
                                                                int32_t lo, int32_t hi, int8_t *o, const int full)
{
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    const size_t kk = (size_t)k;
    int32_t oc = 0, i;
    for (; oc + 4 <= out_c; oc += 4) {
        const int8_t *const w0 = filter + (size_t)oc * kk;
        /* per-channel: entries oc..oc+3; per-tensor: entry 0 four times */
        const int32_t *const mp = quant->multiplier + per_channel * oc, *const sp = quant->shift + per_channel * oc;
        int32_t s0 = 0, s1 = 0, s2 = 0, s3 = 0;
#if KWS__ASM_LOOPS && defined(__thumb__) && !defined(__thumb2__)
        if ((k & 3) == 0) {
            /* divided syntax: ADD on two low registers and MUL are the flag-setting ADDS, MULS */
            const int16_t *pc = col + kk;
            const int8_t *p0 = w0 + kk, *p1 = w0 + 2 * kk, *p2 = w0 + 3 * kk, *p3 = w0 + 4 * kk;
            int32_t ki = -k, c_, w_;
#define KWS__CONV6_STEP                                                                                \
    "add %[c], %[ki], %[ki]\n\t"                                                                       \
    "ldrsh %[c], [%[pc], %[c]]\n\t"                                                                    \
    "ldrsb %[w], [%[p0], %[ki]]\n\t"                                                                   \
    "mul %[w], %[c]\n\t"                                                                             \
    "add %[s0], %[w]\n\t"                                                                              \
    "ldrsb %[w], [%[p1], %[ki]]\n\t"                                                                   \
    "mul %[w], %[c]\n\t"                                                                             \
    "add %[s1], %[w]\n\t"                                                                              \
    "ldrsb %[w], [%[p2], %[ki]]\n\t"                                                                   \
    "mul %[w], %[c]\n\t"                                                                             \
    "add %[s2], %[w]\n\t"                                                                              \
    "ldrsb %[w], [%[p3], %[ki]]\n\t"                                                                   \
    "mul %[w], %[c]\n\t"                                                                             \
    "add %[s3], %[w]\n\t"                                                                              \
    "add %[ki], #1\n\t"
            __asm__ volatile("1:\n\t" KWS__CONV6_STEP KWS__CONV6_STEP KWS__CONV6_STEP KWS__CONV6_STEP
                             "bne 1b"
                             : [s0] "+h"(s0), [s1] "+h"(s1), [s2] "+h"(s2), [s3] "+h"(s3), [ki] "+l"(ki),
                               [c] "=&l"(c_), [w] "=&l"(w_)
                             : [pc] "l"(pc), [p0] "l"(p0), [p1] "l"(p1), [p2] "l"(p2), [p3] "l"(p3)
                             : "cc", "memory");
#undef KWS__CONV6_STEP
        } else
#endif
        {
            for (i = 0; i < k; i++) {
                const int32_t cv = col[i];
                s0 += w0[i] * cv;
                s1 += w0[kk + (size_t)i] * cv;
                s2 += w0[2 * kk + (size_t)i] * cv;
                s3 += w0[3 * kk + (size_t)i] * cv;
            }
        }
        if (bias != NULL) {
            s0 = kws__wrap_add(s0, bias[oc]);
            s1 = kws__wrap_add(s1, bias[oc + 1]);
            s2 = kws__wrap_add(s2, bias[oc + 2]);
            s3 = kws__wrap_add(s3, bias[oc + 3]);
        }
        o[oc] = kws__conv6_out(s0, mp[0], sp[0], off128, lo, hi, full);
        o[oc + 1] = kws__conv6_out(s1, mp[per_channel], sp[per_channel], off128, lo, hi, full);
        o[oc + 2] = kws__conv6_out(s2, mp[2 * per_channel], sp[2 * per_channel], off128, lo, hi, full);
        o[oc + 3] = kws__conv6_out(s3, mp[3 * per_channel], sp[3 * per_channel], off128, lo, hi, full);
    }
    for (; oc < out_c; oc++) { /* out_c % 4 */
        const int8_t *const w0 = filter + (size_t)oc * kk;
        const int32_t q = per_channel ? oc : 0;
        int32_t a = 0;
        for (i = 0; i < k; i++) {
            a += w0[i] * col[i];
        }
        if (bias != NULL) {
            a = kws__wrap_add(a, bias[oc]);
        }
        o[oc] = kws__conv6_out(a, quant->multiplier[q], quant->shift[q], off128, lo, hi, full);
    }
}

void kws__conv6_pixel(const int16_t *col, const int8_t *filter, int32_t k, int32_t out_c, const int32_t *bias,
                      const kws_per_channel_quant *quant, int32_t output_offset, int32_t act_min, int32_t act_max,
                      int8_t *o)
{
    if (act_min == -128 && act_max == 127) {
        kws__conv6_px(col, filter, k, out_c, bias, quant, output_offset + 128, 0, 255, o, 1);
    } else {
        kws__conv6_px(col, filter, k, out_c, bias, quant, output_offset + 128, act_min + 128, act_max + 128, o, 0);
    }
}
#else
typedef int kws__conv_armv6m_unused; /* ISO C: not an empty translation unit */
#endif /* KWS__NARROW */
