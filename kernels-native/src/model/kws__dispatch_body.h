/*
 * KwsNano internal: the body of kws__dispatch, shared by the two dispatch files (kws_dispatch.c: reference
 * kernels; kws_dispatch_opt.c: optimized CONV_2D, DEPTHWISE_CONV_2D and FULLY_CONNECTED). The including file
 * defines which kernel runs each of those three ops, and the in-place variants for ops marked IN_PLACE:
 *   KWS__DISPATCH_CONV, KWS__DISPATCH_DEPTHWISE, KWS__DISPATCH_FC
 *   KWS__DISPATCH_CONV_INPLACE, KWS__DISPATCH_DEPTHWISE_INPLACE
 * (same arguments as kws_conv2d_s8, kws_depthwise_conv2d_s8, kws_fully_connected_s8,
 * kws_conv2d_1x1_s8_inplace, kws_depthwise_conv2d_3x3_s8_inplace). Every other op runs its reference kernel.
 * Each kernel gets the op's planned arena scratch as its context. Include it from exactly one translation unit per build.
 */
#ifndef KWS__DISPATCH_BODY_H
#define KWS__DISPATCH_BODY_H

#include "kws__model.h"
#include "../kernels/fused/kws__fused.h"

#if !defined(KWS__DISPATCH_CONV) || !defined(KWS__DISPATCH_DEPTHWISE) || !defined(KWS__DISPATCH_FC) || \
    !defined(KWS__DISPATCH_CONV_INPLACE) || !defined(KWS__DISPATCH_DEPTHWISE_INPLACE)
#error "define KWS__DISPATCH_CONV, _DEPTHWISE, _FC, _CONV_INPLACE and _DEPTHWISE_INPLACE before including kws__dispatch_body.h"
#endif

/*
 * Stack: kws__dispatch only switches; each op kind reads its record into its kernel's argument structs in a
 * noinline frame of its own (conv about 120 B on Cortex-M), so only one such frame is ever under a kernel.
 * The record was validated at load: no checks here.
 */

/* Pointer into the blob for a data offset (0: absent). Data blocks are 16-aligned in a 4-aligned blob, so int32
 * tables are read in place (little-endian host). */
static inline const void *kws__blob_at(const kws_model *m, const uint8_t *r, uint32_t field)
{
    const uint32_t off = kws__rd_u32(r + field);
    return off != 0u ? (const void *)(m->blob + off) : NULL;
}

static inline uint8_t *kws__arena_at(const kws_model *m, uint8_t *arena, const uint8_t *r, uint32_t field)
{
    return arena + kws__rd_u32(kws__tensor_rec(m, kws__rd_u16(r + field)) + KWS__T_ARENA_OFFSET);
}

static inline void kws__dims_at(const kws_model *m, const uint8_t *r, uint32_t field, kws_dims *d)
{
    kws__tensor_dims(kws__tensor_rec(m, kws__rd_u16(r + field)), d);
}

static inline uint32_t kws__size_at(const kws_model *m, const uint8_t *r, uint32_t field)
{
    return kws__rd_u32(kws__tensor_rec(m, kws__rd_u16(r + field)) + KWS__T_SIZE);
}

static void kws__rd_conv_params(const uint8_t *r, kws_conv_params *p)
{
    p->input_offset = kws__rd_i32(r + KWS__O_P);
    p->output_offset = kws__rd_i32(r + KWS__O_P + 4u);
    p->stride_h = kws__rd_u16(r + KWS__O_STRIDE_H);
    p->stride_w = kws__rd_u16(r + KWS__O_STRIDE_W);
    p->pad_top = kws__rd_u16(r + KWS__O_PAD_TOP);
    p->pad_left = kws__rd_u16(r + KWS__O_PAD_LEFT);
    p->depth_multiplier = kws__rd_u16(r + KWS__O_DEPTH_MULTIPLIER);
    p->act_min = kws__rd_i32(r + KWS__O_ACT_MIN);
    p->act_max = kws__rd_i32(r + KWS__O_ACT_MAX);
    p->offset_folded = (kws__rd_u16(r + KWS__O_OP_FLAGS) & KWS__OPF_OFFSET_FOLDED) ? 1 : 0;
}

