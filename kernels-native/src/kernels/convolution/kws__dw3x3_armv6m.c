/*
 * KwsNano internal: 3x3 depthwise convolution for ARMv6-M (KWS__NARROW: Cortex-M0/M0+), for the SAME shape of
 * KWS models (stride 1 vertically, one padding row at the top and the bottom, depth multiplier 1, every output
 * column seeing an input column) and layers whose every channel has the precomputed output stage (kws__rq6,
 * kws__rq_armv6m.h). Bit-exact with kws_depthwise_conv2d_s8; other layers take kws_depthwise_conv2d_s8_opt's
 * general loops.
 *
 * One channel at a time, down each output column (ds_cnn_s: 25 x 5 outputs, so a column is 25 outputs). A window
 * column outside the input gets zero weights for the whole column (its pointer aims at an in-bounds column: the
 * loads stay inside the input and contribute 0), so
 *   acc = sum over in-bounds taps of w * x + (input_offset * sum of the in-bounds taps' weights + bias),
 * the reference's int32 sum (|sum w*x| <= 9 * 2^14) with the bias added modulo 2^32 as in the reference.
 * The column is computed by input rows: input row y, loaded once (3 values), adds its products with the
 * filter's row 2 to output y - 1 (then complete: window rows y - 2 .. y for output y - 1 with one padding row),
 * row 1 to output y and row 0 to output y + 1 (started); the missing padding rows of the first and last output
 * add nothing, only their offset terms differ (kws__dw6_slide). In Thumb-1 assembly (KWS__ASM_LOOPS) one input
 * row is 35 instructions: the column pointers, the row index and the 9 weights are read from one struct with
 * immediate offsets.
 * Stack: kws_depthwise_conv2d_s8_opt -> kws__dw3x3_armv6m -> one kws__dw6_slide copy (344 B on M0+, GCC 12 -O2).
 */
#include <stddef.h>
#include "kws_nano.h"
#include "../kws__simd.h"

#if KWS__NARROW
#include "../kws__rq_armv6m.h"
#include "kws__dw3x3_armv6m.h"

/* One column's operands (a struct: the out-of-line calls below pass one pointer, not a dozen arguments). */
typedef struct {
    const int8_t *pc[3]; /* column pointers (out-of-bounds columns aim at the first in-bounds one) */
    int32_t wk[9];       /* masked weights, row-major */
    int32_t bases[3];    /* offset terms + bias of the first, middle and last outputs (kws__dw6_slide) */
    int32_t k, rs;       /* index of the next input row (bytes), input bytes per row */
    int32_t n, orow;     /* middle outputs (in_h - 2), output bytes per row */
    int8_t *op;
    int32_t lo, hi; /* activation range + 128 */
    kws__rq6 q6;
} kws__dw6_col;

/* Fixed offsets in the assembly below: pc at 0, wk at 12, k at 60, rs at 64 (checked: a negative array size
 * fails the build). */
typedef char kws__dw6_col_layout[(offsetof(kws__dw6_col, wk) == 12 && offsetof(kws__dw6_col, k) == 60 &&
                                  offsetof(kws__dw6_col, rs) == 64) ? 1 : -1];

/* One input row at cl->k (then advanced by cl->rs): A += w[2][.] . row (output y - 2), B += w[1][.] . row
 * (output y - 1), C = w[0][.] . row (output y). */
