/*
 * KwsNano internal: CONV_2D with a gathered window of K = 40 taps (the catalog's first layers: 10x4 on one
 * channel) on 32-bit RISC-V (KWS__RV32, optimizing GCC builds: KWS__ASM_LOOPS), called by kws_conv2d_s8_opt.
 * Needs kws_conv2d_s8_opt_buffer_size() bytes of ctx scratch (two windows of 40 int16) and every channel's
 * output stage precomputable (kws__rvq, kws__rv32.h); returns 0 otherwise (nothing written).
 *
 * The output pixels in output order, two at a time (across row ends too: consecutive pixels are adjacent in
 * the output either way; an odd last pixel is gathered twice and its copy dropped). Each pixel's window is
 * gathered once into the scratch as int16 x + input_offset (0 for padding taps, which the reference skips),
 * |value| <= 255. Then 8 channels x 2 pixels per pass in inline assembly, the 16 accumulators starting at
 * the biases: per tap 2 halfword loads, 8 byte loads (the 8 weight rows at immediate offsets 40 apart),
 * 16 MUL and 16 ADD for 16 MACs. The sums wrap modulo 2^32 like the reference's bias addition;
 * |sum of w * (x + off)| <= 40 * 128 * 255 < 2^21. A block of 4 channels for out_c % 8 >= 4, the last
 * out_c % 4 channels in C.
 * Output stage: kws__rv_rq with the channel's constants derived from its multiplier and shift
 * (M2 = 2m, e1 = -shift - 1 = ~shift, r = (1 + 2 * output_offset) << (e1 - 1) = 2^(e1-1) + output_offset * 2^e1).
 */
#include <stddef.h>
#include "kws_nano.h"
#include "../kws__simd.h"
#include "../kws__rv32.h"

#if KWS__RV32 && KWS__ASM_LOOPS

#define KWS__RV_CV_K 40

/* one weight row (channel I) of tap j: a[I] += w * ca, b[I] += w * cb */
#define KWS__RV_CV_CH(j, I)                                                                            \
    "lb %[w], " #I "*40+" #j "(%[pw])\n\t"                                                             \
    "mul %[t], %[w], %[ca]\n\t"                                                                        \
    "add %[a" #I "], %[a" #I "], %[t]\n\t"                                                             \
    "mul %[w], %[w], %[cb]\n\t"                                                                        \
    "add %[b" #I "], %[b" #I "], %[w]\n\t"
#define KWS__RV_CV_COLS(j)                                                                             \
    "lh %[ca], 2*" #j "(%[pc])\n\t"                                                                    \
    "lh %[cb], 80+2*" #j "(%[pc])\n\t"
#define KWS__RV_CV_STEP8(j)                                                                            \
    KWS__RV_CV_COLS(j) KWS__RV_CV_CH(j, 0) KWS__RV_CV_CH(j, 1) KWS__RV_CV_CH(j, 2) KWS__RV_CV_CH(j, 3) \
        KWS__RV_CV_CH(j, 4) KWS__RV_CV_CH(j, 5) KWS__RV_CV_CH(j, 6) KWS__RV_CV_CH(j, 7)
#define KWS__RV_CV_STEP4(j)                                                                            \
    KWS__RV_CV_COLS(j) KWS__RV_CV_CH(j, 0) KWS__RV_CV_CH(j, 1) KWS__RV_CV_CH(j, 2) KWS__RV_CV_CH(j, 3)
#define KWS__RV_CV_LD(I)                                                                               \
    "lw %[a" #I "], " #I "*4(%[bp])\n\t"                                                               \
    "mv %[b" #I "], %[a" #I "]\n\t"
#define KWS__RV_CV_LOOP_END                                                                            \
    "addi %[pc], %[pc], 8\n\t"                                                                         \
    "addi %[pw], %[pw], 4\n\t"                                                                         \
    "bne %[pw], %[end], 1b"

/* one channel's output stage from its multiplier and shift (constants as in the header comment) */
static KWS__RV_INLINE int8_t kws__rv_cv_out(int32_t acc, int32_t m, int32_t shift, int32_t k1, int32_t act_min,
                                            int32_t act_max)
{
    const int32_t e1 = ~shift;
    const int32_t r = (int32_t)((uint32_t)k1 << (e1 - 1));
    return kws__rv_clamp(kws__rv_rq(acc, (uint32_t)m << 1, e1, r), act_min, act_max);
}

/* Gather the window of output pixel (py, px) into col: x + input_offset, 0 for padding taps (one loop, so
 * that GCC makes no memset call of the padding runs: the frame stays small). */
