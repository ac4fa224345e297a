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
 * The same column slide on ARMv7-M without the DSP extension (M3; with the precomputed output stage) and
 * on ARMv6-M (M0+).
 * DSP cores (M4, M7), 3x3 filters, stride 1, channels a multiple of 4, every channel's output stage
 * precomputable (kws__rq_init): kws__dw3x3_dsp_all below, channel blocks of 4 in the outer loop with the
 * block's taps widened once (kws__dw3_blk, 152 bytes of stack), interior windows from a folded-offset base
 * (64 channels: inline assembly, 8 instructions per tap of 4 MACs), output stage kws__rq_val + SSAT.
 * depth_multiplier > 1: the reference kernel (no model in the catalog uses it).
 * Requantisation: kws__requant_s8 (kws__requant_fast.h, bit-identical to the reference MBQM + offset + clamp)
 * or, where the shift allows, the precomputed kws__rq form (same values, proof in kws__requant_fast.h).
 * No scratch (ctx unused except by the reference fallback); the DSP path's block struct is its only stack
 * buffer.
 */
#include <stddef.h>
#include "kws_nano.h"
#include "../kws__simd.h"
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

#if KWS__RV32 || (KWS__RQ_ASM && !KWS__DSP) || KWS__NARROW
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
#if KWS__RQ_ASM
/* ARMv7-M: one copy per activation range (`full`: [-128, 127], the single SSAT) */
static inline __attribute__((always_inline)) int kws__dw3x3_slide(const kws_conv_params *params, int32_t m,
                                                                  int32_t shift, int32_t bias_c, int32_t in_h,
                                                                  int32_t in_w, int32_t ch, int32_t c,
                                                                  const int8_t *input, const int8_t *filter,
                                                                  int32_t out_h, int32_t out_w, int8_t *output,
                                                                  const int full)
#else
static int kws__dw3x3_slide(const kws_conv_params *params, int32_t m, int32_t shift, int32_t bias_c,
                            int32_t in_h, int32_t in_w, int32_t ch, int32_t c, const int8_t *input,
                            const int8_t *filter, int32_t out_h, int32_t out_w, int8_t *output)
#endif
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
#if KWS__RQ_ASM
    /* ARMv7-M: the channel's precomputed output stage when its shift allows (kws__rq_init) */
    kws__rq q;
    const int rq = kws__rq_init(&q, m, shift, output_offset);
#define KWS__DW_OUT(acc)                                                                               \
    (rq ? kws__rq_clamp(kws__rq_val((acc), q.m, q.e1, q.r), act_min, act_max, full)                  \
        : kws__requant_s8((acc), m, shift, output_offset, act_min, act_max))
#else
#define KWS__DW_OUT(acc) kws__requant_s8(acc, m, shift, output_offset, act_min, act_max)
#endif
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


#if KWS__DSP && KWS__RQ_ASM
/*
 * DSP cores (M4, M7), 3x3 filters, stride 1, depth multiplier 1, channels a multiple of 4: channel blocks
 * of 4 in the outer loop, so that each block's 9 taps are widened once (SXTB16 even/odd words in wb[],
 * 72 bytes of stack) and its output stages precomputed once (kws__rq_init; every channel must qualify,
 * else the caller's general loop runs). Per output pixel and block: windows inside the input take
 *   acc = base + sum over the 9 taps of w * x,  base = bias + input_offset * (sum of the 9 weights),
 * the exact int32 value of the reference's sum of w * (x + input_offset) (|each sum| <= 9 * 32640; the
 * bias added modulo 2^32 as in the reference): one word load, two SXTB16 and four SMLABB/SMLATT per tap,
 * the weights reloaded from wb[] with LDRD. Windows that touch the padding sum their in-bounds taps with the
 * offset added as the bytes are widened (SXTAB16), as the general loop does.
 */
/* One block of 4 channels: its widened taps (wb[2t] = even, wb[2t + 1] = odd word of tap t), its bases for the
 * windows inside the input (bias + input_offset * sum of the 9 weights), its biases, its output stages. */
typedef struct {
    int32_t wb[18];
    int32_t base[4];
    int32_t bias4[4];
    kws__rq q[4];
} kws__dw3_blk;
/* the assembly reads the struct at these byte offsets: base at 72, q at 104, 12 bytes per kws__rq {m, e1, r} */
typedef char kws__dw3_blk_layout[(offsetof(kws__dw3_blk, base) == 72 && offsetof(kws__dw3_blk, q) == 104 &&
                                  sizeof(kws__rq) == 12 && offsetof(kws__rq, e1) == 4 && offsetof(kws__rq, r) == 8)
                                     ? 1
                                     : -1];

