/*
 * KwsNano internal: fast requantisation for the optimized kernels (*_opt.c), bit-identical to the
 * reference kws__mbqm (kws__fixedpoint.h: TFLite MultiplyByQuantizedMultiplier =
 * RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(x << left, m), right)) for every
 *   x     : any int32 accumulator,
 *   m     : 0 or [2^30, 2^31) (the converter's QuantizeMultiplier; kwsm-format.md step 7 validates it),
 *   shift : -31..30 (kwsm-format.md step 7).
 * The reference routine stays untouched for the reference kernels; tests/native/test_requant_fast.c
 * checks this one against it (edge cases + random triples) on the host and on Cortex-M under QEMU.
 *
 * Proof sketch (all quantities exact integers; floor = round toward -inf, >> = arithmetic shift = floor).
 *
 * (1) No saturation. SRDHM(a, b) saturates only for a = b = INT32_MIN; m >= 0, so it never does.
 *
 * (2) SRDHM(a, m) = floor((a*m + 2^30) / 2^31), i.e. ((int64)a*m + 2^30) >> 31.
 *     gemmlowp: p = a*m; nudge = p >= 0 ? 2^30 : 1 - 2^30; result = trunc((p + nudge) / 2^31).
 *     p >= 0: p + 2^30 >= 0, so trunc = floor.  p < 0: p <= -1, so n = p + 1 - 2^30 < 0 and
 *     trunc(n / 2^31) = ceil(n / 2^31) = floor((n + 2^31 - 1) / 2^31) = floor((p + 2^30) / 2^31).
 *
 * (3) RoundingDivideByPOT(y, e), e >= 1 (ties away from zero; remainder r = y mod 2^e, q = y >> e;
 *     result q + (r > 2^(e-1) - 1 + [y < 0])) = floor((y + 2^(e-1) - [y < 0]) / 2^e):
 *     y >= 0: q + [r >= 2^(e-1)] = floor((y + 2^(e-1)) / 2^e);
 *     y < 0:  q + [r >= 2^(e-1) + 1] = floor((y + 2^(e-1) - 1) / 2^e).  e = 0 is the identity.
 *
 * (4) Right shift e = -shift in 1..31 (no left shift): with y = floor((x*m + 2^30) / 2^31) from (2) and
 *     c = 2^(e-1) - [y < 0], floor((floor(P / 2^31) + c) / 2^e) = floor((P + c*2^31) / 2^(31+e)) for
 *     integers P, c, so the whole step is ONE rounding of a 64-bit value:
 *         result = floor((x*m + 2^30 + c*2^31) / 2^(31+e)).
 *     [y < 0] may be replaced by s = [x < 0], known before the multiply: y < 0 implies x*m < -2^30,
 *     so x < 0. If x < 0 but y >= 0, then y = 0 (x*m <= 0), the true result is 0, and with s = 1 the
 *     numerator x*m + 2^30 + (2^(e-1) - 1)*2^31 lies in [2^(30+e) - 2^31, 2^(30+e) - 2^30] (since
 *     0 <= x*m + 2^30 <= 2^30), i.e. in [0, 2^(31+e)) for e >= 1: floor gives 0 as well. (Covers m = 0.)
 *     Since 31 + e >= 32, result = (int32)(T >> 32) >> (e - 1) with T = x*m + ((c << 31) | 2^30), where
 *     c = 2^(e-1) - s is in [0, 2^30] (so c << 31 has bit 30 clear and | is +).
 *     Range: |x*m| < 2^62, 0 <= (c << 31) + 2^30 <= 2^61 + 2^30: T fits int64, no overflow anywhere.
 * (5) shift >= 0: a = x << shift modulo 2^32 (the reference's kws__wrap_shl), result = (int64)(a*m + 2^30)
 *     >> 31 by (2); no second rounding (e = 0). |a*m + 2^30| < 2^62, and the result equals the reference
 *     value, which is an int32.
 *
 * kws__mbqm_fast(x, m, shift) below: MultiplyByQuantizedMultiplier for m in {0} U [2^30, 2^31), shift
 * in [-31, 30]. Cost per value: ARMv7-M (M3/M4/M7; GCC emits one SMLAL for the 64-bit multiply-add)
 * about 10 instructions for shift < 0 instead of about 40. ARMv6-M (M0/M0+, no 32x32->64 multiply):
 * four 16x16 MULS in 32-bit registers (second implementation below) instead of a __aeabi_lmul call.
 * 32-bit RISC-V: MUL + MULHSU and both roundings in 32-bit registers (third implementation below).
 */
