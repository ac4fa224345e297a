/*
 * KwsNano internal: DEPTHWISE_CONV_2D 3x3 on 32-bit RISC-V (KWS__RV32, optimizing GCC builds: KWS__ASM_LOOPS),
 * called by kws_depthwise_conv2d_s8_opt. Shapes: depth multiplier 1, 3x3 filter, one padding row above;
 * vertical stride 1 with out_h == in_h >= 2 (SAME) or stride 2 with an odd in_h >= 3 and out_h = (in_h + 1) / 2
 * (SAME: one padding row below the last output as well); any horizontal stride and padding for which every
 * window has at most one padding column (window shift -1, 0 or 1, below), in_w >= 3, channels 64, 112, 140 or 172 (the catalog's; the channel stride becomes an immediate offset), every
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
 * is padding) use bases with the padding row's weights left out (base_top, corr).
 * The output columns are grouped into runs with the same window shift (SAME: the left edge column, the
 * interior, the right edge column); one assembly call per run does every channel and every column of it:
 * per channel the masked taps, the bases and the output-stage constants are formed in the assembly from the
 * filter, bias, multiplier and shift, so no per-channel or per-column C code runs.
 */
#include <stddef.h>
#include "kws_nano.h"
#include "../kws__simd.h"
#include "../kws__rv32.h"

#if KWS__RV32 && KWS__ASM_LOOPS

/* the assembly's arguments (byte offsets fixed: read with LW below); one call per run of output columns with
 * the same window shift, all channels */
typedef struct {
    const int8_t *fc;     /*  0: the channel's first tap (filter + c; taps C bytes apart) */
    const int32_t *bp;    /*  4: the channel's bias (a zero when there is none) */
    const int32_t *mp;    /*  8: its multiplier */
    const int32_t *sp;    /* 12: its shift */
    int32_t bstep;        /* 16: 4, or 0 without a bias */
    int32_t qstep;        /* 20: 4 per channel, 0 per tensor */
    int32_t off;          /* 24: input offset (0 when folded) */
    int32_t k1;           /* 28: 1 + 2 * output_offset (r = k1 << (e1 - 1), kws__rq_init) */
    int32_t amin;         /* 32 */
    int32_t amax;         /* 36 */
    const int8_t *pc;     /* 40: the channel's first input row of the run's first column (window column 0) */
    int8_t *opc;          /* 44: the channel's output of the run's first column, row 0 */
    int32_t rs;           /* 48: input row stride (stride 2: twice that) */
    int32_t ors;          /* 52: output row stride */
    int32_t n3o;          /* 56: n3 * ors: the end of the unrolled passes (3 outputs each; stride 2: 2) */
    int32_t no;           /* 60: n * ors: the last output of a column */
    int32_t istep;        /* 64: input bytes from one output column to the next (stride_w * C) */
    int32_t ncol;         /* 68: columns in the run (>= 1) */
    int32_t shift;        /* 72: the run's window shift, -1, 0 or 1 */
    int32_t nch;          /* 76: channels left (counted down by the assembly) */
    const int8_t *p;      /* 80: the column's first input row */
    int8_t *op;           /* 84: the column's first output */
    int32_t col;          /* 88: columns left */
    int32_t base_top;     /* 92: bias + input_offset * (taps of filter rows 1, 2): output 0 (row above: padding) */
    int32_t corr;         /* 96: -input_offset * (taps of filter row 2): the last output (row below: padding) */
} kws__dw3_rv_args;

