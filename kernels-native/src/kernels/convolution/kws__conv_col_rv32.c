/*
 * KwsNano internal: CONV_2D with a gathered window of K = 40 taps (the catalog's first layers: 10x4 on one
 * channel) on 32-bit RISC-V (KWS__RV32, optimizing GCC builds: KWS__ASM_LOOPS), called by kws_conv2d_s8_opt.
 * Needs kws_conv2d_s8_opt_buffer_size() bytes of ctx scratch (two windows of 40 int16), per-channel
 * quantisation and every channel's output stage precomputable (kws__rvq, kws__rv32.h); any other shape is
 * handed to the caller's kernel (`fallback`, a tail call).
 *
 * The output pixels in output order, two at a time (across row ends too: consecutive pixels are adjacent in
 * the output either way; for an odd last pixel the second window's sums, whatever the scratch holds, are
 * computed and dropped: their outputs go over the start of that window). Each
 * pixel's window is gathered once into the scratch as int16 x + input_offset (0 for padding taps, which the
 * reference skips), |value| <= 255. Then all blocks of 8 channels x 2 pixels in one inline-assembly call
 * (kws__rv_cv8), the 16 accumulators starting at the biases: per tap 2 halfword loads, 8 byte loads (the 8
 * weight rows at immediate offsets 40 apart), 16 MUL and 16 ADD for 16 MACs; the output stage in the same
 * assembly. The sums wrap modulo 2^32 like the reference's bias addition; |sum of w * (x + off)| <=
 * 40 * 128 * 255 < 2^21. A block of 4 channels for out_c % 8 >= 4, the last out_c % 4 channels in C
 * (kws__rv_cv_rest).
 * Output stage: kws__rv_rq with the channel's constants derived from its multiplier and shift
 * (M2 = 2m, e1 = -shift - 1 = ~shift, r = (1 + 2 * output_offset) << (e1 - 1) = 2^(e1-1) + output_offset * 2^e1).
 * Stack: the pixel loop's frame and, below it, the assembly's (kws__rv_cv8, out of line) or the tail's.
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
#define KWS__RV_CV_STEP4(j)                                                                            \
    KWS__RV_CV_COLS(j) KWS__RV_CV_CH(j, 0) KWS__RV_CV_CH(j, 1) KWS__RV_CV_CH(j, 2) KWS__RV_CV_CH(j, 3)
#define KWS__RV_CV_LD(I)                                                                               \
    "lw %[a" #I "], " #I "*4(%[bp])\n\t"                                                               \
    "mv %[b" #I "], %[a" #I "]\n\t"
#define KWS__RV_CV_LOOP_END                                                                            \
    "addi %[pc], %[pc], 8\n\t"                                                                         \
    "addi %[pw], %[pw], 4\n\t"                                                                         \
    "bne %[pw], %[end], 1b"

/*
 * Per-channel layers, 8 channels x 2 pixels with the output stage in the same assembly: the whole register
 * file in fixed registers (s0..s7 pixel a's sums, s8..s11 / a4..a7 pixel b's, t3 / t4 the two window values,
 * t5 a weight, t6 a product, t2 / ra the weight and window pointers, a0 the loop end; a1 the argument block).
 * Output stage per channel I: M2, e1, r from multiplier[I] and shift[I] (immediate offsets), then kws__rv_rq
 * and the clamp for both pixels (pixel b of an odd last pixel goes over its own window). GCC saves the callee-saved
 * registers; not with -fno-omit-frame-pointer (s0): define KWS_NO_ASM there.
 */
typedef struct {
    const int8_t *w;       /*  0: the 8 channels' weight rows */
    const int16_t *col;    /*  4: the two gathered windows */
    const int8_t *wend;    /*  8: (unused: w + 40 is formed in the assembly) */
    const int32_t *bias;   /* 12: the 8 channels' biases */
    int8_t *oa;            /* 16: pixel a's output, channel 0 of the block */
    int8_t *ob;            /* 20: pixel b's (or the start of window b: an odd last pixel) */
    int32_t amin;          /* 24 */
    int32_t amax;          /* 28 */
    int32_t k1;            /* 32: 1 + 2 * output_offset */
    const int32_t *mult;   /* 36: the block's multipliers */
    const int32_t *shift;  /* 40: the block's shifts */
    int32_t ob_step;       /* 44: 8, or 0 for an odd last pixel */
    int32_t bias_step;     /* 48: 32, or 0 for the zero biases */
    int32_t nblk;          /* 52: blocks of 8 channels left */
    /* (the C code's: the geometry of the gather, the channel count, the block pointers' starts) */
    int32_t in_h, in_w, in_c, f_h, f_w, off, out_c, stride_h, stride_w, pad_top, pad_left;
    const int8_t *filter;
    const int32_t *bias0;
    const kws_per_channel_quant *quant;
} kws__rv_cv8_args;
typedef char kws__rv_cv8_layout[(offsetof(kws__rv_cv8_args, oa) == 16 && offsetof(kws__rv_cv8_args, shift) == 40 &&
                                 offsetof(kws__rv_cv8_args, nblk) == 52)
                                    ? 1
                                    : -1];

