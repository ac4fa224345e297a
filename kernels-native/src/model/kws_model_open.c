/*
 * KwsNano .kwsm loader: applies every rule of docs/kwsm-format.md "Validation", in order, once.
 * After it succeeds kws_invoke runs without further checks. All offset arithmetic is done so that it
 * cannot wrap (range checks are written as `size <= limit - offset` after `offset <= limit`).
 */
#include <float.h>
#include "kws__model.h"
#include "../frontend/kws_frontend_internal.h"

/* [offset, offset + size) inside [0, limit) without overflow. */
static int kws__in_range(uint32_t offset, uint32_t size, uint32_t limit)
{
    return offset <= limit && size <= limit - offset;
}

static int kws__is_finite_positive(float f)
{
    return f > 0.0f && f <= FLT_MAX; /* false for NaN */
}

void kws__tensor_dims(const uint8_t *rec, kws_dims *dims)
{
    const uint8_t rank = rec[KWS__T_RANK];
    int32_t d[4];
    int i;
    for (i = 0; i < 4; i++) {
        d[i] = (int32_t)kws__rd_u16(rec + KWS__T_DIMS + 2u * (uint32_t)i);
    }
    dims->n = 1;
    dims->h = 1;
    dims->w = 1;
    dims->c = 1;
    switch (rank) {
    case 4: dims->n = d[0]; dims->h = d[1]; dims->w = d[2]; dims->c = d[3]; break;
    case 3: dims->n = d[0]; dims->h = d[1]; dims->c = d[2]; break;
    case 2: dims->n = d[0]; dims->c = d[1]; break;
    case 1: dims->c = d[0]; break;
    default: break;
    }
}

/* Product of the used dims of a tensor record, or 0 when the rank or a dim is invalid or it exceeds 2^32-1. */
static uint32_t kws__tensor_elements(const uint8_t *rec)
{
    const uint8_t rank = rec[KWS__T_RANK];
    uint64_t product = 1u;
    uint32_t i;
    if (rank < 1u || rank > 4u) {
        return 0u;
    }
    for (i = 0; i < rank; i++) {
        const uint16_t d = kws__rd_u16(rec + KWS__T_DIMS + 2u * i);
        if (d == 0u) {
            return 0u;
        }
        product *= d; /* <= 65535^4 < 2^64 */
        if (product > 0xFFFFFFFFu) {
            return 0u;
        }
    }
    return (uint32_t)product;
}

/* Last used dimension (classes / channels), 0 when the rank is invalid. */
static uint32_t kws__tensor_last_dim(const uint8_t *rec)
{
    const uint8_t rank = rec[KWS__T_RANK];
    if (rank < 1u || rank > 4u) {
        return 0u;
    }
    return kws__rd_u16(rec + KWS__T_DIMS + 2u * (uint32_t)(rank - 1u));
}

/* Classes of the output tensor for the label check: its last dim, or 0 (check skipped, step 6 refuses the
 * record) when its shape is invalid (rank, a zero dim, more than 2^32-1 elements). */
static uint32_t kws__output_classes(const uint8_t *rec)
{
    return kws__tensor_elements(rec) != 0u ? kws__tensor_last_dim(rec) : 0u;
}

static kws_status kws__check_section(uint32_t offset, uint32_t size, uint32_t align, uint32_t size_align,
                                     uint32_t total)
{
    if (offset < KWS_HEADER_SIZE || !kws__in_range(offset, size, total)) {
        return KWS_ERR_BOUNDS;
    }
    if ((offset & (align - 1u)) != 0u || (size % size_align) != 0u) {
        return KWS_ERR_ALIGN;
    }
    return KWS_OK;
}

/* Strict UTF-8 (no overlong forms, no surrogates, <= U+10FFFF), as .NET's throwing UTF8Encoding. */
static int kws__utf8_ok(const uint8_t *s, uint32_t n)
{
    uint32_t i = 0;
    while (i < n) {
        const uint8_t c = s[i];
        uint32_t len, cp, k;
        if (c < 0x80u) { i++; continue; }
        if (c >= 0xC2u && c <= 0xDFu) { len = 2u; cp = c & 0x1Fu; }
        else if (c >= 0xE0u && c <= 0xEFu) { len = 3u; cp = c & 0x0Fu; }
        else if (c >= 0xF0u && c <= 0xF4u) { len = 4u; cp = c & 0x07u; }
        else { return 0; }
        if (len > n - i) { return 0; }
        for (k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0u) != 0x80u) { return 0; }
            cp = (cp << 6) | (s[i + k] & 0x3Fu);
        }
        if ((len == 3u && cp < 0x800u) || (len == 4u && (cp < 0x10000u || cp > 0x10FFFFu)) ||
            (cp >= 0xD800u && cp <= 0xDFFFu)) {
            return 0;
        }
        i += len;
    }
    return 1;
}

