/*
 * KwsNano kws_invoke: decodes each op record of an opened (validated) model and hands it to the single
 * dispatch point. No checks beyond the caller's arguments: kws_model_open validated the blob.
 */
#include "kws__model.h"

static void kws__decode_op(const kws_model *m, uint32_t index, uint8_t *arena, kws__op *op)
{
    const uint8_t *r = kws__op_rec(m, index);
    const uint16_t i0 = kws__rd_u16(r + KWS__O_INPUT0);
    const uint16_t i1 = kws__rd_u16(r + KWS__O_INPUT1);
    const uint16_t o = kws__rd_u16(r + KWS__O_OUTPUT);
    const uint8_t *t0 = kws__tensor_rec(m, i0);
    const uint8_t *to = kws__tensor_rec(m, o);
    const uint32_t weights_offset = kws__rd_u32(r + KWS__O_WEIGHTS_OFFSET);
    const uint32_t bias_offset = kws__rd_u32(r + KWS__O_BIAS_OFFSET);
    const uint32_t quant_offset = kws__rd_u32(r + KWS__O_QUANT_OFFSET);
    uint32_t k;

    op->opcode = r[KWS__O_OPCODE];
    op->op_flags = kws__rd_u16(r + KWS__O_OP_FLAGS);
    op->stride_h = kws__rd_u16(r + KWS__O_STRIDE_H);
    op->stride_w = kws__rd_u16(r + KWS__O_STRIDE_W);
    op->filter_h = kws__rd_u16(r + KWS__O_FILTER_H);
    op->filter_w = kws__rd_u16(r + KWS__O_FILTER_W);
    op->pad_top = kws__rd_u16(r + KWS__O_PAD_TOP);
    op->pad_left = kws__rd_u16(r + KWS__O_PAD_LEFT);
    op->depth_multiplier = kws__rd_u16(r + KWS__O_DEPTH_MULTIPLIER);
    op->act_min = kws__rd_i32(r + KWS__O_ACT_MIN);
    op->act_max = kws__rd_i32(r + KWS__O_ACT_MAX);
    for (k = 0; k < 7u; k++) {
        op->p[k] = kws__rd_i32(r + KWS__O_P + 4u * k);
    }
    /* Data blocks are 16-aligned in a 4-aligned blob: int32 tables are read in place (little-endian host). */
    op->weights = weights_offset != 0u ? (const int8_t *)(m->blob + weights_offset) : NULL;
    op->weights_size = kws__rd_u32(r + KWS__O_WEIGHTS_SIZE);
    op->bias = bias_offset != 0u ? (const int32_t *)(const void *)(m->blob + bias_offset) : NULL;
    op->quant = quant_offset != 0u ? (const int32_t *)(const void *)(m->blob + quant_offset) : NULL;
    op->quant_size = kws__rd_u32(r + KWS__O_QUANT_SIZE);
    kws__tensor_dims(t0, &op->in0_dims);
    kws__tensor_dims(to, &op->out_dims);
    op->in0_size = kws__rd_u32(t0 + KWS__T_SIZE);
    op->out_size = kws__rd_u32(to + KWS__T_SIZE);
    op->in0 = (const int8_t *)(arena + kws__rd_u32(t0 + KWS__T_ARENA_OFFSET));
    op->out = (int8_t *)(arena + kws__rd_u32(to + KWS__T_ARENA_OFFSET));
    {
        const uint32_t scratch_size = kws__rd_u32(r + KWS__O_SCRATCH_SIZE);
        op->scratch.buf = scratch_size != 0u ? (void *)(arena + kws__rd_u32(r + KWS__O_SCRATCH_OFFSET)) : NULL;
        op->scratch.size = scratch_size;
    }
    if (i1 != KWS__NO_TENSOR) {
        const uint8_t *t1 = kws__tensor_rec(m, i1);
        kws__tensor_dims(t1, &op->in1_dims);
        op->in1 = (const int8_t *)(arena + kws__rd_u32(t1 + KWS__T_ARENA_OFFSET));
    } else {
        memset(&op->in1_dims, 0, sizeof op->in1_dims);
        op->in1 = NULL;
    }
}

/* Op i: a FUSED_NEXT conv runs with the depthwise after it (whose own turn is then a no-op). Kept out of line so
 * that its two decoded ops are on the stack only for a fused pair, not for every op. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static kws_status kws__fused_pair(const kws_model *m, uint32_t i, uint8_t *arena)
{
    kws__op conv, dw;
    kws__decode_op(m, i, arena, &conv);
    kws__decode_op(m, i + 1u, arena, &dw);
    return kws__dispatch_fused(&conv, &dw);
}

static kws_status kws__run_op(const kws_model *m, uint32_t i, uint8_t *arena)
{
    kws__op op;
    if (kws__rd_u16(kws__op_rec(m, i) + KWS__O_OP_FLAGS) & KWS__OPF_FUSED_NEXT) {
        return kws__fused_pair(m, i, arena);
    }
    if (i > 0u && (kws__rd_u16(kws__op_rec(m, i - 1u) + KWS__O_OP_FLAGS) & KWS__OPF_FUSED_NEXT)) {
        return KWS_OK; /* ran with op i - 1 */
    }
    kws__decode_op(m, i, arena, &op);
    return kws__dispatch(&op);
}

kws_status kws_invoke(const kws_model *model, void *arena, uint32_t arena_size, const int8_t *input, int8_t *output)
{
    uint8_t *a = (uint8_t *)arena;
    const uint8_t *tin, *tout;
    uint32_t i;
    if (model == NULL || model->blob == NULL || arena == NULL) {
        return KWS_ERR_NULL;
    }
    if (((uintptr_t)arena % KWS_ARENA_ALIGN) != 0u || arena_size < model->arena_bytes) {
        return KWS_ERR_ARENA;
    }
    tin = kws__tensor_rec(model, model->input_tensor);
    tout = kws__tensor_rec(model, model->output_tensor);
    if (input != NULL) {
        memmove(a + kws__rd_u32(tin + KWS__T_ARENA_OFFSET), input, kws__rd_u32(tin + KWS__T_SIZE));
    }
    for (i = 0; i < model->op_count; i++) {
        const kws_status st = kws__run_op(model, i, a);
        if (st != KWS_OK) {
            return st;
        }
    }
    if (output != NULL) {
        memmove(output, a + kws__rd_u32(tout + KWS__T_ARENA_OFFSET), kws__rd_u32(tout + KWS__T_SIZE));
    }
    return KWS_OK;
}

#if defined(KWS_ENABLE_OP_STEP)
#include "kws_nano_bench.h"

/* Benchmark builds only (kws_nano_bench.h): one op of kws_invoke's loop, for per-op instruction counts. */
kws_status kws_invoke_op(const kws_model *model, void *arena, uint32_t arena_size, uint32_t op_index)
{
    if (model == NULL || model->blob == NULL || arena == NULL) {
        return KWS_ERR_NULL;
    }
    if (((uintptr_t)arena % KWS_ARENA_ALIGN) != 0u || arena_size < model->arena_bytes) {
        return KWS_ERR_ARENA;
    }
    if (op_index >= model->op_count) {
        return KWS_ERR_ARGUMENT;
    }
    return kws__run_op(model, op_index, (uint8_t *)arena);
}
#endif
