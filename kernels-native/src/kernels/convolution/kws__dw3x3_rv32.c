/*
 * KwsNano internal: DEPTHWISE_CONV_2D 3x3 on 32-bit RISC-V (KWS__RV32, optimizing GCC builds: KWS__ASM_LOOPS),
 * called by kws_depthwise_conv2d_s8_opt. Shapes: depth multiplier 1, 3x3 filter, one padding row above;
 * vertical stride 1 with out_h == in_h >= 2 (SAME) or stride 2 with an odd in_h >= 3 and out_h = (in_h + 1) / 2
 * (SAME: one padding row below the last output as well); any horizontal stride and padding,
 * in_w >= 3, channels 64, 112, 140 or 172 (the catalog's; the channel stride becomes an immediate offset), every
 * channel's output stage precomputable (kws__rvq, kws__rv32.h). Anything else returns 0 (the caller's
 * general kernel runs).
 *
 * One channel and one output column at a time, down the column (KWS models are tall and narrow). The 3
 * window columns are read from one pointer at offsets 0, C, 2C, starting at col0 = clamp(in_x0, 0, in_w - 3),
 * which always covers the window's in-bounds columns; a tap whose column is outside the window or the
 * input gets weight 0. With
 *   acc(y) = bias + input_offset * (sum of the in-bounds taps' weights) + sum over in-bounds taps of w * x,
 * the reference's bias + sum of w * (x + input_offset) modulo 2^32 (|sum of w * (x + off)| <= 9 * 32640,
 * so the reference never wraps before its bias addition), each input row i is read once and its 3 values
 * go to the three outputs that use it: output i + 1 (filter row 0, a new accumulator started at the base),
 * output i (row 1), output i - 1 (row 2, which completes it): 3 loads, 9 MUL + 9 ADD per output, then the
 * output stage (kws__rv_rq, 9 instructions, and the clamp). The three accumulators rotate through the
 * unrolled body in inline assembly. Row 0 (its row above is padding) and the last output (its row below
 * is padding) are done in C with the padding row's weights left out of their base.
 */
#include <stddef.h>
#include "kws_nano.h"
#include "../kws__simd.h"
#include "../kws__rv32.h"

#if KWS__RV32 && KWS__ASM_LOOPS

/* the assembly's arguments (byte offsets fixed: read with LB / LW below) */
typedef struct {
    int8_t w[12];      /*  0: masked taps, w[fy * 3 + k] for window column k (9 used) */
    int32_t base;      /* 12: bias + input_offset * sum of the 9 masked taps */
    kws__rvq q;        /* 16: m2, 20: e1, 24: r */
    int32_t amin;      /* 28 */
    int32_t amax;      /* 32 */
    const int8_t *p;   /* 36: the next input row (window column 0) */
    int8_t *op;        /* 40: the output completed by the first accumulator */
    int32_t rs;        /* 44: input row stride (stride 2: twice that) */
    int32_t ors;       /* 48: output row stride */
    int8_t *end3;      /* 52: op after the unrolled passes (3 outputs each; stride 2: 2) */
    int8_t *end;       /* 56: op after the last output of the run */
    const int8_t *p2;  /* 60: stride 2: the second input row of an output (p + input row stride) */
} kws__dw3_rv_args;

typedef char kws__dw3_rv_layout[(offsetof(kws__dw3_rv_args, base) == 12 && offsetof(kws__dw3_rv_args, q) == 16 &&
                                 sizeof(kws__rvq) == 12 && offsetof(kws__rvq, e1) == 4 &&
                                 offsetof(kws__rvq, r) == 8 && offsetof(kws__dw3_rv_args, p) == 36 &&
                                 offsetof(kws__dw3_rv_args, end) == 56 && offsetof(kws__dw3_rv_args, p2) == 60)
                                    ? 1
                                    : -1];

