/*
 * KwsNano benchmark-only API: run one op of an opened model. Compiled into the engine only when
 * KWS_ENABLE_OP_STEP is defined (the Cortex-M benchmark build, kernels-native/cortex-m); production
 * builds do not contain it. No callback and no state: the caller times each call itself.
 */
#ifndef KWS_NANO_BENCH_H
#define KWS_NANO_BENCH_H

#include "kws_nano.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Run op `op_index` exactly as kws_invoke does (same decode and dispatch), on tensors already in the
 * arena. Running ops 0..op_count-1 in order after writing the input (kws_model_input_ptr) equals one
 * kws_invoke. Errors: KWS_ERR_NULL, KWS_ERR_ARENA (as kws_invoke), KWS_ERR_ARGUMENT (index out of range).
 */
kws_status kws_invoke_op(const kws_model *model, void *arena, uint32_t arena_size, uint32_t op_index);

#ifdef __cplusplus
}
#endif

#endif /* KWS_NANO_BENCH_H */