static inline __attribute__((always_inline)) void kws__dw3x3_dsp(const kws_conv_params *params,
                                                                 const kws__dw3_blk *blk, const kws_dims *in_dims,
                                                                 const kws_dims *out_dims, const int32_t ch,
                                                                 const int8_t *input, int8_t *output, const int full,
                                                                 const int asm64)
{
    const kws__rq *const q = blk->q;
    const int32_t *const wb = blk->wb, *const base = blk->base, *const bias4 = blk->bias4;
    (void)asm64; /* unused without KWS__ASM_LOOPS */
    const int32_t in_h = in_dims->h, in_w = in_dims->w, out_h = out_dims->h, out_w = out_dims->w;
    const int32_t input_offset = params->offset_folded ? 0 : params->input_offset;
    const int32_t act_min = params->act_min, act_max = params->act_max;
    const int32_t off2 = kws__dsp_dup16(input_offset);
    const size_t cs = (size_t)ch, rs = (size_t)in_w * cs;
    const int32_t pad_top = params->pad_top, pad_left = params->pad_left;
    /* output columns whose window is inside the input: in_x0 = ox - pad_left in [0, in_w - 3] */
    int32_t ox_lo = pad_left, ox_hi = in_w - 3 + pad_left + 1;
    int32_t oy, ox;
    if (ox_lo > out_w) {
        ox_lo = out_w;
    }
    if (ox_hi > out_w) {
        ox_hi = out_w;
    }
    if (ox_hi < ox_lo) {
        ox_hi = ox_lo;
    }
#define KWS__DW3_TAP(t, xp)                                                                            \
    do {                                                                                               \
        const int32_t xv_ = kws__dsp_ld4(xp);                                                          \
        const int32_t xe_ = kws__dsp_even(xv_), xo_ = kws__dsp_odd(xv_);                               \
        const int32_t we_ = wb[2 * (t)], wo_ = wb[2 * (t) + 1];                                        \
        a0 = kws__dsp_smlabb(we_, xe_, a0);                                                            \
        a2 = kws__dsp_smlatt(we_, xe_, a2);                                                            \
        a1 = kws__dsp_smlabb(wo_, xo_, a1);                                                            \
        a3 = kws__dsp_smlatt(wo_, xo_, a3);                                                            \
    } while (0)
/* a tap of a window that touches the padding: x + input_offset as the bytes are widened */
#define KWS__DW3_TAPO(t, xp)                                                                           \
    do {                                                                                               \
        const int32_t xv_ = kws__dsp_ld4(xp);                                                          \
        const int32_t xe_ = kws__dsp_even_add(off2, xv_), xo_ = kws__dsp_odd_add(off2, xv_);           \
        const int32_t we_ = wb[2 * (t)], wo_ = wb[2 * (t) + 1];                                        \
        a0 = kws__dsp_smlabb(we_, xe_, a0);                                                            \
        a2 = kws__dsp_smlatt(we_, xe_, a2);                                                            \
        a1 = kws__dsp_smlabb(wo_, xo_, a1);                                                            \
        a3 = kws__dsp_smlatt(wo_, xo_, a3);                                                            \
    } while (0)
#define KWS__DW3_OUT(op)                                                                               \
    do {                                                                                               \
        (op)[0] = kws__rq_clamp(kws__rq_val(a0, q[0].m, q[0].e1, q[0].r), act_min, act_max, full);     \
        (op)[1] = kws__rq_clamp(kws__rq_val(a1, q[1].m, q[1].e1, q[1].r), act_min, act_max, full);     \
        (op)[2] = kws__rq_clamp(kws__rq_val(a2, q[2].m, q[2].e1, q[2].r), act_min, act_max, full);     \
        (op)[3] = kws__rq_clamp(kws__rq_val(a3, q[3].m, q[3].e1, q[3].r), act_min, act_max, full);     \
    } while (0)
    for (oy = 0; oy < out_h; oy++) {
        const int32_t in_y0 = oy - pad_top;
        const int row_in = in_y0 >= 0 && in_y0 + 3 <= in_h;
        /* window rows inside the input (for the padded windows) */
        const int rv0 = in_y0 >= 0 && in_y0 < in_h, rv1 = in_y0 + 1 >= 0 && in_y0 + 1 < in_h;
        const int rv2 = in_y0 + 2 >= 0 && in_y0 + 2 < in_h;
        int8_t *const orow = output + (size_t)oy * (size_t)out_w * cs;
        const int32_t lo = row_in ? ox_lo : out_w, hi = row_in ? ox_hi : out_w;
        for (ox = 0; ox < out_w; ox++) {
            int32_t a0, a1, a2, a3;
            if (ox == lo && hi > lo) {
                /* the windows inside the input: 9 taps from the folded-offset base */
                const int8_t *p = input + (size_t)in_y0 * rs + (size_t)(lo - pad_left) * cs;
                int8_t *o = orow + (size_t)lo * cs;
                for (; ox < hi; ox++, p += cs, o += cs) {
                    const int8_t *p1 = p + rs, *p2 = p1 + rs;
                    a0 = base[0];
                    a1 = base[1];
                    a2 = base[2];
                    a3 = base[3];
#if KWS__ASM_LOOPS && defined(__thumb2__)
                    if (asm64 && ch == 64) {
                        /* 64 channels (a constant; ds_cnn_s): hand-scheduled, 8 instructions per tap (word load,
                         * LDRD of the tap's widened weights, two SXTB16, four SMLAxy), 12 registers */
                        int32_t xv_, xe_, we_, wo_, q_;
#define KWS__DW64_TAP(xaddr, woff)                                                                     \
    "ldr %[xv], " xaddr "\n\t"                                                                         \
    "ldrd %[we], %[wo], [%[wb], #" woff "]\n\t"                                                        \
    "sxtb16 %[xe], %[xv]\n\t"                                                                          \
    "sxtb16 %[xv], %[xv], ror #8\n\t"                                                                  \
    "smlabb %[a0], %[we], %[xe], %[a0]\n\t"                                                            \
    "smlatt %[a2], %[we], %[xe], %[a2]\n\t"                                                            \
    "smlabb %[a1], %[wo], %[xv], %[a1]\n\t"                                                            \
    "smlatt %[a3], %[wo], %[xv], %[a3]\n\t"
#define KWS__DW64_TAPS                                                                                 \
    "add %[q], %[p], %[rs]\n\t"                                                                         \
    KWS__DW64_TAP("[%[p]]", "0") KWS__DW64_TAP("[%[p], #64]", "8") KWS__DW64_TAP("[%[p], #128]", "16")   \
    KWS__DW64_TAP("[%[q]]", "24") KWS__DW64_TAP("[%[q], #64]", "32") KWS__DW64_TAP("[%[q], #128]", "40") \
    "add %[q], %[q], %[rs]\n\t"                                                                         \
    KWS__DW64_TAP("[%[q]]", "48") KWS__DW64_TAP("[%[q], #64]", "56") KWS__DW64_TAP("[%[q], #128]", "64")
                        if (full) {
                            /* the full range: the bases, the 9 taps and the 4 output stages (kws__rq_val + SSAT,
                             * the constants read from the block struct: q[j] = {m, e1, r} at 104 + 12 j) in one
                             * block, 13 registers */
#define KWS__DW64_OUT(acc, qm, qr, ob)                                                                 \
    "ldrd %[we], %[wo], [%[wb], #" qm "]\n\t"                                                          \
    "ldr %[xe], [%[wb], #" qr "]\n\t"                                                                  \
    "and %[q], " acc ", #0x80000000\n\t"                                                               \
    "orr %[q], %[q], #0x40000000\n\t"                                                                  \
    "add %[xv], %[xe], " acc ", asr #31\n\t"                                                           \
    "smlal %[q], %[xv], " acc ", %[we]\n\t"                                                            \
    "asr %[xv], %[xv], %[wo]\n\t"                                                                      \
    "ssat %[xv], #8, %[xv]\n\t"                                                                        \
    "strb %[xv], [%[o], #" ob "]\n\t"
                            __asm__ volatile("ldrd %[a0], %[a1], [%[wb], #72]\n\t"
                                    "ldrd %[a2], %[a3], [%[wb], #80]\n\t" KWS__DW64_TAPS
                                    KWS__DW64_OUT("%[a0]", "104", "112", "0") KWS__DW64_OUT("%[a1]", "116", "124", "1")
                                    KWS__DW64_OUT("%[a2]", "128", "136", "2") KWS__DW64_OUT("%[a3]", "140", "148", "3")
                                    : [a0] "=&r"(a0), [a1] "=&r"(a1), [a2] "=&r"(a2), [a3] "=&r"(a3),
                                      [xv] "=&r"(xv_), [xe] "=&r"(xe_), [we] "=&r"(we_), [wo] "=&r"(wo_),
                                      [q] "=&r"(q_)
                                    : [p] "r"(p), [rs] "r"(rs), [wb] "r"(wb), [o] "r"(o),
                                      "m"(*(const kws__dw3_blk *)wb)
                                    : "memory");
#undef KWS__DW64_OUT
                            (void)p1;
                            (void)p2;
                            continue;
                        }
                        __asm__(KWS__DW64_TAPS
                                : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [xv] "=&r"(xv_),
                                  [xe] "=&r"(xe_), [we] "=&r"(we_), [wo] "=&r"(wo_), [q] "=&r"(q_)
                                : [p] "r"(p), [rs] "r"(rs), [wb] "r"(wb), "m"(*(const int32_t(*)[18])wb)
                                : "memory");
#undef KWS__DW64_TAPS
#undef KWS__DW64_TAP
                        (void)p1;
                        (void)p2;
                        KWS__DW3_OUT(o);
                        continue;
                    }
#endif
                    KWS__DW3_TAP(0, p);
                    KWS__DW3_TAP(1, p + cs);
                    KWS__DW3_TAP(2, p + 2 * cs);
                    KWS__DW3_TAP(3, p1);
                    KWS__DW3_TAP(4, p1 + cs);
                    KWS__DW3_TAP(5, p1 + 2 * cs);
                    KWS__DW3_TAP(6, p2);
                    KWS__DW3_TAP(7, p2 + cs);
                    KWS__DW3_TAP(8, p2 + 2 * cs);
                    KWS__DW3_OUT(o);
                }
                ox--; /* the loop's increment */
                continue;
            }
            {
                /* a window that touches the padding: its in-bounds taps (unrolled, each behind its row and
                 * column test), from the bias, the input offset added as the bytes are widened */
                const int32_t in_x0 = ox - pad_left;
                const int cv0 = in_x0 >= 0 && in_x0 < in_w, cv1 = in_x0 + 1 >= 0 && in_x0 + 1 < in_w;
                const int cv2 = in_x0 + 2 >= 0 && in_x0 + 2 < in_w;
                int8_t *o = orow + (size_t)ox * cs;
                a0 = bias4[0];
                a1 = bias4[1];
                a2 = bias4[2];
                a3 = bias4[3];
#if KWS__ASM_LOOPS && defined(__thumb2__)
                if (asm64 && ch == 64 && row_in && in_w >= 2 && (in_x0 == -1 || in_x0 == in_w - 2)) {
                    /* 64 channels, all three window rows inside, only the left or only the right window
                     * column in the padding: its 6 taps in assembly (the offset added by SXTAB16) */
                    int32_t xv_, xe_, we_, wo_;
                    const int8_t *q_;
                    const int8_t *pc = input + (size_t)in_y0 * rs + (size_t)(in_x0 < 0 ? 0 : in_x0) * cs;
#define KWS__DW64_TAPO(xaddr, woff)                                                                    \
    "ldr %[xv], " xaddr "\n\t"                                                                         \
    "ldrd %[we], %[wo], [%[wb], #" woff "]\n\t"                                                        \
    "sxtab16 %[xe], %[off2], %[xv]\n\t"                                                                \
    "sxtab16 %[xv], %[off2], %[xv], ror #8\n\t"                                                        \
    "smlabb %[a0], %[we], %[xe], %[a0]\n\t"                                                            \
    "smlatt %[a2], %[we], %[xe], %[a2]\n\t"                                                            \
    "smlabb %[a1], %[wo], %[xv], %[a1]\n\t"                                                            \
    "smlatt %[a3], %[wo], %[xv], %[a3]\n\t"
#define KWS__DW64_EDGE(w0, w1, w3, w4, w6, w7)                                                         \
    __asm__("add %[q], %[p], %[rs]\n\t"                                                                \
            KWS__DW64_TAPO("[%[p]]", w0) KWS__DW64_TAPO("[%[p], #64]", w1)                             \
            KWS__DW64_TAPO("[%[q]]", w3) KWS__DW64_TAPO("[%[q], #64]", w4)                             \
            "add %[q], %[q], %[rs]\n\t"                                                                \
            KWS__DW64_TAPO("[%[q]]", w6) KWS__DW64_TAPO("[%[q], #64]", w7)                             \
            : [a0] "+r"(a0), [a1] "+r"(a1), [a2] "+r"(a2), [a3] "+r"(a3), [xv] "=&r"(xv_),             \
              [xe] "=&r"(xe_), [we] "=&r"(we_), [wo] "=&r"(wo_), [q] "=&r"(q_)                         \
            : [p] "r"(pc), [rs] "r"(rs), [wb] "r"(wb), [off2] "r"(off2),                               \
              "m"(*(const int32_t(*)[18])wb)                                                           \
            : "memory")
                    if (in_x0 < 0) {
                        KWS__DW64_EDGE("8", "16", "32", "40", "56", "64"); /* window columns 1, 2 */
                    } else {
                        KWS__DW64_EDGE("0", "8", "24", "32", "48", "56"); /* window columns 0, 1 */
                    }
#undef KWS__DW64_EDGE
#undef KWS__DW64_TAPO
                    KWS__DW3_OUT(o);
                    continue;
                }
#endif
#define KWS__DW3_ROW(fy, rv)                                                                           \
    if (rv) {                                                                                          \
        const int8_t *r_ = input + (size_t)(in_y0 + (fy)) * rs;                                        \
        if (cv0) {                                                                                     \
            KWS__DW3_TAPO(3 * (fy), r_ + (size_t)in_x0 * cs);                                          \
        }                                                                                              \
        if (cv1) {                                                                                     \
            KWS__DW3_TAPO(3 * (fy) + 1, r_ + (size_t)(in_x0 + 1) * cs);                                \
        }                                                                                              \
        if (cv2) {                                                                                     \
            KWS__DW3_TAPO(3 * (fy) + 2, r_ + (size_t)(in_x0 + 2) * cs);                                \
        }                                                                                              \
    }
                KWS__DW3_ROW(0, rv0)
                KWS__DW3_ROW(1, rv1)
                KWS__DW3_ROW(2, rv2)
#undef KWS__DW3_ROW
                KWS__DW3_OUT(o);
            }
        }
    }
#undef KWS__DW3_TAP
#undef KWS__DW3_TAPO
#undef KWS__DW3_OUT
}