/* the output stage of accumulator A (kws__rv_rq, clamp), stored at a5, a5 advanced */
#define KWS__RV_DW_OUT(A)                                                                              \
    "mul t1, " A ", t2\n\t"                                                                            \
    "mulhsu t0, " A ", t2\n\t"                                                                         \
    "srli t1, t1, 31\n\t"                                                                              \
    "add t0, t0, t1\n\t"                                                                               \
    "srai t1, " A ", 31\n\t"                                                                           \
    "add t0, t0, t1\n\t"                                                                               \
    "srai t0, t0, 1\n\t"                                                                               \
    "add t0, t0, t4\n\t"                                                                               \
    "sra t0, t0, t3\n\t"                                                                               \
    "bge t0, t5, 1f\n\t"                                                                               \
    "mv t0, t5\n"                                                                                      \
    "1:\n\t"                                                                                           \
    "bge t6, t0, 1f\n\t"                                                                               \
    "mv t0, t6\n"                                                                                      \
    "1:\n\t"                                                                                           \
    "sb t0, 0(a5)\n\t"                                                                                 \
    "add a5, a5, a7\n\t"

/* registers: s1..s9 taps (w00 w01 w02 w10 w11 w12 w20 w21 w22), a4 base, t2 m2, t3 e1, t4 r, t5 amin,
 * t6 amax, a0 input row, a5 output, a6 / a7 row strides, s10 / s11 ends, a1..a3 the rotating accumulators,
 * t0 / t1 temporaries. One input row: A (its output completed), B, C (started from the base). */
#define KWS__RV_DW_SUB(A, B, C)                                                                        \
    "lb t0, 0(a0)\n\t"                                                                                 \
    "mul t1, s7, t0\n\t"                                                                               \
    "add " A ", " A ", t1\n\t"                                                                         \
    "mul t1, s4, t0\n\t"                                                                               \
    "add " B ", " B ", t1\n\t"                                                                         \
    "mul t1, s1, t0\n\t"                                                                               \
    "add " C ", a4, t1\n\t"                                                                            \
    "lb t0, %[c1](a0)\n\t"                                                                             \
    "mul t1, s8, t0\n\t"                                                                               \
    "add " A ", " A ", t1\n\t"                                                                         \
    "mul t1, s5, t0\n\t"                                                                               \
    "add " B ", " B ", t1\n\t"                                                                         \
    "mul t0, s2, t0\n\t"                                                                               \
    "add " C ", " C ", t0\n\t"                                                                         \
    "lb t0, %[c2](a0)\n\t"                                                                             \
    "mul t1, s9, t0\n\t"                                                                               \
    "add " A ", " A ", t1\n\t"                                                                         \
    "mul t1, s6, t0\n\t"                                                                               \
    "add " B ", " B ", t1\n\t"                                                                         \
    "mul t0, s3, t0\n\t"                                                                               \
    "add " C ", " C ", t0\n\t"                                                                         \
    "add a0, a0, a6\n\t"                                                                               \
    KWS__RV_DW_OUT(A)

/* the arguments into their registers (a0 still the struct) */
#define KWS__RV_DW_LOAD                                                                                \
    "lb s1, 0(a0)\n\t"                                                                                 \
    "lb s2, 1(a0)\n\t"                                                                                 \
    "lb s3, 2(a0)\n\t"                                                                                 \
    "lb s4, 3(a0)\n\t"                                                                                 \
    "lb s5, 4(a0)\n\t"                                                                                 \
    "lb s6, 5(a0)\n\t"                                                                                 \
    "lb s7, 6(a0)\n\t"                                                                                 \
    "lb s8, 7(a0)\n\t"                                                                                 \
    "lb s9, 8(a0)\n\t"                                                                                 \
    "lw a4, 12(a0)\n\t"                                                                                \
    "lw t2, 16(a0)\n\t"                                                                                \
    "lw t3, 20(a0)\n\t"                                                                                \
    "lw t4, 24(a0)\n\t"                                                                                \
    "lw t5, 28(a0)\n\t"                                                                                \
    "lw t6, 32(a0)\n\t"                                                                                \
    "lw a5, 40(a0)\n\t"                                                                                \
    "lw a6, 44(a0)\n\t"                                                                                \
    "lw a7, 48(a0)\n\t"                                                                                \
    "lw s10, 52(a0)\n\t"                                                                               \
    "lw s11, 56(a0)\n\t"

