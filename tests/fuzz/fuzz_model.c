/*
 * libFuzzer harness: kws_model_open on any bytes (total_size and CRC repaired first), then on success every
 * accessor, the invariant that an accepted MFCC descriptor is one the front-end and the stream accept, that an
 * accepted front-end tables section (format 1.2) initialises the front-end and computes a frame safely, and
 * kws_invoke on an arena of exactly arena_bytes (skipped over KWS_FUZZ_MAC_BUDGET). Any sanitizer report or
 * broken invariant aborts.
 */
#include "kws_fuzz.h"

static void kws_fuzz_check(int ok)
{
    if (!ok) {
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kws_model m;
    kws_frontend_desc fe;
    kws_status st;
    uint8_t *blob;
    uint32_t n, i, elements;
    if (size > KWS_FUZZ_MAX_BLOB) {
        return 0;
    }
    blob = kws_fuzz_copy(data, size);
    if (blob == NULL) {
        return 0;
    }
    kws_fuzz_repair(blob, (uint32_t)size);
    st = kws_model_open(&m, blob, (uint32_t)size);
    kws_fuzz_check(kws_status_str(st) != NULL);
    if (st != KWS_OK) {
        free(blob);
        return 0;
    }
    /* Accessors */
    n = kws_model_label_count(&m);
    kws_fuzz_check(n >= 1u);
    for (i = 0; i < n; i++) {
        const char *text;
        uint32_t len;
        kws_fuzz_check(kws_model_label(&m, i, &text, &len) == KWS_OK && len >= 1u && len <= 63u);
    }
    kws_fuzz_check(kws_model_io(&m, 1, NULL, NULL, &elements) == KWS_OK && elements >= n);
    kws_fuzz_check(kws_model_io(&m, 0, NULL, NULL, &elements) == KWS_OK);
    kws_fuzz_check(kws_model_frontend(&m, &fe) == KWS_OK);
    kws_fuzz_check((uint32_t)fe.num_frames * fe.num_coeffs == elements);
    /* One rule set: what the loader accepts, the front-end and the stream accept. */
    if (fe.kind == KWS_FRONTEND_ARM_MFCC || fe.kind == KWS_FRONTEND_MLPERF_MFCC) {
        kws_fuzz_check(kws_frontend_buffer_size(&fe) != 0u);
        kws_fuzz_check(kws_stream_buffer_size(&m) != 0u);
    }
    {
        const void *tables = NULL;
        uint32_t tables_size = 0;
        kws_fuzz_check(kws_model_frontend_tables(&m, &tables, &tables_size) == KWS_OK);
        kws_fuzz_check((tables == NULL) == (tables_size == 0u));
        if (tables != NULL) {
            /* a section the loader accepts is one the front-end reads in place and runs without any fault */
            const uint32_t need = kws_frontend_buffer_size_ex(&fe, 1, 0);
            void *mem = aligned_alloc(16, (need + 15u) & ~15u);
            int16_t *samples = (int16_t *)malloc(2u * fe.frame_length);
            float *out = (float *)malloc(4u * fe.num_coeffs);
            kws_frontend *f = NULL;
            kws_fuzz_check(need != 0u);
            if (mem != NULL && samples != NULL && out != NULL) {
                for (i = 0; i < fe.frame_length; i++) {
                    samples[i] = (int16_t)((uint16_t)data[(2u * i) % size] | (uint16_t)(data[(2u * i + 1u) % size] << 8));
                }
                kws_fuzz_check(kws_frontend_init_ex(&f, &fe, tables, tables_size, NULL, 0u, mem, need) == KWS_OK);
                kws_fuzz_check(kws_frontend_compute_frame(f, samples, out) == KWS_OK);
            }
            free(out);
            free(samples);
            free(mem);
        }
    }
    if (kws_fuzz_macs(&m) <= KWS_FUZZ_MAC_BUDGET && kws_model_arena_bytes(&m) <= KWS_FUZZ_MAX_ARENA) {
        const uint32_t arena_bytes = kws_model_arena_bytes(&m);
        void *arena = aligned_alloc(KWS_ARENA_ALIGN, arena_bytes > 0u ? arena_bytes : KWS_ARENA_ALIGN);
        int8_t *in = (int8_t *)malloc(elements);
        if (arena != NULL && in != NULL) {
            for (i = 0; i < elements; i++) {
                in[i] = (int8_t)data[i % size]; /* input from the blob's own bytes */
            }
            kws_fuzz_check(kws_invoke(&m, arena, arena_bytes, in, NULL) == KWS_OK);
        }
        free(in);
        free(arena);
    }
    free(blob);
    return 0;
}
