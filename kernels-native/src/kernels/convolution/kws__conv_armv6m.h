/*
 * KwsNano internal: the ARMv6-M gathered-window convolution channel loop (kws__conv_armv6m.c), KWS__NARROW only.
 */
#ifndef KWS__CONV_ARMV6M_H
#define KWS__CONV_ARMV6M_H

#include "kws_nano.h"

/* o[oc] = clamp(requant(bias[oc] + col . filter[oc * k ..])) for oc < out_c (col: k gathered int16 window values),
 * for layers where kws__mm6_applies (kws__mat_mult_armv6m.h). */
void kws__conv6_pixel(const int16_t *col, const int8_t *filter, int32_t k, int32_t out_c, const int32_t *bias,
                      const kws_per_channel_quant *quant, int32_t output_offset, int32_t act_min, int32_t act_max,
                      int8_t *o);

#endif /* KWS__CONV_ARMV6M_H */