#define KWS__RV_C8_CH(j, I, A, B)                                                                      \
    "lb t5, " #I "*40+" #j "(t2)\n\t"                                                                  \
    "mul t6, t5, t3\n\t"                                                                               \
    "add " A ", " A ", t6\n\t"                                                                         \
    "mul t5, t5, t4\n\t"                                                                               \
    "add " B ", " B ", t5\n\t"
#define KWS__RV_C8_STEP(j)                                                                             \
    "lh t3, 2*" #j "(ra)\n\t"                                                                          \
    "lh t4, 80+2*" #j "(ra)\n\t"                                                                       \
    KWS__RV_C8_CH(j, 0, "s0", "s8") KWS__RV_C8_CH(j, 1, "s1", "s9") KWS__RV_C8_CH(j, 2, "s2", "s10")   \
    KWS__RV_C8_CH(j, 3, "s3", "s11") KWS__RV_C8_CH(j, 4, "s4", "a4") KWS__RV_C8_CH(j, 5, "s5", "a5")   \
    KWS__RV_C8_CH(j, 6, "s6", "a6") KWS__RV_C8_CH(j, 7, "s7", "a7")
/* sum X of channel I to byte I of the output at DST (t5 M2, t6 e1, a1 r, a2 / a3 the clamp) */
#define KWS__RV_C8_OUT(X, DST, I)                                                                      \
    "mul t1, " X ", t5\n\t"                                                                            \
    "mulhsu t0, " X ", t5\n\t"                                                                         \
    "srli t1, t1, 31\n\t"                                                                              \
    "add t0, t0, t1\n\t"                                                                               \
    "srai " X ", " X ", 31\n\t"                                                                        \
    "add t0, t0, " X "\n\t"                                                                            \
    "srai t0, t0, 1\n\t"                                                                               \
    "add t0, t0, a1\n\t"                                                                               \
    "sra t0, t0, t6\n\t"                                                                               \
    "bge t0, a2, 1f\n\t"                                                                               \
    "mv t0, a2\n"                                                                                      \
    "1:\n\t"                                                                                           \
    "bge a3, t0, 1f\n\t"                                                                               \
    "mv t0, a3\n"                                                                                      \
    "1:\n\t"                                                                                           \
    "sb t0, " #I "(" DST ")\n\t"
/* channel I: M2 = 2m, e1 = ~shift, r = k1 << (e1 - 1) (a0: k1, t3 / t4 the multipliers / shifts) */
#define KWS__RV_C8_OUTCH(I, A, B)                                                                      \
    "lw t5, 4*" #I "(t3)\n\t"                                                                          \
    "slli t5, t5, 1\n\t"                                                                               \
    "lw t6, 4*" #I "(t4)\n\t"                                                                          \
    "not t6, t6\n\t"                                                                                   \
    "addi a1, t6, -1\n\t"                                                                              \
    "sll a1, a0, a1\n\t"                                                                               \
    KWS__RV_C8_OUT(A, "ra", I) KWS__RV_C8_OUT(B, "t2", I)