static kws_status kws__check_labels(const uint8_t *labels, uint32_t labels_size, uint32_t classes)
{
    uint32_t pos = 2u;
    uint32_t count, i;
    if (labels_size < 2u) {
        return KWS_ERR_LABELS;
    }
    count = kws__rd_u16(labels);
    if (count == 0u || (classes != 0u && count != classes)) {
        return KWS_ERR_LABELS;
    }
    for (i = 0; i < count; i++) {
        uint32_t len;
        if (pos >= labels_size) {
            return KWS_ERR_LABELS;
        }
        len = labels[pos];
        if (len < 1u || len > 63u || len > labels_size - pos - 1u || !kws__utf8_ok(labels + pos + 1u, len)) {
            return KWS_ERR_LABELS;
        }
        pos += 1u + len;
    }
    /* labels_size is the used bytes rounded up to 4 (the padding). */
    if (((pos + 3u) & ~3u) != labels_size) {
        return KWS_ERR_LABELS;
    }
    return KWS_OK;
}

/* `raw` is the 64-byte record, `input_rec` the input tensor record (not yet validated): the preset name,
 * the shared descriptor rules (kws__frontend_desc_check), then the consistency with the input tensor. */
static kws_status kws__check_frontend(const kws_frontend_desc *d, const uint8_t *raw, const uint8_t *input_rec)
{
    const uint32_t input_elements = kws__tensor_elements(input_rec);
    const uint8_t *preset = raw + KWS_FRONTEND_OFF_PRESET;
    uint32_t i, name_len = 0;
    kws_status st;
    /* preset: non-empty printable ASCII up to the first NUL */
    while (name_len < KWS_FRONTEND_PRESET_MAX && preset[name_len] != 0u) {
        name_len++;
    }
    if (name_len == 0u) {
        return KWS_ERR_FRONTEND;
    }
    for (i = 0; i < name_len; i++) {
        if (preset[i] < 0x21u || preset[i] > 0x7Eu) {
            return KWS_ERR_FRONTEND;
        }
    }
    if ((st = kws__frontend_desc_check(d)) != KWS_OK) {
        return st;
    }
    /* Skipped when the input record's shape is invalid (0 from kws__tensor_elements): step 6 refuses it. */
    if (input_elements != 0u && (uint32_t)d->num_frames * d->num_coeffs != input_elements) {
        return KWS_ERR_FRONTEND;
    }
    /* The features are quantised exactly as the input tensor: same scale bits and zero point. */
    if (kws__rd_u32(raw + KWS_FRONTEND_OFF_INPUT_SCALE) != kws__rd_u32(input_rec + KWS__T_SCALE) ||
        d->input_zero_point != kws__rd_i32(input_rec + KWS__T_ZERO_POINT)) {
        return KWS_ERR_FRONTEND;
    }
    return KWS_OK;
}

static kws_status kws__check_tensor(const uint8_t *rec, uint32_t arena_bytes)
{
    const uint8_t rank = rec[KWS__T_RANK];
    const uint32_t elements = kws__tensor_elements(rec);
    const uint32_t arena_offset = kws__rd_u32(rec + KWS__T_ARENA_OFFSET);
    const uint32_t size = kws__rd_u32(rec + KWS__T_SIZE);
    const int32_t zp = kws__rd_i32(rec + KWS__T_ZERO_POINT);
    uint32_t i;
    if (rec[KWS__T_TYPE] != 1u || rank < 1u || rank > 4u || elements == 0u) {
        return KWS_ERR_TENSOR;
    }
    for (i = rank; i < 4u; i++) {
        if (kws__rd_u16(rec + KWS__T_DIMS + 2u * i) != 1u) {
            return KWS_ERR_TENSOR;
        }
    }
    if (kws__rd_u16(rec + KWS__T_FLAGS) & KWS__TF_VIRTUAL) {
        /* 1.2: never stored (the output of a fused conv): no arena bytes */
        if (size != elements || arena_offset != 0u) {
            return KWS_ERR_TENSOR;
        }
    } else if (size != elements || (arena_offset % KWS_ARENA_ALIGN) != 0u ||
               !kws__in_range(arena_offset, size, arena_bytes)) {
        return KWS_ERR_TENSOR;
    }
    if (!kws__is_finite_positive(kws__rd_f32(rec + KWS__T_SCALE)) || zp < -128 || zp > 127) {
        return KWS_ERR_TENSOR;
    }
    return KWS_OK;
}

/* Output length of a spatial axis for the padding mode, checking the stored implicit padding. */
static int kws__spatial_ok(uint32_t in, uint32_t out, uint32_t filter, uint32_t stride, uint32_t pad, uint8_t mode)
{
    if (stride == 0u || filter == 0u || out == 0u) {
        return 0;
    }
    if (mode == 1u) { /* VALID */
        return in >= filter && out == (in - filter) / stride + 1u && pad == 0u;
    }
    if (mode == 0u) { /* SAME: TFLite ComputePaddingWithOffset */
        uint64_t total;
        uint32_t expected_pad;
        if (out != (in + stride - 1u) / stride) {
            return 0;
        }
        total = (uint64_t)(out - 1u) * stride + filter;
        expected_pad = total > in ? (uint32_t)((total - in) / 2u) : 0u;
        return pad == expected_pad;
    }
    return 0;
}

static int kws__same_dims(const uint8_t *a, const uint8_t *b)
{
    return a[KWS__T_RANK] == b[KWS__T_RANK] && memcmp(a + KWS__T_DIMS, b + KWS__T_DIMS, 8) == 0;
}

