/*
 * KwsNano internal: the int8 GEMM of kws__mat_mult_s8 on 32-bit RISC-V (KWS__RV32, optimizing GCC builds:
 * KWS__ASM_LOOPS), for layers whose every channel has the precomputed output stage (kws__rvq, kws__rv32.h)
 * and whose depth is one of the catalog's pointwise depths (ds_cnn_s 64; micronet 112, 140, 196; DS-CNN-M 172).
 *
 * Blocks of 4 channels x 5 rows (pixels; 125 = 25 blocks), kws__rv_mm45 below: 20 accumulators start at the
 * channels' bases
 *   base = bias + input_offset * sum(w)     (modulo 2^32, as the reference's bias addition)
 * and add w * x over the depth in inline assembly, the depth D a constant so that the 4 weight rows and the
 * 5 input rows are immediate offsets (0, D, .., 4D <= 784 + 3) from one pointer each: per step 9 byte loads,
 * 20 MUL and 20 ADD for 20 MACs, 4 steps per pass (loop overhead 4 instructions per 80 MACs). The sums wrap
 * modulo 2^32 like the reference's final bias addition; the products' partial sums stay below
 * 196 * 2^14 < 2^22 in magnitude. Rows left over (rows % 5) take a C loop, one row x 4 channels; channels
 * left over (cout % 4) one at a time in C.
 * Output stage: kws__rv_rq + clamp (9 + 2..4 instructions per value), in the assembly for the 5 x 4 blocks;
 * every channel of the layer must have the precomputed form (kws__rvq, kws__rv32.h); other layers (and other
 * depths, fewer than 5 rows) go to kws__mat_mult_s8.
 */
#include "../kws__opt.h"
#include "../kws__simd.h"
#include "../kws__rv32.h"
#include <stddef.h>

#if KWS__RV32 && KWS__ASM_LOOPS

#if defined(__GNUC__)
#define KWS__RV_CONST_INLINE inline __attribute__((always_inline)) /* the depth must become a constant */
#else
#define KWS__RV_CONST_INLINE inline
#endif

/*
 * 4 channels x 5 rows (125 pixels = 25 blocks): 20 accumulators, the whole register file in fixed registers
 * (s0..s11, a0..a7 the sums, t3..t6 the weights, t0 / t1 temporaries, t2 / ra the weight and input
 * pointers; the loop end, the argument block's address and the callee-saved registers ra, s0..s11 on the
 * stack below sp, which the assembly moves down by 64 and back: its caller needs no frame): per step 9 byte
 * loads, 20 MUL, 20 ADD for 20 MACs. The output stage runs in the same assembly (kws__rv_rq, the clamp, the
 * store), its constants read from the argument block. Not with -fno-omit-frame-pointer (s0): define KWS_NO_ASM
 * there.
 */
typedef struct {
    const int8_t *w;    /*  0: the 4 channels' weight rows */
    const int8_t *x;    /*  4: the 5 input rows */
    const int8_t *wend; /*  8: w + depth */
    int8_t *o;          /* 12: output of row 0, channel 0 */
    int32_t cs;         /* 16: output row stride (cout) */
    int32_t amin;       /* 20 */
    int32_t amax;       /* 24 */
    int32_t b[4];       /* 28: the channels' bases */
    kws__rvq q[4];      /* 44: 12 bytes each {m2, e1, r} */
    const int8_t *xend; /* 92: x after the last block of 5 rows (the assembly moves x and o on until then) */
} kws__rv_mm45_args;
typedef char kws__rv_mm45_layout[(offsetof(kws__rv_mm45_args, b) == 28 && offsetof(kws__rv_mm45_args, q) == 44 &&
                                  offsetof(kws__rv_mm45_args, cs) == 16 && offsetof(kws__rv_mm45_args, xend) == 92 &&
                                  sizeof(kws__rvq) == 12)
                                     ? 1
                                     : -1];

#define KWS__RV_M5_ROW(j, ROFF, A0, A1, A2, A3)                                                        \
    "lb t0, " ROFF "+" #j "(ra)\n\t"                                                                   \
    "mul t1, t3, t0\n\t"                                                                               \
    "add " A0 ", " A0 ", t1\n\t"                                                                       \
    "mul t1, t4, t0\n\t"                                                                               \
    "add " A1 ", " A1 ", t1\n\t"                                                                       \
    "mul t1, t5, t0\n\t"                                                                               \
    "add " A2 ", " A2 ", t1\n\t"                                                                       \
    "mul t0, t6, t0\n\t"                                                                               \
    "add " A3 ", " A3 ", t0\n\t"