#ifndef KWS__REQUANT_FAST_H
#define KWS__REQUANT_FAST_H

#include <stdint.h>
#include "kws__fixedpoint.h"

/* Right shifts (real multipliers below 0.5) are what layers use: laid out as the straight-line path. */
#if defined(__GNUC__)
#define KWS__LIKELY(c) __builtin_expect(!!(c), 1)
#else
#define KWS__LIKELY(c) (c)
#endif

/* The requantisation is the optimized kernels' output step: it must be inlined at -Os too (GCC's size
 * heuristics otherwise make it a call per output value, 6-8 % of an inference on RISC-V at -Os). At -O2
 * GCC inlines it anyway; forcing it there moved Cortex-M code by a few instructions (M0+ +0.06 %), so it
 * is forced only when optimizing for size. */
#if defined(__GNUC__) && defined(__OPTIMIZE_SIZE__)
#define KWS__ALWAYS_INLINE inline __attribute__((always_inline))
#else
#define KWS__ALWAYS_INLINE inline
#endif

#if defined(__ARM_ARCH_6M__) || defined(__ARM_ARCH_8M_BASE__)
/*
 * ARMv6-M (M0/M0+; also v8-M Baseline): no 32x32->64 multiply, and 64-bit temporaries make GCC spill
 * (a __aeabi_lmul call in the reference). The same T = x*m + c*2^31 + 2^30 from 16x16 products in 32-bit
 * registers only: x = xh*2^16 + xl, m = mh*2^16 + ml (xl, ml in [0, 2^16); xh = x >> 16 in [-2^15, 2^15);
 * mh in [0, 2^15)), so p0 = xl*ml < 2^32 (unsigned), |p1 = xh*ml| < 2^31, 0 <= p2 = xl*mh < 2^31,
 * |p3 = xh*mh| <= 2^30: no product overflows its type. Splitting every p (and the addend
 * c*2^31 + 2^30 = (c >> 1)*2^32 + ((c & 1)*2^15 + 2^14)*2^16) into floor(p / 2^16) and p mod 2^16:
 *   T = 2^32 * (p3 + (p1 >> 16) + (p2 >> 16) + (c >> 1))
 *     + 2^16 * u,  u = (p0 >> 16) + (p1 & 0xFFFF) + (p2 & 0xFFFF) + (c & 1)*2^15 + 2^14  (u < 2^18)
 *     + (p0 & 0xFFFF),
 * so floor(T / 2^32) = p3 + (p1 >> 16) + (p2 >> 16) + (c >> 1) + (u >> 16) (computed modulo 2^32; it is
 * the exact value, which fits int32 here) and floor(T / 2^31) = 2 * that + bit 15 of u.
 */
static KWS__ALWAYS_INLINE int32_t kws__mbqm_fast(int32_t x, int32_t m, int32_t shift)
{
    uint32_t c = 0u;
    int e1 = 0;
    uint32_t xl, ml, p0, p2, u, hi;
    int32_t xh, mh, p1, p3;
    if (KWS__LIKELY(shift < 0)) {
        e1 = (int)(-shift) - 1;                          /* e - 1, 0..30 */
        c = ((uint32_t)1 << e1) - (x < 0 ? 1u : 0u);     /* 2^(e-1) - s, 0..2^30 */
    } else {
        x = kws__wrap_shl(x, (int)shift);
    }
    xl = (uint32_t)x & 0xFFFFu;
    ml = (uint32_t)m & 0xFFFFu;
    xh = x >> 16;
    mh = m >> 16;
    p0 = xl * ml;
    p1 = xh * (int32_t)ml;
    p2 = xl * (uint32_t)mh;
    p3 = xh * mh;
    u = (p0 >> 16) + ((uint32_t)p1 & 0xFFFFu) + (p2 & 0xFFFFu) + ((c & 1u) << 15) + 0x4000u;
    hi = (uint32_t)p3 + (uint32_t)(p1 >> 16) + (p2 >> 16) + (c >> 1) + (u >> 16);
    if (shift < 0) {
        return (int32_t)hi >> e1;
    }
    return (int32_t)((hi << 1) | ((u >> 15) & 1u));
}
#elif defined(__riscv) && defined(__riscv_xlen) && __riscv_xlen == 32
/*
 * 32-bit RISC-V (RV32IM: no 64-bit add, but MULHSU, signed x unsigned high word). The two roundings of
 * TFLite are done as in the reference, each in 32-bit registers:
 *   y = SRDHM(x, m) = floor((x*m + 2^30) / 2^31) (step (2)) = floor((x*M2 + 2^31) / 2^32) with M2 = 2m as
 *       an unsigned 32-bit value (m in {0} U [2^30, 2^31): M2 < 2^32). With P = x*M2 (exact, signed x
 *       unsigned: one MUL for the low word, one MULHSU for the high word), y = hi(P) + (lo(P) >= 2^31):
 *       adding 2^31 carries into the high word exactly when bit 31 of the low word is set. No overflow:
 *       |hi(P)| < 2^31 - 1.
 *   shift < 0: result = floor((y + 2^(e-1) - [y < 0]) / 2^e), e = -shift (step (3), RoundingDivideByPOT).
 *       The sum may exceed INT32_MAX only for y >= 0, where it is below 2^32 (y < 2^31, 2^(e-1) <= 2^30):
 *       so it is shifted as an unsigned value for y >= 0 and as a signed one for y < 0 (where it lies in
 *       [-2^31, 2^30) and fits).
 *   shift >= 0: y of a = x << shift (modulo 2^32, the reference's kws__wrap_shl); no second rounding.
 * About 10 instructions for shift < 0 (M2 is loop-invariant), instead of about 13 with a 64-bit add.
 */