static int kws__same_quant(const uint8_t *a, const uint8_t *b)
{
    return memcmp(a + KWS__T_SCALE, b + KWS__T_SCALE, 8) == 0; /* scale and zero point, bit for bit */
}

/* The arena range [offset, offset + size) intersects the tensor's (both validated inside the arena). */
static int kws__overlaps(const uint8_t *tensor, uint32_t offset, uint32_t size)
{
    if (kws__rd_u16(tensor + KWS__T_FLAGS) & KWS__TF_VIRTUAL) {
        return 0; /* never stored */
    }
    const uint32_t t_off = kws__rd_u32(tensor + KWS__T_ARENA_OFFSET), t_size = kws__rd_u32(tensor + KWS__T_SIZE);
    return offset < t_off + t_size && t_off < offset + size;
}

/* A data reference: none (0, 0) or 16-aligned and inside the data section. */
static kws_status kws__check_data_ref(uint32_t offset, uint32_t size, uint32_t data_offset, uint32_t data_size)
{
    if (size == 0u) {
        return offset == 0u ? KWS_OK : KWS_ERR_BOUNDS;
    }
    if ((offset & 15u) != 0u) {
        return KWS_ERR_BOUNDS;
    }
    if (offset < data_offset || !kws__in_range(offset - data_offset, size, data_size)) {
        return KWS_ERR_BOUNDS;
    }
    return KWS_OK;
}

static int kws__multiplier_ok(int32_t m)
{
    return m == 0 || m >= (int32_t)0x40000000;
}