#define KWS__RV_M5_STEP(j)                                                                             \
    "lb t3, " #j "(t2)\n\t"                                                                            \
    "lb t4, %[d]+" #j "(t2)\n\t"                                                                       \
    "lb t5, 2*%[d]+" #j "(t2)\n\t"                                                                     \
    "lb t6, 3*%[d]+" #j "(t2)\n\t"                                                                     \
    KWS__RV_M5_ROW(j, "0", "s0", "s1", "s2", "s3")                                                     \
    KWS__RV_M5_ROW(j, "%[d]", "s4", "s5", "s6", "s7")                                                  \
    KWS__RV_M5_ROW(j, "2*%[d]", "s8", "s9", "s10", "s11")                                              \
    KWS__RV_M5_ROW(j, "3*%[d]", "a0", "a1", "a2", "a3")                                                \
    KWS__RV_M5_ROW(j, "4*%[d]", "a4", "a5", "a6", "a7")
/* output of sum A (t3 m2, t4 e1, t5 r, t6 act_min, ra the argument block, t2 the output pointer); AMAX, CS:
 * where act_max and the output row stride are read (a register, or the block with a load into t1) */
#define KWS__RV_M5_OUTX(A, LDMAX, MAX, LDCS, CS)                                                       \
    "mul t1, " A ", t3\n\t"                                                                            \
    "mulhsu t0, " A ", t3\n\t"                                                                         \
    "srli t1, t1, 31\n\t"                                                                              \
    "add t0, t0, t1\n\t"                                                                               \
    "srai " A ", " A ", 31\n\t"                                                                        \
    "add t0, t0, " A "\n\t"                                                                            \
    "srai t0, t0, 1\n\t"                                                                               \
    "add t0, t0, t5\n\t"                                                                               \
    "sra t0, t0, t4\n\t"                                                                               \
    "bge t0, t6, 1f\n\t"                                                                               \
    "mv t0, t6\n"                                                                                      \
    "1:\n\t" LDMAX                                                                                     \
    "bge " MAX ", t0, 1f\n\t"                                                                          \
    "mv t0, " MAX "\n"                                                                                 \
    "1:\n\t"                                                                                           \
    "sb t0, 0(t2)\n\t" LDCS                                                                            \
    "add t2, t2, " CS "\n\t"
/* channel 0: act_max and the stride from the block; its sums' registers s0 / s4 then hold them */
#define KWS__RV_M5_OUT(A) KWS__RV_M5_OUTX(A, "lw t1, 24(ra)\n\t", "t1", "lw t1, 16(ra)\n\t", "t1")
#define KWS__RV_M5_OUTR(A) KWS__RV_M5_OUTX(A, "", "s0", "", "s4")
/* channel C: its constants, then its 5 rows */
#define KWS__RV_M5_CHHEAD(C)                                                                           \
    "lw t3, 44+12*" #C "(ra)\n\t"                                                                      \
    "lw t4, 48+12*" #C "(ra)\n\t"                                                                      \
    "lw t5, 52+12*" #C "(ra)\n\t"                                                                      \
    "lw t2, 12(ra)\n\t"                                                                                \
    "addi t2, t2, " #C "\n\t"
#define KWS__RV_M5_CH0                                                                                 \
    KWS__RV_M5_CHHEAD(0) KWS__RV_M5_OUT("s0") KWS__RV_M5_OUT("s4") KWS__RV_M5_OUT("s8")                \
        KWS__RV_M5_OUT("a0") KWS__RV_M5_OUT("a4")                                                      \
    "lw s0, 24(ra)\n\t"                                                                                \
    "lw s4, 16(ra)\n\t"
#define KWS__RV_M5_CH(C, A0, A1, A2, A3, A4)                                                           \
    KWS__RV_M5_CHHEAD(C) KWS__RV_M5_OUTR(A0) KWS__RV_M5_OUTR(A1) KWS__RV_M5_OUTR(A2) KWS__RV_M5_OUTR(A3) \
        KWS__RV_M5_OUTR(A4)

/* The two block forms' shared code: registers saved below sp (the function needs no frame of its own), the block's
 * pointers loaded and its 20 sums zeroed (from the bases), the MAC loop over the depth, the argument block
 * pointer back in ra (prologue); the end test against xend and the registers restored (epilogue). */
