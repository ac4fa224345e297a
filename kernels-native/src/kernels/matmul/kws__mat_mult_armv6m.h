/*
 * KwsNano internal: the ARMv6-M GEMM channel (kws__mat_mult_armv6m.c), KWS__NARROW builds only.
 */
#ifndef KWS__MAT_MULT_ARMV6M_H
#define KWS__MAT_MULT_ARMV6M_H

#include <stdint.h>
#include "kws_nano.h"
#include "../kws__rq_armv6m.h"

/* Every channel's output stage has the kws__rq6 form (so kws__mm6_gemm applies). */
int kws__mm6_applies(const kws_per_channel_quant *quant, int32_t output_offset);

/* kws__mat_mult_s8 (same arguments and result) for layers where kws__mm6_applies. */
void kws__mm6_gemm(const int8_t *x, int32_t rows, int32_t depth, const int8_t *w, int32_t cout, const int32_t *bias,
                   const kws_per_channel_quant *quant, int32_t input_offset, int32_t output_offset, int32_t act_min,
                   int32_t act_max, int8_t *out);

#endif /* KWS__MAT_MULT_ARMV6M_H */