/* kws__dw3x3_dsp's two copies, each out of line so that only one copy's frame is on the stack: 64 channels with
 * the full activation range (ds_cnn_s; assembly windows), and any other layer (the range tested per output). */
static __attribute__((noinline)) void kws__dw3x3_dsp_full64(const kws_conv_params *params, const kws__dw3_blk *blk,
                                                            const kws_dims *in_dims, const kws_dims *out_dims,
                                                            const int8_t *input, int8_t *output)
{
    kws__dw3x3_dsp(params, blk, in_dims, out_dims, 64, input, output, 1, 1);
}
static __attribute__((noinline)) void kws__dw3x3_dsp_any(const kws_conv_params *params, const kws__dw3_blk *blk,
                                                         const kws_dims *in_dims, const kws_dims *out_dims,
                                                         const int8_t *input, int8_t *output, int full)
{
    kws__dw3x3_dsp(params, blk, in_dims, out_dims, in_dims->c, input, output, full, 0);
}

static __attribute__((noinline)) kws_status kws__dw_general(const kws_context *ctx, const kws_conv_params *params,
                                                            const kws_per_channel_quant *quant,
                                                            const kws_dims *input_dims, const int8_t *input,
                                                            const kws_dims *filter_dims, const int8_t *filter,
                                                            const int32_t *bias, const kws_dims *output_dims,
                                                            int8_t *output);