#if KWS__ASM_LOOPS && defined(__thumb__) && !defined(__thumb2__)
/* The column pointers, index and weights are read from cl (immediate offsets): no register but cl stays live. */
#define KWS__DW6_ROW(A, B, C)                                                                          \
    do {                                                                                               \
        int32_t x_, t_, k_;                                                                            \
        const int8_t *p0_, *p1_, *p2_;                                                                 \
        /* divided syntax: MUL is MULS */                                                              \
        __asm__("ldr %[p0], [%[cl], #0]\n\t"                                                           \
                "ldr %[p1], [%[cl], #4]\n\t"                                                           \
                "ldr %[p2], [%[cl], #8]\n\t"                                                           \
                "ldr %[k], [%[cl], #60]\n\t"                                                           \
                "ldrsb %[x], [%[p0], %[k]]\n\t"                                                        \
                "ldr %[t], [%[cl], #36]\n\t"                                                           \
                "mul %[t], %[x]\n\t"                                                                   \
                "add %[a], %[t]\n\t"                                                                   \
                "ldr %[t], [%[cl], #24]\n\t"                                                           \
                "mul %[t], %[x]\n\t"                                                                   \
                "add %[b], %[t]\n\t"                                                                   \
                "ldr %[t], [%[cl], #12]\n\t"                                                           \
                "mul %[t], %[x]\n\t"                                                                   \
                "mov %[c], %[t]\n\t"                                                                   \
                "ldrsb %[x], [%[p1], %[k]]\n\t"                                                        \
                "ldr %[t], [%[cl], #40]\n\t"                                                           \
                "mul %[t], %[x]\n\t"                                                                   \
                "add %[a], %[t]\n\t"                                                                   \
                "ldr %[t], [%[cl], #28]\n\t"                                                           \
                "mul %[t], %[x]\n\t"                                                                   \
                "add %[b], %[t]\n\t"                                                                   \
                "ldr %[t], [%[cl], #16]\n\t"                                                           \
                "mul %[t], %[x]\n\t"                                                                   \
                "add %[c], %[t]\n\t"                                                                   \
                "ldrsb %[x], [%[p2], %[k]]\n\t"                                                        \
                "ldr %[t], [%[cl], #44]\n\t"                                                           \
                "mul %[t], %[x]\n\t"                                                                   \
                "add %[a], %[t]\n\t"                                                                   \
                "ldr %[t], [%[cl], #32]\n\t"                                                           \
                "mul %[t], %[x]\n\t"                                                                   \
                "add %[b], %[t]\n\t"                                                                   \
                "ldr %[t], [%[cl], #20]\n\t"                                                           \
                "mul %[t], %[x]\n\t"                                                                   \
                "add %[c], %[t]\n\t"                                                                   \
                "ldr %[t], [%[cl], #64]\n\t"                                                           \
                "add %[k], %[k], %[t]\n\t"                                                             \
                "str %[k], [%[cl], #60]\n\t"                                                           \
                : [a] "+h"(A), [b] "+h"(B), [c] "=&h"(C), [x] "=&l"(x_), [t] "=&l"(t_), [k] "=&l"(k_),  \
                  [p0] "=&l"(p0_), [p1] "=&l"(p1_), [p2] "=&l"(p2_)                                     \
                : [cl] "l"(cl)                                                                          \
                : "cc", "memory");                                                                     \
    } while (0)
#else
#define KWS__DW6_ROW(A, B, C)                                                                          \
    do {                                                                                               \
        const int32_t x0_ = cl->pc[0][cl->k], x1_ = cl->pc[1][cl->k], x2_ = cl->pc[2][cl->k];          \
        const int32_t *const w_ = cl->wk;                                                              \
        A += w_[6] * x0_ + w_[7] * x1_ + w_[8] * x2_;                                                  \
        B += w_[3] * x0_ + w_[4] * x1_ + w_[5] * x2_;                                                  \
        C = w_[0] * x0_ + w_[1] * x1_ + w_[2] * x2_;                                                   \
        cl->k += cl->rs;                                                                               \
    } while (0)
#endif

static inline __attribute__((always_inline)) int8_t kws__dw6_out(int32_t acc, const kws__rq6 *q, int32_t lo,
                                                                 int32_t hi, const int full)
{
    const int32_t v = kws__rq6_val(acc, q);
    return full ? kws__rq6_out_full(v) : kws__rq6_out(v, lo, hi);
}

/* One column's outputs from op (stride orow), all out_h = in_h of them: output 0 (window rows -1, 0, 1: offset term
 * bases[0], without filter row 0's weights), n = in_h - 2 outputs with all three window rows inside the input
 * (bases[1]), the last (rows in_h - 2, in_h - 1, in_h: bases[2], without filter row 2's). The input rows from
 * index k = 0. lo, hi: the activation range + 128. */
static inline __attribute__((always_inline)) void kws__dw6_slide(kws__dw6_col *cl, int32_t lo, int32_t hi,
                                                                 const int full)
{
    const int32_t *const bases = cl->bases;
    const kws__rq6 *const q = &cl->q6;
    const int32_t orow = cl->orow;
    int8_t *op = cl->op;
    int32_t n = cl->n;
    const int32_t base = bases[1];
    int32_t a = 0, b = 0, d = 0, t;
    KWS__DW6_ROW(a, b, d); /* row 0: a discarded, b: output 0, d: output 1 */
    KWS__DW6_ROW(b, d, a); /* row 1: output 0 complete, d: output 1, a: output 2 */
    *op = kws__dw6_out(kws__wrap_add(b, bases[0]), q, lo, hi, full);
    op += orow;
    t = a;
    a = b;
    b = t;
    /* three outputs per pass, the roles of the three sums rotating; d: the oldest partial sum, b the next */
    for (; n >= 3; n -= 3) {
        KWS__DW6_ROW(d, b, a);
        *op = kws__dw6_out(kws__wrap_add(d, base), q, lo, hi, full);
        op += orow;
        KWS__DW6_ROW(b, a, d);
        *op = kws__dw6_out(kws__wrap_add(b, base), q, lo, hi, full);
        op += orow;
        KWS__DW6_ROW(a, d, b);
        *op = kws__dw6_out(kws__wrap_add(a, base), q, lo, hi, full);
        op += orow;
    }
    if (n > 0) {
        KWS__DW6_ROW(d, b, a);
        *op = kws__dw6_out(kws__wrap_add(d, base), q, lo, hi, full);
        op += orow;
        d = b; /* the oldest partial sum */
        if (n > 1) {
            KWS__DW6_ROW(d, a, b);
            *op = kws__dw6_out(kws__wrap_add(d, base), q, lo, hi, full);
            op += orow;
            d = a;
        }
    }
    /* the last output: its third window row is padding */
    *op = kws__dw6_out(kws__wrap_add(d, bases[2]), q, lo, hi, full);
}