/* out of line: the registers the assembly takes are saved in this small frame, once per pixel pair */
static __attribute__((noinline)) void kws__rv_cv8(kws__rv_cv8_args *args)
{
    register kws__rv_cv8_args *pa __asm__("a1") = args;
    __asm__ volatile("addi sp, sp, -16\n\t"
                     "sw a1, 0(sp)\n"
                     "3:\n\t"
                     "lw t2, 0(a1)\n\t"
                     "lw ra, 4(a1)\n\t"
                     "addi a0, t2, 40\n\t"
                     "lw t1, 12(a1)\n\t"
                     "lw s0, 0(t1)\n\t"
                     "lw s1, 4(t1)\n\t"
                     "lw s2, 8(t1)\n\t"
                     "lw s3, 12(t1)\n\t"
                     "lw s4, 16(t1)\n\t"
                     "lw s5, 20(t1)\n\t"
                     "lw s6, 24(t1)\n\t"
                     "lw s7, 28(t1)\n\t"
                     "mv s8, s0\n\t"
                     "mv s9, s1\n\t"
                     "mv s10, s2\n\t"
                     "mv s11, s3\n\t"
                     "mv a4, s4\n\t"
                     "mv a5, s5\n\t"
                     "mv a6, s6\n\t"
                     "mv a7, s7\n"
                     "2:\n\t" KWS__RV_C8_STEP(0) KWS__RV_C8_STEP(1) KWS__RV_C8_STEP(2) KWS__RV_C8_STEP(3)
                     "addi ra, ra, 8\n\t"
                     "addi t2, t2, 4\n\t"
                     "bne t2, a0, 2b\n\t"
                     "lw a2, 24(a1)\n\t"
                     "lw a3, 28(a1)\n\t"
                     "lw a0, 32(a1)\n\t"
                     "lw ra, 16(a1)\n\t"
                     "lw t2, 20(a1)\n\t"
                     "lw t3, 36(a1)\n\t"
                     "lw t4, 40(a1)\n\t"
                     KWS__RV_C8_OUTCH(0, "s0", "s8") KWS__RV_C8_OUTCH(1, "s1", "s9") KWS__RV_C8_OUTCH(2, "s2", "s10")
                     KWS__RV_C8_OUTCH(3, "s3", "s11") KWS__RV_C8_OUTCH(4, "s4", "a4") KWS__RV_C8_OUTCH(5, "s5", "a5")
                     KWS__RV_C8_OUTCH(6, "s6", "a6") KWS__RV_C8_OUTCH(7, "s7", "a7")
                     /* the next block: w += 8 * 40, bias, outputs, multipliers and shifts on */
                     "lw a1, 0(sp)\n\t"
                     "lw t0, 0(a1)\n\t"
                     "addi t0, t0, 320\n\t"
                     "sw t0, 0(a1)\n\t"
                     "lw t0, 12(a1)\n\t"
                     "lw t1, 48(a1)\n\t"
                     "add t0, t0, t1\n\t"
                     "sw t0, 12(a1)\n\t"
                     "addi ra, ra, 8\n\t"
                     "sw ra, 16(a1)\n\t"
                     "lw t1, 44(a1)\n\t"
                     "add t2, t2, t1\n\t"
                     "sw t2, 20(a1)\n\t"
                     "addi t3, t3, 32\n\t"
                     "sw t3, 36(a1)\n\t"
                     "addi t4, t4, 32\n\t"
                     "sw t4, 40(a1)\n\t"
                     "lw t0, 52(a1)\n\t"
                     "addi t0, t0, -1\n\t"
                     "sw t0, 52(a1)\n\t"
                     "bnez t0, 3b\n\t"
                     "addi sp, sp, 16"
                     : "+r"(pa)
                     :
                     : "ra", "s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "a0", "a2",
                       "a3", "a4", "a5", "a6", "a7", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "memory");
}

/* one channel's output stage from its multiplier and shift (constants as in the header comment) */
static KWS__RV_INLINE int8_t kws__rv_cv_out(int32_t acc, int32_t m, int32_t shift, int32_t k1, int32_t act_min,
                                            int32_t act_max)
{
    const int32_t e1 = ~shift;
    const int32_t r = (int32_t)((uint32_t)k1 << (e1 - 1));
    return kws__rv_clamp(kws__rv_rq(acc, (uint32_t)m << 1, e1, r), act_min, act_max);
}

/* Gather the window of output pixel (py, px) into col: x + input_offset, 0 for padding taps. The in-bounds
 * part of the window is a rectangle of filter rows fy0 .. fy1 - 1 and columns fx0 .. fx1 - 1, each of its rows
 * a contiguous run of (fx1 - fx0) * in_c input bytes (4 in the catalog's 10x4 single-channel windows: unrolled);
 * padding taps are zeroed one filter row at a time (no memset call: the frame stays small). */