/* Runs kws__dw3x3_dsp over every block of 4 channels (the kernel's arguments); when some channel's output
 * stage cannot be precomputed, the general loop (kws__dw_general) instead. */
static __attribute__((noinline)) kws_status kws__dw3x3_dsp_all(const kws_context *ctx, const kws_conv_params *params,
                                                               const kws_per_channel_quant *quant,
                                                               const kws_dims *input_dims, const int8_t *input,
                                                               const kws_dims *filter_dims, const int8_t *filter,
                                                               const int32_t *bias, const kws_dims *output_dims,
                                                               int8_t *output)
{
    const int32_t ch = input_dims->c;
    const int32_t input_offset = params->offset_folded ? 0 : params->input_offset;
    const int full = params->act_min == -128 && params->act_max == 127;
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    int32_t c, j, t;
    {
        kws__rq tq;
        for (j = 0; j < quant->count; j++) {
            if (!kws__rq_init(&tq, quant->multiplier[j], quant->shift[j], params->output_offset)) {
                return kws__dw_general(ctx, params, quant, input_dims, input, filter_dims, filter, bias, output_dims,
                                       output);
            }
        }
    }
    for (c = 0; c < ch; c += 4) {
        kws__dw3_blk blk;
        for (j = 0; j < 4; j++) {
            const int32_t qi = per_channel ? c + j : 0;
            int32_t sw = 0;
            for (t = 0; t < 9; t++) {
                sw += filter[(size_t)t * (size_t)ch + (size_t)(c + j)];
            }
            blk.bias4[j] = bias != NULL ? bias[c + j] : 0;
            blk.base[j] = kws__wrap_add(blk.bias4[j], input_offset * sw); /* |input_offset * sw| <= 128 * 1152 */
            (void)kws__rq_init(&blk.q[j], quant->multiplier[qi], quant->shift[qi], params->output_offset);
        }
        for (t = 0; t < 9; t++) {
            const int32_t wv = kws__dsp_ld4(filter + (size_t)t * (size_t)ch + (size_t)c);
            blk.wb[2 * t] = kws__dsp_even(wv);
            blk.wb[2 * t + 1] = kws__dsp_odd(wv);
        }
        if (full && ch == 64) { /* ds_cnn_s: the channel stride as a constant, assembly windows */
            kws__dw3x3_dsp_full64(params, &blk, input_dims, output_dims, input + c, output + c);
        } else {
            kws__dw3x3_dsp_any(params, &blk, input_dims, output_dims, input + c, output + c, full);
        }
    }
    return KWS_OK;
}
#endif