/* Shape rules of one op; `weights_k` receives the accumulation depth for the overflow limit. */
static kws_status kws__check_op_shapes(const kws_model *m, const uint8_t *op, uint8_t opcode)
{
    const uint16_t i0 = kws__rd_u16(op + KWS__O_INPUT0);
    const uint16_t i1 = kws__rd_u16(op + KWS__O_INPUT1);
    const uint16_t o = kws__rd_u16(op + KWS__O_OUTPUT);
    const uint32_t stride_h = kws__rd_u16(op + KWS__O_STRIDE_H), stride_w = kws__rd_u16(op + KWS__O_STRIDE_W);
    const uint32_t filter_h = kws__rd_u16(op + KWS__O_FILTER_H), filter_w = kws__rd_u16(op + KWS__O_FILTER_W);
    const uint32_t pad_top = kws__rd_u16(op + KWS__O_PAD_TOP), pad_left = kws__rd_u16(op + KWS__O_PAD_LEFT);
    const uint32_t dm = kws__rd_u16(op + KWS__O_DEPTH_MULTIPLIER);
    const uint16_t op_flags = kws__rd_u16(op + KWS__O_OP_FLAGS);
    const uint8_t padding = op[KWS__O_PADDING];
    const uint32_t weights_size = kws__rd_u32(op + KWS__O_WEIGHTS_SIZE);
    const uint32_t bias_size = kws__rd_u32(op + KWS__O_BIAS_SIZE);
    const uint32_t quant_size = kws__rd_u32(op + KWS__O_QUANT_SIZE);
    const uint8_t *tin, *tout;
    kws_dims din, dout;
    uint32_t in_elems, out_elems;

    if (i0 >= m->tensor_count || o >= m->tensor_count) {
        return KWS_ERR_SHAPE;
    }
    if (opcode == KWS_OP_ADD ? (i1 >= m->tensor_count) : (i1 != KWS__NO_TENSOR)) {
        return KWS_ERR_SHAPE;
    }
    /* Ops without constants carry none. */
    if ((opcode == KWS_OP_AVERAGE_POOL_2D || opcode == KWS_OP_MAX_POOL_2D || opcode == KWS_OP_RESHAPE ||
         opcode == KWS_OP_SOFTMAX || opcode == KWS_OP_ADD) && (weights_size != 0u || bias_size != 0u)) {
        return KWS_ERR_SHAPE;
    }
    if (opcode != KWS_OP_ADD && opcode != KWS_OP_CONV_2D && opcode != KWS_OP_DEPTHWISE_CONV_2D &&
        opcode != KWS_OP_FULLY_CONNECTED && quant_size != 0u) {
        return KWS_ERR_SHAPE;
    }
    tin = kws__tensor_rec(m, i0);
    tout = kws__tensor_rec(m, o);
    kws__tensor_dims(tin, &din);
    kws__tensor_dims(tout, &dout);
    in_elems = kws__rd_u32(tin + KWS__T_SIZE);
    out_elems = kws__rd_u32(tout + KWS__T_SIZE);

    switch (opcode) {
    case KWS_OP_CONV_2D:
    case KWS_OP_DEPTHWISE_CONV_2D: {
        const uint32_t cin = (uint32_t)din.c, cout = (uint32_t)dout.c;
        const uint32_t n_quant = (op_flags & KWS__OPF_PER_CHANNEL) ? cout : 1u;
        uint64_t expected_weights;
        uint64_t depth;
        if (tin[KWS__T_RANK] != 4u || tout[KWS__T_RANK] != 4u || din.n != 1 || dout.n != 1) {
            return KWS_ERR_SHAPE;
        }
        if (!kws__spatial_ok((uint32_t)din.h, (uint32_t)dout.h, filter_h, stride_h, pad_top, padding) ||
            !kws__spatial_ok((uint32_t)din.w, (uint32_t)dout.w, filter_w, stride_w, pad_left, padding)) {
            return KWS_ERR_SHAPE;
        }
        if (opcode == KWS_OP_CONV_2D) {
            expected_weights = (uint64_t)cout * filter_h * filter_w * cin;
            depth = (uint64_t)filter_h * filter_w * cin;
        } else {
            if (dm == 0u || cout != cin * dm) {
                return KWS_ERR_SHAPE;
            }
            expected_weights = (uint64_t)filter_h * filter_w * cout;
            depth = (uint64_t)filter_h * filter_w;
        }
        if (weights_size != expected_weights || depth > KWS__MAX_ACC_DEPTH) {
            return KWS_ERR_SHAPE;
        }
        if (bias_size != 4u * cout) {
            return KWS_ERR_SHAPE;
        }
        if (quant_size != 8u * n_quant) {
            return KWS_ERR_SHAPE;
        }
        if (op_flags & KWS__OPF_IN_PLACE) {
            /* the shapes the in-place kernels implement, output over the input */
            const int fits = opcode == KWS_OP_CONV_2D
                                 ? (filter_h == 1u && filter_w == 1u && stride_h == 1u && stride_w == 1u &&
                                    pad_top == 0u && pad_left == 0u && cin == cout)
                                 : (filter_h == 3u && filter_w == 3u && stride_h == 1u && stride_w == 1u &&
                                    pad_top == 1u && pad_left == 1u && dm == 1u);
            if (!fits || !kws__same_dims(tin, tout) ||
                kws__rd_u32(tin + KWS__T_ARENA_OFFSET) != kws__rd_u32(tout + KWS__T_ARENA_OFFSET)) {
                return KWS_ERR_SHAPE;
            }
        }
        return KWS_OK;
    }
    case KWS_OP_FULLY_CONNECTED: {
        const uint32_t cout = kws__tensor_last_dim(tout);
        const uint32_t n_quant = (op_flags & KWS__OPF_PER_CHANNEL) ? cout : 1u;
        uint32_t rows, depth;
        if (cout == 0u || out_elems % cout != 0u) {
            return KWS_ERR_SHAPE;
        }
        rows = out_elems / cout;
        if (in_elems % rows != 0u) {
            return KWS_ERR_SHAPE;
        }
        depth = in_elems / rows;
        if ((uint64_t)weights_size != (uint64_t)cout * depth || depth > KWS__MAX_ACC_DEPTH) {
            return KWS_ERR_SHAPE;
        }
        if (bias_size != 4u * cout) {
            return KWS_ERR_SHAPE;
        }
        if (quant_size != 8u * n_quant) {
            return KWS_ERR_SHAPE;
        }
        return KWS_OK;
    }
    case KWS_OP_AVERAGE_POOL_2D:
    case KWS_OP_MAX_POOL_2D:
        if (tin[KWS__T_RANK] != 4u || tout[KWS__T_RANK] != 4u || din.n != 1 || dout.n != 1 || din.c != dout.c) {
            return KWS_ERR_SHAPE;
        }
        if (!kws__spatial_ok((uint32_t)din.h, (uint32_t)dout.h, filter_h, stride_h, pad_top, padding) ||
            !kws__spatial_ok((uint32_t)din.w, (uint32_t)dout.w, filter_w, stride_w, pad_left, padding)) {
            return KWS_ERR_SHAPE;
        }
        if ((uint64_t)filter_h * filter_w > KWS__MAX_ACC_DEPTH) {
            return KWS_ERR_SHAPE;
        }
        return KWS_OK;
    case KWS_OP_RESHAPE:
        if (in_elems != out_elems) {
            return KWS_ERR_SHAPE;
        }
        if ((op_flags & KWS__OPF_IN_PLACE) &&
            kws__rd_u32(tin + KWS__T_ARENA_OFFSET) != kws__rd_u32(tout + KWS__T_ARENA_OFFSET)) {
            return KWS_ERR_SHAPE;
        }
        return KWS_OK;
    case KWS_OP_SOFTMAX:
        if (!kws__same_dims(tin, tout) || kws__tensor_last_dim(tin) > KWS__MAX_SOFTMAX_DEPTH) {
            return KWS_ERR_SHAPE;
        }
        return KWS_OK;
    case KWS_OP_ADD:
        if (!kws__same_dims(tin, tout) || !kws__same_dims(kws__tensor_rec(m, i1), tout)) {
            return KWS_ERR_SHAPE;
        }
        if (quant_size != 24u) {
            return KWS_ERR_SHAPE;
        }
        return KWS_OK;
    default:
        return KWS_ERR_OPCODE;
    }
}