static void kws__rd_pool_params(const uint8_t *r, kws_pool_params *p)
{
    p->stride_h = kws__rd_u16(r + KWS__O_STRIDE_H);
    p->stride_w = kws__rd_u16(r + KWS__O_STRIDE_W);
    p->filter_h = kws__rd_u16(r + KWS__O_FILTER_H);
    p->filter_w = kws__rd_u16(r + KWS__O_FILTER_W);
    p->pad_top = kws__rd_u16(r + KWS__O_PAD_TOP);
    p->pad_left = kws__rd_u16(r + KWS__O_PAD_LEFT);
    p->act_min = kws__rd_i32(r + KWS__O_ACT_MIN);
    p->act_max = kws__rd_i32(r + KWS__O_ACT_MAX);
}

/* Per-channel requantisation: quant block = multipliers[n] then shifts[n] (int32 each). */
static void kws__rd_quant(const kws_model *m, const uint8_t *r, kws_per_channel_quant *q)
{
    const int32_t *t = (const int32_t *)kws__blob_at(m, r, KWS__O_QUANT_OFFSET);
    const int32_t n = (int32_t)(kws__rd_u32(r + KWS__O_QUANT_SIZE) / 8u);
    q->multiplier = t;
    q->shift = t + n;
    q->count = n;
}

/* The op's planned arena scratch ({NULL, 0} when none). */
static void kws__rd_scratch(const uint8_t *r, uint8_t *arena, kws_context *ctx)
{
    const uint32_t size = kws__rd_u32(r + KWS__O_SCRATCH_SIZE);
    ctx->buf = size != 0u ? (void *)(arena + kws__rd_u32(r + KWS__O_SCRATCH_OFFSET)) : NULL;
    ctx->size = size;
}

/* Settings, requantisation and scratch of a CONV_2D or DEPTHWISE_CONV_2D record, and its output dims. */
static inline void kws__rd_conv_args(const kws_model *m, const uint8_t *r, uint8_t *arena, kws_conv_params *p,
                                     kws_per_channel_quant *q, kws_context *ctx, kws_dims *od)
{
    kws__dims_at(m, r, KWS__O_OUTPUT, od);
    kws__rd_conv_params(r, p);
    kws__rd_quant(m, r, q);
    kws__rd_scratch(r, arena, ctx);
}

/* CONV_2D (depthwise 0) or DEPTHWISE_CONV_2D (1), out of place: filter dims {Cout, fh, fw, Cin} or
 * {1, fh, fw, C * multiplier}. The structs are filled first (the dims reads are calls), the pointers last, so that
 * fewer values are live across calls (saved registers are stack). */
static KWS__NOINLINE kws_status kws__run_conv(const kws_model *m, const uint8_t *r, uint8_t *arena, int depthwise)
{
    kws_conv_params p;
    kws_per_channel_quant q;
    kws_dims id, fd, od;
    kws_context ctx;
    kws__rd_conv_args(m, r, arena, &p, &q, &ctx, &od);
    kws__dims_at(m, r, KWS__O_INPUT0, &id);
    fd.n = depthwise ? 1 : od.c;
    fd.h = kws__rd_u16(r + KWS__O_FILTER_H);
    fd.w = kws__rd_u16(r + KWS__O_FILTER_W);
    fd.c = depthwise ? od.c : id.c;
    {
        const int8_t *w = (const int8_t *)kws__blob_at(m, r, KWS__O_WEIGHTS_OFFSET);
        const int32_t *b = (const int32_t *)kws__blob_at(m, r, KWS__O_BIAS_OFFSET);
        const int8_t *in = (const int8_t *)kws__arena_at(m, arena, r, KWS__O_INPUT0);
        int8_t *out = (int8_t *)kws__arena_at(m, arena, r, KWS__O_OUTPUT);
        return depthwise ? KWS__DISPATCH_DEPTHWISE(&ctx, &p, &q, &id, in, &fd, w, b, &od, out)
                         : KWS__DISPATCH_CONV(&ctx, &p, &q, &id, in, &fd, w, b, &od, out);
    }
}

