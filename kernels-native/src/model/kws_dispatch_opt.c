/*
 * KwsNano: the op -> kernel dispatch point of builds with KWS_KERNELS=optimized (the default):
 * CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED run the optimized kernels (kws_*_s8_opt, bit-exact with
 * the reference; they fall back to the reference themselves for shapes they do not cover), every other
 * op the reference kernel. Exactly one of kws_dispatch.c / kws_dispatch_opt.c is linked (sources.cmake).
 */
#define KWS__DISPATCH_CONV kws_conv2d_s8_opt
#define KWS__DISPATCH_DEPTHWISE kws_depthwise_conv2d_s8_opt
#define KWS__DISPATCH_FC kws_fully_connected_s8_opt
#define KWS__DISPATCH_CONV_INPLACE kws_conv2d_1x1_s8_inplace_opt
#define KWS__DISPATCH_DEPTHWISE_INPLACE kws_depthwise_conv2d_3x3_s8_inplace_opt
#include "kws__dispatch_body.h"
