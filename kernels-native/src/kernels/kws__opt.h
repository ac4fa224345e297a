/*
 * KwsNano internal: shared building blocks of the optimized kernels (*_opt.c). Not part of the API.
 */
#ifndef KWS__OPT_H
#define KWS__OPT_H

#include "kws_nano.h"

/*
 * out[r * cout + oc] = requant(bias[oc] + sum_k w[oc * depth + k] * (x[r * depth + k] + input_offset))
 * for r < rows, oc < cout: the GEMM behind 1x1 convolutions (rows = pixels) and FULLY_CONNECTED.
 * Same integer result as the reference loops: the sum is reordered (sum w*x + input_offset * sum w),
 * which is exact in int32 (every partial sum stays below 2^31 for depth <= 65536) and the bias is added
 * with the same modulo-2^32 wrap. Blocking per core in kws__mat_mult_s8.c; no scratch, no stack buffers.
 */
void kws__mat_mult_s8(const int8_t *x, int32_t rows, int32_t depth,
                      const int8_t *w, int32_t cout, const int32_t *bias,
                      const kws_per_channel_quant *quant, int32_t input_offset,
                      int32_t output_offset, int32_t act_min, int32_t act_max, int8_t *out);

#endif /* KWS__OPT_H */
