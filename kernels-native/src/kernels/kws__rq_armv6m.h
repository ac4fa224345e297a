/*
 * KwsNano internal: the precomputed per-channel output stage (kws__rq, kws__requant_fast.h) in the form the
 * ARMv6-M kernels (KWS__NARROW: Cortex-M0/M0+, no 32x32->64 multiply) use. Portable C everywhere (so the host
 * tests check the arithmetic), Thumb-1 inline assembly under KWS__ASM_LOOPS on ARMv6-M.
 *
 * kws__rq gives, for a channel with shift <= -2 (e1 = -shift - 1 >= 1) and |r| < 2^30,
 *   requant(x) + output_offset = (H + r) >> e1,  H = floor(U / 2^32),  U = x*m + 2^30 - s*2^31,  s = [x < 0].
 * Here r6 = r + 128 * 2^e1 (kws__rq6_init refuses |r6| >= 2^30), so that
 *   v = (H + r6) >> e1 = requant(x) + output_offset + 128
 * and the clamp to [-128, 127] is one unsigned compare against 255 (kws__rq6_store_full).
 *
 * H from 16x16 products in 32-bit registers: x = xh*2^16 + xl (xl = x & 0xFFFF, xh = x >> 16 in [-2^15, 2^15)),
 * m = mh*2^16 + ml (ml < 2^16, mh < 2^15 since m < 2^31):
 *   p0 = xl*ml (unsigned, <= (2^16-1)^2), p2 = xl*mh (0 <= p2 <= (2^16-1)(2^15-1)),
 *   p1 = xh*ml - s*2^15 (|xh*ml| <= 2^15 (2^16-1), so p1 is in [-2^31, 2^31)),  p3 = xh*mh (|p3| <= 2^30),
 *   x*m - s*2^31 = p3*2^32 + (p1 + p2)*2^16 + p0   (s = [xh < 0] = [x < 0]),
 * and with p1 = (p1 >> 16)*2^16 + (p1 & 0xFFFF), and 2^30 = 2^14 * 2^16:
 *   H = p3 + (p1 >> 16) + (mid >> 16),  mid = p2 + (p1 & 0xFFFF) + 2^14 + (p0 >> 16)
 * (floor((a*2^16 + p0) / 2^32) = floor((a + floor(p0 / 2^16)) / 2^16) for integers a >= 0). mid is below
 * (2^31 - 2^16 - 2^15 + 1) + (2^16 - 1) + 2^14 + (2^16 - 2) < 2^32: no unsigned overflow. H + r6 is the exact
 * value (|H| <= 2^30, |r6| < 2^30), so the sums done modulo 2^32 are exact. 22 instructions in Thumb-1.
 * m = 0 is covered (ml = mh = 0: H = floor((2^30 - s*2^31) / 2^32)).
 */
#ifndef KWS__RQ_ARMV6M_H
#define KWS__RQ_ARMV6M_H

#include <stdint.h>
#include "kws__simd.h"

typedef struct {
    int32_t ml; /* m & 0xFFFF */
    int32_t mh; /* m >> 16 */
    int32_t e1; /* -shift - 1, 1..30 */
    int32_t r6; /* 2^(e-2) + (output_offset + 128) * 2^e1, |r6| < 2^30 */
    int32_t k4000; /* the rounding constant 0x4000 of kws__rq6_hr (one load where a register is short) */
} kws__rq6;

/* 1: q holds the channel's constants; 0: the shift or offset does not allow the form (q unusable). */
static inline int kws__rq6_init(kws__rq6 *q, int32_t m, int32_t shift, int32_t output_offset)
{
    kws__rq t;
    int64_t r6;
    q->ml = (int32_t)((uint32_t)m & 0xFFFFu);
    q->mh = m >> 16;
    q->e1 = 1;
    q->r6 = 0;
    q->k4000 = 0x4000;
    if (!kws__rq_init(&t, m, shift, output_offset)) {
        return 0;
    }
    r6 = (int64_t)t.r + (int64_t)128 * ((int64_t)1 << t.e1);
    if (r6 <= -((int64_t)1 << 30) || r6 >= ((int64_t)1 << 30)) {
        return 0;
    }
    q->e1 = t.e1;
    q->r6 = (int32_t)r6;
    return 1;
}

