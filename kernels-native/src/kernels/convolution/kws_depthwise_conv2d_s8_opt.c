/*
 * KwsNano DEPTHWISE_CONV_2D int8 optimized kernel: same arguments and bit-exact result as
 * kws_depthwise_conv2d_s8.
 *
 * depth_multiplier 1: per output pixel the in-bounds window [fy0, fy1) x [fx0, fx1) is computed once
 * (padding handled outside the inner loop), then the channels are processed in blocks of 4, one int32
 * accumulator each, over the in-bounds taps only. With the DSP extension a block is one word of input
 * and one of weights per tap: SXTAB16 widens the input and adds the input offset, SMLABB/SMLATT
 * multiply-accumulate the 4 channels (10 instructions per 4 MACs). Portable C elsewhere.
 * 32-bit RISC-V (KWS__RV32), 3x3 filters with vertical stride 1: kws__dw3x3_slide below, one channel
 * at a time with its 9 taps in registers, sliding a 3x3 window of input values down each output column
 * (3 loads per output instead of 9, no address arithmetic per tap, the input offset folded into a
 * per-column base).
 * With the assembly loops, 64/112/140/172 channels, SAME, vertical stride 1 or 2: kws__dw3x3_rv32.c first (one
 * channel and column at a time, each input row read once, three rotating accumulators).
 * ARMv6-M (M0+): the same column slide, and for 3x3 SAME (one padding row at the top and bottom) with every
 * channel's output stage in the kws__rq6 form kws__dw3x3_armv6m.c first (by input rows in Thumb-1 assembly).
 * ARMv7-M (M3, M4, M7), 3x3 filters, stride 1, every channel's output stage precomputable (kws__rq_init):
 * kws__dw3x3_dsp_planar (kws__dw3x3_dsp.c), one channel at a time down each output column, the window columns
 * copied into a 3-slot ring on the stack, padding as the input zero point so that border windows take the same
 * assembly loop: on DSP cores SXTB16 + SMLAD on pairs of vertical taps (20.5 instructions per output), on M3
 * LDRSB + MLA (33). Other layers: the general loop below.
 * depth_multiplier > 1: one input channel (micro_speech's first layer) kws__dw_c1 below, a convolution with the
 * multiplier's adjacent weights in blocks of 4; more input channels the reference kernel (no catalog model).
 * Requantisation: kws__requant_s8 (kws__requant_fast.h, bit-identical to the reference MBQM + offset + clamp)
 * or, where the shift allows, the precomputed kws__rq form (same values, proof in kws__requant_fast.h).
 * No scratch (ctx unused except by the reference fallback); the DSP path's column ring is its only stack buffer.
 */
#include <stddef.h>
#include "kws_nano.h"
#include "../kws__simd.h"
#if KWS__NARROW
#include "kws__dw3x3_armv6m.h"
#endif
#if KWS__RV32
#include "../kws__rv32.h"
#endif
#include "kws__dw3x3_dsp.h"

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

#if KWS__RV32 || KWS__NARROW /* (ARMv7-M: kws__dw3x3_dsp.c) */
/*
 * 3x3 depthwise, vertical stride 1, depth multiplier 1, one channel `c` (channel stride ch), sliding the
 * window down each output column (KWS models are tall and narrow: ds_cnn_s's depthwise layers are
 * 25 x 5, so a column run is 25 outputs where a row run would be 5):
 *   acc = sum over in-bounds taps of w * x  +  input_offset * (sum of the in-bounds taps' weights),
 * the exact int32 value of the reference's sum of w * (x + input_offset) (|each| <= 9 * 32640); the bias
 * is then added modulo 2^32 as in the reference. A window column outside the input gets zero weights for
 * the whole run (its pointer aims at an in-bounds column, so loads stay inside the input and contribute
 * 0). Outputs whose window leaves the input at the top or bottom are computed row by row with the same
 * rule; the others slide: each output loads one new window row of 3 values.
 * Returns 0 (nothing written) when some output column sees no input column; the caller then uses the
 * general loop.
 */
