/*
 * KwsNano internal: the Cortex-M DSP (M4, M7) path of kws_depthwise_conv2d_s8_opt for 3x3 filters with vertical
 * stride 1 and depth multiplier 1 (ds_cnn_s, micronet_m), bit-exact with kws_depthwise_conv2d_s8.
 *
 * One channel at a time, one output column at a time, down the column (KWS feature maps are tall and narrow).
 * The input columns the window sees are copied (transposed: one channel's bytes of a column, contiguous) once per
 * channel and strip into a ring of 3 column slots on the stack; with horizontal stride 1 each input column is copied
 * once. Slot entry k holds input row y0 - pad_top + k of its column, or the input zero point -input_offset where
 * that row (or the whole column) lies in the padding. Two vertically adjacent outputs oy, oy + 1 of window column
 * fx need entries v0..v3 from oy: one word load, then SXTB16 gives E = [v0, v2] and SXTB16 ROR 8 gives O = [v1, v3],
 * and with the taps held in registers as wc[fx] = [w(0, fx), w(2, fx)] and w(1, fx):
 *   out(oy)     += SMLAD(E, wc[fx]) + v1 * w(1, fx)   (v1: bottom of O)
 *   out(oy + 1) += SMLAD(O, wc[fx]) + v2 * w(1, fx)   (v2: top of E),
 * 18 MACs in 3 loads, 6 SXTB16 and 12 multiply-accumulates; every window, inside or at the border, the same code.
 * Each accumulator starts at base = bias + input_offset * (sum of the 9 weights): a padding entry contributes
 * w * (-input_offset) + w * input_offset = 0, so the sum is the exact int32 value of the reference's
 * bias + sum over the in-bounds taps of w * (x + input_offset) (|sum of w * x| <= 9 * 128 * 128,
 * |input_offset * sum w| <= 128 * 1152; the bias added modulo 2^32 as in the reference).
 * Output stage: the channel's precomputed kws__rq (every channel must qualify: kws__dw3x3_dsp_ok), SSAT and the
 * activation clamp.
 * ARMv7-M without the DSP extension (M3) takes the same path with 4 LDRSB and 6 MLA per window column and row pair
 * (kws__dwp_col_full's second form).
 * Stack: the ring (3 slots of KWS__DWP_SB bytes) and the channel's constants; strips of at most KWS__DWP_S output
 * rows (25: ds_cnn_s and micronet_m take one strip) bound it for any height.
 */
#include <stddef.h>
#include <string.h>
#include "kws__dw3x3_dsp.h"

#if KWS__RQ_ASM

#define KWS__DWP_SB 28               /* bytes (entries) per ring slot, a multiple of 4 */
#define KWS__DWP_S (KWS__DWP_SB - 3) /* output rows per strip: entries 0 .. s + 2 are read */
/* the assembly loop: optimizing GCC builds (KWS__ASM_LOOPS) but not -Os (whose register allocation cannot give the
 * column loop its 13 registers); those take the C loop, same results */
#if KWS__ASM_LOOPS && defined(__thumb2__) && !defined(__OPTIMIZE_SIZE__)
#define KWS__DWP_ASM_LOOPS 1
#else
#define KWS__DWP_ASM_LOOPS 0
#endif

/* One channel and strip: the taps (wc0..2 = [w(0, fx), w(2, fx)] as int16 pairs, w1a = [w(1, 0), w(1, 1)],
 * w1b = [e1, w(1, 2)]: e1 in the bottom byte for ASR by register), the accumulator base, the output stage (m, r),
 * the strides, the strip (input row of slot entry 0, entries to fill, rows to compute), the full activation range,
 * the channel's first input byte, the layer. */
typedef struct {
#if KWS__DSP
    int32_t wc0, wc1, wc2, w1a, w1b;
#else
    int32_t w[9]; /* ARMv7-M without DSP (M3): the taps w(fy, fx) at 3 fy + fx, and e1 */
    int32_t e1;
#endif
    int32_t base, m, r;
    size_t orow, rs, cs;
    int32_t iy0, i0, i1, sc, full;
    uint32_t zw;
    const int8_t *in_c;
    const kws_conv_params *params;
    const kws_dims *in_dims, *out_dims;
} kws__dwp_ch;

