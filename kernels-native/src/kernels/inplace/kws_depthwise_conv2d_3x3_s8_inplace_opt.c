/*
 * KwsNano DEPTHWISE_CONV_2D 3x3 stride 1 in place (optimized kernels): see kws_nano.h "In-place variants" and
 * kws__inplace.c. Scratch: kws_depthwise_conv2d_3x3_s8_inplace_buffer_size(dims) bytes of ctx, required.
 */
#include "kws__inplace.h"

kws_status kws_depthwise_conv2d_3x3_s8_inplace_opt(const kws_context *ctx, const kws_conv_params *params,
                                               const kws_per_channel_quant *quant, const kws_dims *dims,
                                               const int8_t *filter, const int32_t *bias, int8_t *data)
{
    return kws__dw3x3_inplace(kws_depthwise_conv2d_s8_opt, ctx, params, quant, dims, filter, bias, data);
}