/* An IN_PLACE CONV_2D (1x1, Cin == Cout) or DEPTHWISE_CONV_2D (3x3 stride 1 SAME, multiplier 1): out == in0
 * (checked at load). */
static KWS__NOINLINE kws_status kws__run_conv_inplace(const kws_model *m, const uint8_t *r, uint8_t *arena, int depthwise)
{
    kws_conv_params p;
    kws_per_channel_quant q;
    kws_dims od;
    kws_context ctx;
    kws__rd_conv_args(m, r, arena, &p, &q, &ctx, &od);
    {
        const int8_t *w = (const int8_t *)kws__blob_at(m, r, KWS__O_WEIGHTS_OFFSET);
        const int32_t *b = (const int32_t *)kws__blob_at(m, r, KWS__O_BIAS_OFFSET);
        int8_t *out = (int8_t *)kws__arena_at(m, arena, r, KWS__O_OUTPUT);
        return depthwise ? KWS__DISPATCH_DEPTHWISE_INPLACE(&ctx, &p, &q, &od, w, b, out)
                         : KWS__DISPATCH_CONV_INPLACE(&ctx, &p, &q, &od, w, b, out);
    }
}

/* FULLY_CONNECTED on [rows, depth] -> [rows, cout]. */
static KWS__NOINLINE kws_status kws__run_fc(const kws_model *m, const uint8_t *r, uint8_t *arena)
{
    kws_fc_params p;
    kws_per_channel_quant q;
    kws_dims id, fd, od;
    kws_context ctx;
    kws__dims_at(m, r, KWS__O_OUTPUT, &od);
    {
        const int32_t cout = od.c;
        const int32_t rows = (int32_t)(kws__size_at(m, r, KWS__O_OUTPUT) / (uint32_t)cout);
        const int32_t depth = (int32_t)(kws__size_at(m, r, KWS__O_INPUT0) / (uint32_t)rows);
        id.n = rows; id.h = 1; id.w = 1; id.c = depth;
        fd.n = cout; fd.h = 1; fd.w = 1; fd.c = depth;
        od.n = rows; od.h = 1; od.w = 1; od.c = cout;
    }
    p.input_offset = kws__rd_i32(r + KWS__O_P);
    p.output_offset = kws__rd_i32(r + KWS__O_P + 4u);
    p.act_min = kws__rd_i32(r + KWS__O_ACT_MIN);
    p.act_max = kws__rd_i32(r + KWS__O_ACT_MAX);
    p.offset_folded = (kws__rd_u16(r + KWS__O_OP_FLAGS) & KWS__OPF_OFFSET_FOLDED) ? 1 : 0;
    kws__rd_quant(m, r, &q);
    kws__rd_scratch(r, arena, &ctx);
    return KWS__DISPATCH_FC(&ctx, &p, &q, &id, (const int8_t *)kws__arena_at(m, arena, r, KWS__O_INPUT0), &fd,
                            (const int8_t *)kws__blob_at(m, r, KWS__O_WEIGHTS_OFFSET),
                            (const int32_t *)kws__blob_at(m, r, KWS__O_BIAS_OFFSET), &od,
                            (int8_t *)kws__arena_at(m, arena, r, KWS__O_OUTPUT));
}

