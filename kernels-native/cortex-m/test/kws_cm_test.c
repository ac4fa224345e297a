/*
 * Model test firmware: opens the embedded .kwsm with the engine, runs every test vector through
 * kws_invoke and compares the int8 output byte for byte with the expected one (published golden
 * outputs, then outputs of the host reference interpreter for random inputs). Prints one summary line
 * and PASS/FAIL; exit status KWS_CM_EXIT_PASS, _FAIL (a mismatch) or _ERROR (an engine call failed).
 */
#include <stdio.h>
#include <string.h>
#include "kws_nano.h"
#include "kws_cm.h"
#include "kws_cm_model.h"

#ifndef KWS_CM_ARENA_BYTES
#define KWS_CM_ARENA_BYTES (512u * 1024u)
#endif
#define KWS_CM_MAX_OUTPUT 256u
#define KWS_CM_MAX_REPORTED 5u

static uint8_t arena[KWS_CM_ARENA_BYTES] __attribute__((aligned(16)));

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
    printf("%s %s on %s: %lu/%lu vectors match exactly (%lu golden, %lu failed; %lu random, %lu failed), arena %lu bytes\n",
           failed == 0u ? "PASS" : "FAIL", m->name, kws_cm_cpu_name(),
           (unsigned long)(v->count - failed), (unsigned long)v->count,
           (unsigned long)v->golden_count, (unsigned long)golden_failed,
           (unsigned long)(v->count - v->golden_count), (unsigned long)(failed - golden_failed),
           (unsigned long)arena_bytes);
    return failed == 0u ? KWS_CM_EXIT_PASS : KWS_CM_EXIT_FAIL;
}
