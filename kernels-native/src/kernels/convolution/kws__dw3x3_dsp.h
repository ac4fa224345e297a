/*
 * KwsNano internal: the Cortex-M DSP (M4, M7) 3x3 depthwise path of kws_depthwise_conv2d_s8_opt
 * (kws__dw3x3_dsp.c), also taken by ARMv7-M without DSP (M3, plain multiply-accumulate loop). Only declared where it
 * is compiled (the ARMv7-M output stage, KWS__RQ_ASM).
 */
#ifndef KWS__DW3X3_DSP_H
#define KWS__DW3X3_DSP_H

#include "kws_nano.h"
#include "../kws__simd.h"

#if KWS__RQ_ASM
/* 3x3 filter, stride 1, depth multiplier 1 (any channel count and padding), the
 * kernel's arguments (ctx and filter_dims unused); always KWS_OK. Only for layers where kws__dw3x3_dsp_ok:
 * every channel's output stage can be precomputed (kws__rq_init). */
int kws__dw3x3_dsp_ok(const kws_conv_params *params, const kws_per_channel_quant *quant);
kws_status kws__dw3x3_dsp_planar(const kws_context *ctx, const kws_conv_params *params,
                                 const kws_per_channel_quant *quant, const kws_dims *input_dims, const int8_t *input,
                                 const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                 const kws_dims *output_dims, int8_t *output);
#endif

#endif /* KWS__DW3X3_DSP_H */