static kws_status kws__check_op_params(const kws_model *m, const uint8_t *op, uint8_t opcode)
{
    const uint8_t *blob = m->blob;
    const uint8_t *tin = kws__tensor_rec(m, kws__rd_u16(op + KWS__O_INPUT0));
    const uint8_t *tout = kws__tensor_rec(m, kws__rd_u16(op + KWS__O_OUTPUT));
    const uint16_t op_flags = kws__rd_u16(op + KWS__O_OP_FLAGS);
    const int32_t act_min = kws__rd_i32(op + KWS__O_ACT_MIN);
    const int32_t act_max = kws__rd_i32(op + KWS__O_ACT_MAX);
    const int32_t in_zp = kws__rd_i32(tin + KWS__T_ZERO_POINT);
    const int32_t out_zp = kws__rd_i32(tout + KWS__T_ZERO_POINT);
    const uint32_t quant_offset = kws__rd_u32(op + KWS__O_QUANT_OFFSET);
    const uint32_t quant_size = kws__rd_u32(op + KWS__O_QUANT_SIZE);
    int32_t p[7];
    uint32_t i;

    for (i = 0; i < 7u; i++) {
        p[i] = kws__rd_i32(op + KWS__O_P + 4u * i);
    }
    if (act_min < -128 || act_max > 127 || act_min > act_max || op[KWS__O_ACTIVATION] > 2u) {
        return KWS_ERR_PARAM;
    }
    {
        /* op_flags each opcode may carry */
        const uint16_t allowed = (opcode == KWS_OP_CONV_2D || opcode == KWS_OP_DEPTHWISE_CONV_2D ||
                                  opcode == KWS_OP_FULLY_CONNECTED)
                                     ? (uint16_t)(KWS__OPF_PER_CHANNEL | KWS__OPF_OFFSET_FOLDED |
                                                  (opcode != KWS_OP_FULLY_CONNECTED ? KWS__OPF_IN_PLACE : 0u) |
                                                  (opcode == KWS_OP_CONV_2D ? KWS__OPF_FUSED_NEXT : 0u))
                                     : (opcode == KWS_OP_RESHAPE ? (uint16_t)KWS__OPF_IN_PLACE : (uint16_t)0u);
        if ((op_flags & (uint16_t)~allowed) != 0u) {
            return KWS_ERR_PARAM;
        }
    }

    switch (opcode) {
    case KWS_OP_CONV_2D:
    case KWS_OP_DEPTHWISE_CONV_2D:
    case KWS_OP_FULLY_CONNECTED: {
        const uint32_t n = quant_size / 8u;
        if (p[0] != -in_zp || p[1] != out_zp) {
            return KWS_ERR_PARAM;
        }
        for (i = 0; i < n; i++) {
            const int32_t mult = kws__rd_i32(blob + quant_offset + 4u * i);
            const int32_t shift = kws__rd_i32(blob + quant_offset + 4u * (n + i));
            if (!kws__multiplier_ok(mult) || shift < -31 || shift > 30) {
                return KWS_ERR_PARAM;
            }
        }
        return KWS_OK;
    }
    case KWS_OP_AVERAGE_POOL_2D:
    case KWS_OP_MAX_POOL_2D:
    case KWS_OP_RESHAPE:
        return kws__same_quant(tin, tout) ? KWS_OK : KWS_ERR_PARAM;
    case KWS_OP_SOFTMAX:
        /* Output 1/256 (within 0.1 %), -128. left shift in [0, 31] and diff_min exactly
         * -CalculateInputRadius(5, left_shift, 31) = -floor(31 * 2^26 / 2^left_shift), so
         * |diff| << left_shift <= 31 * 2^26 < 2^31 for every evaluated difference: no overflow. */
        {
            const float d = kws__rd_f32(tout + KWS__T_SCALE) - 1.0f / 256.0f;
            if ((d < 0.0f ? -d : d) > 0.001f / 256.0f || out_zp != -128) {
                return KWS_ERR_PARAM;
            }
        }
        if (p[1] < 0 || p[1] > 31 || !kws__multiplier_ok(p[0]) ||
            p[2] != -(int32_t)(((int64_t)31 << 26) >> p[1])) {
            return KWS_ERR_PARAM;
        }
        return KWS_OK;
    case KWS_OP_ADD: {
        const uint8_t *tin1 = kws__tensor_rec(m, kws__rd_u16(op + KWS__O_INPUT1));
        if (p[0] != -in_zp || p[1] != -kws__rd_i32(tin1 + KWS__T_ZERO_POINT) || p[2] != out_zp ||
            p[3] < 0 || p[3] > 30) {
            return KWS_ERR_PARAM;
        }
        for (i = 0; i < 3u; i++) {
            const int32_t mult = kws__rd_i32(blob + quant_offset + 8u * i);
            const int32_t shift = kws__rd_i32(blob + quant_offset + 8u * i + 4u);
            if (!kws__multiplier_ok(mult) || shift < -31 || shift > 0) {
                return KWS_ERR_PARAM;
            }
        }
        return KWS_OK;
    }
    default:
        return KWS_ERR_OPCODE;
    }
}

static int kws__is_virtual(const kws_model *m, uint16_t t)
{
    return (kws__rd_u16(kws__tensor_rec(m, t) + KWS__T_FLAGS) & KWS__TF_VIRTUAL) != 0u;
}

/* 1.2 fusion rules (SHAPE; indices already in range): a VIRTUAL tensor is exactly the output of a FUSED_NEXT conv
 * and the input0 of the op right after it, a DEPTHWISE_CONV_2D; a FUSED_NEXT conv is not IN_PLACE. */