/* Out of line: its nine taps in registers and the general loop's block of four never share a frame (stack). */
static __attribute__((noinline)) int kws__dw3x3_slide(const kws_conv_params *params, int32_t m, int32_t shift,
                                                      int32_t bias_c, int32_t in_h, int32_t in_w, int32_t ch,
                                                      int32_t c, const int8_t *input, const int8_t *filter,
                                                      int32_t out_h, int32_t out_w, int8_t *output)
{
    const int32_t input_offset = params->offset_folded ? 0 : params->input_offset;
    const int32_t output_offset = params->output_offset, act_min = params->act_min, act_max = params->act_max;
    const size_t cs = (size_t)ch;
    const size_t row_stride = (size_t)in_w * cs, orow_stride = (size_t)out_w * cs;
    const int32_t pad_top = params->pad_top;
    /* sliding outputs: in_y0 = oy - pad_top >= 0 and in_y0 + 2 <= in_h - 1 */
    const int32_t oy_lo = pad_top < out_h ? pad_top : out_h;
    int32_t oy_hi = in_h - 2 + pad_top;
    int32_t wf[3][3];
    int32_t ox, fy, fx;
#define KWS__DW_OUT(acc) kws__requant_s8(acc, m, shift, output_offset, act_min, act_max)
    if (oy_hi > out_h) {
        oy_hi = out_h;
    }
    if (oy_hi < oy_lo) {
        oy_hi = oy_lo;
    }
    for (ox = 0; ox < out_w; ox++) {
        const int32_t in_x0 = ox * params->stride_w - params->pad_left;
        if (in_x0 + 2 < 0 || in_x0 >= in_w) {
            return 0;
        }
    }
    for (fy = 0; fy < 3; fy++) {
        for (fx = 0; fx < 3; fx++) {
            wf[fy][fx] = filter[(size_t)(fy * 3 + fx) * cs + (size_t)c];
        }
    }
    for (ox = 0; ox < out_w; ox++) {
        const int32_t in_x0 = ox * params->stride_w - params->pad_left;
        const int32_t fx0 = in_x0 < 0 ? -in_x0 : 0;
        const int32_t fx1 = in_w - in_x0 < 3 ? in_w - in_x0 : 3;
        /* column offsets (out-of-bounds columns aim at the first in-bounds one) and masked weights */
        size_t xo[3];
        int32_t wv[3][3], rowsum[3], oy;
        int8_t *o = output + (size_t)ox * cs + (size_t)c;
        for (fx = 0; fx < 3; fx++) {
            const int in = fx >= fx0 && fx < fx1;
            xo[fx] = (size_t)(in_x0 + (in ? fx : fx0)) * cs + (size_t)c;
            for (fy = 0; fy < 3; fy++) {
                wv[fy][fx] = in ? wf[fy][fx] : 0;
            }
        }
        for (fy = 0; fy < 3; fy++) {
            rowsum[fy] = wv[fy][0] + wv[fy][1] + wv[fy][2];
        }
        /* outputs whose window leaves the input at the top or bottom, row by row */
        for (oy = 0; oy < out_h; oy++) {
            const int32_t in_y0 = oy - pad_top;
            int32_t acc = 0, wrows = 0;
            if (oy == oy_lo && oy_hi > oy_lo) {
                oy = oy_hi - 1; /* the sliding outputs are done below */
                continue;
            }
            for (fy = 0; fy < 3; fy++) {
                const int32_t y = in_y0 + fy;
                if (y >= 0 && y < in_h) {
                    const int8_t *r = input + (size_t)y * row_stride;
                    acc += wv[fy][0] * r[xo[0]] + wv[fy][1] * r[xo[1]] + wv[fy][2] * r[xo[2]];
                    wrows += rowsum[fy];
                }
            }
            acc += input_offset * wrows; /* |input_offset * wrows| <= 128 * 1152 */
            o[(size_t)oy * orow_stride] = KWS__DW_OUT(kws__wrap_add(acc, bias_c));
        }
        if (oy_hi > oy_lo) {
            /* window rows A, B, D hold input rows in_y0, in_y0 + 1, in_y0 + 2 (3 columns each) */
            const int32_t w00 = wv[0][0], w01 = wv[0][1], w02 = wv[0][2];
            const int32_t w10 = wv[1][0], w11 = wv[1][1], w12 = wv[1][2];
            const int32_t w20 = wv[2][0], w21 = wv[2][1], w22 = wv[2][2];
            const int32_t base = kws__wrap_add(input_offset * (rowsum[0] + rowsum[1] + rowsum[2]), bias_c);
            const int8_t *r = input + (size_t)(oy_lo - pad_top) * row_stride;
            const int8_t *p0 = r + xo[0], *p1 = r + xo[1], *p2 = r + xo[2];
            int8_t *op = o + (size_t)oy_lo * orow_stride;
            int32_t n = oy_hi - oy_lo;
            int32_t a0 = p0[0], a1 = p1[0], a2 = p2[0];
            int32_t b0 = p0[row_stride], b1 = p1[row_stride], b2 = p2[row_stride];
            int32_t d0, d1, d2;
            p0 += 2 * row_stride;
            p1 += 2 * row_stride;
            p2 += 2 * row_stride;
/* one output: new window row into (N0, N1, N2); window rows L, M, N from top to bottom */
#define KWS__DW_SLIDE_OUT(L0, L1, L2, M0, M1, M2, N0, N1, N2)                                             \
    do {                                                                                               \
        int32_t acc_;                                                                                  \
        N0 = *p0;                                                                                      \
        N1 = *p1;                                                                                      \
        N2 = *p2;                                                                                      \
        p0 += row_stride;                                                                              \
        p1 += row_stride;                                                                              \
        p2 += row_stride;                                                                              \
        acc_ = w00 * L0 + w01 * L1 + w02 * L2 + w10 * M0 + w11 * M1 + w12 * M2 + w20 * N0 + w21 * N1 +   \
               w22 * N2;                                                                               \
        *op = KWS__DW_OUT(kws__wrap_add(acc_, base));                                                  \
        op += orow_stride;                                                                             \
    } while (0)
            for (; n >= 3; n -= 3) {
                KWS__DW_SLIDE_OUT(a0, a1, a2, b0, b1, b2, d0, d1, d2);
                KWS__DW_SLIDE_OUT(b0, b1, b2, d0, d1, d2, a0, a1, a2);
                KWS__DW_SLIDE_OUT(d0, d1, d2, a0, a1, a2, b0, b1, b2);
            }
            if (n > 0) {
                KWS__DW_SLIDE_OUT(a0, a1, a2, b0, b1, b2, d0, d1, d2);
                if (n > 1) {
                    KWS__DW_SLIDE_OUT(b0, b1, b2, d0, d1, d2, a0, a1, a2);
                }
            }
#undef KWS__DW_SLIDE_OUT
        }
    }
#undef KWS__DW_OUT
    return 1;
}
#endif



