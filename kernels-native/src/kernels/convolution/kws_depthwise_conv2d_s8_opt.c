/*
 * KwsNano DEPTHWISE_CONV_2D int8 optimized kernel: same arguments and bit-exact result as
 * kws_depthwise_conv2d_s8.
 *
 * depth_multiplier 1: per output pixel the in-bounds window [fy0, fy1) x [fx0, fx1) is computed once
 * (padding handled outside the inner loop), then the channels are processed in blocks of 4, one int32
 * accumulator each, over the in-bounds taps only. With the DSP extension a block is one word of input
 * and one of weights per tap: SXTAB16 widens the input and adds the input offset, SMLABB/SMLATT
 * multiply-accumulate the 4 channels (10 instructions per 4 MACs). Portable C elsewhere.
 * depth_multiplier > 1: the reference kernel (no model in the catalog uses it).
 * Requantisation: kws__requant_s8 (kws__requant_fast.h, bit-identical to the reference MBQM + offset + clamp).
 * No scratch, no stack buffers.
 */
#include "kws_nano.h"
#include "../kws__simd.h"

/* One window tap for 4 channels: a0..a3 += w[0..3] * (x[0..3] + input_offset). */
#if KWS__DSP
#define KWS__DW_TAP(xp, wp)                                                                            \
    do {                                                                                               \
        const int32_t xv_ = kws__dsp_ld4(xp), wv_ = kws__dsp_ld4(wp);                                  \
        const int32_t xe_ = kws__dsp_even_add(off2, xv_), xo_ = kws__dsp_odd_add(off2, xv_);           \
        const int32_t we_ = kws__dsp_even(wv_), wo_ = kws__dsp_odd(wv_);                               \
        a0 = kws__dsp_smlabb(we_, xe_, a0);                                                            \
        a2 = kws__dsp_smlatt(we_, xe_, a2);                                                            \
        a1 = kws__dsp_smlabb(wo_, xo_, a1);                                                            \
        a3 = kws__dsp_smlatt(wo_, xo_, a3);                                                            \
    } while (0)
#else
#define KWS__DW_TAP(xp, wp)                                                                            \
    do {                                                                                               \
        const int8_t *x_ = (xp);                                                                       \
        const int8_t *w_ = (wp);                                                                       \
        a0 += w_[0] * (x_[0] + input_offset);                                                          \
        a1 += w_[1] * (x_[1] + input_offset);                                                          \
        a2 += w_[2] * (x_[2] + input_offset);                                                          \
        a3 += w_[3] * (x_[3] + input_offset);                                                          \
    } while (0)
#endif

uint32_t kws_depthwise_conv2d_s8_opt_buffer_size(const kws_dims *input_dims, const kws_dims *filter_dims)
{
    (void)input_dims;
    (void)filter_dims;
    return 0u;
}