/* AVERAGE_POOL_2D and MAX_POOL_2D. */
static KWS__NOINLINE kws_status kws__run_pool(const kws_model *m, const uint8_t *r, uint8_t *arena, int max)
{
    kws_pool_params p;
    kws_dims id, od;
    const int8_t *in = (const int8_t *)kws__arena_at(m, arena, r, KWS__O_INPUT0);
    int8_t *out = (int8_t *)kws__arena_at(m, arena, r, KWS__O_OUTPUT);
    kws__rd_pool_params(r, &p);
    kws__dims_at(m, r, KWS__O_INPUT0, &id);
    kws__dims_at(m, r, KWS__O_OUTPUT, &od);
    return max ? kws_maxpool_s8(&p, &id, in, &od, out) : kws_avgpool_s8(&p, &id, in, &od, out);
}

static KWS__NOINLINE kws_status kws__run_softmax(const kws_model *m, const uint8_t *r, uint8_t *arena)
{
    kws_softmax_params p;
    kws_dims od;
    kws__dims_at(m, r, KWS__O_OUTPUT, &od);
    p.input_multiplier = kws__rd_i32(r + KWS__O_P);
    p.input_left_shift = kws__rd_i32(r + KWS__O_P + 4u);
    p.diff_min = kws__rd_i32(r + KWS__O_P + 8u);
    return kws_softmax_s8(&p, (int32_t)(kws__size_at(m, r, KWS__O_OUTPUT) / (uint32_t)od.c), od.c,
                          (const int8_t *)kws__arena_at(m, arena, r, KWS__O_INPUT0),
                          (int8_t *)kws__arena_at(m, arena, r, KWS__O_OUTPUT));
}

/* ADD: offsets and shift in the op's p[], multipliers and shifts in its quant block (6 int32). */
static KWS__NOINLINE kws_status kws__run_add(const kws_model *m, const uint8_t *r, uint8_t *arena)
{
    kws_add_params p;
    const int32_t *t = (const int32_t *)kws__blob_at(m, r, KWS__O_QUANT_OFFSET);
    p.input0_offset = kws__rd_i32(r + KWS__O_P);
    p.input1_offset = kws__rd_i32(r + KWS__O_P + 4u);
    p.output_offset = kws__rd_i32(r + KWS__O_P + 8u);
    p.left_shift = kws__rd_i32(r + KWS__O_P + 12u);
    p.input0_multiplier = t[0];
    p.input0_shift = t[1];
    p.input1_multiplier = t[2];
    p.input1_shift = t[3];
    p.output_multiplier = t[4];
    p.output_shift = t[5];
    p.act_min = kws__rd_i32(r + KWS__O_ACT_MIN);
    p.act_max = kws__rd_i32(r + KWS__O_ACT_MAX);
    return kws_add_s8(&p, (int32_t)kws__size_at(m, r, KWS__O_OUTPUT),
                      (const int8_t *)kws__arena_at(m, arena, r, KWS__O_INPUT0),
                      (const int8_t *)kws__arena_at(m, arena, r, KWS__O_INPUT1),
                      (int8_t *)kws__arena_at(m, arena, r, KWS__O_OUTPUT));
}