static KWS__RV_INLINE void kws__dw3_rv_run(const kws__dw3_rv_args *args, int32_t *acc_a, int32_t *acc_b,
                                           const int32_t cs)
{
    register const kws__dw3_rv_args *pa __asm__("a0") = args;
    register int32_t ra_ __asm__("a1") = *acc_a;
    register int32_t rb_ __asm__("a2") = *acc_b;
    __asm__ volatile(KWS__RV_DW_LOAD
                     "lw a0, 36(a0)\n\t"
                     "beq a5, s10, 3f\n"
                     "5:\n\t" KWS__RV_DW_SUB("a1", "a2", "a3") KWS__RV_DW_SUB("a2", "a3", "a1")
                         KWS__RV_DW_SUB("a3", "a1", "a2") "bne a5, s10, 5b\n"
                     "3:\n\t"
                     "beq a5, s11, 4f\n"
                     "6:\n\t" KWS__RV_DW_SUB("a1", "a2", "a3") "mv a1, a2\n\t"
                     "mv a2, a3\n\t"
                     "bne a5, s11, 6b\n"
                     "4:\n"
                     : "+r"(pa), "+r"(ra_), "+r"(rb_)
                     : [c1] "i"(cs), [c2] "i"(2 * cs)
                     : "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "a3", "a4", "a5", "a6",
                       "a7", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "memory");
    *acc_a = ra_;
    *acc_b = rb_;
}

/* Vertical stride 2: output y takes input rows 2y - 1 (already in A, filter row 0), 2y (row 1) and 2y + 1
 * (row 2; also filter row 0 of output y + 1, started in B). Registers as above, a3 the second row, a6 twice
 * the input row stride. */
#define KWS__RV_DW_SUB2(A, B)                                                                          \
    "lb t0, 0(a0)\n\t"                                                                                 \
    "mul t1, s4, t0\n\t"                                                                               \
    "add " A ", " A ", t1\n\t"                                                                         \
    "lb t0, %[c1](a0)\n\t"                                                                             \
    "mul t1, s5, t0\n\t"                                                                               \
    "add " A ", " A ", t1\n\t"                                                                         \
    "lb t0, %[c2](a0)\n\t"                                                                             \
    "mul t1, s6, t0\n\t"                                                                               \
    "add " A ", " A ", t1\n\t"                                                                         \
    "lb t0, 0(a3)\n\t"                                                                                 \
    "mul t1, s7, t0\n\t"                                                                               \
    "add " A ", " A ", t1\n\t"                                                                         \
    "mul t1, s1, t0\n\t"                                                                               \
    "add " B ", a4, t1\n\t"                                                                            \
    "lb t0, %[c1](a3)\n\t"                                                                             \
    "mul t1, s8, t0\n\t"                                                                               \
    "add " A ", " A ", t1\n\t"                                                                         \
    "mul t0, s2, t0\n\t"                                                                               \
    "add " B ", " B ", t0\n\t"                                                                         \
    "lb t0, %[c2](a3)\n\t"                                                                             \
    "mul t1, s9, t0\n\t"                                                                               \
    "add " A ", " A ", t1\n\t"                                                                         \
    "mul t0, s3, t0\n\t"                                                                               \
    "add " B ", " B ", t0\n\t"                                                                         \
    "add a0, a0, a6\n\t"                                                                               \
    "add a3, a3, a6\n\t"                                                                               \
    KWS__RV_DW_OUT(A)

static KWS__RV_INLINE void kws__dw3_rv_run2(const kws__dw3_rv_args *args, int32_t *acc_a, const int32_t cs)
{
    register const kws__dw3_rv_args *pa __asm__("a0") = args;
    register int32_t ra_ __asm__("a1") = *acc_a;
    __asm__ volatile(KWS__RV_DW_LOAD
                     "lw a3, 60(a0)\n\t"
                     "lw a0, 36(a0)\n\t"
                     "beq a5, s10, 3f\n"
                     "5:\n\t" KWS__RV_DW_SUB2("a1", "a2") KWS__RV_DW_SUB2("a2", "a1") "bne a5, s10, 5b\n"
                     "3:\n\t"
                     "beq a5, s11, 4f\n\t" KWS__RV_DW_SUB2("a1", "a2") "mv a1, a2\n"
                     "4:\n"
                     : "+r"(pa), "+r"(ra_)
                     : [c1] "i"(cs), [c2] "i"(2 * cs)
                     : "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "a2", "a3", "a4", "a5",
                       "a6", "a7", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "memory");
    *acc_a = ra_;
}

