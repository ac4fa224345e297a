/*
 * Model test firmware: opens the embedded .kwsm with the engine, runs every test vector through
 * kws_invoke and compares the int8 output byte for byte with the expected one (published golden
 * outputs, then outputs of the host reference interpreter for random inputs). For the first vectors it
 * also runs the model op by op (kws_invoke_op) and compares an FNV-1a hash of every op's output tensor
 * with the interpreter's trace (except a fused conv's never-stored output: the op after it is checked), so an
 * error in a layer is caught and named even when a saturated softmax would hide it. Prints one summary line and PASS/FAIL; exit status KWS_CM_EXIT_PASS, _FAIL
 * (a mismatch) or _ERROR (an engine call failed).
 */
#include <stdio.h>
#include <string.h>
#include "kws_nano.h"
#include "kws_nano_bench.h"
#include "kws_cm.h"
#include "kws_cm_model.h"

#ifndef KWS_CM_ARENA_BYTES
#define KWS_CM_ARENA_BYTES (512u * 1024u)
#endif
#define KWS_CM_MAX_OUTPUT 256u
#define KWS_CM_MAX_REPORTED 5u

static uint8_t arena[KWS_CM_ARENA_BYTES] __attribute__((aligned(16)));

static uint32_t fnv1a(const int8_t *data, uint32_t size)
{
    uint32_t h = 2166136261u;
    for (uint32_t i = 0; i < size; i++) {
        h = (h ^ (uint8_t)data[i]) * 16777619u;
    }
    return h;
}

static uint32_t rd16(const uint8_t *p) { return (uint32_t)p[0] | ((uint32_t)p[1] << 8); }
static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* Runs vector `in` op by op; returns the index of the first op whose output hash differs, or op_count. */
static uint32_t first_bad_op(const kws_model *model, uint32_t arena_bytes, const int8_t *in, uint32_t in_elems,
                             const uint32_t *expected, kws_status *st)
{
    int8_t *in_ptr = NULL;
    *st = kws_model_input_ptr(model, arena, arena_bytes, &in_ptr);
    if (*st != KWS_OK) {
        return 0;
    }
    memcpy(in_ptr, in, in_elems);
    for (uint32_t op = 0; op < model->op_count; op++) {
        *st = kws_invoke_op(model, arena, arena_bytes, op);
        if (*st != KWS_OK) {
            return op;
        }
        const uint8_t *rec = model->ops + (size_t)op * KWS_OP_RECORD_SIZE;
        const uint8_t *t = model->tensors + (size_t)rd16(rec + 8) * KWS_TENSOR_RECORD_SIZE;
        if (t[2] & 0x1u) {
            /* VIRTUAL output (docs/kwsm-format.md, tensor flags): a FUSED_NEXT conv's rows live only in the fused
             * kernel's ring, so there is nothing to hash; the depthwise after it ran in this call and is checked next. */
            continue;
        }
        if (fnv1a((const int8_t *)arena + rd32(t + 12), rd32(t + 16)) != expected[op]) {
            return op;
        }
    }
    return model->op_count;
}

static void print_row(const char *label, const int8_t *values, uint32_t count)
{
    printf("    %s:", label);
    for (uint32_t i = 0; i < count; i++) {
        printf(" %d", values[i]);
    }
    printf("\n");
}