static __attribute__((noinline, optimize("no-tree-loop-distribute-patterns"))) void
kws__rv_cv_gather(int16_t *col, const int8_t *input, const kws__rv_cv8_args *g, int32_t py, int32_t px)
{
    const int32_t y0 = py * g->stride_h - g->pad_top, x0 = px * g->stride_w - g->pad_left;
    const int32_t in_h = g->in_h, in_w = g->in_w, in_c = g->in_c, f_h = g->f_h, f_w = g->f_w;
    const int32_t input_offset = g->off;
    const int32_t fy0 = y0 < 0 ? -y0 : 0, fy1 = y0 + f_h > in_h ? in_h - y0 : f_h;
    const int32_t fx0 = x0 < 0 ? -x0 : 0, fx1 = x0 + f_w > in_w ? in_w - x0 : f_w;
    const int32_t rl = f_w * in_c;              /* taps per filter row */
    const int32_t lpad = fx0 * in_c;            /* padding taps left of the run */
    const int32_t run = fx1 > fx0 ? (fx1 - fx0) * in_c : 0;
    const int32_t rpad = rl - lpad - run;       /* and right of it (all of the row when run is 0) */
    const size_t irs = (size_t)in_w * (size_t)in_c;
    const int8_t *p = input + (size_t)(y0 + fy0) * irs + (size_t)(x0 + fx0) * (size_t)in_c;
    int32_t fy, k;
    if (rl == 4 && run == 4 && fy0 == 0 && fy1 == f_h) { /* 4-tap rows, no padding: the whole window */
        const int16_t *const end = col + 4 * f_h;
        while (col != end) {
            col[0] = (int16_t)(p[0] + input_offset);
            col[1] = (int16_t)(p[1] + input_offset);
            col[2] = (int16_t)(p[2] + input_offset);
            col[3] = (int16_t)(p[3] + input_offset);
            col += 4;
            p += irs;
        }
        return;
    }
    for (fy = 0; fy < f_h; fy++) {
        if (fy < fy0 || fy >= fy1 || run == 0) { /* a padding row */
            for (k = 0; k < rl; k++) {
                *col++ = 0;
            }
            continue;
        }
        for (k = 0; k < lpad; k++) {
            *col++ = 0;
        }
        if (run == 4) {
            col[0] = (int16_t)(p[0] + input_offset);
            col[1] = (int16_t)(p[1] + input_offset);
            col[2] = (int16_t)(p[2] + input_offset);
            col[3] = (int16_t)(p[3] + input_offset);
            col += 4;
        } else {
            for (k = 0; k < run; k++) {
                *col++ = (int16_t)(p[k] + input_offset);
            }
        }
        for (k = 0; k < rpad; k++) {
            *col++ = 0;
        }
        p += irs;
    }
}

/* The channels after the 8-channel blocks of a pixel pair: a 4-channel block, then one at a time (out of line:
 * its registers are not held across the pixel loop). */
static __attribute__((noinline)) void kws__rv_cv_rest(const int16_t *col, const int8_t *filter, const int32_t *bias,
                                                      const kws_per_channel_quant *quant, int8_t *o, int32_t oc,
                                                      int two, const kws__rv_cv8_args *g)
{
    const int32_t out_c = g->out_c, k1 = g->k1, act_min = g->amin, act_max = g->amax;
    static const int32_t zeros[4] = {0, 0, 0, 0};
    const int16_t *const col_b = col + KWS__RV_CV_K;
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
            int32_t j;
            for (j = 0; j < 4; j++) {
                const int32_t m_ = quant->multiplier[oc + j], s_ = quant->shift[oc + j];
                const int32_t av = j == 0 ? a0 : j == 1 ? a1 : j == 2 ? a2 : a3;
                const int32_t bv = j == 0 ? b0 : j == 1 ? b1 : j == 2 ? b2 : b3;
                o[oc + j] = kws__rv_cv_out(av, m_, s_, k1, act_min, act_max);
                if (two) {
                    o[out_c + oc + j] = kws__rv_cv_out(bv, m_, s_, k1, act_min, act_max);
                }
            }
        }
        oc += 4;
    }
    for (; oc < out_c; oc++) { /* out_c % 4 channels; |sum| < 2^21 */
        const int8_t *const w0 = filter + (size_t)oc * KWS__RV_CV_K;
        const int32_t qi = oc;
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
}

