/*
 * KwsNano: the ONE dispatch point from a decoded op to its kernel, reference kernels for every op
 * (KWS_KERNELS=reference). kws_dispatch_opt.c is the same dispatch with the optimized kernels; exactly one of
 * the two is linked (sources.cmake: KWS_DISPATCH_SOURCE).
 */
#define KWS__DISPATCH_CONV kws_conv2d_s8
#define KWS__DISPATCH_DEPTHWISE kws_depthwise_conv2d_s8
#define KWS__DISPATCH_FC kws_fully_connected_s8
#define KWS__DISPATCH_CONV_INPLACE kws_conv2d_1x1_s8_inplace
#define KWS__DISPATCH_DEPTHWISE_INPLACE kws_depthwise_conv2d_3x3_s8_inplace
#include "kws__dispatch_body.h"
