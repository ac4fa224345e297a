/*
 * KwsNano internal: the few packed-integer primitives the optimized kernels (*_opt.c) use, and their
 * requantisation step (kws__requant_fast.h: bit-identical to the reference kernels' kws__mbqm).
 *
 * With the Arm DSP extension (__ARM_FEATURE_DSP: Cortex-M4, M7, M33...) KWS__DSP is 1 and the
 * kws__dsp_* helpers map to single instructions (SXTB16, SXTAB16, SMLAD, SMLABB, SMLATT) through ACLE
 * <arm_acle.h> (the ROR #8 forms through inline asm: GCC 12's ACLE has no rotate operand). Without it
 * (host, Cortex-M3, M0+, Xtensa; also big-endian Arm, since the word loads assume little-endian byte
 * order) KWS__DSP is 0 and the kernels use their portable C loops.
 *
 * Packing convention: a 32-bit word read from 4 int8 values b0 b1 b2 b3 (little-endian) is split into
 * two int16x2 words, "even" = [b0, b2] (SXTB16) and "odd" = [b1, b3] (SXTB16 ROR #8). A dot product
 * pairs even with even and odd with odd, so both operands must be split the same way.
 */
#ifndef KWS__SIMD_H
#define KWS__SIMD_H

#include <stdint.h>
#include <string.h>
#include "kws__fixedpoint.h"
#include "kws__requant_fast.h"

#if defined(__ARM_FEATURE_DSP) && __ARM_FEATURE_DSP && defined(__GNUC__) && !defined(__ARM_BIG_ENDIAN)
#include <arm_acle.h>
#define KWS__DSP 1
#else
#define KWS__DSP 0
#endif

/* Cores with only 8 freely usable (low) registers and no multiply-accumulate (ARMv6-M: Cortex-M0/M0+,
 * ARMv8-M Baseline: M23): the portable loops use narrower blocks there so nothing spills. */
#if defined(__ARM_ARCH_6M__) || defined(__ARM_ARCH_8M_BASE__)
#define KWS__NARROW 1
#else
#define KWS__NARROW 0
#endif

/* 32-bit RISC-V (rv32imc and up: ESP32-C3/C6): 31 registers but only register+immediate addressing, so
 * the portable loops there use larger register blocks with one pointer per operand stream, unrolled so
 * that the pointer increments are shared by several MACs (kws__mat_mult_s8.c). */
#if defined(__riscv) && defined(__riscv_xlen) && __riscv_xlen == 32
#define KWS__RV32 1
#else
#define KWS__RV32 0
#endif

/* The hand-scheduled inline-assembly loops of the optimized kernels (Cortex-M, 8-14 register operands each):
 * optimizing GCC builds only. Without optimization GCC keeps every variable in memory and cannot allocate that
 * many operands (GCC 12.2 at -O0 did not finish compiling the depthwise kernel in 20 minutes); such builds
 * take the C loops next to each assembly block, with the same results. Define KWS_NO_ASM for the same C loops in
 * an optimizing build: needed with -fno-omit-frame-pointer on Cortex-M3 and M0+ (the M3 4 x 2 GEMM block takes
 * all 14 allocatable registers, the M0+ loops all 8 low registers; r7 then holds the frame pointer). */
#if defined(__GNUC__) && defined(__OPTIMIZE__) && !defined(KWS_NO_ASM)
#define KWS__ASM_LOOPS 1
#else
#define KWS__ASM_LOOPS 0
#endif

/* Requantise one int32 accumulator (bias already added): the same value as the reference kernels'
 * kws__mbqm + output offset + clamp, through the fast routine of kws__requant_fast.h. */
static KWS__ALWAYS_INLINE int8_t kws__requant_s8(int32_t acc, int32_t multiplier, int32_t shift, int32_t output_offset,
                                     int32_t act_min, int32_t act_max)
{
    return kws__requant_fast_s8(acc, multiplier, shift, output_offset, act_min, act_max);
}

#if KWS__DSP
/* 4 int8 values as one word (unaligned loads are allowed on ARMv7E-M; memcpy compiles to one LDR). */
static inline int32_t kws__dsp_ld4(const int8_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* Two int16 values as one word. */
static inline int32_t kws__dsp_ld2h(const int16_t *p)
{
    int32_t v;
    memcpy(&v, p, 4);
    return v;
}

static inline int32_t kws__dsp_even(int32_t v) /* [b0, b2] */
{
    return __sxtb16(v);
}

static inline int32_t kws__dsp_odd(int32_t v) /* [b1, b3] */
{
    int32_t r;
    __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(v));
    return r;
}

static inline int32_t kws__dsp_even_add(int32_t add2, int32_t v) /* [b0, b2] + add2 per halfword */
{
    return __sxtab16(add2, v);
}

static inline int32_t kws__dsp_odd_add(int32_t add2, int32_t v) /* [b1, b3] + add2 per halfword */
{
    int32_t r;
    __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(add2), "r"(v));
    return r;
}

/* acc + a.lo * b.lo + a.hi * b.hi (wraps modulo 2^32 like the int32 sum it replaces; never in range). */
static inline int32_t kws__dsp_smlad(int32_t a, int32_t b, int32_t acc)
{
    return __smlad(a, b, acc);
}

static inline int32_t kws__dsp_smlabb(int32_t a, int32_t b, int32_t acc)
{
    return __smlabb(a, b, acc);
}

static inline int32_t kws__dsp_smlatt(int32_t a, int32_t b, int32_t acc)
{
    return __smlatt(a, b, acc);
}

/* An int16 value in both halfwords (input offsets, |v| <= 128). */
static inline int32_t kws__dsp_dup16(int32_t v)
{
    return (int32_t)(((uint32_t)v & 0xFFFFu) | ((uint32_t)v << 16));
}
#endif /* KWS__DSP */

#endif /* KWS__SIMD_H */