static inline int32_t kws__dwp_ld(const int8_t *p) /* unaligned word load (ARMv7E-M allows it) */
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* Copies the column at src (channel included) into a slot: entries i0 .. i1 - 1 (the strip's rows inside the input);
 * src NULL (a column outside the input): z over those entries. The slot's other entries hold z since the strip's
 * start (kws__dw3x3_dsp_planar). */
static __attribute__((noinline)) void kws__dwp_widen(int8_t *dst, const int8_t *src, const kws__dwp_ch *k)
{
    int32_t i = k->i0;
    const int32_t i1 = k->i1;
    if (src == NULL) {
        for (i &= ~3; i < i1; i += 4) { /* whole words: the entries around [i0, i1) are z already */
            memcpy(dst + i, &k->zw, 4);
        }
        return;
    }
    if (i < i1) {
        const size_t rs = k->rs;
        const int8_t *s = src + (size_t)(k->iy0 + i) * rs;
        const size_t rs2 = 2 * rs, rs3 = 3 * rs, rs4 = 4 * rs;
#if KWS__DWP_ASM_LOOPS
        int32_t nq = (i1 - i) >> 2;
        if (nq > 0) { /* 4 entries in 11 instructions: four LDRB, three ORR, one (unaligned) STR, the loop */
            int8_t *d = dst + i;
            uint32_t a_, b_, c_, e_;
            i += 4 * nq;
            __asm__ volatile("1:\n\t"
                             "ldrb %[a], [%[s]]\n\t"
                             "ldrb %[b], [%[s], %[rs]]\n\t"
                             "ldrb %[c], [%[s], %[rs2]]\n\t"
                             "ldrb %[e], [%[s], %[rs3]]\n\t"
                             "add %[s], %[s], %[rs], lsl #2\n\t"
                             "orr %[a], %[a], %[b], lsl #8\n\t"
                             "orr %[a], %[a], %[c], lsl #16\n\t"
                             "orr %[a], %[a], %[e], lsl #24\n\t"
                             "str %[a], [%[d]], #4\n\t"
                             "subs %[n], %[n], #1\n\t"
                             "bne 1b"
                             : [a] "=&r"(a_), [b] "=&r"(b_), [c] "=&r"(c_), [e] "=&r"(e_), [s] "+&r"(s), [d] "+&r"(d),
                               [n] "+&r"(nq)
                             : [rs] "r"(rs), [rs2] "r"(rs2), [rs3] "r"(rs3)
                             : "memory", "cc");
        }
        (void)rs4;
#else
        for (; i + 4 <= i1; i += 4, s += rs4) { /* 4 entries as one (unaligned) word */
            const uint32_t v = (uint32_t)(uint8_t)s[0] | ((uint32_t)(uint8_t)s[rs] << 8) |
                               ((uint32_t)(uint8_t)s[rs2] << 16) | ((uint32_t)(uint8_t)s[rs3] << 24);
            memcpy(dst + i, &v, 4);
        }
#endif
        for (; i < i1; i++, s += rs) {
            dst[i] = *s;
        }
    }
}

/* One output column of one channel in C (any activation range; every range without the assembly loop): k->sc rows
 * at o from the ring, window column fx in slot (rot + fx) % 3. One row at a time, the constants read from k. */
static __attribute__((noinline)) void kws__dwp_col_c(const kws__dwp_ch *k, const int8_t *ring, int32_t rot, int8_t *o)
{
    const int8_t *p0 = ring + rot * KWS__DWP_SB, *p1 = ring + (rot == 2 ? 0 : rot + 1) * KWS__DWP_SB;
    const int8_t *p2 = ring + (rot == 0 ? 2 : rot - 1) * KWS__DWP_SB;
    const int32_t act_min = k->params->act_min, act_max = k->params->act_max, s = k->sc;
    int32_t j;
#define KWS__DWP_TAP3(pp, wc, w1, h)                                                                   \
    do {                                                                                               \
        const int32_t x_ = kws__dwp_ld(pp);                                                            \
        a0 = __smlad(kws__dsp_even(x_), (wc), a0);                                                        \
        a0 = __smlab##h(kws__dsp_odd(x_), (w1), a0);                                   \
    } while (0)
    for (j = 0; j < s; j++, p0++, p1++, p2++, o += k->orow) {
        int32_t a0 = k->base;
#if KWS__DSP
        KWS__DWP_TAP3(p0, k->wc0, k->w1a, b);
        KWS__DWP_TAP3(p1, k->wc1, k->w1a, t);
        KWS__DWP_TAP3(p2, k->wc2, k->w1b, t);
        *o = kws__rq_clamp(kws__rq_val(a0, k->m, k->w1b & 0xFF, k->r), act_min, act_max, 0);
#else
        const int32_t *w = k->w;
        a0 += w[0] * p0[0] + w[3] * p0[1] + w[6] * p0[2] + w[1] * p1[0] + w[4] * p1[1] + w[7] * p1[2] + w[2] * p2[0] +
              w[5] * p2[1] + w[8] * p2[2];
        *o = kws__rq_clamp(kws__rq_val(a0, k->m, k->e1, k->r), act_min, act_max, 0);
#endif
    }
}

#if KWS__DWP_ASM_LOOPS && KWS__DSP
/* The same for the full activation range [-128, 127] (the single SSAT): the row pairs in assembly, 41 instructions
 * per pair of outputs (the 18 MACs in 3 loads, 6 SXTB16 and 12 multiply-accumulates, the two output stages
 * kws__rq_val + SSAT, the loop unrolled twice), 13 registers: the taps, m, r, the two pointers, four temporaries. The base, the
 * output row stride and the pointer's end value are pushed (16 bytes below the frame) and reloaded from [sp]. The
 * slot at offset 0 is read last, with the pointer's post-increment; an odd count ends with the single last row. */
static __attribute__((noinline)) void kws__dwp_col_full(const kws__dwp_ch *k, const int8_t *ring, int32_t rot,
                                                        int8_t *o)
{
    const int32_t s = k->sc;
    {
        const int32_t wc0 = k->wc0, wc1 = k->wc1, wc2 = k->wc2, w1a = k->w1a, w1b = k->w1b, m = k->m, r = k->r;
        const int8_t *p = ring;
        int32_t t0 = k->base, t1 = (int32_t)k->orow, t2 = s & 1;
        int32_t t3 = (int32_t)(uintptr_t)(ring + 2 * (s >> 1)); /* p after the last pair */
#define KWS__DWP_STR(x) #x
#define KWS__DWP_S2(x) KWS__DWP_STR(x)
/* one window column: its slot's byte offset, its [w0, w2] pair and the register and half (b / t) of its w1 */
#define KWS__DWP_K(first, ldr, wc, w1, h)                                                              \
    ldr                                                                                                \
    "sxtb16 %[e], %[x]\n\t"                                                                            \
    "sxtb16 %[x], %[x], ror #8\n\t"                                                                    \
    "smlad %[a1], %[x], %[" wc "], " first "\n\t"                                                      \
    "smlad %[a0], %[e], %[" wc "], %[a0]\n\t"                                                          \
    "smlab" h " %[a0], %[x], %[" w1 "], %[a0]\n\t"                                                     \
    "smlat" h " %[a1], %[e], %[" w1 "], %[a1]\n\t"
#define KWS__DWP_LD(off) "ldr %[x], [%[p], #" off "]\n\t"
#define KWS__DWP_LD0 "ldr %[x], [%[p]], #2\n\t"
/* both outputs: (acc * m + 2^30 - sign * 2^31) high word + r, >> e1, SSAT, store; then the next pair */
#define KWS__DWP_OUT1                                                                                  \
    "and %[e], %[a0], #0x80000000\n\t"                                                                 \
    "orr %[e], %[e], #0x40000000\n\t"                                                                  \
    "add %[x], %[r], %[a0], asr #31\n\t"                                                               \
    "smlal %[e], %[x], %[a0], %[m]\n\t"                                                                \
    "asr %[x], %[x], %[w1b]\n\t"                                                                       \
    "ssat %[x], #8, %[x]\n\t"                                                                          \
    "strb %[x], [%[o]]\n\t"                                                                            \
    "and %[e], %[a1], #0x80000000\n\t"                                                                 \
    "orr %[e], %[e], #0x40000000\n\t"                                                                  \
    "add %[x], %[r], %[a1], asr #31\n\t"                                                               \
    "smlal %[e], %[x], %[a1], %[m]\n\t"                                                                \
    "asr %[x], %[x], %[w1b]\n\t"                                                                       \
    "ssat %[x], #8, %[x]\n\t"                                                                          \
    "ldr %[a0], [sp, #4]\n\t"                                                                          \
    "strb %[x], [%[o], %[a0]]\n\t"                                                                     \
    "add %[o], %[o], %[a0], lsl #1\n\t"
/* the single last row of an odd count: one window column (slot offset), then its output stage */
#define KWS__DWP_K1R(off, wc, w1, h)                                                                   \
    "ldr %[x], [%[p], #" off "]\n\t"                                                                  \
    "sxtb16 %[e], %[x]\n\t"                                                                           \
    "sxtb16 %[x], %[x], ror #8\n\t"                                                                   \
    "smlad %[a0], %[e], %[" wc "], %[a0]\n\t"                                                         \
    "smlab" h " %[a0], %[x], %[" w1 "], %[a0]\n\t"
#define KWS__DWP_ROW1                                                                                  \
    KWS__DWP_K1R("0", "wc0", "w1a", "b") KWS__DWP_K1R(KWS__DWP_S2(KWS__DWP_SB), "wc1", "w1a", "t")         \
    KWS__DWP_K1R(KWS__DWP_S2(2 * KWS__DWP_SB), "wc2", "w1b", "t")
#define KWS__DWP_ROW1_R2                                                                                \
    KWS__DWP_K1R(KWS__DWP_S2(2 * KWS__DWP_SB), "wc0", "w1a", "b") KWS__DWP_K1R("0", "wc1", "w1a", "t")     \
    KWS__DWP_K1R(KWS__DWP_S2(KWS__DWP_SB), "wc2", "w1b", "t")
#define KWS__DWP_ROW1_R1                                                                                \
    KWS__DWP_K1R(KWS__DWP_S2(KWS__DWP_SB), "wc0", "w1a", "b")                                          \
    KWS__DWP_K1R(KWS__DWP_S2(2 * KWS__DWP_SB), "wc1", "w1a", "t") KWS__DWP_K1R("0", "wc2", "w1b", "t")
#define KWS__DWP_ASM(cols, row1)                                                                       \
    __asm__ volatile("strd %[a0], %[a1], [sp, #-16]!\n\t"                                              \
                     "strd %[x], %[e], [sp, #8]\n\t"                                                  \
                     "cmp %[x], %[p]\n\t" /* no pair at all (one row) */                               \
                     "beq 3f\n\t"                                                                      \
                     "tst %[x], #2\n\t" /* an odd pair count (p is word-aligned): one pair first */      \
                     "beq 2f\n\t"                                                                      \
                     "ldr %[a0], [sp]\n\t" cols KWS__DWP_OUT1 "b 4f\n"                                \
                     "2:\n\t"                                                                           \
                     "ldr %[a0], [sp]\n\t" cols KWS__DWP_OUT1 "ldr %[a0], [sp]\n\t" cols KWS__DWP_OUT1 \
                     "4:\n\t"                                                                           \
                     "ldr %[a0], [sp, #8]\n\t"                                                        \
                     "cmp %[p], %[a0]\n\t"                                                            \
                     "bne 2b\n"                                                                        \
                     "3:\n\t"                                                                           \
                     "ldr %[a0], [sp, #12]\n\t" /* odd: the last row */                                \
                     "cmp %[a0], #0\n\t"                                                              \
                     "beq 5f\n\t"                                                                      \
                     "ldr %[a0], [sp]\n\t" row1                                                        \
                     "and %[e], %[a0], #0x80000000\n\t"                                               \
                     "orr %[e], %[e], #0x40000000\n\t"                                                \
                     "add %[x], %[r], %[a0], asr #31\n\t"                                             \
                     "smlal %[e], %[x], %[a0], %[m]\n\t"                                              \
                     "asr %[x], %[x], %[w1b]\n\t"                                                     \
                     "ssat %[x], #8, %[x]\n\t"                                                        \
                     "strb %[x], [%[o]]\n"                                                             \
                     "5:\n\t"                                                                           \
                     "add sp, sp, #16"                                                                 \
                     : [a0] "+&r"(t0), [a1] "+&r"(t1), [x] "+&r"(t3), [e] "+&r"(t2), [p] "+&r"(p),     \
                       [o] "+&r"(o)                                                                    \
                     : [wc0] "r"(wc0), [wc1] "r"(wc1), [wc2] "r"(wc2), [w1a] "r"(w1a), [w1b] "r"(w1b), \
                       [m] "r"(m), [r] "r"(r)                                                          \
                     : "memory", "cc")
        if (rot == 0) { /* window columns 0, 1, 2 in slots 0, 1, 2 */
            KWS__DWP_ASM(KWS__DWP_K("%[a0]", KWS__DWP_LD(KWS__DWP_S2(KWS__DWP_SB)), "wc1", "w1a", "t")
                         KWS__DWP_K("%[a1]", KWS__DWP_LD(KWS__DWP_S2(2 * KWS__DWP_SB)), "wc2", "w1b", "t")
                         KWS__DWP_K("%[a1]", KWS__DWP_LD0, "wc0", "w1a", "b"), KWS__DWP_ROW1);
        } else if (rot == 1) { /* slots 1, 2, 0 */
            KWS__DWP_ASM(KWS__DWP_K("%[a0]", KWS__DWP_LD(KWS__DWP_S2(KWS__DWP_SB)), "wc0", "w1a", "b")
                         KWS__DWP_K("%[a1]", KWS__DWP_LD(KWS__DWP_S2(2 * KWS__DWP_SB)), "wc1", "w1a", "t")
                         KWS__DWP_K("%[a1]", KWS__DWP_LD0, "wc2", "w1b", "t"), KWS__DWP_ROW1_R1);
        } else { /* slots 2, 0, 1 */
            KWS__DWP_ASM(KWS__DWP_K("%[a0]", KWS__DWP_LD(KWS__DWP_S2(2 * KWS__DWP_SB)), "wc0", "w1a", "b")
                         KWS__DWP_K("%[a1]", KWS__DWP_LD(KWS__DWP_S2(KWS__DWP_SB)), "wc2", "w1b", "t")
                         KWS__DWP_K("%[a1]", KWS__DWP_LD0, "wc1", "w1a", "t"), KWS__DWP_ROW1_R2);
        }
#undef KWS__DWP_ASM
#undef KWS__DWP_ROW1
#undef KWS__DWP_ROW1_R1
#undef KWS__DWP_ROW1_R2
#undef KWS__DWP_K1R
#undef KWS__DWP_OUT1
#undef KWS__DWP_LD0
#undef KWS__DWP_LD
#undef KWS__DWP_K
        (void)t2;
    }
}

#elif KWS__DWP_ASM_LOOPS
/* ARMv7-M without DSP (M3), the full activation range: the row pairs in assembly, 66 instructions per pair (each
 * window column: its 3 taps loaded, 4 LDRSB and 6 MLA for the 6 MACs of both rows; the two output stages, the loop),
 * 10 registers, the constants read from k. The last row of an odd count: C. */
static __attribute__((noinline)) void kws__dwp_col_full(const kws__dwp_ch *k, const int8_t *ring, int32_t rot,
                                                        int8_t *o)
{
    const int32_t s = k->sc;
    if (s >= 2) {
        const int8_t *p = ring, *const end = ring + 2 * (s >> 1);
        int32_t a0_, a1_, x_, wa_, wb_, wc_;
#define KWS__DWP_STR(x) #x
#define KWS__DWP_S2(x) KWS__DWP_STR(x)
/* window column fx (its taps at k->w[fx], w[3 + fx], w[6 + fx]: operands w0/w1/w2 fx) in the slot at byte offset off */
#define KWS__DWP_M3K(off, fx)                                                                          \
    "ldr %[wa], [%[k], %[w0" fx "]]\n\t"                                                              \
    "ldr %[wb], [%[k], %[w1" fx "]]\n\t"                                                              \
    "ldr %[wc], [%[k], %[w2" fx "]]\n\t"                                                              \
    "ldrsb %[x], [%[p], #" off "]\n\t"                                                                \
    "mla %[a0], %[x], %[wa], %[a0]\n\t"                                                               \
    "ldrsb %[x], [%[p], #" off "+1]\n\t"                                                              \
    "mla %[a0], %[x], %[wb], %[a0]\n\t"                                                               \
    "mla %[a1], %[x], %[wa], %[a1]\n\t"                                                               \
    "ldrsb %[x], [%[p], #" off "+2]\n\t"                                                              \
    "mla %[a0], %[x], %[wc], %[a0]\n\t"                                                               \
    "mla %[a1], %[x], %[wb], %[a1]\n\t"                                                               \
    "ldrsb %[x], [%[p], #" off "+3]\n\t"                                                              \
    "mla %[a1], %[x], %[wc], %[a1]\n\t"
#define KWS__DWP_M3OUT(acc, store)                                                                     \
    "ldr %[wb], [%[k], %[r]]\n\t"                                                                     \
    "and %[x], " acc ", #0x80000000\n\t"                                                              \
    "orr %[x], %[x], #0x40000000\n\t"                                                                 \
    "add %[wb], %[wb], " acc ", asr #31\n\t"                                                          \
    "smlal %[x], %[wb], " acc ", %[wa]\n\t"                                                           \
    "asr %[wb], %[wb], %[wc]\n\t"                                                                     \
    "ssat %[wb], #8, %[wb]\n\t" store
#define KWS__DWP_M3ASM(c0, c1, c2)                                                                     \
    __asm__ volatile("1:\n\t"                                                                          \
                     "ldr %[a0], [%[k], %[base]]\n\t"                                                 \
                     "mov %[a1], %[a0]\n\t" c0 c1 c2                                                   \
                     "add %[p], %[p], #2\n\t"                                                          \
                     "ldr %[wa], [%[k], %[m]]\n\t"                                                    \
                     "ldr %[wc], [%[k], %[e1]]\n\t"                                                   \
                     KWS__DWP_M3OUT("%[a0]", "strb %[wb], [%[o]]\n\t")                                 \
                     KWS__DWP_M3OUT("%[a1]", "ldr %[x], [%[k], %[orow]]\n\t"                           \
                                             "strb %[wb], [%[o], %[x]]\n\t"                            \
                                             "add %[o], %[o], %[x], lsl #1\n\t")                       \
                     "cmp %[p], %[end]\n\t"                                                            \
                     "bne 1b"                                                                          \
                     : [a0] "=&r"(a0_), [a1] "=&r"(a1_), [x] "=&r"(x_), [wa] "=&r"(wa_), [wb] "=&r"(wb_),  \
                       [wc] "=&r"(wc_), [p] "+&r"(p), [o] "+&r"(o)                                      \
                     : [k] "r"(k), [end] "r"(end), [base] "i"(offsetof(kws__dwp_ch, base)),               \
                       [m] "i"(offsetof(kws__dwp_ch, m)), [r] "i"(offsetof(kws__dwp_ch, r)),              \
                       [e1] "i"(offsetof(kws__dwp_ch, e1)), [orow] "i"(offsetof(kws__dwp_ch, orow)),       \
                       [w00] "i"(offsetof(kws__dwp_ch, w[0])), [w01] "i"(offsetof(kws__dwp_ch, w[1])),    \
                       [w02] "i"(offsetof(kws__dwp_ch, w[2])), [w10] "i"(offsetof(kws__dwp_ch, w[3])),    \
                       [w11] "i"(offsetof(kws__dwp_ch, w[4])), [w12] "i"(offsetof(kws__dwp_ch, w[5])),    \
                       [w20] "i"(offsetof(kws__dwp_ch, w[6])), [w21] "i"(offsetof(kws__dwp_ch, w[7])),    \
                       [w22] "i"(offsetof(kws__dwp_ch, w[8])), "m"(*k)                                  \
                     : "memory", "cc")
        if (rot == 0) {
            KWS__DWP_M3ASM(KWS__DWP_M3K("0", "0"), KWS__DWP_M3K(KWS__DWP_S2(KWS__DWP_SB), "1"),
                           KWS__DWP_M3K(KWS__DWP_S2(2 * KWS__DWP_SB), "2"));
        } else if (rot == 1) {
            KWS__DWP_M3ASM(KWS__DWP_M3K(KWS__DWP_S2(KWS__DWP_SB), "0"), KWS__DWP_M3K(KWS__DWP_S2(2 * KWS__DWP_SB), "1"),
                           KWS__DWP_M3K("0", "2"));
        } else {
            KWS__DWP_M3ASM(KWS__DWP_M3K(KWS__DWP_S2(2 * KWS__DWP_SB), "0"), KWS__DWP_M3K("0", "1"),
                           KWS__DWP_M3K(KWS__DWP_S2(KWS__DWP_SB), "2"));
        }
#undef KWS__DWP_M3ASM
#undef KWS__DWP_M3OUT
#undef KWS__DWP_M3K
        (void)a0_, (void)a1_, (void)x_, (void)wa_, (void)wb_, (void)wc_;
    }
    if (s & 1) { /* the last row (entries s - 1 .. s + 1); o: that row */
        const int8_t *q = ring + (s - 1);
        const int8_t *p0 = q + rot * KWS__DWP_SB, *p1 = q + (rot == 2 ? 0 : rot + 1) * KWS__DWP_SB;
        const int8_t *p2 = q + (rot == 0 ? 2 : rot - 1) * KWS__DWP_SB;
        const int32_t *w = k->w;
        const int32_t a0 = k->base + w[0] * p0[0] + w[3] * p0[1] + w[6] * p0[2] + w[1] * p1[0] + w[4] * p1[1] +
                           w[7] * p1[2] + w[2] * p2[0] + w[5] * p2[1] + w[8] * p2[2];
        *o = kws__rq_clamp(kws__rq_val(a0, k->m, k->e1, k->r), -128, 127, 1);
    }
}
#endif
#undef KWS__DWP_TAP3

/* The channel's taps, base and output stage (f: its first tap). */
static __attribute__((noinline)) void kws__dwp_setup(kws__dwp_ch *k, const int8_t *f, int32_t mult, int32_t shift)
{
    const size_t cs = k->cs;
    const int32_t input_offset = k->params->offset_folded ? 0 : k->params->input_offset;
    kws__rq q;
    const int32_t w00 = f[0], w01 = f[cs], w02 = f[2 * cs], w10 = f[3 * cs], w11 = f[4 * cs];
    const int32_t w12 = f[5 * cs], w20 = f[6 * cs], w21 = f[7 * cs], w22 = f[8 * cs];
    const int32_t sw = w00 + w01 + w02 + w10 + w11 + w12 + w20 + w21 + w22;
    (void)kws__rq_init(&q, mult, shift, k->params->output_offset);
#if KWS__DSP
    k->wc0 = (int32_t)(((uint32_t)w00 & 0xFFFFu) | ((uint32_t)w20 << 16));
    k->wc1 = (int32_t)(((uint32_t)w01 & 0xFFFFu) | ((uint32_t)w21 << 16));
    k->wc2 = (int32_t)(((uint32_t)w02 & 0xFFFFu) | ((uint32_t)w22 << 16));
    k->w1a = (int32_t)(((uint32_t)w10 & 0xFFFFu) | ((uint32_t)w11 << 16));
    k->w1b = (int32_t)(((uint32_t)q.e1 & 0xFFFFu) | ((uint32_t)w12 << 16));
#else
    k->w[0] = w00;
    k->w[1] = w01;
    k->w[2] = w02;
    k->w[3] = w10;
    k->w[4] = w11;
    k->w[5] = w12;
    k->w[6] = w20;
    k->w[7] = w21;
    k->w[8] = w22;
    k->e1 = q.e1;
#endif
    k->m = q.m;
    k->r = q.r;
    k->base = kws__wrap_add(k->base, input_offset * sw); /* k->base: the bias on entry; |input_offset * sw| <= 128 * 1152 */
}

int kws__dw3x3_dsp_ok(const kws_conv_params *params, const kws_per_channel_quant *quant)
{
    kws__rq tq;
    int32_t j;
    for (j = 0; j < quant->count; j++) {
        if (!kws__rq_init(&tq, quant->multiplier[j], quant->shift[j], params->output_offset)) {
            return 0;
        }
    }
    return 1;
}

/* The input column of a window column u (= output column + window column, u - pad_left the input column) for the
 * channel, NULL outside the input. */
static inline const int8_t *kws__dwp_src(const kws__dwp_ch *k, int32_t u)
{
    const int32_t ix = u - k->params->pad_left;
    return ix >= 0 && ix < k->in_dims->w ? k->in_c + (size_t)ix * k->cs : NULL;
}

/* One strip of one channel (k): every output column; input column u (as in kws__dwp_src) in ring slot u % 3, one new
 * column copied per output column. */
static __attribute__((noinline)) void kws__dwp_strip(const kws__dwp_ch *k, int8_t *ring, int8_t *o)
{
    const int32_t out_w = k->out_dims->w;
    int32_t ox, rot = 0; /* ox % 3: the slot of window column 0 */
    kws__dwp_widen(ring, kws__dwp_src(k, 0), k);
    kws__dwp_widen(ring + KWS__DWP_SB, kws__dwp_src(k, 1), k);
    for (ox = 0; ox < out_w; ox++, o += k->cs) {
        kws__dwp_widen(ring + (rot == 0 ? 2 : rot - 1) * KWS__DWP_SB, kws__dwp_src(k, ox + 2), k);
#if KWS__DWP_ASM_LOOPS
        if (k->full) {
            kws__dwp_col_full(k, ring, rot, o);
        } else
#endif
        {
            kws__dwp_col_c(k, ring, rot, o);
        }
        rot = rot == 2 ? 0 : rot + 1;
    }
}

kws_status kws__dw3x3_dsp_planar(const kws_context *ctx, const kws_conv_params *params,
                                 const kws_per_channel_quant *quant, const kws_dims *input_dims, const int8_t *input,
                                 const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                 const kws_dims *output_dims, int8_t *output)
{
    const int32_t ch = input_dims->c, out_h = output_dims->h;
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    /* strips of at most KWS__DWP_S rows, as even as possible, the first ones the longer (an odd strip that is not
     * the last computes one row more, the next strip's first, which that strip then overwrites) */
    const int32_t nstrip = (out_h + KWS__DWP_S - 1) / KWS__DWP_S;
    int8_t ring[3 * KWS__DWP_SB] __attribute__((aligned(4)));
    kws__dwp_ch k;
    int32_t c;
    (void)ctx;
    (void)filter_dims;
    k.params = params;
    k.in_dims = input_dims;
    k.out_dims = output_dims;
    k.cs = (size_t)ch;
    k.rs = (size_t)input_dims->w * k.cs;
    k.orow = (size_t)output_dims->w * k.cs;
    k.full = params->act_min == -128 && params->act_max == 127;
    k.zw = (uint32_t)(uint8_t)(params->offset_folded ? 0 : -params->input_offset) * 0x01010101u; /* zero point z */
    for (c = 0; c < ch; c++) {
        const int32_t qi = per_channel ? c : 0;
        int32_t y0 = 0, left = nstrip;
        k.base = bias != NULL ? bias[c] : 0;
        kws__dwp_setup(&k, filter + c, quant->multiplier[qi], quant->shift[qi]);
        k.in_c = input + c;
        for (; left > 0; left--) {
            const int32_t s = (out_h - y0 + left - 1) / left; /* <= KWS__DWP_S */
            k.sc = (s & 1) && left > 1 ? s + 1 : s; /* rows computed */
            /* entries 0 .. s + 2 (s + 2: an odd s's last pair or tail): input rows iy0 + entry, inside for [i0, i1) */
            const int32_t n = s + 3;
            int32_t t;
            k.iy0 = y0 - params->pad_top;
            k.i0 = k.iy0 < 0 ? (-k.iy0 < n ? -k.iy0 : n) : 0;
            k.i1 = input_dims->h - k.iy0 < n ? input_dims->h - k.iy0 : n;
            if (k.i1 < k.i0) {
                k.i1 = k.i0;
            }
            for (t = 0; t < 3 * KWS__DWP_SB; t += 4) { /* every slot z, the padding rows stay so */
                memcpy(ring + t, &k.zw, 4);
            }
            kws__dwp_strip(&k, ring, output + (size_t)y0 * k.orow + (size_t)c);
            y0 += s;
        }
    }
    return KWS_OK;
}

#else
typedef int kws__dw3x3_dsp_unused; /* not a DSP core: nothing here (ISO C forbids an empty file) */
#endif