/* the two copies out of line (one frame each) */
static __attribute__((noinline)) void kws__dw6_slide_full(kws__dw6_col *cl)
{
    kws__dw6_slide(cl, 0, 255, 1);
}

static __attribute__((noinline)) void kws__dw6_slide_clamp(kws__dw6_col *cl)
{
    kws__dw6_slide(cl, cl->lo, cl->hi, 0);
}

/* One channel c. */
static inline __attribute__((always_inline)) void kws__dw6_channel(const kws_conv_params *params, kws__dw6_col *cl,
                                                       int32_t bias_c, const kws_dims *input_dims, int32_t c,
                                                       const int8_t *input, const int8_t *filter,
                                                       const kws_dims *output_dims, int8_t *output)
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w, ch = input_dims->c;
    const int32_t out_w = output_dims->w;
    const int32_t input_offset = params->offset_folded ? 0 : params->input_offset;
    int32_t ox;
    for (ox = 0; ox < out_w; ox++) {
        const int32_t in_x0 = ox * params->stride_w - params->pad_left;
        int32_t wsum = 0, j, fx;
        int8_t *const o = output + ox * ch + c;
        /* column pointers (out-of-bounds columns aim at the first in-bounds one) and masked weights */
        for (fx = 0; fx < 3; fx++) {
            const int32_t x = in_x0 + fx;
            const int in = x >= 0 && x < in_w;
            const int8_t *f = filter + fx * ch + c;
            cl->pc[fx] = input + (in ? x : (in_x0 < 0 ? 0 : in_x0)) * ch + c;
            for (j = fx; j < 9; j += 3, f += 3 * ch) {
                cl->wk[j] = in ? *f : 0;
                wsum += cl->wk[j];
            }
        }
        {
            cl->bases[0] = kws__wrap_add(input_offset * (wsum - cl->wk[0] - cl->wk[1] - cl->wk[2]), bias_c);
            cl->bases[1] = kws__wrap_add(input_offset * wsum, bias_c); /* |input_offset * wsum| <= 128 * 1152 */
            cl->bases[2] = kws__wrap_add(input_offset * (wsum - cl->wk[6] - cl->wk[7] - cl->wk[8]), bias_c);
            cl->k = 0;
            cl->n = in_h - 2;
            cl->op = o;
            if (cl->lo == 0 && cl->hi == 255) {
                kws__dw6_slide_full(cl);
            } else {
                kws__dw6_slide_clamp(cl);
            }
        }
    }
}

/* |r6| check and constants for every channel (out of line: its 64-bit arithmetic stays out of the kernel's frame) */
static __attribute__((noinline)) int kws__dw6_q(kws__rq6 *q, int32_t m, int32_t shift, int32_t output_offset)
{
    return kws__rq6_init(q, m, shift, output_offset);
}

int kws__dw3x3_armv6m(const kws_conv_params *params, const kws_per_channel_quant *quant, const kws_dims *input_dims,
                      const int8_t *input, const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                      const kws_dims *output_dims, int8_t *output)
{
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    int32_t i, ox;
    kws__dw6_col cl;
    /* SAME padding of one row at the top and the bottom (out_h == in_h, stride 1): every output of a column by
     * input rows; other shapes take the general loop */
    if (params->depth_multiplier != 1 || filter_dims->h != 3 || filter_dims->w != 3 || params->stride_h != 1 ||
        output_dims->c != input_dims->c || params->pad_top != 1 || output_dims->h != input_dims->h ||
        input_dims->h < 2) {
        return 0;
    }
    for (ox = 0; ox < output_dims->w; ox++) { /* every output column sees an input column */
        const int32_t in_x0 = ox * params->stride_w - params->pad_left;
        if (in_x0 + 2 < 0 || in_x0 >= input_dims->w) {
            return 0;
        }
    }
    for (i = 0; i < quant->count; i++) {
        if (!kws__dw6_q(&cl.q6, quant->multiplier[i], quant->shift[i], params->output_offset)) {
            return 0;
        }
    }
    cl.rs = input_dims->w * input_dims->c;
    cl.orow = output_dims->w * input_dims->c;
    cl.lo = params->act_min + 128;
    cl.hi = params->act_max + 128;
    for (i = 0; i < input_dims->c; i++) {
        const int32_t qi = per_channel ? i : 0;
        (void)kws__dw6_q(&cl.q6, quant->multiplier[qi], quant->shift[qi], params->output_offset); /* checked above */
        kws__dw6_channel(params, &cl, bias != NULL ? bias[i] : 0, input_dims, i, input, filter, output_dims, output);
    }
    return 1;
}
#else
typedef int kws__dw3x3_armv6m_unused; /* ISO C: not an empty translation unit */
#endif /* KWS__NARROW */
