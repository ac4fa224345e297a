/*
 * KwsNano internal: the ARMv6-M 3x3 depthwise path (kws__dw3x3_armv6m.c), KWS__NARROW builds only.
 */
#ifndef KWS__DW3X3_ARMV6M_H
#define KWS__DW3X3_ARMV6M_H

#include "kws_nano.h"

/* kws_depthwise_conv2d_s8 for 3x3 filters, vertical stride 1, depth multiplier 1, every output column seeing an
 * input column and every channel's output stage in the kws__rq6 form: returns 1 after writing the output,
 * 0 (nothing written) otherwise. */
int kws__dw3x3_armv6m(const kws_conv_params *params, const kws_per_channel_quant *quant, const kws_dims *input_dims,
                      const int8_t *input, const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                      const kws_dims *output_dims, int8_t *output);

#endif /* KWS__DW3X3_ARMV6M_H */