uint32_t kws_depthwise_conv2d_s8_opt_buffer_size(const kws_dims *input_dims, const kws_dims *filter_dims)
{
    (void)input_dims;
    (void)filter_dims;
    return 0u;
}

#if KWS__RV32
/* 32-bit RISC-V (no DSP path): the kernel is one body. */
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
#if KWS__DSP && KWS__RQ_ASM
#if KWS_DW_PLANAR
    /* experimental (kws__dw3x3_dsp.c): faster on M4 ds_cnn_s (274,040 vs 294,640 instructions per layer) but a
     * deeper stack (bench peak 832 vs 752 B), hence off by default */
    if (params->depth_multiplier == 1 && filter_dims->h == 3 && filter_dims->w == 3 && params->stride_h == 1 &&
        params->stride_w == 1 && kws__dw3x3_dsp_ok(params, quant)) {
        return kws__dw3x3_dsp_planar(ctx, params, quant, input_dims, input, filter_dims, filter, bias, output_dims,
                                     output); /* a tail call, as the one below */
    }
#endif
    if (params->depth_multiplier == 1 && filter_dims->h == 3 && filter_dims->w == 3 && params->stride_h == 1 &&
        params->stride_w == 1 && (input_dims->c & 3) == 0) {
        return kws__dw3x3_dsp_all(ctx, params, quant, input_dims, input, filter_dims, filter, bias, output_dims,
                                  output); /* a tail call, as the one below */
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
        return kws_depthwise_conv2d_s8(ctx, params, quant, input_dims, input, filter_dims, filter, bias, output_dims,
                                       output);
    }
#if KWS__RV32 || (KWS__RQ_ASM && !KWS__DSP) || KWS__NARROW
    if (f_h == 3 && f_w == 3 && params->stride_h == 1) {
        int32_t c;
#if KWS__RQ_ASM
        const int full = act_min == -128 && act_max == 127;
#endif
        for (c = 0; c < ch; c++) {
            const int32_t q = per_channel ? c : 0;
#if KWS__RQ_ASM
            const int32_t m = quant->multiplier[q], sh = quant->shift[q], b = bias != NULL ? bias[c] : 0;
            if (!(full ? kws__dw3x3_slide(params, m, sh, b, in_h, in_w, ch, c, input, filter, out_h, out_w, output, 1)
                       : kws__dw3x3_slide(params, m, sh, b, in_h, in_w, ch, c, input, filter, out_h, out_w, output,
                                          0))) {
#else
            if (!kws__dw3x3_slide(params, quant->multiplier[q], quant->shift[q], bias != NULL ? bias[c] : 0,
                                  in_h, in_w, ch, c, input, filter, out_h, out_w, output)) {
#endif
                break; /* an output row with no input row: the general loop below */
            }
        }
        if (c == ch) {
            return KWS_OK;
        }
    }
#endif

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