/* The window of an output starting at input row (or column) `start`, possibly negative: its in-bounds filter rows
 * are [kws__dw_first(start), kws__dw_end(start, in, f)) (empty when the window lies wholly in the padding). */
static inline int32_t kws__dw_first(int32_t start)
{
    return start < 0 ? -start : 0;
}

static inline int32_t kws__dw_end(int32_t start, int32_t in, int32_t f)
{
    return in - start < f ? in - start : f;
}

/* Outputs c..c+3 from their accumulators: bias (modulo 2^32, as the reference) and the reference requantisation;
 * per-channel (qs 1) entries c..c+3, per-tensor (qs 0) entry 0 four times. */
static inline __attribute__((always_inline)) void kws__dw_store4(int8_t *o, int32_t a0, int32_t a1, int32_t a2,
                                                                 int32_t a3, const int32_t *bias,
                                                                 const kws_per_channel_quant *quant, int32_t qs,
                                                                 int32_t c, int32_t output_offset, int32_t act_min,
                                                                 int32_t act_max)
{
    const int32_t *mp = quant->multiplier + qs * c, *sp = quant->shift + qs * c;
    if (bias != NULL) {
        a0 = kws__wrap_add(a0, bias[c]);
        a1 = kws__wrap_add(a1, bias[c + 1]);
        a2 = kws__wrap_add(a2, bias[c + 2]);
        a3 = kws__wrap_add(a3, bias[c + 3]);
    }
    o[0] = kws__requant_s8(a0, mp[0], sp[0], output_offset, act_min, act_max);
    o[1] = kws__requant_s8(a1, mp[qs], sp[qs], output_offset, act_min, act_max);
    o[2] = kws__requant_s8(a2, mp[2 * qs], sp[2 * qs], output_offset, act_min, act_max);
    o[3] = kws__requant_s8(a3, mp[3 * qs], sp[3 * qs], output_offset, act_min, act_max);
}