typedef char kws__dw3_rv_layout[(offsetof(kws__dw3_rv_args, k1) == 28 && offsetof(kws__dw3_rv_args, pc) == 40 &&
                                 offsetof(kws__dw3_rv_args, no) == 60 && offsetof(kws__dw3_rv_args, nch) == 76 &&
                                 offsetof(kws__dw3_rv_args, corr) == 96)
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

/* Per channel (ra the argument block): the column pointers to the run's first column, the masked taps
 * into s1..s9 by the run's shift (shift 1: window column 0 is padding, the taps of filter columns 1, 2 at
 * window columns 0, 1; shift -1: filter columns 0, 1 at window columns 1, 2; the padding column's weight 0),
 * the bases (modulo 2^32 as kws__wrap_add; |input_offset * sums| <= 128 * 9 * 128), the output stage
 * constants M2 = 2m, e1 = ~shift, r = k1 << (e1 - 1) into t2, t3, t4 (= kws__rvq_init, checked for every
 * channel by the caller). */
#define KWS__RV_DW_CHAN                                                                                \
    "lw t0, 40(ra)\n\t"                                                                                \
    "sw t0, 80(ra)\n\t"                                                                                \
    "lw t0, 44(ra)\n\t"                                                                                \
    "sw t0, 84(ra)\n\t"                                                                                \
    "lw t0, 68(ra)\n\t"                                                                                \
    "sw t0, 88(ra)\n\t"                                                                                \
    "lw a0, 0(ra)\n\t"                                                                                 \
    "lw t0, 72(ra)\n\t"                                                                                \
    "bnez t0, 10f\n\t"                                                                                 \
    "lb s1, 0(a0)\n\t"                                                                                 \
    "lb s2, %[c1](a0)\n\t"                                                                             \
    "lb s3, 2*%[c1](a0)\n\t"                                                                           \
    "lb s4, 3*%[c1](a0)\n\t"                                                                           \
    "lb s5, 4*%[c1](a0)\n\t"                                                                           \
    "lb s6, 5*%[c1](a0)\n\t"                                                                           \
    "lb s7, 6*%[c1](a0)\n\t"                                                                           \
    "lb s8, 7*%[c1](a0)\n\t"                                                                           \
    "lb s9, 8*%[c1](a0)\n\t"                                                                           \
    "j 12f\n"                                                                                          \
    "10:\n\t"                                                                                          \
    "bltz t0, 11f\n\t"                                                                                 \
    "lb s1, %[c1](a0)\n\t"                                                                             \
    "lb s2, 2*%[c1](a0)\n\t"                                                                           \
    "li s3, 0\n\t"                                                                                     \
    "lb s4, 4*%[c1](a0)\n\t"                                                                           \
    "lb s5, 5*%[c1](a0)\n\t"                                                                           \
    "li s6, 0\n\t"                                                                                     \
    "lb s7, 7*%[c1](a0)\n\t"                                                                           \
    "lb s8, 8*%[c1](a0)\n\t"                                                                           \
    "li s9, 0\n\t"                                                                                     \
    "j 12f\n"                                                                                          \
    "11:\n\t"                                                                                          \
    "li s1, 0\n\t"                                                                                     \
    "lb s2, 0(a0)\n\t"                                                                                 \
    "lb s3, %[c1](a0)\n\t"                                                                             \
    "li s4, 0\n\t"                                                                                     \
    "lb s5, 3*%[c1](a0)\n\t"                                                                           \
    "lb s6, 4*%[c1](a0)\n\t"                                                                           \
    "li s7, 0\n\t"                                                                                     \
    "lb s8, 6*%[c1](a0)\n\t"                                                                           \
    "lb s9, 7*%[c1](a0)\n"                                                                             \
    "12:\n\t"                                                                                          \
    "add a1, s4, s5\n\t"                                                                               \
    "add a1, a1, s6\n\t"                                                                               \
    "add a2, s7, s8\n\t"                                                                               \
    "add a2, a2, s9\n\t"                                                                               \
    "add a3, s1, s2\n\t"                                                                               \
    "add a3, a3, s3\n\t"                                                                               \
    "lw t1, 24(ra)\n\t"                                                                                \
    "lw a0, 4(ra)\n\t"                                                                                 \
    "lw t0, 0(a0)\n\t"                                                                                 \
    "mul a2, a2, t1\n\t"                                                                               \
    "neg a5, a2\n\t"                                                                                   \
    "sw a5, 96(ra)\n\t"                                                                                \
    "mul a1, a1, t1\n\t"                                                                               \
    "add a1, a1, a2\n\t"                                                                               \
    "add a1, a1, t0\n\t"                                                                               \
    "sw a1, 92(ra)\n\t"                                                                                \
    "mul a3, a3, t1\n\t"                                                                               \
    "add a4, a1, a3\n\t"                                                                               \
    "lw a0, 8(ra)\n\t"                                                                                 \
    "lw t2, 0(a0)\n\t"                                                                                 \
    "slli t2, t2, 1\n\t"                                                                               \
    "lw a0, 12(ra)\n\t"                                                                                \
    "lw t3, 0(a0)\n\t"                                                                                 \
    "not t3, t3\n\t"                                                                                   \
    "lw t0, 28(ra)\n\t"                                                                                \
    "addi t4, t3, -1\n\t"                                                                              \
    "sll t4, t0, t4\n\t"

/* a column's pointers: a0 its first input row, a5 its first output, s10 / s11 the ends */
#define KWS__RV_DW_COLHEAD                                                                             \
    "lw a0, 80(ra)\n\t"                                                                                \
    "lw a5, 84(ra)\n\t"                                                                                \
    "lw s10, 56(ra)\n\t"                                                                               \
    "add s10, s10, a5\n\t"                                                                             \
    "lw s11, 60(ra)\n\t"                                                                               \
    "add s11, s11, a5\n\t"

/* the next column (p += istep, op += C) until col is 0, then the next channel (every pointer one channel on)
 * until nch is 0 */
#define KWS__RV_DW_NEXT                                                                                \
    "lw t0, 80(ra)\n\t"                                                                                \
    "lw t1, 64(ra)\n\t"                                                                                \
    "add t0, t0, t1\n\t"                                                                               \
    "sw t0, 80(ra)\n\t"                                                                                \
    "lw t0, 84(ra)\n\t"                                                                                \
    "addi t0, t0, %[c1]\n\t"                                                                           \
    "sw t0, 84(ra)\n\t"                                                                                \
    "lw t0, 88(ra)\n\t"                                                                                \
    "addi t0, t0, -1\n\t"                                                                              \
    "sw t0, 88(ra)\n\t"                                                                                \
    "bnez t0, 7b\n\t"                                                                                  \
    "lw t0, 40(ra)\n\t"                                                                                \
    "addi t0, t0, 1\n\t"                                                                               \
    "sw t0, 40(ra)\n\t"                                                                                \
    "lw t0, 44(ra)\n\t"                                                                                \
    "addi t0, t0, 1\n\t"                                                                               \
    "sw t0, 44(ra)\n\t"                                                                                \
    "lw t0, 0(ra)\n\t"                                                                                 \
    "addi t0, t0, 1\n\t"                                                                               \
    "sw t0, 0(ra)\n\t"                                                                                 \
    "lw t0, 4(ra)\n\t"                                                                                 \
    "lw t1, 16(ra)\n\t"                                                                                \
    "add t0, t0, t1\n\t"                                                                               \
    "sw t0, 4(ra)\n\t"                                                                                 \
    "lw t1, 20(ra)\n\t"                                                                                \
    "lw t0, 8(ra)\n\t"                                                                                 \
    "add t0, t0, t1\n\t"                                                                               \
    "sw t0, 8(ra)\n\t"                                                                                 \
    "lw t0, 12(ra)\n\t"                                                                                \
    "add t0, t0, t1\n\t"                                                                               \
    "sw t0, 12(ra)\n\t"                                                                                \
    "lw t0, 76(ra)\n\t"                                                                                \
    "addi t0, t0, -1\n\t"                                                                              \
    "sw t0, 76(ra)\n\t"                                                                                \
    "bnez t0, 8b\n"

/* the layer constants (a0 the argument block, then ra) */
#define KWS__RV_DW_ENTRY                                                                               \
    "mv ra, a0\n\t"                                                                                    \
    "lw t5, 32(ra)\n\t"                                                                                \
    "lw t6, 36(ra)\n\t"                                                                                \
    "lw a6, 48(ra)\n\t"                                                                                \
    "lw a7, 52(ra)\n"                                                                                  \
    "8:\n\t" KWS__RV_DW_CHAN "7:\n\t" KWS__RV_DW_COLHEAD

/* Vertical stride 1. Per column: input row 0 (output 0 from base_top with filter row 1, output 1 from the
 * base with row 0), rows 1 .. n in the rotating body, then the last output (n, in a1) with corr. */
static KWS__RV_INLINE void kws__dw3_rv_run(kws__dw3_rv_args *args, const int32_t cs)
{
    register kws__dw3_rv_args *pa __asm__("a0") = args;
    __asm__ volatile(KWS__RV_DW_ENTRY
                     "lb t0, 0(a0)\n\t"
                     "lw a1, 92(ra)\n\t"
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
                     "lw t1, 96(ra)\n\t"
                     "add a1, a1, t1\n\t"
                     KWS__RV_DW_OUT("a1")
                     KWS__RV_DW_NEXT
                     : "+r"(pa)
                     : [c1] "i"(cs), [c2] "i"(2 * cs)
                     : "ra", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "a1", "a2", "a3",
                       "a4", "a5", "a6", "a7", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "memory");
}

/* Vertical stride 2: output 0 from base_top (rows 0 and 1 in the body, a3 the second row pointer), the last
 * output from the last input row (a0 ends there: 2n rows on) with filter row 1 and corr. */
static KWS__RV_INLINE void kws__dw3_rv_run2(kws__dw3_rv_args *args, const int32_t cs)
{
    register kws__dw3_rv_args *pa __asm__("a0") = args;
    __asm__ volatile(KWS__RV_DW_ENTRY
                     "lw a1, 92(ra)\n\t"
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
                     "lw t1, 96(ra)\n\t"
                     "add a1, a1, t1\n\t"
                     KWS__RV_DW_OUT("a1")
                     KWS__RV_DW_NEXT
                     : "+r"(pa)
                     : [c1] "i"(cs), [c2] "i"(2 * cs)
                     : "ra", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "a1", "a2", "a3",
                       "a4", "a5", "a6", "a7", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "memory");
}

/* One run of output columns, every channel, in the assembly; out of line, so that the registers it takes are
 * saved once per run in a small frame. */
static __attribute__((noinline)) void kws__dw3_rv_chans(kws__dw3_rv_args *a, size_t cs, int32_t sh)
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

/* the window shift of output column ox: the window column of input column col0 (*col0) */
static int32_t kws__dw3_rv_shift(const kws_conv_params *params, int32_t in_w, int32_t ox, int32_t *col0)
{
    const int32_t in_x0 = ox * params->stride_w - params->pad_left;
    const int32_t c0 = in_x0 < 0 ? 0 : (in_x0 > in_w - 3 ? in_w - 3 : in_x0);
    *col0 = c0;
    return c0 - in_x0;
}

int kws__dw3x3_rv32(const kws_conv_params *params, const kws_per_channel_quant *quant, const kws_dims *input_dims,
                    const int8_t *input, const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                    const kws_dims *output_dims, int8_t *output)
{
    static const int32_t zero = 0;
    const int32_t in_h = input_dims->h, in_w = input_dims->w, ch = input_dims->c;
    const int32_t out_w = output_dims->w;
    const size_t cs = (size_t)ch, rs = (size_t)in_w * cs, ors = (size_t)out_w * cs;
    kws__dw3_rv_args a;
    int32_t ox, col0, n, n3;
    const int32_t sh = params->stride_h;
    if (filter_dims->h != 3 || filter_dims->w != 3 || params->pad_top != 1 || output_dims->c != ch || in_w < 3 ||
        !(sh == 1 ? in_h >= 2 && output_dims->h == in_h
                  : sh == 2 && in_h >= 3 && (in_h & 1) != 0 && output_dims->h == (in_h + 1) / 2) ||
        !(ch == 64 || ch == 112 || ch == 140 || ch == 172) || !kws__rvq_all(quant, params->output_offset)) {
        return 0;
    }
    for (ox = 0; ox < out_w; ox++) { /* windows that need two padding columns (or more): the general kernel */
        const int32_t shift = kws__dw3_rv_shift(params, in_w, ox, &col0);
        if (shift < -1 || shift > 1) {
            return 0;
        }
    }
    /* stride 1: outputs 0 .. in_h - 2 from input rows 1 .. in_h - 1 in the body; stride 2: 0 .. out_h - 2 */
    n = output_dims->h - 1;
    n3 = sh == 1 ? n - n % 3 : n - n % 2;
    a.off = params->offset_folded ? 0 : params->input_offset;
    a.k1 = 1 + 2 * params->output_offset; /* |output_offset| < 2^29 (kws__rq_init's |r| < 2^30, e1 >= 1) */
    a.amin = params->act_min;
    a.amax = params->act_max;
    a.bstep = bias != NULL ? 4 : 0;
    a.qstep = quant->count > 1 ? 4 : 0;
    a.rs = (int32_t)rs * sh;
    a.ors = (int32_t)ors;
    a.n3o = (int32_t)((size_t)n3 * ors);
    a.no = (int32_t)((size_t)n * ors);
    a.istep = (int32_t)((size_t)params->stride_w * cs);
    ox = 0;
    while (ox < out_w) { /* runs of columns with the same window shift (interior columns share it) */
        const int32_t shift = kws__dw3_rv_shift(params, in_w, ox, &col0);
        int32_t ox1 = ox + 1, c1;
        while (ox1 < out_w && kws__dw3_rv_shift(params, in_w, ox1, &c1) == shift) {
            ox1++;
        }
        a.fc = filter;
        a.bp = bias != NULL ? bias : &zero;
        a.mp = quant->multiplier;
        a.sp = quant->shift;
        a.pc = input + (size_t)col0 * cs;
        a.opc = output + (size_t)ox * cs;
        a.ncol = ox1 - ox;
        a.shift = shift;
        a.nch = ch;
        kws__dw3_rv_chans(&a, cs, sh);
        ox = ox1;
    }
    return 1;
}

#else
typedef int kws__dw3x3_rv32_unused; /* ISO C: a translation unit is not empty */
#endif
