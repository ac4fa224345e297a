/*
 * KwsNano internal: in-place drivers (kws__inplace.h).
 */
#include <string.h>
#include "kws__inplace.h"

uint32_t kws_conv2d_1x1_s8_inplace_buffer_size(const kws_dims *dims)
{
    const uint32_t pixels = (uint32_t)dims->h * (uint32_t)dims->w;
    const uint32_t chunk = 2u * (uint32_t)dims->w < pixels ? 2u * (uint32_t)dims->w : pixels;
    return chunk * (uint32_t)dims->c;
}

uint32_t kws_depthwise_conv2d_3x3_s8_inplace_buffer_size(const kws_dims *dims)
{
    return 2u * (uint32_t)dims->w * (uint32_t)dims->c;
}

/*
 * Pixels [p, p + n) of the output depend only on pixels [p, p + n) of the input: compute a chunk into the
 * scratch, copy it over the input chunk it replaces, next chunk.
 */
kws_status kws__conv1x1_inplace(kws__conv_kernel kernel, const kws_context *ctx, const kws_conv_params *params,
                                const kws_per_channel_quant *quant, const kws_dims *dims, const int8_t *filter,
                                const int32_t *bias, int8_t *data)
{
    const uint32_t c = (uint32_t)dims->c;
    const uint32_t pixels = (uint32_t)dims->h * (uint32_t)dims->w;
    const uint32_t chunk = kws_conv2d_1x1_s8_inplace_buffer_size(dims) / c;
    int8_t *const tmp = (int8_t *)ctx->buf;
    kws_dims fd, sd;
    uint32_t p;
    fd.n = (int32_t)c;
    fd.h = 1;
    fd.w = 1;
    fd.c = (int32_t)c;
    sd.n = 1;
    sd.h = 1;
    sd.c = (int32_t)c;
    for (p = 0; p < pixels; p += chunk) {
        const uint32_t n = pixels - p < chunk ? pixels - p : chunk;
        int8_t *const x = data + (size_t)p * c;
        kws_status st;
        sd.w = (int32_t)n;
        st = kernel(NULL, params, quant, &sd, x, &fd, filter, bias, &sd, tmp);
        if (st != KWS_OK) {
            return st;
        }
        memcpy(x, tmp, (size_t)n * c);
    }
    return KWS_OK;
}

/*
 * Output row y of a 3x3 stride-1 SAME depthwise reads input rows y-1..y+1 (those inside the tensor). Row y is
 * computed into ring slot y % 2, then output row y-1 (slot (y-1) % 2) is written back: input row y-1 is read by
 * no later row. The slice passed to the kernel is input rows max(y-1, 0)..min(y+1, H-1) with pad_top 1 for y = 0
 * (0 otherwise) and one output row, so the kernel sees exactly the taps the whole-tensor call sees for row y.
 */
kws_status kws__dw3x3_inplace(kws__conv_kernel kernel, const kws_context *ctx, const kws_conv_params *params,
                              const kws_per_channel_quant *quant, const kws_dims *dims, const int8_t *filter,
                              const int32_t *bias, int8_t *data)
{
    const int32_t h = dims->h;
    const size_t row = (size_t)dims->w * (size_t)dims->c;
    int8_t *const ring = (int8_t *)ctx->buf;
    kws_conv_params p = *params;
    kws_dims fd, id, od;
    int32_t y;
    fd.n = 1;
    fd.h = 3;
    fd.w = 3;
    fd.c = dims->c;
    id = *dims;
    od = *dims;
    od.h = 1;
    for (y = 0; y < h; y++) {
        const int32_t y0 = y > 0 ? y - 1 : 0;
        const int32_t y1 = y + 1 < h ? y + 1 : h - 1;
        kws_status st;
        id.h = y1 - y0 + 1;
        p.pad_top = y > 0 ? 0 : 1;
        st = kernel(NULL, &p, quant, &id, data + (size_t)y0 * row, &fd, filter, bias, &od, ring + (size_t)(y & 1) * row);
        if (st != KWS_OK) {
            return st;
        }
        if (y > 0) {
            memcpy(data + (size_t)(y - 1) * row, ring + (size_t)((y - 1) & 1) * row, row);
        }
    }
    memcpy(data + (size_t)(h - 1) * row, ring + (size_t)((h - 1) & 1) * row, row);
    return KWS_OK;
}