static kws_status kws__check_op_fusion(const kws_model *m, const uint8_t *op, uint32_t index)
{
    const uint16_t i0 = kws__rd_u16(op + KWS__O_INPUT0), i1 = kws__rd_u16(op + KWS__O_INPUT1);
    const uint16_t o = kws__rd_u16(op + KWS__O_OUTPUT);
    const uint16_t flags = kws__rd_u16(op + KWS__O_OP_FLAGS);
    if (op[KWS__O_OPCODE] == KWS_OP_CONV_2D && (flags & KWS__OPF_FUSED_NEXT)) {
        const uint8_t *next = index + 1u < m->op_count ? kws__op_rec(m, index + 1u) : NULL;
        if (next == NULL || next[KWS__O_OPCODE] != KWS_OP_DEPTHWISE_CONV_2D || kws__rd_u16(next + KWS__O_INPUT0) != o ||
            !kws__is_virtual(m, o) || (flags & KWS__OPF_IN_PLACE)) {
            return KWS_ERR_SHAPE;
        }
    } else if (kws__is_virtual(m, o)) {
        return KWS_ERR_SHAPE;
    }
    if (kws__is_virtual(m, i0)) {
        const uint8_t *prev = index > 0u ? kws__op_rec(m, index - 1u) : NULL;
        if (prev == NULL || prev[KWS__O_OPCODE] != KWS_OP_CONV_2D ||
            !(kws__rd_u16(prev + KWS__O_OP_FLAGS) & KWS__OPF_FUSED_NEXT) || kws__rd_u16(prev + KWS__O_OUTPUT) != i0) {
            return KWS_ERR_SHAPE;
        }
    }
    if (i1 != KWS__NO_TENSOR && kws__is_virtual(m, i1)) {
        return KWS_ERR_SHAPE;
    }
    return KWS_OK;
}

/* A FUSED_NEXT conv's scratch (BOUNDS): the ring of the depthwise's filter_h conv rows, and neither it nor the conv's
 * input may overlap the depthwise's output, which is written while both are still read. */
static kws_status kws__check_fused_scratch(const kws_model *m, const uint8_t *op, uint32_t index, uint32_t scratch_offset,
                                           uint32_t scratch_size)
{
    const uint8_t *next = kws__op_rec(m, index + 1u); /* exists: kws__check_op_fusion */
    const uint16_t dw_out = kws__rd_u16(next + KWS__O_OUTPUT);
    kws_dims mid, fd;
    kws__tensor_dims(kws__tensor_rec(m, kws__rd_u16(op + KWS__O_OUTPUT)), &mid);
    fd.n = 1;
    fd.h = (int32_t)kws__rd_u16(next + KWS__O_FILTER_H);
    fd.w = (int32_t)kws__rd_u16(next + KWS__O_FILTER_W);
    fd.c = mid.c;
    if (scratch_size < kws_conv2d_dw_fused_s8_buffer_size(&mid, &fd)) {
        return KWS_ERR_BOUNDS;
    }
    if (dw_out < m->tensor_count) { /* else the depthwise's own record is refused (SHAPE) */
        const uint8_t *t = kws__tensor_rec(m, dw_out);
        const uint8_t *tin = kws__tensor_rec(m, kws__rd_u16(op + KWS__O_INPUT0));
        if (kws__overlaps(t, scratch_offset, scratch_size) ||
            kws__overlaps(t, kws__rd_u32(tin + KWS__T_ARENA_OFFSET), kws__rd_u32(tin + KWS__T_SIZE))) {
            return KWS_ERR_BOUNDS;
        }
    }
    return KWS_OK;
}

