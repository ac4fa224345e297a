/*
 * KwsNano internal: the fused CONV_2D -> DEPTHWISE_CONV_2D driver (kws__fused.h).
 *
 * Memory: ctx holds the ring first (kws__conv_dw_fused_ring_size bytes: buffer row i is conv row lo + i), then
 * whatever scratch the conv kernel may use. For depthwise output row y the driver needs conv rows [lo, hi) with
 * lo = max(0, y * s - p) and hi = min(H, y * s - p + fh) (s, p, fh the depthwise stride, pad_top and filter height):
 * rows it already holds move to the front of the ring (memmove; for micronet's stride 2, filter 3 one row per output
 * row), the missing ones are computed by one conv call on a slice of conv output rows, and the depthwise kernel runs
 * on the window [lo, hi) with pad_top = lo - (y * s - p) and one output row.
 * A conv slice of output rows [a, b) reads input rows from a * stride - pad_top: when that is >= 0 the slice is
 * given the input from that row (pad_top 0, the remaining height), else the whole input with pad_top - a * stride;
 * the in-bounds taps, and so the results, are those of the full call.
 */
#include <string.h>
#include "kws__fused.h"

uint32_t kws__conv_dw_fused_ring_size(const kws_dims *mid_dims, const kws_dims *dw_filter_dims)
{
    const uint32_t rows = (uint32_t)(dw_filter_dims->h < mid_dims->h ? dw_filter_dims->h : mid_dims->h);
    return rows * (uint32_t)mid_dims->w * (uint32_t)mid_dims->c;
}

#if defined(__GNUC__) || defined(__clang__)
#define KWS__FUSED_NOINLINE __attribute__((noinline))
#else
#define KWS__FUSED_NOINLINE
#endif

/* Conv output rows [a, b) into `out` (rows of mid_w * mid_c bytes). Out of line, as is kws__dw_row: the two
 * kernels' argument copies then never share the driver's frame (stack). */
static KWS__FUSED_NOINLINE kws_status kws__conv_rows(kws__conv_kernel conv, const kws_context *conv_ctx, const kws_conv_dw_fused_params *fp,
                                 const kws_dims *input_dims, const int8_t *input, int32_t a, int32_t b, int8_t *out)
{
    kws_conv_params p = fp->conv;
    kws_dims in = *input_dims, o = fp->mid_dims;
    const int32_t first = a * p.stride_h - p.pad_top;
    if (first >= 0) {
        input += (size_t)first * (size_t)in.w * (size_t)in.c;
        in.h -= first;
        p.pad_top = 0;
    } else {
        p.pad_top = -first;
    }
    o.h = b - a;
    return conv(conv_ctx, &p, &fp->conv_quant, &in, input, &fp->conv_filter_dims, fp->conv_filter, fp->conv_bias, &o, out);
}

/* Depthwise output row y from the conv rows [lo, hi) held at the front of the ring. */
static KWS__FUSED_NOINLINE kws_status kws__dw_row(kws__conv_kernel dw, const kws_conv_dw_fused_params *fp, const int8_t *ring,
                                                 int32_t y, int32_t lo, int32_t hi, const kws_dims *output_dims,
                                                 int8_t *out_row)
{
    static const kws_context none = {NULL, 0u};
    const int32_t top = y * fp->dw.stride_h - fp->dw.pad_top;
    kws_conv_params p = fp->dw;
    kws_dims win = fp->mid_dims, one = *output_dims;
    win.h = hi - lo > 0 ? hi - lo : 0;
    p.pad_top = lo - top;
    one.h = 1;
    if (win.h == 0) {
        /* a window wholly in the padding: every tap skipped, as in the full call (bias only) */
        win.h = 1;
        p.pad_top = fp->dw_filter_dims.h; /* the one input row lies below the filter */
    }
    return dw(&none, &p, &fp->dw_quant, &win, ring, &fp->dw_filter_dims, fp->dw_filter, fp->dw_bias, &one, out_row);
}

kws_status kws__conv_dw_fused(kws__conv_kernel conv, kws__conv_kernel dw, const kws_context *ctx,
                              const kws_conv_dw_fused_params *fp, const kws_dims *input_dims, const int8_t *input,
                              const kws_dims *output_dims, int8_t *output)
{
    const kws_dims *mid = &fp->mid_dims;
    const uint32_t ring_bytes = kws__conv_dw_fused_ring_size(mid, &fp->dw_filter_dims);
    const size_t row = (size_t)mid->w * (size_t)mid->c;
    const size_t out_row = (size_t)output_dims->w * (size_t)output_dims->c;
    int8_t *ring = (int8_t *)ctx->buf;
    const uint32_t ring_aligned = (ring_bytes + 15u) & ~15u;
    kws_context conv_ctx = {NULL, 0u};
    int32_t have_lo = 0, have_hi = 0, y;
    if (ctx == NULL || ctx->buf == NULL || ctx->size < ring_bytes) {
        return KWS_ERR_ARENA; /* the loader checks the planned scratch; only a direct caller can get here */
    }
    if (ctx->size > ring_aligned) { /* the rest of the scratch is the conv kernel's */
        conv_ctx.buf = (uint8_t *)ctx->buf + ring_aligned;
        conv_ctx.size = ctx->size - ring_aligned;
    }
    for (y = 0; y < output_dims->h; y++) {
        const int32_t top = y * fp->dw.stride_h - fp->dw.pad_top;
        const int32_t lo = top > 0 ? top : 0;
        const int32_t end = top + fp->dw_filter_dims.h;
        const int32_t hi = end < mid->h ? end : mid->h;
        kws_status st;
        if (lo < hi) {
            /* keep the rows already held, [max(lo, have_lo), have_hi), at the front */
            if (lo < have_hi && lo > have_lo) {
                memmove(ring, ring + (size_t)(lo - have_lo) * row, (size_t)(have_hi - lo) * row);
                have_lo = lo;
            } else if (lo >= have_hi || lo < have_lo) {
                have_lo = lo;
                have_hi = lo;
            }
            if (have_hi < hi) {
                st = kws__conv_rows(conv, &conv_ctx, fp, input_dims, input, have_hi, hi,
                                    ring + (size_t)(have_hi - have_lo) * row);
                if (st != KWS_OK) {
                    return st;
                }
                have_hi = hi;
            }
        }
        st = kws__dw_row(dw, fp, ring, y, lo, hi, output_dims, output + (size_t)y * out_row);
        if (st != KWS_OK) {
            return st;
        }
    }
    return KWS_OK;
}
