/*
 * Test-only .kwsm blob builder (docs/kwsm-format.md v1), independent of the C# converter: lays out
 * header, labels, front-end, tensor table, op table and the 16-aligned data section, computes the CRC.
 */
#ifndef KWS_TEST_BLOB_H
#define KWS_TEST_BLOB_H

#include <stdint.h>
#include <string.h>

typedef struct {
    uint8_t rank;
    uint16_t dims[4];
    uint32_t arena_offset;
    float scale;
    int32_t zero_point;
} kt_tensor;

typedef struct {
    uint8_t opcode, layout, activation, padding;
    uint16_t in0, in1, out;
    uint16_t stride_h, stride_w, filter_h, filter_w, pad_top, pad_left, depth_multiplier, op_flags;
    int32_t act_min, act_max;
    const int8_t *weights;
    uint32_t weights_size;
    const int32_t *bias;
    uint32_t bias_count;
    const int32_t *quant;
    uint32_t quant_count;
    int32_t p[7];
    uint32_t scratch_offset, scratch_size; /* arena scratch (format 1.1 planner) */
} kt_op;

typedef struct {
    const char *const *labels;
    uint32_t label_count;
    const kt_tensor *tensors;
    uint32_t tensor_count;
    const kt_op *ops;
    uint32_t op_count;
    uint16_t input, output;
    uint32_t arena_bytes;
    uint32_t flags;
    uint16_t num_frames, num_coeffs;
    float input_scale;
    int32_t input_zero_point;
} kt_model;

static void kt_w16(uint8_t *p, uint32_t v) { p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); }
static void kt_w32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}
static void kt_wi32(uint8_t *p, int32_t v) { uint32_t u; memcpy(&u, &v, 4); kt_w32(p, u); }
static void kt_wf32(uint8_t *p, float v) { uint32_t u; memcpy(&u, &v, 4); kt_w32(p, u); }
static uint32_t kt_r32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}
static uint32_t kt_align(uint32_t v, uint32_t a) { return (v + a - 1u) & ~(a - 1u); }