static kws_status kws__check_op(const kws_model *m, const uint8_t *op, uint32_t data_offset, uint32_t data_size)
{
    const uint32_t index = (uint32_t)((size_t)(op - m->ops) / KWS_OP_RECORD_SIZE);
    const uint8_t opcode = op[KWS__O_OPCODE];
    kws_status st;
    uint32_t scratch_offset, scratch_size;

    if (opcode < KWS_OP_CONV_2D || opcode > KWS_OP_ADD || op[KWS__O_LAYOUT] != 0u) {
        return KWS_ERR_OPCODE;
    }
    st = kws__check_op_shapes(m, op, opcode);
    if (st == KWS_OK) {
        st = kws__check_op_fusion(m, op, index);
    }
    if (st != KWS_OK) {
        return st;
    }
    /* Data references */
    if ((st = kws__check_data_ref(kws__rd_u32(op + KWS__O_WEIGHTS_OFFSET), kws__rd_u32(op + KWS__O_WEIGHTS_SIZE),
                                  data_offset, data_size)) != KWS_OK ||
        (st = kws__check_data_ref(kws__rd_u32(op + KWS__O_BIAS_OFFSET), kws__rd_u32(op + KWS__O_BIAS_SIZE),
                                  data_offset, data_size)) != KWS_OK ||
        (st = kws__check_data_ref(kws__rd_u32(op + KWS__O_QUANT_OFFSET), kws__rd_u32(op + KWS__O_QUANT_SIZE),
                                  data_offset, data_size)) != KWS_OK) {
        return st;
    }
    scratch_offset = kws__rd_u32(op + KWS__O_SCRATCH_OFFSET);
    scratch_size = kws__rd_u32(op + KWS__O_SCRATCH_SIZE);
    if (scratch_size == 0u ? scratch_offset != 0u
                           : ((scratch_offset % KWS_ARENA_ALIGN) != 0u ||
                              !kws__in_range(scratch_offset, scratch_size, m->arena_bytes))) {
        return KWS_ERR_BOUNDS;
    }
    if (scratch_size != 0u) {
        /* the scratch overlaps none of the op's tensors (shapes checked above: indices are in range) */
        const uint16_t i1 = kws__rd_u16(op + KWS__O_INPUT1);
        if (kws__overlaps(kws__tensor_rec(m, kws__rd_u16(op + KWS__O_INPUT0)), scratch_offset, scratch_size) ||
            kws__overlaps(kws__tensor_rec(m, kws__rd_u16(op + KWS__O_OUTPUT)), scratch_offset, scratch_size) ||
            (i1 != KWS__NO_TENSOR && kws__overlaps(kws__tensor_rec(m, i1), scratch_offset, scratch_size))) {
            return KWS_ERR_BOUNDS;
        }
    }
    if (opcode == KWS_OP_CONV_2D && (kws__rd_u16(op + KWS__O_OP_FLAGS) & KWS__OPF_FUSED_NEXT) &&
        (st = kws__check_fused_scratch(m, op, index, scratch_offset, scratch_size)) != KWS_OK) {
        return st;
    }
    if ((kws__rd_u16(op + KWS__O_OP_FLAGS) & KWS__OPF_IN_PLACE) &&
        (opcode == KWS_OP_CONV_2D || opcode == KWS_OP_DEPTHWISE_CONV_2D)) {
        kws_dims d;
        kws__tensor_dims(kws__tensor_rec(m, kws__rd_u16(op + KWS__O_OUTPUT)), &d);
        if (scratch_size < (opcode == KWS_OP_CONV_2D ? kws_conv2d_1x1_s8_inplace_buffer_size(&d)
                                                     : kws_depthwise_conv2d_3x3_s8_inplace_buffer_size(&d))) {
            return KWS_ERR_BOUNDS; /* the in-place kernels require their scratch */
        }
    }
    return kws__check_op_params(m, op, opcode);
}

static kws_status kws__check_graph(const kws_model *m)
{
    uint8_t written[KWS__MAX_TABLE / 8u]; /* 128 bytes */
    uint32_t i;
    memset(written, 0, sizeof written);
    written[m->input_tensor >> 3] = (uint8_t)(1u << (m->input_tensor & 7u));
    for (i = 0; i < m->op_count; i++) {
        const uint8_t *op = kws__op_rec(m, i);
        const uint16_t i0 = kws__rd_u16(op + KWS__O_INPUT0);
        const uint16_t i1 = kws__rd_u16(op + KWS__O_INPUT1);
        const uint16_t o = kws__rd_u16(op + KWS__O_OUTPUT);
        if (i == 0u && i0 != m->input_tensor && i1 != m->input_tensor) {
            return KWS_ERR_GRAPH;
        }
        if ((written[i0 >> 3] & (1u << (i0 & 7u))) == 0u) {
            return KWS_ERR_GRAPH;
        }
        if (op[KWS__O_OPCODE] == KWS_OP_ADD && (written[i1 >> 3] & (1u << (i1 & 7u))) == 0u) {
            return KWS_ERR_GRAPH;
        }
        if ((written[o >> 3] & (1u << (o & 7u))) != 0u) {
            return KWS_ERR_GRAPH; /* the model input, or a tensor already written */
        }
        written[o >> 3] = (uint8_t)(written[o >> 3] | (1u << (o & 7u)));
        if (i + 1u == m->op_count && o != m->output_tensor) {
            return KWS_ERR_GRAPH;
        }
    }
    return KWS_OK;
}

static int kws__host_is_little_endian(void)
{
    const uint16_t probe = 1u;
    uint8_t first;
    memcpy(&first, &probe, 1);
    return first == 1u;
}

