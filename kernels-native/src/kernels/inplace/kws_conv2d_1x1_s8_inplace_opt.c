/*
 * KwsNano CONV_2D 1x1 in place (optimized kernels): see kws_nano.h "In-place variants" and kws__inplace.c.
 * Scratch: kws_conv2d_1x1_s8_inplace_buffer_size(dims) bytes of ctx, required.
 */
#include "kws__inplace.h"

kws_status kws_conv2d_1x1_s8_inplace_opt(const kws_context *ctx, const kws_conv_params *params,
                                     const kws_per_channel_quant *quant, const kws_dims *dims,
                                     const int8_t *filter, const int32_t *bias, int8_t *data)
{
    return kws__conv1x1_inplace(kws_conv2d_s8_opt, ctx, params, quant, dims, filter, bias, data);
}
