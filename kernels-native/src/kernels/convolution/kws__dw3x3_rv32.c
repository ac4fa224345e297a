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
    const int8_t *p;   /* 36: the column's first input row (window column 0); moved on by the assembly */
    int8_t *op;        /* 40: the column's first output; moved on by the assembly */
    int32_t rs;        /* 44: input row stride (stride 2: twice that) */
    int32_t ors;       /* 48: output row stride */
    int8_t *end3;      /* 52: op after the unrolled passes (3 outputs each; stride 2: 2) */
    int8_t *end;       /* 56: op of the last output of the column */
    int32_t base_top;  /* 60: the base without filter row 0 (output 0: its row above is padding) */
    int32_t corr;      /* 64: the last output's correction (its row below is padding: filter row 2 out) */
    int32_t istep;     /* 68: input bytes from one output column to the next (stride_w * C) */
    int32_t ncol;      /* 72: columns left in the run (>= 1); counted down by the assembly */
} kws__dw3_rv_args;

typedef char kws__dw3_rv_layout[(offsetof(kws__dw3_rv_args, base) == 12 && offsetof(kws__dw3_rv_args, q) == 16 &&
                                 sizeof(kws__rvq) == 12 && offsetof(kws__rvq, e1) == 4 &&
                                 offsetof(kws__rvq, r) == 8 && offsetof(kws__dw3_rv_args, p) == 36 &&
                                 offsetof(kws__dw3_rv_args, end) == 56 && offsetof(kws__dw3_rv_args, base_top) == 60 &&
                                 offsetof(kws__dw3_rv_args, ncol) == 72)
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

/* the next column of the run: p += istep, op, end3 and end += C (ra the argument block), until ncol is 0 */
#define KWS__RV_DW_NEXT                                                                                \
    "lw t0, 36(ra)\n\t"                                                                                \
    "lw t1, 68(ra)\n\t"                                                                                \
    "add t0, t0, t1\n\t"                                                                               \
    "sw t0, 36(ra)\n\t"                                                                                \
    "lw t0, 40(ra)\n\t"                                                                                \
    "addi t0, t0, %[c1]\n\t"                                                                           \
    "sw t0, 40(ra)\n\t"                                                                                \
    "addi s10, s10, %[c1]\n\t"                                                                         \
    "addi s11, s11, %[c1]\n\t"                                                                         \
    "lw t0, 72(ra)\n\t"                                                                                \
    "addi t0, t0, -1\n\t"                                                                              \
    "sw t0, 72(ra)\n\t"                                                                                \
    "bnez t0, 7b\n"

/* Vertical stride 1, a run of columns with the same taps. Per column: input row 0 (output 0 from base_top
 * with filter row 1, output 1 from the base with row 0), rows 1 .. n in the rotating body, then the last
 * output (n, in a1) with corr. */
static KWS__RV_INLINE void kws__dw3_rv_run(kws__dw3_rv_args *args, const int32_t cs)
{
    register kws__dw3_rv_args *pa __asm__("a0") = args;
    __asm__ volatile(KWS__RV_DW_LOAD
                     "mv ra, a0\n"
                     "7:\n\t"
                     "lw a0, 36(ra)\n\t"
                     "lw a5, 40(ra)\n\t"
                     "lb t0, 0(a0)\n\t"
                     "lw a1, 60(ra)\n\t"
                     "mul t1, s4, t0\n\t"
                     "add a1, a1, t1\n\t"
                     "mul t1, s1, t0\n\t"
                     "add a2, a4, t1\n\t"
                     "lb t0, %[c1](a0)\n\t"
                     "mul t1, s5, t0\n\t"
                     "add a1, a1, t1\n\t"
                     "mul t0, s2, t0\n\t"
                     "add a2, a2, t0\n\t"
                     "lb t0, %[c2](a0)\n\t"
                     "mul t1, s6, t0\n\t"
                     "add a1, a1, t1\n\t"
                     "mul t0, s3, t0\n\t"
                     "add a2, a2, t0\n\t"
                     "add a0, a0, a6\n\t"
                     "beq a5, s10, 3f\n"
                     "5:\n\t" KWS__RV_DW_SUB("a1", "a2", "a3") KWS__RV_DW_SUB("a2", "a3", "a1")
                         KWS__RV_DW_SUB("a3", "a1", "a2") "bne a5, s10, 5b\n"
                     "3:\n\t"
                     "beq a5, s11, 4f\n"
                     "6:\n\t" KWS__RV_DW_SUB("a1", "a2", "a3") "mv a1, a2\n\t"
                     "mv a2, a3\n\t"
                     "bne a5, s11, 6b\n"
                     "4:\n\t"
                     "lw t1, 64(ra)\n\t"
                     "add a1, a1, t1\n\t"
                     KWS__RV_DW_OUT("a1")
                     KWS__RV_DW_NEXT
                     : "+r"(pa)
                     : [c1] "i"(cs), [c2] "i"(2 * cs)
                     : "ra", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "a1", "a2", "a3",
                       "a4", "a5", "a6", "a7", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "memory");
}

/* Vertical stride 2, a run of columns: output 0 from base_top (rows 0 and 1 in the body, a3 the second row
 * pointer), the last output from the last input row (a0 ends there: 2n rows on) with filter row 1 and corr. */
static KWS__RV_INLINE void kws__dw3_rv_run2(kws__dw3_rv_args *args, const int32_t cs)
{
    register kws__dw3_rv_args *pa __asm__("a0") = args;
    __asm__ volatile(KWS__RV_DW_LOAD
                     "mv ra, a0\n"
                     "7:\n\t"
                     "lw a0, 36(ra)\n\t"
                     "lw a5, 40(ra)\n\t"
                     "lw a1, 60(ra)\n\t"
                     "srli a3, a6, 1\n\t"
                     "add a3, a3, a0\n\t"
                     "beq a5, s10, 3f\n"
                     "5:\n\t" KWS__RV_DW_SUB2("a1", "a2") KWS__RV_DW_SUB2("a2", "a1") "bne a5, s10, 5b\n"
                     "3:\n\t"
                     "beq a5, s11, 4f\n\t" KWS__RV_DW_SUB2("a1", "a2") "mv a1, a2\n"
                     "4:\n\t"
                     "lb t0, 0(a0)\n\t"
                     "mul t1, s4, t0\n\t"
                     "add a1, a1, t1\n\t"
                     "lb t0, %[c1](a0)\n\t"
                     "mul t1, s5, t0\n\t"
                     "add a1, a1, t1\n\t"
                     "lb t0, %[c2](a0)\n\t"
                     "mul t1, s6, t0\n\t"
                     "add a1, a1, t1\n\t"
                     "lw t1, 64(ra)\n\t"
                     "add a1, a1, t1\n\t"
                     KWS__RV_DW_OUT("a1")
                     KWS__RV_DW_NEXT
                     : "+r"(pa)
                     : [c1] "i"(cs), [c2] "i"(2 * cs)
                     : "ra", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "a1", "a2", "a3",
                       "a4", "a5", "a6", "a7", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "memory");
}

/* A run of a->ncol output columns with the same taps, all in the assembly; out of line, so that the registers
 * it takes are saved once per run in a small frame, not across the channel loops. */
static __attribute__((noinline)) void kws__dw3_rv_cols(kws__dw3_rv_args *a, size_t cs, int32_t sh)
{
    if (sh == 1) {
        switch (cs) {
        case 64: kws__dw3_rv_run(a, 64); break;
        case 112: kws__dw3_rv_run(a, 112); break;
        case 172: kws__dw3_rv_run(a, 172); break;
        default: kws__dw3_rv_run(a, 140); break;
        }
    } else {
        switch (cs) {
        case 64: kws__dw3_rv_run2(a, 64); break;
        case 112: kws__dw3_rv_run2(a, 112); break;
        case 172: kws__dw3_rv_run2(a, 172); break;
        default: kws__dw3_rv_run2(a, 140); break;
        }
    }
}

/* The taps of window columns shift .. shift + 2 at offsets 0, C, 2C (0 outside the filter), the bases; fc: the
 * channel's first tap (taps cs bytes apart). */
static __attribute__((noinline)) void kws__dw3_rv_taps(kws__dw3_rv_args *a, const int8_t *fc, size_t cs, int32_t shift,
                                                       int32_t bias_c, int32_t input_offset)
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
    a->base_top = kws__wrap_add(bias_c, input_offset * (rsum[1] + rsum[2]));
    a->corr = -(input_offset * rsum[2]);
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
    int32_t c, n, n3;
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
    /* stride 1: outputs 0 .. in_h - 2 from input rows 1 .. in_h - 1 in the body; stride 2: 0 .. out_h - 2 */
    n = output_dims->h - 1;
    n3 = sh == 1 ? n - n % 3 : n - n % 2;
    a.ors = (int32_t)ors;
    a.istep = (int32_t)((size_t)params->stride_w * cs);
    for (c = 0; c < ch; c++) {
        const int32_t qi = per_channel ? c : 0;
        const int32_t bias_c = bias != NULL ? bias[c] : 0;
        const int8_t *const fc = filter + c;
        int32_t ox = 0;
        (void)kws__rvq_init(&a.q, quant->multiplier[qi], quant->shift[qi], params->output_offset);
        while (ox < out_w) { /* runs of columns with the same masked taps (interior columns share them) */
            const int32_t in_x0 = ox * params->stride_w - params->pad_left;
            const int32_t col0 = in_x0 < 0 ? 0 : (in_x0 > in_w - 3 ? in_w - 3 : in_x0);
            const int32_t shift = col0 - in_x0; /* window column of input column col0 */
            int32_t ox1 = ox + 1;
            int8_t *const op = output + (size_t)ox * cs + (size_t)c;
            for (; ox1 < out_w; ox1++) {
                const int32_t x1 = ox1 * params->stride_w - params->pad_left;
                if ((x1 < 0 ? 0 : (x1 > in_w - 3 ? in_w - 3 : x1)) - x1 != shift) {
                    break;
                }
            }
            kws__dw3_rv_taps(&a, fc, cs, shift, bias_c, input_offset);
            a.p = input + (size_t)col0 * cs + (size_t)c;
            a.op = op;
            a.end3 = op + (size_t)n3 * ors;
            a.end = op + (size_t)n * ors;
            a.ncol = ox1 - ox;
            kws__dw3_rv_cols(&a, cs, sh);
            ox = ox1;
        }
    }
    return 1;
}

#else
typedef int kws__dw3x3_rv32_unused; /* ISO C: a translation unit is not empty */
#endif
