/*
 * KwsNano internal: TensorFlow Lite / gemmlowp fixed-point arithmetic, reproduced bit for bit.
 *
 * Formulas follow tensorflow/lite/kernels/internal/common.h and gemmlowp/fixedpoint/fixedpoint.h
 * (facts: the published definitions of SaturatingRoundingDoublingHighMul, RoundingDivideByPOT,
 * MultiplyByQuantizedMultiplier, exp_on_negative_values, one_over_one_plus_x_for_x_in_0_1).
 * Assumes two's complement and arithmetic right shift of negative values (as TFLite does).
 * Signed overflow is avoided: where TFLite relies on int32 wrap-around, the arithmetic is done in
 * uint32 and converted back (implementation-defined, modulo 2^32 on every supported compiler).
 */
#ifndef KWS__FIXEDPOINT_H
#define KWS__FIXEDPOINT_H

#include <stdint.h>

/* int32 addition/shift with TFLite's wrap-around semantics but without C undefined behaviour. */
static inline int32_t kws__wrap_add(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a + (uint32_t)b);
}

static inline int32_t kws__wrap_sub(int32_t a, int32_t b)
{
    return (int32_t)((uint32_t)a - (uint32_t)b);
}

static inline int32_t kws__wrap_shl(int32_t a, int shift)
{
    return (int32_t)((uint32_t)a << shift);
}

/* (a * b * 2) >> 32 rounded to nearest, saturating the single overflow case INT32_MIN * INT32_MIN. */
static inline int32_t kws__srdhm(int32_t a, int32_t b)
{
    int64_t ab;
    int64_t nudge;
    if (a == b && a == INT32_MIN) {
        return INT32_MAX;
    }
    ab = (int64_t)a * (int64_t)b;              /* |ab| <= 2^62 */
    nudge = ab >= 0 ? ((int64_t)1 << 30) : (1 - ((int64_t)1 << 30));
    return (int32_t)((ab + nudge) / ((int64_t)1 << 31)); /* C division truncates toward 0, as TFLite */
}