#define KWS__RV_M5_PROLOGUE \
    "addi sp, sp, -64\n\t" \
    "sw a0, 4(sp)\n\t" \
    "sw ra, 8(sp)\n\t" \
    "sw s0, 12(sp)\n\t" \
    "sw s1, 16(sp)\n\t" \
    "sw s2, 20(sp)\n\t" \
    "sw s3, 24(sp)\n\t" \
    "sw s4, 28(sp)\n\t" \
    "sw s5, 32(sp)\n\t" \
    "sw s6, 36(sp)\n\t" \
    "sw s7, 40(sp)\n\t" \
    "sw s8, 44(sp)\n\t" \
    "sw s9, 48(sp)\n\t" \
    "sw s10, 52(sp)\n\t" \
    "sw s11, 56(sp)\n" \
    "9:\n\t" \
    "lw t2, 0(a0)\n\t" \
    "lw ra, 4(a0)\n\t" \
    "lw t1, 8(a0)\n\t" \
    "sw t1, 0(sp)\n\t" \
    "lw s0, 28(a0)\n\t" \
    "lw s1, 32(a0)\n\t" \
    "lw s2, 36(a0)\n\t" \
    "lw s3, 40(a0)\n\t" \
    "mv s4, s0\n\t" \
    "mv s5, s1\n\t" \
    "mv s6, s2\n\t" \
    "mv s7, s3\n\t" \
    "mv s8, s0\n\t" \
    "mv s9, s1\n\t" \
    "mv s10, s2\n\t" \
    "mv s11, s3\n\t" \
    "mv a4, s0\n\t" \
    "mv a5, s1\n\t" \
    "mv a6, s2\n\t" \
    "mv a7, s3\n\t" \
    "mv a0, s0\n\t" \
    "mv a1, s1\n\t" \
    "mv a2, s2\n\t" \
    "mv a3, s3\n" \
    "2:\n\t" KWS__RV_M5_STEP(0) KWS__RV_M5_STEP(1) KWS__RV_M5_STEP(2) KWS__RV_M5_STEP(3) \
    "addi t2, t2, 4\n\t" \
    "addi ra, ra, 4\n\t" \
    "lw t1, 0(sp)\n\t" \
    "bne t2, t1, 2b\n\t" \
    "lw ra, 4(sp)\n\t" \
    "lw t6, 20(ra)\n\t"
#define KWS__RV_M5_EPILOGUE \
    "lw t1, 92(a0)\n\t" \
    "bne t0, t1, 9b\n\t" \
    "lw ra, 8(sp)\n\t" \
    "lw s0, 12(sp)\n\t" \
    "lw s1, 16(sp)\n\t" \
    "lw s2, 20(sp)\n\t" \
    "lw s3, 24(sp)\n\t" \
    "lw s4, 28(sp)\n\t" \
    "lw s5, 32(sp)\n\t" \
    "lw s6, 36(sp)\n\t" \
    "lw s7, 40(sp)\n\t" \
    "lw s8, 44(sp)\n\t" \
    "lw s9, 48(sp)\n\t" \
    "lw s10, 52(sp)\n\t" \
    "lw s11, 56(sp)\n\t" \
    "addi sp, sp, 64"

static KWS__RV_CONST_INLINE void kws__rv_mm45(kws__rv_mm45_args *args, const int32_t d)
{
    register kws__rv_mm45_args *pa __asm__("a0") = args;
    __asm__ volatile(KWS__RV_M5_PROLOGUE
                     KWS__RV_M5_CH0
                     KWS__RV_M5_CH(1, "s1", "s5", "s9", "a1", "a5")
                     KWS__RV_M5_CH(2, "s2", "s6", "s10", "a2", "a6")
                     KWS__RV_M5_CH(3, "s3", "s7", "s11", "a3", "a7")
                     /* the next 5 rows: x += 5 D, o += 5 C, until xend */
                     "mv a0, ra\n\t"
                     "lw t0, 4(a0)\n\t"
                     "addi t0, t0, 5*%[d]\n\t"
                     "sw t0, 4(a0)\n\t"
                     "lw t1, 16(a0)\n\t"
                     "slli t2, t1, 2\n\t"
                     "add t1, t1, t2\n\t"
                     "lw t2, 12(a0)\n\t"
                     "add t2, t2, t1\n\t"
                     "sw t2, 12(a0)\n\t"
                     KWS__RV_M5_EPILOGUE
                     : "+r"(pa)
                     : [d] "i"(d)
                     : "a1", "a2", "a3", "a4", "a5", "a6", "a7", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "memory");
}

/* The same block with the output row stride a constant (cout == depth: ds_cnn_s 64, micronet 140):
 * the 20 stores at immediate offsets J * cs + C from the block's output pointer (t2, read once), no pointer
 * steps or per-channel reloads of it. Both forms do every block of 5 rows of the 4 channels in one call (x and o
 * moved on in the argument block until x reaches xend; rows >= 5). */