/* Out of line and not cloned (GCC's IPA-SRA clones pass the dims as scalars, on the stack, and lose the tail calls
 * below): each of these frames is alone under the kernel entry. */
#if defined(__GNUC__) && !defined(__clang__)
#define KWS__DW_OUTLINE __attribute__((noinline, noclone))
#else
#define KWS__DW_OUTLINE __attribute__((noinline))
#endif

#if KWS__RV32 || KWS__NARROW
/* kws__dw3x3_slide on every channel (3x3, vertical stride 1); 0 when the shape needs the general loop (then nothing
 * was written: the condition does not depend on the channel). */
static KWS__DW_OUTLINE int kws__dw3x3_slide_all(const kws_conv_params *params,
                                                          const kws_per_channel_quant *quant,
                                                          const kws_dims *input_dims, const int8_t *input,
                                                          const int8_t *filter, const int32_t *bias,
                                                          const kws_dims *output_dims, int8_t *output)
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w, ch = input_dims->c;
    const int32_t out_h = output_dims->h, out_w = output_dims->w;
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    int32_t c;
    for (c = 0; c < ch; c++) {
        const int32_t q = per_channel ? c : 0;
        if (!kws__dw3x3_slide(params, quant->multiplier[q], quant->shift[q], bias != NULL ? bias[c] : 0, in_h, in_w,
                              ch, c, input, filter, out_h, out_w, output)) {
            return 0;
        }
    }
    return 1;
}
#endif

/*
 * The general loop, depth multiplier 1: per output pixel the in-bounds window [fy0, fy1) x [fx0, fx1), then the
 * channels in blocks of 4 over the in-bounds taps. Out of line, as kws__dw3x3_slide_all: the two never share a
 * frame (stack).
 */