static void kws__rv_cv_gather(int16_t *col, const int8_t *input, int32_t in_h, int32_t in_w, int32_t in_c,
                              int32_t f_h, int32_t f_w, int32_t y0, int32_t x0, int32_t input_offset)
{
    int32_t fy, fx, ic;
    for (fy = 0; fy < f_h; fy++) {
        const int32_t y = y0 + fy;
        const int yin = y >= 0 && y < in_h;
        for (fx = 0; fx < f_w; fx++) {
            const int32_t x = x0 + fx;
            const int in = yin && x >= 0 && x < in_w;
            const int8_t *const p = in ? input + ((size_t)y * (size_t)in_w + (size_t)x) * (size_t)in_c : input;
            const int32_t off = in ? input_offset : 0;
            const int32_t keep = in ? -1 : 0; /* padding: 0 */
            for (ic = 0; ic < in_c; ic++) {
                *col++ = (int16_t)((p[ic] & keep) + off);
            }
        }
    }
}

int kws__conv_col_rv32(const kws_context *ctx, const kws_conv_params *params, const kws_per_channel_quant *quant,
                       const kws_dims *input_dims, const int8_t *input, const kws_dims *filter_dims,
                       const int8_t *filter, const int32_t *bias, const kws_dims *output_dims, int8_t *output)
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w, in_c = input_dims->c;
    const int32_t f_h = filter_dims->h, f_w = filter_dims->w;
    const int32_t out_w = output_dims->w, out_c = output_dims->c;
    const int32_t n = output_dims->h * out_w;
    const int32_t input_offset = params->offset_folded ? 0 : params->input_offset;
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    const int32_t act_min = params->act_min, act_max = params->act_max;
    int32_t k1;
    static const int32_t zeros[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int16_t *col, *col_b;
    int32_t i, py = 0, px = 0;
    if (f_h * f_w * in_c != KWS__RV_CV_K || (f_h == 1 && f_w == 1) || ctx == NULL || ctx->buf == NULL ||
        ctx->size < kws_conv2d_s8_opt_buffer_size(input_dims, filter_dims) ||
        !kws__rvq_all(quant, params->output_offset)) {
        return 0;
    }
    k1 = 1 + 2 * params->output_offset; /* |output_offset| < 2^29 (kws__rq_init's |r| < 2^30 with e1 >= 1) */
    col = (int16_t *)ctx->buf;  /* arena scratch, 16-aligned */
    col_b = col + KWS__RV_CV_K; /* the second pixel: 80 bytes on (the assembly's offset) */
    for (i = 0; i < n; i += 2) {
        int8_t *const o = output + (size_t)i * (size_t)out_c;
        const int two = i + 1 < n;
        int32_t pyb = py, pxb = px + 1, oc = 0;
        if (pxb == out_w) {
            pxb = 0;
            pyb++;
        }
        kws__rv_cv_gather(col, input, in_h, in_w, in_c, f_h, f_w, py * params->stride_h - params->pad_top,
                          px * params->stride_w - params->pad_left, input_offset);
        if (two) {
            kws__rv_cv_gather(col_b, input, in_h, in_w, in_c, f_h, f_w, pyb * params->stride_h - params->pad_top,
                              pxb * params->stride_w - params->pad_left, input_offset);
        } else { /* odd last pixel: computed twice, the copy dropped */
            kws__rv_cv_gather(col_b, input, in_h, in_w, in_c, f_h, f_w, py * params->stride_h - params->pad_top,
                              px * params->stride_w - params->pad_left, input_offset);
        }
        for (; oc + 8 <= out_c; oc += 8) {
            const int8_t *pw = filter + (size_t)oc * KWS__RV_CV_K;
            const int8_t *const end = pw + KWS__RV_CV_K;
            const int16_t *pc = col;
            const int32_t *const bp = bias != NULL ? bias + oc : zeros;
            int32_t a0, a1, a2, a3, a4, a5, a6, a7, b0, b1, b2, b3, b4, b5, b6, b7, ca_, cb_, w_, t_;
            __asm__ volatile(KWS__RV_CV_LD(0) KWS__RV_CV_LD(1) KWS__RV_CV_LD(2) KWS__RV_CV_LD(3) KWS__RV_CV_LD(4)
                                 KWS__RV_CV_LD(5) KWS__RV_CV_LD(6) KWS__RV_CV_LD(7)
                             "1:\n\t" KWS__RV_CV_STEP8(0) KWS__RV_CV_STEP8(1) KWS__RV_CV_STEP8(2)
                                 KWS__RV_CV_STEP8(3) KWS__RV_CV_LOOP_END
                             : [a0] "=&r"(a0), [a1] "=&r"(a1), [a2] "=&r"(a2), [a3] "=&r"(a3), [a4] "=&r"(a4),
                               [a5] "=&r"(a5), [a6] "=&r"(a6), [a7] "=&r"(a7), [b0] "=&r"(b0), [b1] "=&r"(b1),
                               [b2] "=&r"(b2), [b3] "=&r"(b3), [b4] "=&r"(b4), [b5] "=&r"(b5), [b6] "=&r"(b6),
                               [b7] "=&r"(b7), [ca] "=&r"(ca_), [cb] "=&r"(cb_), [w] "=&r"(w_), [t] "=&r"(t_),
                               [pw] "+r"(pw), [pc] "+r"(pc)
                             : [end] "r"(end), [bp] "r"(bp)
                             : "memory");
            {
                const int32_t qs = per_channel ? 1 : 0;
                const int32_t *const mp = quant->multiplier + qs * oc, *const sp = quant->shift + qs * oc;
                int8_t *const oa = o + oc;
                int8_t *const ob = oa + out_c;
#define KWS__RV_CV_OUT2(I, A, B)                                                                       \
    do {                                                                                               \
        const int32_t m_ = mp[qs * (I)], s_ = sp[qs * (I)];                                            \
        oa[I] = kws__rv_cv_out((A), m_, s_, k1, act_min, act_max);                                     \
        if (two) {                                                                                     \
            ob[I] = kws__rv_cv_out((B), m_, s_, k1, act_min, act_max);                                 \
        }                                                                                              \
    } while (0)
                KWS__RV_CV_OUT2(0, a0, b0);
                KWS__RV_CV_OUT2(1, a1, b1);
                KWS__RV_CV_OUT2(2, a2, b2);
                KWS__RV_CV_OUT2(3, a3, b3);
                KWS__RV_CV_OUT2(4, a4, b4);
                KWS__RV_CV_OUT2(5, a5, b5);
                KWS__RV_CV_OUT2(6, a6, b6);
                KWS__RV_CV_OUT2(7, a7, b7);
            }
        }
        if (oc + 4 <= out_c) {
            const int8_t *pw = filter + (size_t)oc * KWS__RV_CV_K;
            const int8_t *const end = pw + KWS__RV_CV_K;
            const int16_t *pc = col;
            const int32_t *const bp = bias != NULL ? bias + oc : zeros;
            int32_t a0, a1, a2, a3, b0, b1, b2, b3, ca_, cb_, w_, t_;
            __asm__ volatile(KWS__RV_CV_LD(0) KWS__RV_CV_LD(1) KWS__RV_CV_LD(2) KWS__RV_CV_LD(3)
                             "1:\n\t" KWS__RV_CV_STEP4(0) KWS__RV_CV_STEP4(1) KWS__RV_CV_STEP4(2)
                                 KWS__RV_CV_STEP4(3) KWS__RV_CV_LOOP_END
                             : [a0] "=&r"(a0), [a1] "=&r"(a1), [a2] "=&r"(a2), [a3] "=&r"(a3), [b0] "=&r"(b0),
                               [b1] "=&r"(b1), [b2] "=&r"(b2), [b3] "=&r"(b3), [ca] "=&r"(ca_), [cb] "=&r"(cb_),
                               [w] "=&r"(w_), [t] "=&r"(t_), [pw] "+r"(pw), [pc] "+r"(pc)
                             : [end] "r"(end), [bp] "r"(bp)
                             : "memory");
            {
                const int32_t qs = per_channel ? 1 : 0;
                const int32_t *const mp = quant->multiplier + qs * oc, *const sp = quant->shift + qs * oc;
                int8_t *const oa = o + oc;
                int8_t *const ob = oa + out_c;
                KWS__RV_CV_OUT2(0, a0, b0);
                KWS__RV_CV_OUT2(1, a1, b1);
                KWS__RV_CV_OUT2(2, a2, b2);
                KWS__RV_CV_OUT2(3, a3, b3);
            }
            oc += 4;
        }
#undef KWS__RV_CV_OUT2
        for (; oc < out_c; oc++) { /* out_c % 4 channels; |sum| < 2^21 */
            const int8_t *const w0 = filter + (size_t)oc * KWS__RV_CV_K;
            const int32_t qi = per_channel ? oc : 0;
            const int32_t b = bias != NULL ? bias[oc] : 0;
            int32_t sa = 0, sb = 0, k;
            for (k = 0; k < KWS__RV_CV_K; k++) {
                sa += w0[k] * col[k];
                sb += w0[k] * col_b[k];
            }
            o[oc] = kws__rv_cv_out(kws__wrap_add(sa, b), quant->multiplier[qi], quant->shift[qi], k1, act_min,
                                   act_max);
            if (two) {
                o[out_c + oc] = kws__rv_cv_out(kws__wrap_add(sb, b), quant->multiplier[qi], quant->shift[qi], k1,
                                               act_min, act_max);
            }
        }
        py = pyb;
        px = pxb + 1;
        if (px == out_w) {
            px = 0;
            py++;
        }
    }
    return 1;
}

#else
typedef int kws__conv_col_rv32_unused; /* ISO C: a translation unit is not empty */
#endif
