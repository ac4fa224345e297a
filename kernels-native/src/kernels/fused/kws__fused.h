/*
 * KwsNano internal: the driver behind kws_conv2d_dw_fused_s8 (kws__fused.c). It runs a CONV_2D and the
 * DEPTHWISE_CONV_2D that reads its output without ever storing that output: depthwise output row y needs conv rows
 * y * stride - pad_top .. + filter_h - 1, which the driver keeps in a ring of filter_h conv rows in the ctx scratch,
 * computing each conv row once (with the conv kernel passed in, on a slice of rows) and the depthwise row from the
 * ring (with the depthwise kernel passed in, on a window of rows). Every value is computed from the same in-bounds
 * taps with the same arithmetic as the two out-of-place calls, so the output is byte for byte theirs.
 */
#ifndef KWS__FUSED_H
#define KWS__FUSED_H

#include "kws_nano.h"
#include "../inplace/kws__inplace.h"

kws_status kws__conv_dw_fused(kws__conv_kernel conv, kws__conv_kernel dw, const kws_context *ctx,
                              const kws_conv_dw_fused_params *params, const kws_dims *input_dims, const int8_t *input,
                              const kws_dims *output_dims, int8_t *output);

/* Bytes of ring the driver needs: filter_h rows of the conv output ([1, H, W, C] mid_dims). */
uint32_t kws__conv_dw_fused_ring_size(const kws_dims *mid_dims, const kws_dims *dw_filter_dims);

#endif /* KWS__FUSED_H */
