/*
 * Shared by the libFuzzer harnesses (tests/fuzz/README.md): CRC and size repair, so mutations reach the
 * structural rules instead of dying at the CRC check; an aligned private copy of the input, so
 * AddressSanitizer sees any read past the blob's end; and a multiply-accumulate estimate of a validated
 * model, so the harnesses skip kws_invoke on models too slow to run millions of times.
 */
#ifndef KWS_FUZZ_H
#define KWS_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "kws_nano.h"
#include "kws__model.h"

/* Inputs above this are ignored (the largest seed, a converted DS-CNN-M, is about 0.5 MB). */
#define KWS_FUZZ_MAX_BLOB (2u << 20)
/* Invoke only models of at most this many MACs per inference (the synthetic seeds; not DS-CNN-S). */
#define KWS_FUZZ_MAC_BUDGET 200000u
/* Arena and stream buffers above this are not allocated. */
#define KWS_FUZZ_MAX_ARENA (1u << 20)

/* An exact-size private copy (glibc malloc returns 16-aligned memory, as the loader needs 4), so ASan
 * reports any read past the blob's end and the harness may repair the copy. */
static uint8_t *kws_fuzz_copy(const uint8_t *data, size_t size)
{
    uint8_t *b = (uint8_t *)malloc(size > 0u ? size : 1u);
    if (b != NULL && size > 0u) {
        memcpy(b, data, size);
    }
    return b;
}

/* Table CRC-32 (the zlib one, as kws__crc32): the repair runs on every input, so it should be cheap. */
static uint32_t kws_fuzz_crc32(const uint8_t *d, uint32_t n)
{
    static uint32_t table[256];
    uint32_t crc = 0xFFFFFFFFu, i;
    if (table[1] == 0u) {
        for (i = 0; i < 256u; i++) {
            uint32_t c = i;
            int b;
            for (b = 0; b < 8; b++) {
                c = (c & 1u) ? (c >> 1) ^ 0xEDB88320u : c >> 1;
            }
            table[i] = c;
        }
    }
    for (i = 0; i < n; i++) {
        crc = table[(crc ^ d[i]) & 0xFFu] ^ (crc >> 8);
    }
    return ~crc;
}

/* Give a blob the total_size and CRC its bytes call for (no-op below the header size). */
static void kws_fuzz_repair(uint8_t *b, uint32_t size)
{
    uint32_t crc;
    if (size < KWS_HEADER_SIZE) {
        return;
    }
    b[8] = (uint8_t)size; b[9] = (uint8_t)(size >> 8); b[10] = (uint8_t)(size >> 16); b[11] = (uint8_t)(size >> 24);
    crc = kws_fuzz_crc32(b + 16, size - 16u);
    b[12] = (uint8_t)crc; b[13] = (uint8_t)(crc >> 8); b[14] = (uint8_t)(crc >> 16); b[15] = (uint8_t)(crc >> 24);
}

/* Multiply-accumulates (or element operations) of one inference of an opened (validated) model. */
static uint64_t kws_fuzz_macs(const kws_model *m)
{
    uint64_t total = 0u;
    uint32_t i;
    for (i = 0; i < m->op_count; i++) {
        const uint8_t *op = kws__op_rec(m, i);
        const uint8_t *tin = kws__tensor_rec(m, kws__rd_u16(op + KWS__O_INPUT0));
        const uint8_t *tout = kws__tensor_rec(m, kws__rd_u16(op + KWS__O_OUTPUT));
        const uint64_t out = kws__rd_u32(tout + KWS__T_SIZE);
        const uint64_t taps = (uint64_t)kws__rd_u16(op + KWS__O_FILTER_H) * kws__rd_u16(op + KWS__O_FILTER_W);
        kws_dims din;
        kws__tensor_dims(tin, &din);
        switch (op[KWS__O_OPCODE]) {
        case KWS_OP_CONV_2D: total += out * taps * (uint64_t)din.c; break;
        case KWS_OP_DEPTHWISE_CONV_2D:
        case KWS_OP_AVERAGE_POOL_2D:
        case KWS_OP_MAX_POOL_2D: total += out * taps; break;
        case KWS_OP_FULLY_CONNECTED: total += kws__rd_u32(op + KWS__O_WEIGHTS_SIZE) * (out / (kws__rd_u32(op + KWS__O_BIAS_SIZE) / 4u)); break;
        default: total += out; break;
        }
    }
    return total;
}

#endif /* KWS_FUZZ_H */