/* the preconditions (out of line: their temporaries stay out of the pixel loop's frame) */
static __attribute__((noinline)) int kws__rv_cv_ok(const kws_context *ctx, const kws_per_channel_quant *quant,
                                                    const kws_conv_params *params, const kws_dims *input_dims,
                                                    const kws_dims *filter_dims, int32_t out_c)
{
    return !(filter_dims->h * filter_dims->w * input_dims->c != KWS__RV_CV_K ||
             (filter_dims->h == 1 && filter_dims->w == 1) || ctx == NULL || ctx->buf == NULL ||
             ctx->size < kws_conv2d_s8_opt_buffer_size(input_dims, filter_dims) || quant->count != out_c ||
             !kws__rvq_all(quant, params->output_offset));
}

kws_status kws__conv_col_rv32(const kws_context *ctx, const kws_conv_params *params, const kws_per_channel_quant *quant,
                              const kws_dims *input_dims, const int8_t *input, const kws_dims *filter_dims,
                              const int8_t *filter, const int32_t *bias, const kws_dims *output_dims, int8_t *output,
                              kws__conv_fn fallback)
{
    const int32_t out_w = output_dims->w, out_c = output_dims->c;
    const int32_t n = output_dims->h * out_w;
    static const int32_t zeros[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    int16_t *col, *col_b;
    kws__rv_cv8_args c8;
    int32_t i, py = 0, px = 0;
    if (!kws__rv_cv_ok(ctx, quant, params, input_dims, filter_dims, out_c)) {
        return fallback(ctx, params, quant, input_dims, input, filter_dims, filter, bias, output_dims, output);
    }
    c8.k1 = 1 + 2 * params->output_offset; /* |output_offset| < 2^29 (kws__rq_init's |r| < 2^30 with e1 >= 1) */
    col = (int16_t *)ctx->buf;  /* arena scratch, 16-aligned */
    c8.col = col;
    c8.amin = params->act_min;
    c8.amax = params->act_max;
    c8.bias_step = bias != NULL ? 32 : 0;
    c8.in_h = input_dims->h;
    c8.in_w = input_dims->w;
    c8.in_c = input_dims->c;
    c8.f_h = filter_dims->h;
    c8.f_w = filter_dims->w;
    c8.off = params->offset_folded ? 0 : params->input_offset;
    c8.out_c = out_c;
    c8.stride_h = params->stride_h;
    c8.stride_w = params->stride_w;
    c8.pad_top = params->pad_top;
    c8.pad_left = params->pad_left;
    c8.filter = filter;
    c8.bias0 = bias != NULL ? bias : zeros;
    c8.quant = quant;
    col_b = col + KWS__RV_CV_K; /* the second pixel: 80 bytes on (the assembly's offset) */
    for (i = 0; i < n; i += 2) {
        int8_t *const o = output + (size_t)i * (size_t)out_c;
        const int two = i + 1 < n;
        int32_t pyb = py, pxb = px + 1, oc = 0;
        if (pxb == out_w) {
            pxb = 0;
            pyb++;
        }
        kws__rv_cv_gather(col, input, &c8, py, px);
        if (two) { /* (an odd last pixel: whatever window b holds is computed, its sums dropped) */
            kws__rv_cv_gather(col_b, input, &c8, pyb, pxb);
        }
        if (out_c >= 8) { /* the 8-channel blocks with the output stage in the assembly */
            c8.w = c8.filter;
            c8.bias = c8.bias0;
            c8.oa = o;
            /* an odd last pixel's copy: its 8 outputs of every block over the start of its own window (read
             * only for that copy's sums, which are dropped) */
            c8.ob = two ? o + out_c : (int8_t *)col_b;
            c8.ob_step = two ? 8 : 0;
            c8.mult = c8.quant->multiplier;
            c8.shift = c8.quant->shift;
            c8.nblk = out_c / 8;
            kws__rv_cv8(&c8);
            oc = out_c & ~7;
        }
        if (oc < out_c) {
            kws__rv_cv_rest(col, c8.filter, bias, c8.quant, o, oc, two, &c8);
        }
        py = pyb;
        px = pxb + 1;
        if (px == out_w) {
            px = 0;
            py++;
        }
    }
    return KWS_OK;
}

#else
typedef int kws__conv_col_rv32_unused; /* ISO C: a translation unit is not empty */
#endif