/* One output column (the assembly, the first row of stride 1 and the last output in C); out of line, so that
 * the registers the assembly takes are saved once per column in a small frame, not across the channel loops. */
static __attribute__((noinline)) void kws__dw3_rv_col(kws__dw3_rv_args *a, const int8_t *p0, int8_t *op,
                                                      int32_t base_top, int32_t corr, size_t cs, size_t rs,
                                                      int32_t n, int32_t in_h, int32_t sh)
{
    const size_t ors = (size_t)a->ors;
    int32_t acc_a, acc_b;
    a->op = op;
    a->end = op + (size_t)n * ors;
    if (sh == 1) {
        /* row 0: output 0 (its row above is padding: row 0 of the filter left out of its base), output 1 */
        const int32_t x0 = p0[0], x1 = p0[cs], x2 = p0[2 * cs];
        acc_a = kws__wrap_add(base_top, a->w[3] * x0 + a->w[4] * x1 + a->w[5] * x2);
        acc_b = kws__wrap_add(a->base, a->w[0] * x0 + a->w[1] * x1 + a->w[2] * x2);
        a->p = p0 + rs;
        a->end3 = op + (size_t)(n - n % 3) * ors;
        switch (cs) {
        case 64: kws__dw3_rv_run(a, &acc_a, &acc_b, 64); break;
        case 112: kws__dw3_rv_run(a, &acc_a, &acc_b, 112); break;
        case 172: kws__dw3_rv_run(a, &acc_a, &acc_b, 172); break;
        default: kws__dw3_rv_run(a, &acc_a, &acc_b, 140); break;
        }
    } else {
        /* output 0: its row above is padding; rows 0 and 1 in the assembly */
        const int8_t *const pl = p0 + (size_t)(in_h - 1) * rs;
        acc_a = base_top;
        a->p = p0;
        a->p2 = p0 + rs;
        a->end3 = op + (size_t)(n - n % 2) * ors;
        switch (cs) {
        case 64: kws__dw3_rv_run2(a, &acc_a, 64); break;
        case 112: kws__dw3_rv_run2(a, &acc_a, 112); break;
        case 172: kws__dw3_rv_run2(a, &acc_a, 172); break;
        default: kws__dw3_rv_run2(a, &acc_a, 140); break;
        }
        /* the last output: row in_h - 2 is in acc_a (filter row 0), row in_h - 1 (filter row 1) here */
        acc_a = kws__wrap_add(acc_a, a->w[3] * pl[0] + a->w[4] * pl[cs] + a->w[5] * pl[2 * cs]);
    }
    /* the last output: its row below is padding (row 2 of the filter out of its base: corr) */
    acc_a = kws__wrap_add(acc_a, corr);
    op[(size_t)n * ors] = kws__rv_clamp(kws__rv_rq(acc_a, a->q.m2, a->q.e1, a->q.r), a->amin, a->amax);
}

/* The taps of window columns shift .. shift + 2 at offsets 0, C, 2C (0 outside the filter), the bases; fc: the
 * channel's first tap (taps cs bytes apart). */