static KWS__ALWAYS_INLINE int32_t kws__srdhm_rv32(int32_t x, int32_t m)
{
    const uint32_t m2 = (uint32_t)m << 1;
    const int64_t p = (int64_t)x * (int64_t)(uint64_t)m2;
    return (int32_t)(p >> 32) + (int32_t)((uint32_t)p >> 31);
}

static KWS__ALWAYS_INLINE int32_t kws__mbqm_fast(int32_t x, int32_t m, int32_t shift)
{
    if (KWS__LIKELY(shift < 0)) {
        const int e = (int)(-shift);                                      /* 1..31 */
        const int32_t y = kws__srdhm_rv32(x, m);
        const uint32_t u = (uint32_t)y + ((uint32_t)1 << (e - 1)) + (uint32_t)(y >> 31); /* y + 2^(e-1) - [y<0] */
        return y < 0 ? (int32_t)u >> e : (int32_t)(u >> e);
    }
    return kws__srdhm_rv32(kws__wrap_shl(x, (int)shift), m);
}
#else
/* ARMv7-M and up, hosts: GCC forms x*m + add with one SMLAL (SMULL + adds on hosts). */
static KWS__ALWAYS_INLINE int32_t kws__mbqm_fast(int32_t x, int32_t m, int32_t shift)
{
    if (KWS__LIKELY(shift < 0)) {
        const int e1 = (int)(-shift) - 1;                               /* e - 1, 0..30 */
        const uint32_t c = ((uint32_t)1 << e1) - (x < 0 ? 1u : 0u);     /* 2^(e-1) - s, 0..2^30 */
        /* |x*m| < 2^62, addend <= 2^61 + 2^30 */
        const int64_t t = (int64_t)x * (int64_t)m + (int64_t)(((uint64_t)c << 31) | ((uint64_t)1 << 30));
        return (int32_t)(t >> 32) >> e1;
    }
    {
        const int64_t t = (int64_t)kws__wrap_shl(x, (int)shift) * (int64_t)m + ((int64_t)1 << 30);
        return (int32_t)(t >> 31);
    }
}
#endif

/* The optimized kernels' output step: requantise, add the output zero point (modulo 2^32, as the
 * reference), clamp to the activation range. */
static KWS__ALWAYS_INLINE int8_t kws__requant_fast_s8(int32_t acc, int32_t multiplier, int32_t shift, int32_t output_offset,
                                          int32_t act_min, int32_t act_max)
{
    int32_t v = kws__mbqm_fast(acc, multiplier, shift);
    v = kws__wrap_add(v, output_offset);
    return (int8_t)kws__clamp(v, act_min, act_max);
}