#define KWS__RV_M5I_OUTX(A, J, C, LDMAX, MAX)                                                          \
    "mul t1, " A ", t3\n\t"                                                                            \
    "mulhsu t0, " A ", t3\n\t"                                                                         \
    "srli t1, t1, 31\n\t"                                                                              \
    "add t0, t0, t1\n\t"                                                                               \
    "srai " A ", " A ", 31\n\t"                                                                        \
    "add t0, t0, " A "\n\t"                                                                            \
    "srai t0, t0, 1\n\t"                                                                               \
    "add t0, t0, t5\n\t"                                                                               \
    "sra t0, t0, t4\n\t"                                                                               \
    "bge t0, t6, 1f\n\t"                                                                               \
    "mv t0, t6\n"                                                                                      \
    "1:\n\t" LDMAX                                                                                     \
    "bge " MAX ", t0, 1f\n\t"                                                                          \
    "mv t0, " MAX "\n"                                                                                 \
    "1:\n\t"                                                                                           \
    "sb t0, " #J "*%[c]+" #C "(t2)\n\t"
#define KWS__RV_M5I_OUT0(A, J) KWS__RV_M5I_OUTX(A, J, 0, "lw t1, 24(ra)\n\t", "t1")
#define KWS__RV_M5I_CHHEAD(C)                                                                          \
    "lw t3, 44+12*" #C "(ra)\n\t"                                                                      \
    "lw t4, 48+12*" #C "(ra)\n\t"                                                                      \
    "lw t5, 52+12*" #C "(ra)\n\t"
#define KWS__RV_M5I_CH(C, A0, A1, A2, A3, A4)                                                          \
    KWS__RV_M5I_CHHEAD(C) KWS__RV_M5I_OUTX(A0, 0, C, "", "s0") KWS__RV_M5I_OUTX(A1, 1, C, "", "s0")      \
        KWS__RV_M5I_OUTX(A2, 2, C, "", "s0") KWS__RV_M5I_OUTX(A3, 3, C, "", "s0")                      \
            KWS__RV_M5I_OUTX(A4, 4, C, "", "s0")

static KWS__RV_CONST_INLINE void kws__rv_mm45c(kws__rv_mm45_args *args, const int32_t d)
{
    register kws__rv_mm45_args *pa __asm__("a0") = args;
    __asm__ volatile(KWS__RV_M5_PROLOGUE
                     "lw t2, 12(ra)\n\t"
                     KWS__RV_M5I_CHHEAD(0)
                     KWS__RV_M5I_OUT0("s0", 0) KWS__RV_M5I_OUT0("s4", 1) KWS__RV_M5I_OUT0("s8", 2)
                     KWS__RV_M5I_OUT0("a0", 3) KWS__RV_M5I_OUT0("a4", 4)
                     "lw s0, 24(ra)\n\t"
                     KWS__RV_M5I_CH(1, "s1", "s5", "s9", "a1", "a5")
                     KWS__RV_M5I_CH(2, "s2", "s6", "s10", "a2", "a6")
                     KWS__RV_M5I_CH(3, "s3", "s7", "s11", "a3", "a7")
                     /* the next 5 rows: x += 5 D, o += 5 C, until xend */
                     "mv a0, ra\n\t"
                     "lw t0, 4(a0)\n\t"
                     "addi t0, t0, 5*%[d]\n\t"
                     "sw t0, 4(a0)\n\t"
                     "lw t1, 12(a0)\n\t"
                     "addi t1, t1, 5*%[c]\n\t"
                     "sw t1, 12(a0)\n\t"
                     KWS__RV_M5_EPILOGUE
                     : "+r"(pa)
                     : [d] "i"(d), [c] "i"(d)
                     : "a1", "a2", "a3", "a4", "a5", "a6", "a7", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "memory");
}

/* sum of `depth` weights; |sum| <= 128 * depth */
static int32_t kws__rv_wsum(const int8_t *w, int32_t depth)
{
    int32_t s = 0;
    const int8_t *const end = w + depth;
    while (w != end) {
        s += *w++;
    }
    return s;
}

/* Every block of 5 rows of one channel quad (m5->x, m5->o: the first block; moved on until m5->xend), the
 * assembly for the layer's depth; out of line, so that the registers the assembly takes are saved here once per
 * quad, not in the caller's frame. */
