/*
 * KwsNano fused CONV_2D -> DEPTHWISE_CONV_2D (reference kernels): see kws_nano.h "Fused first layers" and
 * kws__fused.c. Scratch: kws_conv2d_dw_fused_s8_buffer_size bytes of ctx, required.
 */
#include "kws__fused.h"

uint32_t kws_conv2d_dw_fused_s8_buffer_size(const kws_dims *mid_dims, const kws_dims *dw_filter_dims)
{
    return kws__conv_dw_fused_ring_size(mid_dims, dw_filter_dims);
}

kws_status kws_conv2d_dw_fused_s8(const kws_context *ctx, const kws_conv_dw_fused_params *params,
                                  const kws_dims *input_dims, const int8_t *input, const kws_dims *output_dims,
                                  int8_t *output)
{
    return kws__conv_dw_fused(kws_conv2d_s8, kws_depthwise_conv2d_s8, ctx, params, input_dims, input, output_dims,
                              output);
}