static uint32_t kt_crc32(const uint8_t *d, uint32_t n)
{
    uint32_t crc = 0xFFFFFFFFu, i;
    int b;
    for (i = 0; i < n; i++) {
        crc ^= d[i];
        for (b = 0; b < 8; b++) {
            crc = (crc & 1u) ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
    }
    return ~crc;
}

/* Recompute the CRC after a test mutated the blob (so the intended check is what refuses it). */
static void kt_fix_crc(uint8_t *blob, uint32_t size)
{
    kt_w32(blob + 12, kt_crc32(blob + 16, size - 16u));
}

/* Build the blob into `out` (capacity `cap`, 4-aligned); returns its size (0 when it does not fit). */
static uint32_t kt_build(const kt_model *m, uint8_t *out, uint32_t cap)
{
    uint32_t labels_off = 64u, labels_used = 2u, labels_size, fe_off, t_off, o_off, d_off, pos, i;
    for (i = 0; i < m->label_count; i++) {
        labels_used += 1u + (uint32_t)strlen(m->labels[i]);
    }
    labels_size = kt_align(labels_used, 4u);
    fe_off = labels_off + labels_size;
    t_off = fe_off + 64u;
    o_off = t_off + 32u * m->tensor_count;
    d_off = kt_align(o_off + 96u * m->op_count, 16u);
    pos = d_off;
    for (i = 0; i < m->op_count; i++) {
        pos += kt_align(m->ops[i].weights_size, 16u) + kt_align(4u * m->ops[i].bias_count, 16u) +
               kt_align(4u * m->ops[i].quant_count, 16u);
    }
    if (pos > cap) {
        return 0u;
    }
    memset(out, 0, pos);
    memcpy(out, "KWSM", 4);
    kt_w16(out + 4, 1u);
    kt_w16(out + 6, 0u);
    kt_w32(out + 8, pos);
    kt_w32(out + 16, m->flags);
    kt_w32(out + 20, m->arena_bytes);
    kt_w16(out + 24, m->tensor_count);
    kt_w16(out + 26, m->op_count);
    kt_w16(out + 28, m->input);
    kt_w16(out + 30, m->output);
    kt_w32(out + 32, labels_off);
    kt_w32(out + 36, labels_size);
    kt_w32(out + 40, fe_off);
    kt_w32(out + 44, t_off);
    kt_w32(out + 48, o_off);
    kt_w32(out + 52, d_off);
    kt_w32(out + 56, pos - d_off);
    /* labels */
    kt_w16(out + labels_off, m->label_count);
    {
        uint32_t lp = labels_off + 2u;
        for (i = 0; i < m->label_count; i++) {
            const uint32_t len = (uint32_t)strlen(m->labels[i]);
            out[lp] = (uint8_t)len;
            memcpy(out + lp + 1u, m->labels[i], len);
            lp += 1u + len;
        }
    }
    /* front-end: kind 0 (features supplied by the caller) */
    kt_w16(out + fe_off + 24, m->num_coeffs);
    kt_w16(out + fe_off + 26, m->num_frames);
    kt_wf32(out + fe_off + 28, m->input_scale);
    kt_wi32(out + fe_off + 32, m->input_zero_point);
    memcpy(out + fe_off + 40, "none", 4);
    /* tensors */
    for (i = 0; i < m->tensor_count; i++) {
        const kt_tensor *t = &m->tensors[i];
        uint8_t *r = out + t_off + 32u * i;
        uint32_t k, size = 1u;
        r[0] = 1u;
        r[1] = t->rank;
        for (k = 0; k < 4u; k++) {
            const uint16_t d = k < t->rank ? t->dims[k] : 1u;
            kt_w16(r + 4 + 2 * k, d);
            size *= d;
        }
        kt_w32(r + 12, t->arena_offset);
        kt_w32(r + 16, size);
        kt_wf32(r + 20, t->scale);
        kt_wi32(r + 24, t->zero_point);
    }
    /* ops and data */
    pos = d_off;
    for (i = 0; i < m->op_count; i++) {
        const kt_op *op = &m->ops[i];
        uint8_t *r = out + o_off + 96u * i;
        uint32_t k;
        r[0] = op->opcode; r[1] = op->layout; r[2] = op->activation; r[3] = op->padding;
        kt_w16(r + 4, op->in0); kt_w16(r + 6, op->in1); kt_w16(r + 8, op->out); kt_w16(r + 10, i);
        kt_w16(r + 12, op->stride_h); kt_w16(r + 14, op->stride_w);
        kt_w16(r + 16, op->filter_h); kt_w16(r + 18, op->filter_w);
        kt_w16(r + 20, op->pad_top); kt_w16(r + 22, op->pad_left);
        kt_w16(r + 24, op->depth_multiplier); kt_w16(r + 26, op->op_flags);
        kt_wi32(r + 28, op->act_min); kt_wi32(r + 32, op->act_max);
        if (op->weights_size) {
            memcpy(out + pos, op->weights, op->weights_size);
            kt_w32(r + 36, pos); kt_w32(r + 40, op->weights_size);
            pos += kt_align(op->weights_size, 16u);
        }
        if (op->bias_count) {
            for (k = 0; k < op->bias_count; k++) kt_wi32(out + pos + 4 * k, op->bias[k]);
            kt_w32(r + 44, pos); kt_w32(r + 48, 4u * op->bias_count);
            pos += kt_align(4u * op->bias_count, 16u);
        }
        if (op->quant_count) {
            for (k = 0; k < op->quant_count; k++) kt_wi32(out + pos + 4 * k, op->quant[k]);
            kt_w32(r + 52, pos); kt_w32(r + 56, 4u * op->quant_count);
            pos += kt_align(4u * op->quant_count, 16u);
        }
        kt_w32(r + 60, op->scratch_offset); kt_w32(r + 64, op->scratch_size);
        for (k = 0; k < 7u; k++) kt_wi32(r + 68 + 4 * k, op->p[k]);
    }
    kt_fix_crc(out, pos);
    return pos;
}

#endif /* KWS_TEST_BLOB_H */