static __attribute__((noinline)) void kws__dw3_rv_taps(kws__dw3_rv_args *a, const int8_t *fc, size_t cs, int32_t shift,
                                                       int32_t bias_c, int32_t input_offset, int32_t *base_top,
                                                       int32_t *rsum2)
{
    int32_t rsum[3], fy;
    for (fy = 0; fy < 3; fy++) {
        const int8_t *const f0 = fc + (size_t)(fy * 3) * cs;
        int8_t *const w = a->w + fy * 3;
        int32_t w0, w1, w2;
#define KWS__RV_F(i) ((int32_t)f0[(size_t)(i) * cs])
        if (shift == 0) { /* interior columns */
            w0 = KWS__RV_F(0);
            w1 = KWS__RV_F(1);
            w2 = KWS__RV_F(2);
        } else if (shift == 1) { /* left padding column */
            w0 = KWS__RV_F(1);
            w1 = KWS__RV_F(2);
            w2 = 0;
        } else if (shift == -1) { /* right padding column */
            w0 = 0;
            w1 = KWS__RV_F(0);
            w2 = KWS__RV_F(1);
        } else { /* two padding columns (or more) */
            w0 = shift + 0 >= 0 && shift + 0 < 3 ? KWS__RV_F(shift) : 0;
            w1 = shift + 1 >= 0 && shift + 1 < 3 ? KWS__RV_F(shift + 1) : 0;
            w2 = shift + 2 >= 0 && shift + 2 < 3 ? KWS__RV_F(shift + 2) : 0;
        }
#undef KWS__RV_F
        w[0] = (int8_t)w0;
        w[1] = (int8_t)w1;
        w[2] = (int8_t)w2;
        rsum[fy] = w0 + w1 + w2;
    }
    /* |input_offset * sums| <= 128 * 9 * 128 */
    a->base = kws__wrap_add(bias_c, input_offset * (rsum[0] + rsum[1] + rsum[2]));
    *base_top = kws__wrap_add(bias_c, input_offset * (rsum[1] + rsum[2]));
    *rsum2 = rsum[2];
}

int kws__dw3x3_rv32(const kws_conv_params *params, const kws_per_channel_quant *quant, const kws_dims *input_dims,
                    const int8_t *input, const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                    const kws_dims *output_dims, int8_t *output)
{
    const int32_t in_h = input_dims->h, in_w = input_dims->w, ch = input_dims->c;
    const int32_t out_w = output_dims->w;
    const int32_t input_offset = params->offset_folded ? 0 : params->input_offset;
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    const size_t cs = (size_t)ch, rs = (size_t)in_w * cs, ors = (size_t)out_w * cs;
    kws__dw3_rv_args a;
    int32_t c;
    const int32_t sh = params->stride_h;
    if (filter_dims->h != 3 || filter_dims->w != 3 || params->pad_top != 1 || output_dims->c != ch || in_w < 3 ||
        !(sh == 1 ? in_h >= 2 && output_dims->h == in_h
                  : sh == 2 && in_h >= 3 && (in_h & 1) != 0 && output_dims->h == (in_h + 1) / 2) ||
        !(ch == 64 || ch == 112 || ch == 140 || ch == 172) || !kws__rvq_all(quant, params->output_offset)) {
        return 0;
    }
    a.amin = params->act_min;
    a.amax = params->act_max;
    a.rs = (int32_t)rs * sh;
    a.ors = (int32_t)ors;
    for (c = 0; c < ch; c++) {
        const int32_t qi = per_channel ? c : 0;
        const int32_t bias_c = bias != NULL ? bias[c] : 0;
        const int8_t *const fc = filter + c;
        int32_t ox, shift_prev = 99, base_top = 0, rsum2 = 0;
        (void)kws__rvq_init(&a.q, quant->multiplier[qi], quant->shift[qi], params->output_offset);
        for (ox = 0; ox < out_w; ox++) {
            const int32_t in_x0 = ox * params->stride_w - params->pad_left;
            const int32_t col0 = in_x0 < 0 ? 0 : (in_x0 > in_w - 3 ? in_w - 3 : in_x0);
            const int32_t shift = col0 - in_x0; /* window column of input column col0 */
            const int8_t *const p0 = input + (size_t)col0 * cs + (size_t)c;
            int8_t *const op = output + (size_t)ox * cs + (size_t)c;
            /* stride 1: outputs 0 .. in_h - 2 from input rows 1 .. in_h - 1; stride 2: outputs 0 .. out_h - 2 */
            const int32_t n = output_dims->h - 1;
            if (shift != shift_prev) { /* the masked taps (interior columns share them) */
                kws__dw3_rv_taps(&a, fc, cs, shift, bias_c, input_offset, &base_top, &rsum2);
                shift_prev = shift;
            }
            kws__dw3_rv_col(&a, p0, op, base_top, -(input_offset * rsum2), cs, rs, n, in_h, sh);
        }
    }
    return 1;
}

#else
typedef int kws__dw3x3_rv32_unused; /* ISO C: a translation unit is not empty */
#endif
