/*
 * KwsNano internal: little-endian field access to a .kwsm blob (docs/kwsm-format.md) and the dispatch point
 * that kws_invoke calls for each op (kws__dispatch_body.h).
 * Every multi-byte field is assembled from byte loads: no unaligned struct casts.
 */
#ifndef KWS__MODEL_H
#define KWS__MODEL_H

#include <string.h>
#include "kws_nano.h"

#define KWS__MAX_TABLE 1024u          /* tensor_count, op_count */
#define KWS__MAX_ARENA_BYTES 0x7FFFFFF0u /* so a 32-bit signed arena size never overflows (same rule as the C# reader) */
#define KWS__MAX_ACC_DEPTH 65536u     /* taps per output value: keeps int32 accumulators exact */
#define KWS__MAX_SOFTMAX_DEPTH 256u   /* keeps the softmax sum of exps below 2^27 */
#define KWS__NO_TENSOR 0xFFFFu

/* Header field offsets */
#define KWS__H_MAGIC 0u
#define KWS__H_VERSION_MAJOR 4u
#define KWS__H_VERSION_MINOR 6u
#define KWS__H_TOTAL_SIZE 8u
#define KWS__H_CRC32 12u
#define KWS__H_FLAGS 16u
#define KWS__H_ARENA_BYTES 20u
#define KWS__H_TENSOR_COUNT 24u
#define KWS__H_OP_COUNT 26u
#define KWS__H_INPUT_TENSOR 28u
#define KWS__H_OUTPUT_TENSOR 30u
#define KWS__H_LABELS_OFFSET 32u
#define KWS__H_LABELS_SIZE 36u
#define KWS__H_FRONTEND_OFFSET 40u
#define KWS__H_TENSORS_OFFSET 44u
#define KWS__H_OPS_OFFSET 48u
#define KWS__H_DATA_OFFSET 52u
#define KWS__H_DATA_SIZE 56u

/* Tensor record field offsets */
#define KWS__T_TYPE 0u
#define KWS__T_RANK 1u
#define KWS__T_FLAGS 2u
#define KWS__T_DIMS 4u
#define KWS__T_ARENA_OFFSET 12u
#define KWS__T_SIZE 16u
#define KWS__T_SCALE 20u
#define KWS__T_ZERO_POINT 24u

/* Op record field offsets */
#define KWS__O_OPCODE 0u
#define KWS__O_LAYOUT 1u
#define KWS__O_ACTIVATION 2u
#define KWS__O_PADDING 3u
#define KWS__O_INPUT0 4u
#define KWS__O_INPUT1 6u
#define KWS__O_OUTPUT 8u
#define KWS__O_SOURCE_INDEX 10u
#define KWS__O_STRIDE_H 12u
#define KWS__O_STRIDE_W 14u
#define KWS__O_FILTER_H 16u
#define KWS__O_FILTER_W 18u
#define KWS__O_PAD_TOP 20u
#define KWS__O_PAD_LEFT 22u
#define KWS__O_DEPTH_MULTIPLIER 24u
#define KWS__O_OP_FLAGS 26u
#define KWS__O_ACT_MIN 28u
#define KWS__O_ACT_MAX 32u
#define KWS__O_WEIGHTS_OFFSET 36u
#define KWS__O_WEIGHTS_SIZE 40u
#define KWS__O_BIAS_OFFSET 44u
#define KWS__O_BIAS_SIZE 48u
#define KWS__O_QUANT_OFFSET 52u
#define KWS__O_QUANT_SIZE 56u
#define KWS__O_SCRATCH_OFFSET 60u
#define KWS__O_SCRATCH_SIZE 64u
#define KWS__O_P 68u

#define KWS__OPF_IN_PLACE 0x1u
#define KWS__OPF_PER_CHANNEL 0x2u
#define KWS__OPF_OFFSET_FOLDED 0x4u
#define KWS__OPF_FUSED_NEXT 0x8u   /* 1.2: this CONV_2D runs fused with the next op, a DEPTHWISE_CONV_2D */
#define KWS__OPF_KNOWN 0xFu

/* Tensor record flags (1.2) */
#define KWS__TF_VIRTUAL 0x1u       /* never stored: the output of a FUSED_NEXT conv, arena_offset 0 */

static inline uint16_t kws__rd_u16(const uint8_t *p)
{
    return (uint16_t)((uint16_t)p[0] | (uint16_t)((uint16_t)p[1] << 8));
}

static inline uint32_t kws__rd_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static inline int32_t kws__rd_i32(const uint8_t *p)
{
    const uint32_t u = kws__rd_u32(p);
    int32_t v;
    memcpy(&v, &u, sizeof v); /* two's complement reinterpretation without implementation-defined casts */
    return v;
}

static inline float kws__rd_f32(const uint8_t *p)
{
    const uint32_t u = kws__rd_u32(p);
    float f;
    memcpy(&f, &u, sizeof f);
    return f;
}

#if defined(__GNUC__) || defined(__clang__)
#define KWS__NOINLINE __attribute__((noinline))
#else
#define KWS__NOINLINE
#endif

/* Record pointers */
static inline const uint8_t *kws__tensor_rec(const kws_model *m, uint32_t index)
{
    return m->tensors + (size_t)index * KWS_TENSOR_RECORD_SIZE;
}

static inline const uint8_t *kws__op_rec(const kws_model *m, uint32_t index)
{
    return m->ops + (size_t)index * KWS_OP_RECORD_SIZE;
}

/* NHWC view of a tensor record: rank 4 [N,H,W,C]; rank 3 [N,H,C]; rank 2 [N,C]; rank 1 [C]. */
void kws__tensor_dims(const uint8_t *rec, kws_dims *dims);

/* CRC-32 (ISO-HDLC, zlib) of `size` bytes. */
uint32_t kws__crc32(const uint8_t *data, uint32_t size);

/*
 * The one dispatch point: runs op `index` of an opened model with the kernel the build selected, reading its
 * record in place (no decoded copy: each op kind builds only its kernel's argument structs, in a frame of its
 * own, so that the stack under a kernel is one small frame). A FUSED_NEXT conv runs with the depthwise after it,
 * whose own turn is then a no-op.
 */
kws_status kws__dispatch(const kws_model *m, uint32_t index, uint8_t *arena);

#endif /* KWS__MODEL_H */