kws_status kws_depthwise_conv2d_s8_opt(const kws_conv_params *params, const kws_per_channel_quant *quant,
                                       const kws_dims *input_dims, const int8_t *input,
                                       const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                       const kws_dims *output_dims, int8_t *output)
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w, ch = input_dims->c;
    const int32_t f_h = filter_dims->h, f_w = filter_dims->w;
    const int32_t out_h = output_dims->h, out_w = output_dims->w;
    const int32_t input_offset = params->offset_folded ? 0 : params->input_offset;
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    const int32_t output_offset = params->output_offset, act_min = params->act_min, act_max = params->act_max;
    const size_t row_stride = (size_t)in_w * (size_t)ch;     /* input bytes per row */
    const size_t wrow_stride = (size_t)f_w * (size_t)ch;     /* weight bytes per filter row */
    int32_t oy, ox;

    if (params->depth_multiplier != 1) {
        return kws_depthwise_conv2d_s8(params, quant, input_dims, input, filter_dims, filter, bias, output_dims,
                                       output);
    }

    for (oy = 0; oy < out_h; oy++) {
        const int32_t in_y0 = oy * params->stride_h - params->pad_top;
        const int32_t fy0 = in_y0 < 0 ? -in_y0 : 0;
        const int32_t fy1 = in_h - in_y0 < f_h ? in_h - in_y0 : f_h;
        for (ox = 0; ox < out_w; ox++) {
            const int32_t in_x0 = ox * params->stride_w - params->pad_left;
            const int32_t fx0 = in_x0 < 0 ? -in_x0 : 0;
            const int32_t fx1 = in_w - in_x0 < f_w ? in_w - in_x0 : f_w;
            const int32_t nfx = fx1 - fx0;
            int8_t *o = output + ((size_t)oy * (size_t)out_w + (size_t)ox) * (size_t)ch;
            /* first in-bounds tap of channel 0, in the input and in the weights (no in-bounds tap at all:
             * the accumulators stay 0 and the pointers are unused) */
            const int any = fy1 > fy0 && nfx > 0;
            const int8_t *x_base = any ? input + (size_t)(in_y0 + fy0) * row_stride + (size_t)(in_x0 + fx0) * (size_t)ch
                                       : input;
            const int8_t *w_base = any ? filter + (size_t)fy0 * wrow_stride + (size_t)fx0 * (size_t)ch : filter;
            int32_t c = 0;
            /* Overflow bound (as the reference): at most f_h * f_w <= 65536 taps of |w * (x + off)| <= 32640. */
            for (; c + 4 <= ch; c += 4) {
                int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                int32_t fy, fx;
                if (any) {
                    const int8_t *xr = x_base + c;
                    const int8_t *wr = w_base + c;
#if KWS__DSP
                    const int32_t off2 = kws__dsp_dup16(input_offset);
#endif
                    if (nfx == 3) { /* 3-wide window rows (3x3 filters away from the left/right edge): unrolled */
                        const size_t c1 = (size_t)ch, c2 = 2 * (size_t)ch;
                        for (fy = fy0; fy < fy1; fy++, xr += row_stride, wr += wrow_stride) {
                            KWS__DW_TAP(xr, wr);
                            KWS__DW_TAP(xr + c1, wr + c1);
                            KWS__DW_TAP(xr + c2, wr + c2);
                        }
                    } else {
                        for (fy = fy0; fy < fy1; fy++, xr += row_stride, wr += wrow_stride) {
                            const int8_t *xp = xr;
                            const int8_t *wp = wr;
                            for (fx = 0; fx < nfx; fx++, xp += ch, wp += ch) {
                                KWS__DW_TAP(xp, wp);
                            }
                        }
                    }
                }
                if (bias != NULL) {
                    a0 = kws__wrap_add(a0, bias[c]);
                    a1 = kws__wrap_add(a1, bias[c + 1]);
                    a2 = kws__wrap_add(a2, bias[c + 2]);
                    a3 = kws__wrap_add(a3, bias[c + 3]);
                }
                {
                    /* per-channel: entries c..c+3; per-tensor: entry 0 four times */
                    const int32_t qs = per_channel ? 1 : 0;
                    const int32_t *mp = quant->multiplier + qs * c, *sp = quant->shift + qs * c;
                    o[c] = kws__requant_s8(a0, mp[0], sp[0], output_offset, act_min, act_max);
                    o[c + 1] = kws__requant_s8(a1, mp[qs], sp[qs], output_offset, act_min, act_max);
                    o[c + 2] = kws__requant_s8(a2, mp[2 * qs], sp[2 * qs], output_offset, act_min, act_max);
                    o[c + 3] = kws__requant_s8(a3, mp[3 * qs], sp[3 * qs], output_offset, act_min, act_max);
                }
            }
            for (; c < ch; c++) { /* remaining channels (ch % 4), one at a time */
                const int32_t q = per_channel ? c : 0;
                int32_t a = 0;
                int32_t fy, fx;
                if (any) {
                    const int8_t *xr = x_base + c;
                    const int8_t *wr = w_base + c;
                    for (fy = fy0; fy < fy1; fy++, xr += row_stride, wr += wrow_stride) {
                        for (fx = 0; fx < nfx; fx++) {
                            a += wr[(size_t)fx * (size_t)ch] * (xr[(size_t)fx * (size_t)ch] + input_offset);
                        }
                    }
                }
                if (bias != NULL) {
                    a = kws__wrap_add(a, bias[c]);
                }
                o[c] = kws__requant_s8(a, quant->multiplier[q], quant->shift[q], output_offset, act_min, act_max);
            }
        }
    }
    return KWS_OK;
}
