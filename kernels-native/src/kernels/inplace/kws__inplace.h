/*
 * KwsNano internal: the in-place drivers behind kws_conv2d_1x1_s8_inplace* and
 * kws_depthwise_conv2d_3x3_s8_inplace* (kws__inplace.c). Each runs an out-of-place kernel (reference or
 * optimized, passed in) on slices of the tensor whose results go to the ctx scratch first, and copies them back
 * only once no later slice reads the bytes they replace. Results are those of one out-of-place call: every output
 * value is computed from the same in-bounds taps with the same arithmetic.
 */
#ifndef KWS__INPLACE_H
#define KWS__INPLACE_H

#include "kws_nano.h"

typedef kws_status (*kws__conv_kernel)(const kws_context *ctx, const kws_conv_params *params,
                                       const kws_per_channel_quant *quant, const kws_dims *input_dims,
                                       const int8_t *input, const kws_dims *filter_dims, const int8_t *filter,
                                       const int32_t *bias, const kws_dims *output_dims, int8_t *output);

kws_status kws__conv1x1_inplace(kws__conv_kernel kernel, const kws_context *ctx, const kws_conv_params *params,
                                const kws_per_channel_quant *quant, const kws_dims *dims, const int8_t *filter,
                                const int32_t *bias, int8_t *data);

kws_status kws__dw3x3_inplace(kws__conv_kernel kernel, const kws_context *ctx, const kws_conv_params *params,
                              const kws_per_channel_quant *quant, const kws_dims *dims, const int8_t *filter,
                              const int32_t *bias, int8_t *data);

#endif /* KWS__INPLACE_H */
