/*
 * KwsNano MAX_POOL_2D int8 reference kernel (TFLite reference_integer_ops::MaxPool).
 */
#include "kws_nano.h"
#include "../kws__fixedpoint.h"

uint32_t kws_maxpool_s8_buffer_size(const kws_dims *output_dims)
{
    (void)output_dims;
    return 0u;
}

kws_status kws_maxpool_s8(const kws_pool_params *params,
                          const kws_dims *input_dims, const int8_t *input,
                          const kws_dims *output_dims, int8_t *output)
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w, ch = input_dims->c;
    const int32_t out_h = output_dims->h, out_w = output_dims->w;
    int32_t oy, ox, c, y, x;

    for (oy = 0; oy < out_h; oy++) {
        const int32_t in_y0 = oy * params->stride_h - params->pad_top;
        const int32_t y_start = in_y0 < 0 ? 0 : in_y0;
        const int32_t y_end = in_y0 + params->filter_h < in_h ? in_y0 + params->filter_h : in_h;
        for (ox = 0; ox < out_w; ox++) {
            const int32_t in_x0 = ox * params->stride_w - params->pad_left;
            const int32_t x_start = in_x0 < 0 ? 0 : in_x0;
            const int32_t x_end = in_x0 + params->filter_w < in_w ? in_x0 + params->filter_w : in_w;
            for (c = 0; c < ch; c++) {
                int32_t max = -128;
                for (y = y_start; y < y_end; y++) {
                    for (x = x_start; x < x_end; x++) {
                        const int32_t v = input[((size_t)y * (size_t)in_w + (size_t)x) * (size_t)ch + (size_t)c];
                        if (v > max) {
                            max = v;
                        }
                    }
                }
                output[((size_t)oy * (size_t)out_w + (size_t)ox) * (size_t)ch + (size_t)c] =
                    (int8_t)kws__clamp(max, params->act_min, params->act_max);
            }
        }
    }
    return KWS_OK;
}
