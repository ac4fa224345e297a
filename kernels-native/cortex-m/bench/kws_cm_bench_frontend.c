/*
 * Front-end benchmark firmware (not a test): instructions per MFCC frame (kws_frontend_compute_frame)
 * with the embedded model's front-end descriptor, counted under `qemu-system-arm -icount shift=0`
 * (kws_cm.h), plus the front-end init's cost, the caller buffer it needs and the frame's peak stack. With a blob
 * that has a front-end tables section (format 1.2) the front-end reads them in place (kws_frontend_init_ex, the
 * stream's path; work buffers in the buffer here, the stream puts them in the model arena); the RAM build of
 * kws_frontend_init (older blobs) is measured too, for comparison.
 * The input is a deterministic synthetic signal (two tones plus pseudo-random noise). Prints
 * "KWSBENCH-FRONTEND {json}" for `kwsnano bench`.
 */
#include <stdio.h>
#include <math.h>
#include "kws_nano.h"
#include "kws_cm.h"
#include "kws_cm_model.h"

#define KWS_CM_FE_FRAMES 8u
#define KWS_CM_FE_MAX_SAMPLES 2048u
#define KWS_CM_FE_MAX_COEFFS 64u

static uint8_t fe_mem[256u * 1024u] __attribute__((aligned(16)));
static int16_t samples[KWS_CM_FE_MAX_SAMPLES * 2u];

int main(void)
{
    kws_model model;
    kws_frontend_desc desc;
    if (kws_model_open(&model, kws_cm_model.blob, kws_cm_model.blob_size) != KWS_OK ||
        kws_model_frontend(&model, &desc) != KWS_OK || desc.kind == 0u) {
        printf("bench-frontend: model %s has no front-end descriptor\n", kws_cm_model.name);
        return KWS_CM_EXIT_ERROR;
    }
    if (desc.frame_length > KWS_CM_FE_MAX_SAMPLES || desc.num_coeffs > KWS_CM_FE_MAX_COEFFS) {
        return KWS_CM_EXIT_ERROR;
    }
    const void *tables = NULL;
    uint32_t tables_size = 0;
    (void)kws_model_frontend_tables(&model, &tables, &tables_size);
    const uint32_t build_need = kws_frontend_buffer_size(&desc);
    uint32_t need = kws_frontend_buffer_size_ex(&desc, tables != NULL, 0);
    if (need == 0u || need > sizeof fe_mem || build_need > sizeof fe_mem) {
        printf("bench-frontend: kws_frontend_buffer_size = %lu does not fit\n", (unsigned long)need);
        return KWS_CM_EXIT_ERROR;
    }
    /* Two tones (440 Hz, 1.7 kHz) and noise; computed before measuring. */
    uint32_t lcg = 12345u;
    uint32_t n_samples = (uint32_t)desc.frame_length + KWS_CM_FE_FRAMES * desc.frame_hop;
    if (n_samples > sizeof samples / sizeof samples[0]) {
        n_samples = sizeof samples / sizeof samples[0];
    }
    for (uint32_t i = 0; i < n_samples; i++) {
        lcg = lcg * 1664525u + 1013904223u;
        float t = (float)i / (float)desc.sample_rate;
        float v = 6000.0f * sinf(6.2831853f * 440.0f * t) + 3000.0f * sinf(6.2831853f * 1700.0f * t) +
                  (float)((int32_t)(lcg >> 20) - 2048);
        samples[i] = (int16_t)v;
    }

    kws_frontend *fe = NULL;
    uint32_t t0 = kws_cm_ticks();
    kws_status st = kws_frontend_init(&fe, &desc, fe_mem, build_need);
    uint32_t t1 = kws_cm_ticks();
    if (st != KWS_OK) {
        printf("bench-frontend: kws_frontend_init: %s\n", kws_status_str(st));
        return KWS_CM_EXIT_ERROR;
    }
    const uint64_t build_insns = kws_cm_ticks_to_insns(t0, t1);
    uint64_t init_insns = build_insns;
    if (tables != NULL) {
        t0 = kws_cm_ticks();
        st = kws_frontend_init_ex(&fe, &desc, tables, tables_size, NULL, 0u, fe_mem, need);
        t1 = kws_cm_ticks();
        if (st != KWS_OK) {
            printf("bench-frontend: kws_frontend_init_ex: %s\n", kws_status_str(st));
            return KWS_CM_EXIT_ERROR;
        }
        init_insns = kws_cm_ticks_to_insns(t0, t1);
    }

    float mfcc[KWS_CM_FE_MAX_COEFFS];
    uint32_t frames = 0;
    uint64_t sum = 0;
    kws_cm_stack_paint();
    uintptr_t sp = kws_cm_sp();
    for (uint32_t start = 0; start + desc.frame_length <= n_samples && frames < KWS_CM_FE_FRAMES; start += desc.frame_hop) {
        t0 = kws_cm_ticks();
        st = kws_frontend_compute_frame(fe, samples + start, mfcc);
        t1 = kws_cm_ticks();
        if (st != KWS_OK) {
            printf("bench-frontend: kws_frontend_compute_frame: %s\n", kws_status_str(st));
            return KWS_CM_EXIT_ERROR;
        }
        sum += kws_cm_ticks_to_insns(t0, t1);
        frames++;
    }
    uint32_t stack = (uint32_t)(sp - kws_cm_stack_low_water());
    if (frames == 0u || !isfinite(mfcc[0])) {
        printf("bench-frontend: no frame computed or a non-finite coefficient\n");
        return KWS_CM_EXIT_FAIL;
    }
    unsigned long per_frame = (unsigned long)(sum / frames);
    printf("front-end %s on %s: %lu instructions per frame (mean of %lu), init %lu, buffer %lu bytes, stack %lu bytes; "
           "tables %s (%lu bytes); building them in RAM: init %lu, buffer %lu bytes\n",
           desc.preset, kws_cm_cpu_name(), per_frame, (unsigned long)frames, (unsigned long)init_insns,
           (unsigned long)need, (unsigned long)stack, tables != NULL ? "read from the blob" : "built in RAM",
           (unsigned long)tables_size, (unsigned long)build_insns, (unsigned long)build_need);
    printf("KWSBENCH-FRONTEND {\"preset\":\"%s\",\"cpu\":\"%s\",\"frame_length\":%u,\"fft_size\":%u,\"num_coeffs\":%u,"
           "\"buffer_bytes\":%lu,\"init_instructions\":%lu,\"frame_instructions\":%lu,\"stack_bytes\":%lu,"
           "\"tables_bytes\":%lu,\"build_init_instructions\":%lu,\"build_buffer_bytes\":%lu,\"work_bytes\":%lu}\n",
           desc.preset, kws_cm_cpu_name(), (unsigned)desc.frame_length, (unsigned)desc.fft_size, (unsigned)desc.num_coeffs,
           (unsigned long)need, (unsigned long)init_insns, per_frame, (unsigned long)stack, (unsigned long)tables_size,
           (unsigned long)build_insns, (unsigned long)build_need, (unsigned long)kws_frontend_work_size(&desc));
    return KWS_CM_EXIT_PASS;
}