/* H + r6 (see above); k4000 is the constant 0x4000 (a register operand on ARMv6-M). */
#if KWS__ASM_LOOPS && defined(__thumb__) && !defined(__thumb2__)
static inline __attribute__((always_inline)) int32_t kws__rq6_hr(int32_t x, int32_t ml, int32_t mh, int32_t r6,
                                                               int32_t k4000)
{
    int32_t a, b, c;
    /* divided syntax: ASR/LSR/MUL/ADD on low registers are the flag-setting forms */
    __asm__("uxth %[a], %[x]\n\t"          /* xl */
            "asr %[x], %[x], #16\n\t"      /* xh */
            "mov %[b], %[a]\n\t"
            "mul %[b], %[ml]\n\t"          /* p0 = xl*ml */
            "mul %[a], %[mh]\n\t"          /* p2 = xl*mh */
            "lsr %[b], %[b], #16\n\t"
            "add %[a], %[a], %[b]\n\t"     /* p2 + (p0 >> 16) */
            "mov %[b], %[x]\n\t"
            "mul %[b], %[ml]\n\t"          /* xh*ml */
            "asr %[c], %[x], #31\n\t"
            "lsl %[c], %[c], #15\n\t"
            "add %[b], %[b], %[c]\n\t"     /* p1 = xh*ml - s*2^15 */
            "mul %[x], %[mh]\n\t"          /* p3 = xh*mh */
            "uxth %[c], %[b]\n\t"
            "add %[a], %[a], %[c]\n\t"
            "asr %[b], %[b], #16\n\t"
            "add %[x], %[x], %[b]\n\t"     /* p3 + (p1 >> 16) */
            "add %[a], %[k]\n\t"           /* mid */
            "lsr %[a], %[a], #16\n\t"
            "add %[x], %[x], %[a]\n\t"     /* H */
            "add %[x], %[r]\n\t"           /* H + r6 */
            : [x] "+l"(x), [a] "=&l"(a), [b] "=&l"(b), [c] "=&l"(c)
            : [ml] "l"(ml), [mh] "l"(mh), [r] "r"(r6), [k] "r"(k4000)
            : "cc");
    return x;
}
#else
static KWS__ALWAYS_INLINE int32_t kws__rq6_hr(int32_t x, int32_t ml, int32_t mh, int32_t r6, int32_t k4000)
{
    const uint32_t xl = (uint32_t)x & 0xFFFFu;
    const int32_t xh = x >> 16;
    const uint32_t p0 = xl * (uint32_t)ml;
    const uint32_t p2 = xl * (uint32_t)mh;
    const int32_t p1 = (int32_t)((uint32_t)(xh * ml) + ((uint32_t)(xh >> 31) << 15)); /* in [-2^31, 2^31) */
    const uint32_t p3 = (uint32_t)(xh * mh);
    const uint32_t mid = p2 + ((uint32_t)p1 & 0xFFFFu) + (uint32_t)k4000 + (p0 >> 16);
    return (int32_t)(p3 + (uint32_t)(p1 >> 16) + (mid >> 16) + (uint32_t)r6);
}
#endif

/* requant(x) + output_offset + 128 (before the clamp) */
static KWS__ALWAYS_INLINE int32_t kws__rq6_val(int32_t x, const kws__rq6 *q)
{
    return kws__rq6_hr(x, q->ml, q->mh, q->r6, q->k4000) >> q->e1;
}

/* The clamped int8 output of v = requant + output_offset + 128: to [0, 255] (the full range, one unsigned
 * compare) or to [lo, hi] = [act_min + 128, act_max + 128]. */
static KWS__ALWAYS_INLINE int8_t kws__rq6_out_full(int32_t v)
{
    if ((uint32_t)v > 255u) {
        v = v < 0 ? 0 : 255;
    }
    return (int8_t)(v - 128);
}

static KWS__ALWAYS_INLINE int8_t kws__rq6_out(int32_t v, int32_t lo, int32_t hi)
{
    v = v < lo ? lo : v;
    v = v > hi ? hi : v;
    return (int8_t)(v - 128);
}

#endif /* KWS__RQ_ARMV6M_H */