static KWS__DW_OUTLINE kws_status kws__dw_loop(const kws_conv_params *params, const kws_per_channel_quant *quant,
                                                   const kws_dims *input_dims, const int8_t *input,
                                                   const kws_dims *filter_dims, const int8_t *filter,
                                                   const int32_t *bias, const kws_dims *output_dims, int8_t *output)
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

    for (oy = 0; oy < out_h; oy++) {
        const int32_t in_y0 = oy * params->stride_h - params->pad_top;
        const int32_t fy0 = kws__dw_first(in_y0), fy1 = kws__dw_end(in_y0, in_h, f_h);
        for (ox = 0; ox < out_w; ox++) {
            const int32_t in_x0 = ox * params->stride_w - params->pad_left;
            const int32_t fx0 = kws__dw_first(in_x0), fx1 = kws__dw_end(in_x0, in_w, f_w);
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
                kws__dw_store4(o + c, a0, a1, a2, a3, bias, quant, per_channel, c, output_offset, act_min, act_max);
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

/*
 * One input channel, depth multiplier M (TFLM micro_speech's first layer: 49 x 40 x 1 input, 10 x 8 filter, stride 2,
 * M = 8): a convolution with one input channel, whose M weights per tap are adjacent in the filter ([1, fh, fw, M]).
 * Per output pixel the in-bounds window [fy0, fy1) x [fx0, fx1) once, then the M outputs in blocks of 4, each tap's
 * input value loaded once per block. Same terms as the reference (overflow bound: f_h * f_w <= 65536 taps of
 * |w * (x + off)| <= 32640), bias added modulo 2^32, the reference requantisation.
 */
static KWS__DW_OUTLINE kws_status kws__dw_c1(const kws_conv_params *params, const kws_per_channel_quant *quant,
                                             const kws_dims *input_dims, const int8_t *input,
                                             const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                             const kws_dims *output_dims, int8_t *output)
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w;
    const int32_t f_h = filter_dims->h, f_w = filter_dims->w;
    const int32_t out_h = output_dims->h, out_w = output_dims->w, mult = output_dims->c;
    const int32_t input_offset = params->offset_folded ? 0 : params->input_offset;
    const int32_t qs = quant->count > 1 ? 1 : 0;
    const int32_t output_offset = params->output_offset, act_min = params->act_min, act_max = params->act_max;
    const size_t wrow = (size_t)f_w * (size_t)mult; /* weight bytes per filter row */
    int32_t oy, ox;
    for (oy = 0; oy < out_h; oy++) {
        const int32_t in_y0 = oy * params->stride_h - params->pad_top;
        const int32_t fy0 = kws__dw_first(in_y0), fy1 = kws__dw_end(in_y0, in_h, f_h);
        for (ox = 0; ox < out_w; ox++) {
            const int32_t in_x0 = ox * params->stride_w - params->pad_left;
            const int32_t fx0 = kws__dw_first(in_x0), fx1 = kws__dw_end(in_x0, in_w, f_w);
            int8_t *o = output + ((size_t)oy * (size_t)out_w + (size_t)ox) * (size_t)mult;
            /* no in-bounds tap at all: the sums stay 0 and no pointer is formed */
            const int32_t n_fy = fx1 > fx0 ? fy1 - fy0 : 0;
            int32_t m = 0, fy, fx;
            for (; m + 4 <= mult; m += 4) {
                int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
                for (fy = fy0; fy < fy0 + n_fy; fy++) {
                    /* the first in-bounds tap of the window row (in_y0 + fy >= 0, in_x0 + fx0 >= 0) */
                    const int8_t *xr = input + (size_t)(in_y0 + fy) * (size_t)in_w + (size_t)(in_x0 + fx0);
                    const int8_t *wp = filter + (size_t)fy * wrow + (size_t)fx0 * (size_t)mult + (size_t)m;
                    for (fx = fx0; fx < fx1; fx++, xr++, wp += mult) {
                        const int32_t xv = *xr + input_offset;
                        a0 += wp[0] * xv;
                        a1 += wp[1] * xv;
                        a2 += wp[2] * xv;
                        a3 += wp[3] * xv;
                    }
                }
                kws__dw_store4(o + m, a0, a1, a2, a3, bias, quant, qs, m, output_offset, act_min, act_max);
            }
            for (; m < mult; m++) { /* M % 4 remaining outputs */
                int32_t a = 0;
                for (fy = fy0; fy < fy0 + n_fy; fy++) {
                    const int8_t *xr = input + (size_t)(in_y0 + fy) * (size_t)in_w + (size_t)(in_x0 + fx0);
                    const int8_t *wp = filter + (size_t)fy * wrow + (size_t)fx0 * (size_t)mult + (size_t)m;
                    for (fx = fx0; fx < fx1; fx++, xr++, wp += mult) {
                        a += *wp * (*xr + input_offset);
                    }
                }
                if (bias != NULL) {
                    a = kws__wrap_add(a, bias[m]);
                }
                o[m] = kws__requant_s8(a, quant->multiplier[qs * m], quant->shift[qs * m], output_offset, act_min,
                                       act_max);
            }
        }
    }
    return KWS_OK;
}

uint32_t kws_depthwise_conv2d_s8_opt_buffer_size(const kws_dims *input_dims, const kws_dims *filter_dims)
{
    (void)input_dims;
    (void)filter_dims;
    return 0u;
}

#if KWS__RV32 && !KWS__ASM_LOOPS
/* 32-bit RISC-V without the assembly (no DSP path): the kernel is one body. */
kws_status kws_depthwise_conv2d_s8_opt(const kws_context *ctx, const kws_conv_params *params, const kws_per_channel_quant *quant,
                                       const kws_dims *input_dims, const int8_t *input,
                                       const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                       const kws_dims *output_dims, int8_t *output)
#else
/* Everything but the DSP 3x3 path: out of line, so that the two paths' frames are never stacked. */
static __attribute__((noinline)) kws_status kws__dw_general(const kws_context *ctx, const kws_conv_params *params,
                                                            const kws_per_channel_quant *quant,
                                                            const kws_dims *input_dims, const int8_t *input,
                                                            const kws_dims *filter_dims, const int8_t *filter,
                                                            const int32_t *bias, const kws_dims *output_dims,
                                                            int8_t *output);


kws_status kws_depthwise_conv2d_s8_opt(const kws_context *ctx, const kws_conv_params *params, const kws_per_channel_quant *quant,
                                       const kws_dims *input_dims, const int8_t *input,
                                       const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                       const kws_dims *output_dims, int8_t *output)
{
#if KWS__RV32 && KWS__ASM_LOOPS
    /* rv32: the 3x3 column kernel (kws__dw3x3_rv32.c) when its shape conditions hold, out of line */
    if (params->depth_multiplier == 1 && kws__dw3x3_rv32(params, quant, input_dims, input, filter_dims, filter, bias,
                                                         output_dims, output)) {
        return KWS_OK;
    }
#endif
#if KWS__RQ_ASM
    /* ARMv7-M (M3, M4, M7): the column path of kws__dw3x3_dsp.c, for columns of at least 5 output rows (its cost per
     * channel and column, about 450 + 116 * rows instructions for 5 columns, is below the general loop's 42 per output
     * from 5 rows on; the in-place kernel's one-row calls take the general loop) */
    if (params->depth_multiplier == 1 && filter_dims->h == 3 && filter_dims->w == 3 && params->stride_h == 1 &&
        params->stride_w == 1 && output_dims->h >= 5 && kws__dw3x3_dsp_ok(params, quant)) {
        return kws__dw3x3_dsp_planar(ctx, params, quant, input_dims, input, filter_dims, filter, bias, output_dims,
                                     output); /* a tail call, as the one below */
    }
#endif
#if KWS__NARROW
    /* ARMv6-M, 3x3, precomputed output stage on every channel: kws__dw3x3_armv6m.c */
    if (kws__dw3x3_armv6m(params, quant, input_dims, input, filter_dims, filter, bias, output_dims, output)) {
        return KWS_OK;
    }
#endif
    return kws__dw_general(ctx, params, quant, input_dims, input, filter_dims, filter, bias, output_dims, output);
}

static kws_status kws__dw_general(const kws_context *ctx, const kws_conv_params *params,
                                  const kws_per_channel_quant *quant, const kws_dims *input_dims, const int8_t *input,
                                  const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                  const kws_dims *output_dims, int8_t *output)
#endif
{
    if (params->depth_multiplier != 1) {
        if (input_dims->c == 1) {
            return kws__dw_c1(params, quant, input_dims, input, filter_dims, filter, bias, output_dims, output);
        }
        return kws_depthwise_conv2d_s8(ctx, params, quant, input_dims, input, filter_dims, filter, bias, output_dims,
                                       output);
    }
#if KWS__RV32 || KWS__NARROW
    if (filter_dims->h == 3 && filter_dims->w == 3 && params->stride_h == 1 &&
        kws__dw3x3_slide_all(params, quant, input_dims, input, filter, bias, output_dims, output)) {
        return KWS_OK;
    }
#endif
    return kws__dw_loop(params, quant, input_dims, input, filter_dims, filter, bias, output_dims, output);
}
