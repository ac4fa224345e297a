/*
 * KwsNano kws_invoke: runs each op record of an opened (validated) model through the single dispatch point
 * (kws__dispatch, which reads the record in place). No checks beyond the caller's arguments: kws_model_open
 * validated the blob.
 */
#include "kws__model.h"

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
        const kws_status st = kws__dispatch(model, i, a);
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
    return kws__dispatch(model, op_index, (uint8_t *)arena);
}
#endif
