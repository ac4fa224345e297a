/*
 * KwsNano CONV_2D int8 reference kernel (TFLite reference_integer_ops::ConvPerChannel, dilation 1).
 */
#include "kws_nano.h"
#include "../kws__fixedpoint.h"

uint32_t kws_conv2d_s8_buffer_size(const kws_dims *input_dims, const kws_dims *filter_dims)
{
    (void)input_dims;
    (void)filter_dims;
    return 0u;
}

kws_status kws_conv2d_s8(const kws_context *ctx, const kws_conv_params *params, const kws_per_channel_quant *quant,
                         const kws_dims *input_dims, const int8_t *input,
                         const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                         const kws_dims *output_dims, int8_t *output)
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w, in_c = input_dims->c;
    const int32_t f_h = filter_dims->h, f_w = filter_dims->w;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, out_c = output_dims->c;
    const int32_t input_offset = params->offset_folded ? 0 : params->input_offset;
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    int32_t oy, ox, oc, fy, fx, ic;

    (void)ctx; /* no scratch */
    for (oy = 0; oy < out_h; oy++) {
        const int32_t in_y0 = oy * params->stride_h - params->pad_top;
        for (ox = 0; ox < out_w; ox++) {
            const int32_t in_x0 = ox * params->stride_w - params->pad_left;
            for (oc = 0; oc < out_c; oc++) {
                const int8_t *w_oc = filter + (size_t)oc * (size_t)(f_h * f_w * in_c);
                const int32_t q = per_channel ? oc : 0;
                /*
                 * Overflow bound: each term |w * (x + offset)| <= 128 * 255 = 32640 and the loader
                 * limits f_h * f_w * in_c to 65536 terms, so |acc| <= 2,139,095,040 < 2^31.
                 */
                int32_t acc = 0;
                int32_t v;
                for (fy = 0; fy < f_h; fy++) {
                    const int32_t in_y = in_y0 + fy;
                    if (in_y < 0 || in_y >= in_h) {
                        continue; /* padding taps contribute nothing */
                    }
                    for (fx = 0; fx < f_w; fx++) {
                        const int32_t in_x = in_x0 + fx;
                        const int8_t *x;
                        const int8_t *w;
                        if (in_x < 0 || in_x >= in_w) {
                            continue;
                        }
                        x = input + ((size_t)in_y * (size_t)in_w + (size_t)in_x) * (size_t)in_c;
                        w = w_oc + ((size_t)fy * (size_t)f_w + (size_t)fx) * (size_t)in_c;
                        for (ic = 0; ic < in_c; ic++) {
                            acc += (int32_t)w[ic] * ((int32_t)x[ic] + input_offset);
                        }
                    }
                }
                if (bias != NULL) {
                    acc = kws__wrap_add(acc, bias[oc]); /* int32 wrap as TFLite; never in valid models */
                }
                v = kws__mbqm(acc, quant->multiplier[q], quant->shift[q]);
                v = kws__wrap_add(v, params->output_offset); /* clamped next */
                output[((size_t)oy * (size_t)out_w + (size_t)ox) * (size_t)out_c + (size_t)oc] =
                    (int8_t)kws__clamp(v, params->act_min, params->act_max);
            }
        }
    }
    return KWS_OK;
}