/* x / 2^exponent rounded to nearest, ties away from zero; exponent in [0, 31]. */
static inline int32_t kws__rdbypot(int32_t x, int exponent)
{
    const int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/* TFLite MultiplyByQuantizedMultiplier: shift > 0 left before the multiply, <= 0 rounding right after. */
static inline int32_t kws__mbqm(int32_t x, int32_t multiplier, int32_t shift)
{
    const int left = shift > 0 ? (int)shift : 0;
    const int right = shift > 0 ? 0 : (int)-shift;
    return kws__rdbypot(kws__srdhm(kws__wrap_shl(x, left), multiplier), right);
}

/* TFLite MultiplyByQuantizedMultiplierSmallerThanOneExp: shift <= 0. */
static inline int32_t kws__mbqm_smaller_than_one(int32_t x, int32_t multiplier, int32_t left_shift)
{
    return kws__rdbypot(kws__srdhm(x, multiplier), (int)-left_shift);
}

/* TFLite MultiplyByQuantizedMultiplierGreaterThanOne: left_shift >= 0. */
static inline int32_t kws__mbqm_greater_than_one(int32_t x, int32_t multiplier, int32_t left_shift)
{
    return kws__srdhm(kws__wrap_shl(x, (int)left_shift), multiplier);
}

/* gemmlowp SaturatingRoundingMultiplyByPOT with a positive exponent: saturating x * 2^exponent. */
static inline int32_t kws__sat_shl(int32_t x, int exponent)
{
    const int32_t threshold = (int32_t)(((int64_t)1 << (31 - exponent)) - 1);
    if (x > threshold) {
        return INT32_MAX;
    }
    if (x < -threshold) {
        return INT32_MIN;
    }
    return kws__wrap_shl(x, exponent);
}

/* gemmlowp RoundingHalfSum (int32). */
static inline int32_t kws__rounding_half_sum(int32_t a, int32_t b)
{
    const int64_t sum = (int64_t)a + (int64_t)b;
    const int64_t sign = sum >= 0 ? 1 : -1;
    return (int32_t)((sum + sign) / 2);
}

/* Count of leading zero bits of a 32-bit value (32 for 0). */
static inline int kws__clz32(uint32_t x)
{
    int n = 0;
    if (x == 0u) {
        return 32;
    }
    while ((x & 0x80000000u) == 0u) {
        x <<= 1;
        n++;
    }
    return n;
}

/*
 * gemmlowp exp_on_interval_between_negative_one_quarter_and_0_excl, Q0.31 in and out.
 */
static inline int32_t kws__exp_on_interval_m025_0(int32_t a)
{
    const int32_t constant_term = 1895147668;      /* exp(-1/8) */
    const int32_t constant_1_over_3 = 715827883;   /* 1/3 */
    const int32_t x = kws__wrap_add(a, (int32_t)1 << 28);  /* a + 1/8 */
    const int32_t x2 = kws__srdhm(x, x);
    const int32_t x3 = kws__srdhm(x2, x);
    const int32_t x4 = kws__srdhm(x2, x2);
    const int32_t x4_over_4 = kws__rdbypot(x4, 2);
    const int32_t poly = kws__rdbypot(
        kws__wrap_add(kws__srdhm(kws__wrap_add(x4_over_4, x3), constant_1_over_3), x2), 1);
    return kws__wrap_add(constant_term, kws__srdhm(constant_term, kws__wrap_add(x, poly)));
}

/*
 * gemmlowp exp_on_negative_values for an input with 5 integer bits (Q5.26, a <= 0); result Q0.31.
 */
static inline int32_t kws__exp_on_negative_values_q5(int32_t a)
{
    const int fractional_bits = 26;
    const int32_t one_quarter = (int32_t)1 << (fractional_bits - 2);
    const int32_t mask = one_quarter - 1;
    const int32_t a_mod_quarter_minus_one_quarter = (a & mask) - one_quarter;
    int32_t result = kws__exp_on_interval_m025_0(kws__sat_shl(a_mod_quarter_minus_one_quarter, 5));
    const int32_t remainder = kws__wrap_sub(a_mod_quarter_minus_one_quarter, a);

    /* Barrel shifter: multiply by exp(-2^k) for every bit k of the remainder (k = -2 .. 4). */
    if (remainder & ((int32_t)1 << (fractional_bits - 2))) { result = kws__srdhm(result, 1672461947); }
    if (remainder & ((int32_t)1 << (fractional_bits - 1))) { result = kws__srdhm(result, 1302514674); }
    if (remainder & ((int32_t)1 << (fractional_bits + 0))) { result = kws__srdhm(result, 790015084); }
    if (remainder & ((int32_t)1 << (fractional_bits + 1))) { result = kws__srdhm(result, 290630308); }
    if (remainder & ((int32_t)1 << (fractional_bits + 2))) { result = kws__srdhm(result, 39332535); }
    if (remainder & ((int32_t)1 << (fractional_bits + 3))) { result = kws__srdhm(result, 720401); }
    if (remainder & ((int32_t)1 << (fractional_bits + 4))) { result = kws__srdhm(result, 242); }
    /* kIntegerBits == 5: no clamp step. */
    if (a == 0) {
        result = INT32_MAX; /* One() of a Q0.31 value */
    }
    return result;
}

/* gemmlowp one_over_one_plus_x_for_x_in_0_1: Q0.31 in [0, 1) -> 1 / (1 + x) in Q0.31. */
static inline int32_t kws__one_over_one_plus_x_q0(int32_t a)
{
    const int32_t half_denominator = kws__rounding_half_sum(a, INT32_MAX);
    const int32_t constant_48_over_17 = 1515870810;    /* Q2.29 */
    const int32_t constant_neg_32_over_17 = -1010580540; /* Q2.29 */
    const int32_t f2_one = (int32_t)1 << 29;
    int32_t x = kws__wrap_add(constant_48_over_17, kws__srdhm(half_denominator, constant_neg_32_over_17));
    int i;
    for (i = 0; i < 3; i++) {
        const int32_t half_denominator_times_x = kws__srdhm(half_denominator, x);       /* Q2 */
        const int32_t one_minus = kws__wrap_sub(f2_one, half_denominator_times_x);      /* Q2 */
        x = kws__wrap_add(x, kws__sat_shl(kws__srdhm(x, one_minus), 2));               /* Q4 -> Q2 */
    }
    /* ExactMulByPot<-1> (Q2 -> Q1, same raw) then Rescale<0> (Q1 -> Q0: saturating << 1). */
    return kws__sat_shl(x, 1);
}

/* TFLite GetReciprocal: 1 / x for x in Q(x_integer_digits), returned in Q0.31 with *num_bits_over_unit. */
static inline int32_t kws__get_reciprocal(int32_t x, int x_integer_digits, int *num_bits_over_unit)
{
    const int headroom_plus_one = kws__clz32((uint32_t)x);
    const int32_t shifted_sum_minus_one =
        (int32_t)(((uint32_t)x << headroom_plus_one) - ((uint32_t)1 << 31));
    *num_bits_over_unit = x_integer_digits - headroom_plus_one;
    return kws__one_over_one_plus_x_q0(shifted_sum_minus_one);
}

static inline int32_t kws__clamp(int32_t v, int32_t lo, int32_t hi)
{
    return v < lo ? lo : (v > hi ? hi : v);
}

#endif /* KWS__FIXEDPOINT_H */