int main(void)
{
    const kws_cm_model_entry *m = &kws_cm_model;
    const kws_cm_vectors *v = m->vectors;
    kws_model model;
    kws_status st = kws_model_open(&model, m->blob, m->blob_size);
    printf("model %s on %s: %lu-byte blob, open: %s\n", m->name, kws_cm_cpu_name(),
           (unsigned long)m->blob_size, kws_status_str(st));
    if (st != KWS_OK) {
        printf("FAIL %s: kws_model_open refused the blob\n", m->name);
        return KWS_CM_EXIT_ERROR;
    }
    uint32_t arena_bytes = kws_model_arena_bytes(&model);
    if (arena_bytes > sizeof arena) {
        printf("FAIL %s: model needs a %lu-byte arena, the image has %lu\n", m->name,
               (unsigned long)arena_bytes, (unsigned long)sizeof arena);
        return KWS_CM_EXIT_ERROR;
    }
    kws_dims dims;
    kws_quant quant;
    uint32_t in_elems = 0, out_elems = 0;
    if (kws_model_io(&model, 0, &dims, &quant, &in_elems) != KWS_OK ||
        kws_model_io(&model, 1, &dims, &quant, &out_elems) != KWS_OK) {
        printf("FAIL %s: kws_model_io failed\n", m->name);
        return KWS_CM_EXIT_ERROR;
    }
    if (v == NULL || v->count == 0u) {
        printf("FAIL %s: image has no test vectors\n", m->name);
        return KWS_CM_EXIT_ERROR;
    }
    if (v->input_elements != in_elems || v->output_elements != out_elems || out_elems > KWS_CM_MAX_OUTPUT) {
        printf("FAIL %s: vectors are %lu -> %lu elements, the model %lu -> %lu\n", m->name,
               (unsigned long)v->input_elements, (unsigned long)v->output_elements,
               (unsigned long)in_elems, (unsigned long)out_elems);
        return KWS_CM_EXIT_ERROR;
    }

    uint32_t failed = 0, golden_failed = 0;
    for (uint32_t i = 0; i < v->count; i++) {
        int8_t out[KWS_CM_MAX_OUTPUT];
        const int8_t *in = v->inputs + (size_t)i * in_elems;
        const int8_t *expected = v->outputs + (size_t)i * out_elems;
        memset(out, 0x55, sizeof out);
        st = kws_invoke(&model, arena, arena_bytes, in, out);
        if (st != KWS_OK) {
            printf("FAIL %s: kws_invoke on vector %lu returned %s\n", m->name, (unsigned long)i, kws_status_str(st));
            return KWS_CM_EXIT_ERROR;
        }
        if (memcmp(out, expected, out_elems) != 0) {
            failed++;
            if (i < v->golden_count) {
                golden_failed++;
            }
            if (failed <= KWS_CM_MAX_REPORTED) {
                printf("  mismatch on vector %lu (%s):\n", (unsigned long)i, i < v->golden_count ? "golden" : "random");
                print_row("expected", expected, out_elems);
                print_row("actual  ", out, out_elems);
            }
        }
    }
    uint32_t traced = v->trace_count, trace_failed = 0;
    if (traced > 0u && v->op_count != model.op_count) {
        printf("FAIL %s: traces have %lu ops, the model %lu\n", m->name, (unsigned long)v->op_count, (unsigned long)model.op_count);
        return KWS_CM_EXIT_ERROR;
    }
    for (uint32_t i = 0; i < traced; i++) {
        uint32_t bad = first_bad_op(&model, arena_bytes, v->inputs + (size_t)i * in_elems, in_elems,
                                    v->op_hashes + (size_t)i * v->op_count, &st);
        if (st != KWS_OK) {
            printf("FAIL %s: kws_invoke_op(%lu) on vector %lu returned %s\n", m->name, (unsigned long)bad,
                   (unsigned long)i, kws_status_str(st));
            return KWS_CM_EXIT_ERROR;
        }
        if (bad < model.op_count) {
            trace_failed++;
            const uint8_t *rec = model.ops + (size_t)bad * KWS_OP_RECORD_SIZE;
            printf("  vector %lu: op %lu (opcode %u, source operator %lu) is the first whose output differs from the interpreter's\n",
                   (unsigned long)i, (unsigned long)bad, (unsigned)rec[0], (unsigned long)rd16(rec + 10));
        }
    }
    printf("%s %s on %s: per-op outputs of %lu vectors x %lu ops match the interpreter's trace (%lu failed)\n",
           trace_failed == 0u ? "PASS" : "FAIL", m->name, kws_cm_cpu_name(), (unsigned long)traced,
           (unsigned long)model.op_count, (unsigned long)trace_failed);
    printf("%s %s on %s: %lu/%lu vectors match exactly (%lu golden, %lu failed; %lu random, %lu failed), arena %lu bytes\n",
           failed == 0u ? "PASS" : "FAIL", m->name, kws_cm_cpu_name(),
           (unsigned long)(v->count - failed), (unsigned long)v->count,
           (unsigned long)v->golden_count, (unsigned long)golden_failed,
           (unsigned long)(v->count - v->golden_count), (unsigned long)(failed - golden_failed),
           (unsigned long)arena_bytes);
    return failed == 0u && trace_failed == 0u ? KWS_CM_EXIT_PASS : KWS_CM_EXIT_FAIL;
}
