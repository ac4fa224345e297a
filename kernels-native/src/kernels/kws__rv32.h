/*
 * KwsNano internal: 32-bit RISC-V (KWS__RV32) building blocks of the optimized kernels: the per-channel
 * output stage in 9 instructions (kws__rv_rq_*) and the entry points of the rv32-only kernel files
 * (kws__mat_mult_rv32.c, kws__dw3x3_rv32.c, kws__conv_col_rv32.c). Not part of the API.
 *
 * Output stage. For a channel whose kws__rq_init succeeds (shift <= -2, |r| < 2^30; kws__requant_fast.h),
 *   kws__rq_val(x) = (H + r) >> e1,  H = floor(U / 2^32),  U = x*m + 2^30 - s*2^31,  s = [x < 0].
 * With M2 = 2m as an unsigned 32-bit value (m < 2^31) and P2 = x*M2 = 2*x*m (exact as signed x unsigned):
 *   U / 2^32 = ((P2 + 2^31) / 2^32 - s) / 2, and floor(z / 2) = floor(floor(z) / 2) for real z, so
 *   H = floor((y - s) / 2),  y = floor((P2 + 2^31) / 2^32) = hi(P2) + (lo(P2) >> 31)
 * (adding 2^31 to the low word carries exactly when its bit 31 is set). hi(P2) is one MULHSU, lo(P2) one
 * MUL. Ranges: |x*m| < 2^62 - 2^31 gives y in [-2^31 + 1, 2^31 - 1], so y - s never overflows; |H| <= 2^30
 * and |r| < 2^30 (kws__requant_fast.h), so H + r never overflows. Per value: MUL, MULHSU, SRLI, ADD, SRAI,
 * ADD, SRAI, ADD, SRA (9 instructions, the output offset included), then the clamp.
 */
#ifndef KWS__RV32_H
#define KWS__RV32_H

#include <stdint.h>
#include "kws_nano.h"
#include "kws__requant_fast.h"

#if defined(__GNUC__)
#define KWS__RV_INLINE inline __attribute__((always_inline))
#else
#define KWS__RV_INLINE inline
#endif

/* one channel's precomputed output stage: M2 = 2m (unsigned), e1 = -shift - 1 (1..30), r (kws__rq) */
typedef struct {
    uint32_t m2;
    int32_t e1;
    int32_t r;
} kws__rvq;

/* 1 if the channel's output stage has the precomputed form (kws__rq_init), q filled in */
static inline int kws__rvq_init(kws__rvq *q, int32_t m, int32_t shift, int32_t output_offset)
{
    kws__rq t;
    const int ok = kws__rq_init(&t, m, shift, output_offset);
    q->m2 = (uint32_t)t.m << 1;
    q->e1 = t.e1;
    q->r = t.r;
    return ok;
}

/* every channel of `quant` has the precomputed form */
static inline int kws__rvq_all(const kws_per_channel_quant *quant, int32_t output_offset)
{
    int32_t i;
    kws__rvq t;
    for (i = 0; i < quant->count; i++) {
        if (!kws__rvq_init(&t, quant->multiplier[i], quant->shift[i], output_offset)) {
            return 0;
        }
    }
    return 1;
}

/* requantised value + output offset, before the clamp (= kws__rq_val, proof above) */
static KWS__RV_INLINE int32_t kws__rv_rq(int32_t x, uint32_t m2, int32_t e1, int32_t r)
{
    const int64_t p = (int64_t)x * (int64_t)(uint64_t)m2;
    const int32_t y = (int32_t)(p >> 32) + (int32_t)((uint32_t)p >> 31);
    const int32_t h = (y + (x >> 31)) >> 1;
    return (h + r) >> e1;
}

static KWS__RV_INLINE int8_t kws__rv_clamp(int32_t v, int32_t act_min, int32_t act_max)
{
    v = v < act_min ? act_min : v;
    v = v > act_max ? act_max : v;
    return (int8_t)v;
}

/* kws__mat_mult_s8 on rv32 (same arguments): the catalog's pointwise depths with precomputed output stages in
 * assembly, every other case through kws__mat_mult_s8. */
void kws__mat_mult_rv32(const int8_t *x, int32_t rows, int32_t depth, const int8_t *w, int32_t cout,
                       const int32_t *bias, const kws_per_channel_quant *quant, int32_t input_offset,
                           int32_t output_offset, int32_t act_min, int32_t act_max, int8_t *out);

/* kws_depthwise_conv2d_s8_opt's 3x3 shapes on rv32 (kws__dw3x3_rv32.c): 1 when done, 0 when its
 * preconditions fail (nothing written). */
int kws__dw3x3_rv32(const kws_conv_params *params, const kws_per_channel_quant *quant, const kws_dims *input_dims,
                    const int8_t *input, const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                    const kws_dims *output_dims, int8_t *output);

/* a CONV_2D kernel's signature (kws_conv2d_s8_opt's) */
typedef kws_status (*kws__conv_fn)(const kws_context *ctx, const kws_conv_params *params,
                                   const kws_per_channel_quant *quant, const kws_dims *input_dims,
                                   const int8_t *input, const kws_dims *filter_dims, const int8_t *filter,
                                   const int32_t *bias, const kws_dims *output_dims, int8_t *output);

/* kws_conv2d_s8_opt's gathered windows of 40 taps on rv32 (kws__conv_col_rv32.c, same arguments); every other
 * shape goes to `fallback` (a tail call: this kernel's frame is gone by then). */
kws_status kws__conv_col_rv32(const kws_context *ctx, const kws_conv_params *params, const kws_per_channel_quant *quant,
                              const kws_dims *input_dims, const int8_t *input, const kws_dims *filter_dims,
                              const int8_t *filter, const int32_t *bias, const kws_dims *output_dims, int8_t *output,
                              kws__conv_fn fallback);

#endif /* KWS__RV32_H */