/* A FUSED_NEXT conv (record rc) and the depthwise after it (rd). */
static KWS__NOINLINE kws_status kws__run_fused(const kws_model *m, const uint8_t *rc, const uint8_t *rd, uint8_t *arena)
{
    kws_conv_dw_fused_params f;
    kws_dims id, od;
    kws_context ctx;
    kws__rd_conv_params(rc, &f.conv);
    kws__rd_quant(m, rc, &f.conv_quant);
    kws__dims_at(m, rc, KWS__O_INPUT0, &id);
    kws__dims_at(m, rc, KWS__O_OUTPUT, &f.mid_dims);
    f.conv_filter_dims.n = f.mid_dims.c;
    f.conv_filter_dims.h = kws__rd_u16(rc + KWS__O_FILTER_H);
    f.conv_filter_dims.w = kws__rd_u16(rc + KWS__O_FILTER_W);
    f.conv_filter_dims.c = id.c;
    f.conv_filter = (const int8_t *)kws__blob_at(m, rc, KWS__O_WEIGHTS_OFFSET);
    f.conv_bias = (const int32_t *)kws__blob_at(m, rc, KWS__O_BIAS_OFFSET);
    kws__rd_conv_params(rd, &f.dw);
    kws__rd_quant(m, rd, &f.dw_quant);
    kws__dims_at(m, rd, KWS__O_OUTPUT, &od);
    f.dw_filter_dims.n = 1;
    f.dw_filter_dims.h = kws__rd_u16(rd + KWS__O_FILTER_H);
    f.dw_filter_dims.w = kws__rd_u16(rd + KWS__O_FILTER_W);
    f.dw_filter_dims.c = od.c;
    f.dw_filter = (const int8_t *)kws__blob_at(m, rd, KWS__O_WEIGHTS_OFFSET);
    f.dw_bias = (const int32_t *)kws__blob_at(m, rd, KWS__O_BIAS_OFFSET);
    /* the conv's scratch holds the ring, then the conv kernel's own scratch (checked at load) */
    kws__rd_scratch(rc, arena, &ctx);
    return kws__conv_dw_fused(KWS__DISPATCH_CONV, KWS__DISPATCH_DEPTHWISE, &ctx, &f, &id,
                              (const int8_t *)kws__arena_at(m, arena, rc, KWS__O_INPUT0), &od,
                              (int8_t *)kws__arena_at(m, arena, rd, KWS__O_OUTPUT));
}

kws_status kws__dispatch(const kws_model *m, uint32_t index, uint8_t *arena)
{
    const uint8_t *r = kws__op_rec(m, index);
    if (kws__rd_u16(r + KWS__O_OP_FLAGS) & KWS__OPF_FUSED_NEXT) {
        return kws__run_fused(m, r, kws__op_rec(m, index + 1u), arena);
    }
    if (index > 0u && (kws__rd_u16(kws__op_rec(m, index - 1u) + KWS__O_OP_FLAGS) & KWS__OPF_FUSED_NEXT)) {
        return KWS_OK; /* ran with op index - 1 */
    }
    switch (r[KWS__O_OPCODE]) {
    case KWS_OP_CONV_2D:
    case KWS_OP_DEPTHWISE_CONV_2D: {
        const int depthwise = r[KWS__O_OPCODE] == KWS_OP_DEPTHWISE_CONV_2D;
        return (kws__rd_u16(r + KWS__O_OP_FLAGS) & KWS__OPF_IN_PLACE) ? kws__run_conv_inplace(m, r, arena, depthwise)
                                                                    : kws__run_conv(m, r, arena, depthwise);
    }
    case KWS_OP_FULLY_CONNECTED:
        return kws__run_fc(m, r, arena);
    case KWS_OP_AVERAGE_POOL_2D:
        return kws__run_pool(m, r, arena, 0);
    case KWS_OP_MAX_POOL_2D:
        return kws__run_pool(m, r, arena, 1);
    case KWS_OP_RESHAPE: {
        const int8_t *in = (const int8_t *)kws__arena_at(m, arena, r, KWS__O_INPUT0);
        int8_t *out = (int8_t *)kws__arena_at(m, arena, r, KWS__O_OUTPUT);
        if (!(kws__rd_u16(r + KWS__O_OP_FLAGS) & KWS__OPF_IN_PLACE) && (const int8_t *)out != in) {
            memmove(out, in, kws__size_at(m, r, KWS__O_OUTPUT));
        }
        return KWS_OK;
    }
    case KWS_OP_SOFTMAX:
        return kws__run_softmax(m, r, arena);
    case KWS_OP_ADD:
        return kws__run_add(m, r, arena);
    default:
        return KWS_ERR_OPCODE;
    }
}

#endif /* KWS__DISPATCH_BODY_H */