kws_status kws_model_open(kws_model *model, const void *blob, uint32_t size)
{
    const uint8_t *b = (const uint8_t *)blob;
    kws_model m;
    uint32_t labels_offset, labels_size, frontend_offset, tensors_offset, ops_offset, data_offset, data_size;
    uint32_t fet_offset = 0, fet_size = 0;
    uint32_t i;
    kws_status st;
    kws_frontend_desc fe;

    if (model == NULL || blob == NULL) {
        return KWS_ERR_NULL;
    }
    memset(model, 0, sizeof *model);
    if (!kws__host_is_little_endian()) {
        return KWS_ERR_UNSUPPORTED; /* weights, biases and tables are read in place as little-endian */
    }
    /* 1. */
    if (((uintptr_t)blob & 3u) != 0u) {
        return KWS_ERR_ALIGN;
    }
    if (size < KWS_HEADER_SIZE) {
        return KWS_ERR_TRUNCATED;
    }
    /* 2. */
    if (b[0] != 0x4Bu || b[1] != 0x57u || b[2] != 0x53u || b[3] != 0x4Du) {
        return KWS_ERR_MAGIC;
    }
    if (kws__rd_u16(b + KWS__H_VERSION_MAJOR) != KWS_FORMAT_VERSION_MAJOR) {
        return KWS_ERR_VERSION;
    }
    /* 3. */
    if (kws__rd_u32(b + KWS__H_TOTAL_SIZE) != size) {
        return KWS_ERR_SIZE;
    }
    if (kws__crc32(b + 16, size - 16u) != kws__rd_u32(b + KWS__H_CRC32)) {
        return KWS_ERR_CRC;
    }

    memset(&m, 0, sizeof m);
    m.blob = b;
    m.size = size;
    m.flags = kws__rd_u32(b + KWS__H_FLAGS);
    m.arena_bytes = kws__rd_u32(b + KWS__H_ARENA_BYTES);
    m.tensor_count = kws__rd_u16(b + KWS__H_TENSOR_COUNT);
    m.op_count = kws__rd_u16(b + KWS__H_OP_COUNT);
    m.input_tensor = kws__rd_u16(b + KWS__H_INPUT_TENSOR);
    m.output_tensor = kws__rd_u16(b + KWS__H_OUTPUT_TENSOR);
    labels_offset = kws__rd_u32(b + KWS__H_LABELS_OFFSET);
    labels_size = kws__rd_u32(b + KWS__H_LABELS_SIZE);
    frontend_offset = kws__rd_u32(b + KWS__H_FRONTEND_OFFSET);
    tensors_offset = kws__rd_u32(b + KWS__H_TENSORS_OFFSET);
    ops_offset = kws__rd_u32(b + KWS__H_OPS_OFFSET);
    data_offset = kws__rd_u32(b + KWS__H_DATA_OFFSET);
    data_size = kws__rd_u32(b + KWS__H_DATA_SIZE);

    /* 4. Sections and table counts. */
    if (m.tensor_count < 1u || m.tensor_count > KWS__MAX_TABLE || m.op_count < 1u || m.op_count > KWS__MAX_TABLE ||
        m.input_tensor >= m.tensor_count || m.output_tensor >= m.tensor_count) {
        return KWS_ERR_BOUNDS;
    }
    if ((st = kws__check_section(labels_offset, labels_size, 4u, 4u, size)) != KWS_OK ||
        (st = kws__check_section(frontend_offset, KWS_FRONTEND_RECORD_SIZE, 4u, 1u, size)) != KWS_OK ||
        (st = kws__check_section(tensors_offset, (uint32_t)m.tensor_count * KWS_TENSOR_RECORD_SIZE, 4u, 1u, size)) != KWS_OK ||
        (st = kws__check_section(ops_offset, (uint32_t)m.op_count * KWS_OP_RECORD_SIZE, 4u, 1u, size)) != KWS_OK ||
        (st = kws__check_section(data_offset, data_size, 16u, 16u, size)) != KWS_OK) {
        return st;
    }
    if (labels_size < 4u) {
        return KWS_ERR_BOUNDS;
    }
    /* 1.2: the optional front-end tables section, located by the descriptor (reserved bytes before 1.2) */
    if (kws__rd_u16(b + KWS__H_VERSION_MINOR) >= 2u) {
        fet_offset = kws__rd_u32(b + frontend_offset + KWS_FRONTEND_OFF_TABLES_OFFSET);
        fet_size = kws__rd_u32(b + frontend_offset + KWS_FRONTEND_OFF_TABLES_SIZE);
        if (fet_size == 0u && fet_offset != 0u) {
            return KWS_ERR_BOUNDS; /* no section: offset 0 too */
        }
        if (fet_size != 0u &&
            (st = kws__check_section(fet_offset, fet_size, KWS_FETABLES_ALIGN, KWS_FETABLES_ALIGN, size)) != KWS_OK) {
            return st;
        }
    }
    if (m.arena_bytes > KWS__MAX_ARENA_BYTES) {
        return KWS_ERR_BOUNDS;
    }
    if ((m.arena_bytes % KWS_ARENA_ALIGN) != 0u) {
        return KWS_ERR_ALIGN;
    }
    m.labels = b + labels_offset;
    m.frontend = b + frontend_offset;
    m.tensors = b + tensors_offset;
    m.ops = b + ops_offset;

    /* 5. Labels and front-end (their consistency with records that step 6 refuses is left to step 6). */
    if ((st = kws__check_labels(m.labels, labels_size, kws__output_classes(kws__tensor_rec(&m, m.output_tensor)))) != KWS_OK) {
        return st;
    }
    (void)kws_model_frontend(&m, &fe);
    if ((st = kws__check_frontend(&fe, m.frontend, kws__tensor_rec(&m, m.input_tensor))) != KWS_OK) {
        return st;
    }
    if (fet_size != 0u) {
        kws__fet_view view;
        if ((st = kws__fet_check(&fe, b + fet_offset, fet_size, &view)) != KWS_OK) {
            return st;
        }
        m.fe_tables = b + fet_offset;
        m.fe_tables_size = fet_size;
    }
    /* 6. Tensors */
    for (i = 0; i < m.tensor_count; i++) {
        if ((st = kws__check_tensor(kws__tensor_rec(&m, i), m.arena_bytes)) != KWS_OK) {
            return st;
        }
    }
    /* 7. Ops */
    for (i = 0; i < m.op_count; i++) {
        if ((st = kws__check_op(&m, kws__op_rec(&m, i), data_offset, data_size)) != KWS_OK) {
            return st;
        }
    }
    /* 8. Graph */
    if ((st = kws__check_graph(&m)) != KWS_OK) {
        return st;
    }
    *model = m;
    return KWS_OK;
}