/*
 * Per-channel output stage with its constants worked out once per channel (kws__rq_init), for layers
 * whose channels have right shifts of at least 2 (real multipliers below 0.25: what conv layers use):
 *   kws__rq_out(x, q) = kws__wrap_add(kws__mbqm(x, m, shift), output_offset)   (before the clamp).
 * With e = -shift >= 2, e1 = e - 1 and s = [x < 0], step (4) above gives
 *   result = floor((x*m + 2^30 - s*2^31 + 2^(e-2) * 2^32) / 2^(31+e)).
 * Let U = x*m + 2^30 - s*2^31 = H*2^32 + L (0 <= L < 2^32). Since 2^(e-2) * 2^32 is a multiple of 2^32,
 *   result = floor((H + 2^(e-2) + L/2^32) / 2^e1) = floor((H + 2^(e-2)) / 2^e1)   (0 <= L/2^32 < 1),
 * and adding the offset inside the floor as a multiple of 2^e1:
 *   result + output_offset = (H + r) >> e1,  r = 2^(e-2) + output_offset * 2^e1.
 * U is one multiply-accumulate of x*m onto the 64-bit addend 2^30 - s*2^31, whose words are
 *   low = 2^30 | (x & 2^31), high = x >> 31 (-2^31 = 0xFFFFFFFF_80000000), and r is added to the high
 * word up front: on ARMv7-M that is AND, ORR, ADD (x ASR #31), SMLAL, then one ASR by e1 (5 instructions).
 * Ranges: |x*m| < 2^62, so |H| <= 2^30; kws__rq_init accepts only |r| < 2^30, so H + r never overflows;
 * |result| <= 2^62 / 2^33 = 2^29, so the reference's modulo offset addition never wraps either.
 * kws__rq_init returns 0 (q unusable) for shift > -2 or an r out of range; callers then use
 * kws__requant_fast_s8. m = 0 is covered (U = 2^30 - s*2^31).
 */
typedef struct {
    int32_t m;  /* multiplier */
    int32_t e1; /* -shift - 1, 1..30 */
    int32_t r;  /* 2^(e-2) + output_offset * 2^e1, |r| < 2^30 */
} kws__rq;

static inline int kws__rq_init(kws__rq *q, int32_t m, int32_t shift, int32_t output_offset)
{
    int64_t r;
    int32_t e1;
    q->m = m;
    q->e1 = 1;
    q->r = 0;
    if (shift > -2 || shift < -31) {
        return 0;
    }
    e1 = (int32_t)(-shift) - 1;
    r = ((int64_t)1 << (e1 - 1)) + (int64_t)output_offset * ((int64_t)1 << e1);
    if (r <= -((int64_t)1 << 30) || r >= ((int64_t)1 << 30)) {
        return 0;
    }
    q->e1 = e1;
    q->r = (int32_t)r;
    return 1;
}

#if defined(__GNUC__) && defined(__thumb2__) && (defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__) || \
                                                  defined(__ARM_ARCH_8M_MAIN__))
/* ARMv7-M / v8-M Mainline (M3, M4, M7, M33): the 4-instruction high word of U + r*2^32, SSAT for the clamp. */
#define KWS__RQ_ASM 1
static inline __attribute__((always_inline)) int32_t kws__rq_hi(int32_t x, int32_t m, int32_t r)
{
    uint32_t lo;
    int32_t hi;
    __asm__("and %0, %2, #0x80000000\n\t"
            "orr %0, %0, #0x40000000\n\t"
            "add %1, %4, %2, asr #31\n\t"
            "smlal %0, %1, %2, %3"
            : "=&r"(lo), "=&r"(hi)
            : "r"(x), "r"(m), "r"(r));
    (void)lo;
    return hi;
}

static inline __attribute__((always_inline)) int32_t kws__ssat8(int32_t v)
{
    int32_t o;
    __asm__("ssat %0, #8, %1" : "=r"(o) : "r"(v));
    return o;
}
#else
#define KWS__RQ_ASM 0
static KWS__ALWAYS_INLINE int32_t kws__rq_hi(int32_t x, int32_t m, int32_t r)
{
    const uint64_t addend = ((uint64_t)(uint32_t)((x >> 31) + r) << 32) | ((uint32_t)x & 0x80000000u) | 0x40000000u;
    return (int32_t)(((uint64_t)((int64_t)x * (int64_t)m) + addend) >> 32);
}

static KWS__ALWAYS_INLINE int32_t kws__ssat8(int32_t v)
{
    return v < -128 ? -128 : (v > 127 ? 127 : v);
}
#endif

/* requantised value + output offset, before the clamp */
static KWS__ALWAYS_INLINE int32_t kws__rq_val(int32_t x, int32_t m, int32_t e1, int32_t r)
{
    return kws__rq_hi(x, m, r) >> e1;
}

/* The clamp to [act_min, act_max] (a sub-range of [-128, 127]) after SSAT #8; full = (act_min == -128 &&
 * act_max == 127) is a compile-time constant at the call sites, so that case is the single SSAT. */
static KWS__ALWAYS_INLINE int8_t kws__rq_clamp(int32_t v, int32_t act_min, int32_t act_max, const int full)
{
    v = kws__ssat8(v);
    if (!full) {
        v = v < act_min ? act_min : v;
        v = v > act_max ? act_max : v;
    }
    return (int8_t)v;
}

#endif /* KWS__REQUANT_FAST_H */