static __attribute__((noinline)) void kws__rv_mm45_run(kws__rv_mm45_args *m5, int32_t depth, int32_t cout)
{
    switch (cout == depth ? depth : 0) { /* the constant output row stride */
    case 64: kws__rv_mm45c(m5, 64); break;
    case 140: kws__rv_mm45c(m5, 140); break;
    default:
        switch (depth) {
        case 64: kws__rv_mm45(m5, 64); break;
        case 112: kws__rv_mm45(m5, 112); break;
        case 140: kws__rv_mm45(m5, 140); break;
        case 172: kws__rv_mm45(m5, 172); break;
        default: kws__rv_mm45(m5, 196); break;
        }
        break;
    }
}

void kws__mat_mult_rv32(const int8_t *x, int32_t rows, int32_t depth, const int8_t *w, int32_t cout,
                           const int32_t *bias, const kws_per_channel_quant *quant, int32_t input_offset,
                           int32_t output_offset, int32_t act_min, int32_t act_max, int8_t *out)
{
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    const size_t d = (size_t)depth, oc_stride = (size_t)cout;
    int32_t oc;
    if (rows < 5 || !(depth == 64 || depth == 112 || depth == 140 || depth == 172 || depth == 196) ||
        !kws__rvq_all(quant, output_offset)) {
        kws__mat_mult_s8(x, rows, depth, w, cout, bias, quant, input_offset, output_offset, act_min, act_max, out);
        return; /* (a tail call: this frame is gone by then) */
    }
    for (oc = 0; oc + 4 <= cout; oc += 4) {
        const int8_t *const w0 = w + (size_t)oc * d;
        kws__rv_mm45_args m5;
        int32_t j, r;
        const int8_t *xa = x;
        int8_t *o = out + oc;
        m5.cs = cout;
        m5.amin = act_min;
        m5.amax = act_max;
        m5.w = w0;
        m5.wend = w0 + d;
        for (j = 0; j < 4; j++) {
            const int32_t qi = per_channel ? oc + j : 0;
            int32_t bj = bias != NULL ? bias[oc + j] : 0;
            if (input_offset != 0) { /* |input_offset * sum| <= 128 * 128 * 196 < 2^22 */
                bj = kws__wrap_add(bj, input_offset * kws__rv_wsum(w0 + (size_t)j * d, depth));
            }
            m5.b[j] = bj;
            (void)kws__rvq_init(&m5.q[j], quant->multiplier[qi], quant->shift[qi], output_offset);
        }
        r = rows - rows % 5; /* rows >= 5: one block at least */
        m5.x = xa;
        m5.o = o;
        m5.xend = xa + (size_t)r * d;
        kws__rv_mm45_run(&m5, depth, cout);
        xa = m5.x; /* (moved on by the assembly) */
        o = m5.o;
        for (; r < rows; r++) { /* rows % 5: one row x 4 channels; |dot| <= 196 * 2^14 */
            for (j = 0; j < 4; j++) {
                const int8_t *pw = w0 + (size_t)j * d, *px = xa;
                const int8_t *const end = pw + d;
                int32_t s = 0;
                while (pw != end) {
                    s += *pw++ * *px++;
                }
                o[j] = kws__rv_clamp(kws__rv_rq(kws__wrap_add(s, m5.b[j]), m5.q[j].m2, m5.q[j].e1, m5.q[j].r),
                                     act_min, act_max);
            }
            xa += d;
            o += oc_stride;
        }
    }
    for (; oc < cout; oc++) { /* cout % 4 channels, one at a time; |dot| <= 196 * 2^14 */
        const int8_t *const w0 = w + (size_t)oc * d;
        const int32_t qi = per_channel ? oc : 0;
        kws__rvq q;
        int32_t b = bias != NULL ? bias[oc] : 0, r;
        const int8_t *xa = x;
        if (input_offset != 0) {
            b = kws__wrap_add(b, input_offset * kws__rv_wsum(w0, depth));
        }
        (void)kws__rvq_init(&q, quant->multiplier[qi], quant->shift[qi], output_offset);
        for (r = 0; r < rows; r++, xa += d) {
            const int8_t *pw = w0, *px = xa;
            const int8_t *const end = pw + d;
            int32_t s = 0;
            while (pw != end) {
                s += *pw++ * *px++;
            }
            out[(size_t)r * oc_stride + (size_t)oc] =
                kws__rv_clamp(kws__rv_rq(kws__wrap_add(s, b), q.m2, q.e1, q.r), act_min, act_max);
        }
    }
}

#else
typedef int kws__mat_mult_rv32_unused; /* ISO C: a translation unit is not empty */
#endif
