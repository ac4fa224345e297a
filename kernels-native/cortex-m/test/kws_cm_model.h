/*
 * What the Cortex-M model firmware links against, per model:
 *  - the packed model, from `kwsnano convert MODEL --c-source DIR` (<name>_kwsm.c),
 *  - test vectors, from `kwsnano vectors MODEL.kwsm ... -o <name>_vectors.c` (inputs and the outputs the
 *    host reference interpreter computed; golden vectors from the publisher first),
 *  - a small glue file CMake generates (kws_cm_model_<name>.c) that fills `kws_cm_model`.
 */
#ifndef KWS_CM_MODEL_H
#define KWS_CM_MODEL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Test vectors as written by `kwsnano vectors` (row-major: count rows of input/output elements). */
typedef struct {
    uint32_t count;          /* vectors */
    uint32_t golden_count;   /* the first golden_count vectors are published golden pairs (exact oracle) */
    uint32_t input_elements;
    uint32_t output_elements;
    const int8_t *inputs;    /* count x input_elements */
    const int8_t *outputs;   /* count x output_elements, expected */
    uint32_t trace_count;    /* the first trace_count vectors also have per-op hashes */
    uint32_t op_count;       /* ops per trace (the model's op count) */
    const uint32_t *op_hashes; /* trace_count x op_count FNV-1a hashes of each op's output tensor */
} kws_cm_vectors;

/** One model the firmware runs. */
typedef struct {
    const char *name;
    const uint8_t *blob;     /* 4-byte aligned .kwsm bytes in flash */
    uint32_t blob_size;
    const kws_cm_vectors *vectors; /* NULL when the image was built without vectors */
} kws_cm_model_entry;

extern const kws_cm_model_entry kws_cm_model;

#ifdef __cplusplus
}
#endif

#endif /* KWS_CM_MODEL_H */
