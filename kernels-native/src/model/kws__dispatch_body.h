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

static void kws__conv_params(const kws__op *op, kws_conv_params *p)
{
    p->input_offset = op->p[0];
    p->output_offset = op->p[1];
    p->stride_h = op->stride_h;
    p->stride_w = op->stride_w;
    p->pad_top = op->pad_top;
    p->pad_left = op->pad_left;
    p->depth_multiplier = op->depth_multiplier;
    p->act_min = op->act_min;
    p->act_max = op->act_max;
    p->offset_folded = (op->op_flags & KWS__OPF_OFFSET_FOLDED) ? 1 : 0;
}

static void kws__pool_params(const kws__op *op, kws_pool_params *p)
{
    p->stride_h = op->stride_h;
    p->stride_w = op->stride_w;
    p->filter_h = op->filter_h;
    p->filter_w = op->filter_w;
    p->pad_top = op->pad_top;
    p->pad_left = op->pad_left;
    p->act_min = op->act_min;
    p->act_max = op->act_max;
}

static void kws__requant(const kws__op *op, kws_per_channel_quant *q)
{
    const int32_t n = (int32_t)(op->quant_size / 8u);
    q->multiplier = op->quant;
    q->shift = op->quant + n;
    q->count = n;
}

kws_status kws__dispatch_fused(const kws__op *conv, const kws__op *dw)
{
    kws_conv_dw_fused_params f;
    kws__conv_params(conv, &f.conv);
    kws__requant(conv, &f.conv_quant);
    f.conv_filter_dims.n = conv->out_dims.c;
    f.conv_filter_dims.h = conv->filter_h;
    f.conv_filter_dims.w = conv->filter_w;
    f.conv_filter_dims.c = conv->in0_dims.c;
    f.conv_filter = conv->weights;
    f.conv_bias = conv->bias;
    f.mid_dims = conv->out_dims;
    kws__conv_params(dw, &f.dw);
    kws__requant(dw, &f.dw_quant);
    f.dw_filter_dims.n = 1;
    f.dw_filter_dims.h = dw->filter_h;
    f.dw_filter_dims.w = dw->filter_w;
    f.dw_filter_dims.c = dw->out_dims.c;
    f.dw_filter = dw->weights;
    f.dw_bias = dw->bias;
    /* the conv's scratch holds the ring, then the conv kernel's own scratch (checked at load) */
    return kws__conv_dw_fused(KWS__DISPATCH_CONV, KWS__DISPATCH_DEPTHWISE, &conv->scratch, &f, &conv->in0_dims, conv->in0,
                              &dw->out_dims, dw->out);
}

kws_status kws__dispatch(const kws__op *op)
{
    switch (op->opcode) {
    case KWS_OP_CONV_2D: {
        kws_conv_params p;
        kws_per_channel_quant q;
        kws_dims fd;
        kws__conv_params(op, &p);
        kws__requant(op, &q);
        fd.n = op->out_dims.c;
        fd.h = op->filter_h;
        fd.w = op->filter_w;
        fd.c = op->in0_dims.c;
        if (op->op_flags & KWS__OPF_IN_PLACE) { /* 1x1, Cin == Cout, out == in0 (checked at load) */
            return KWS__DISPATCH_CONV_INPLACE(&op->scratch, &p, &q, &op->out_dims, op->weights, op->bias, op->out);
        }
        return KWS__DISPATCH_CONV(&op->scratch, &p, &q, &op->in0_dims, op->in0, &fd, op->weights, op->bias, &op->out_dims, op->out);
    }
    case KWS_OP_DEPTHWISE_CONV_2D: {
        kws_conv_params p;
        kws_per_channel_quant q;
        kws_dims fd;
        kws__conv_params(op, &p);
        kws__requant(op, &q);
        fd.n = 1;
        fd.h = op->filter_h;
        fd.w = op->filter_w;
        fd.c = op->out_dims.c;
        if (op->op_flags & KWS__OPF_IN_PLACE) { /* 3x3 stride 1 SAME, multiplier 1, out == in0 (checked at load) */
            return KWS__DISPATCH_DEPTHWISE_INPLACE(&op->scratch, &p, &q, &op->out_dims, op->weights, op->bias,
                                                   op->out);
        }
        return KWS__DISPATCH_DEPTHWISE(&op->scratch, &p, &q, &op->in0_dims, op->in0, &fd, op->weights, op->bias, &op->out_dims,
                                        op->out);
    }
    case KWS_OP_FULLY_CONNECTED: {
        kws_fc_params p;
        kws_per_channel_quant q;
        kws_dims id, fd, od;
        const int32_t cout = op->out_dims.c;
        const int32_t rows = (int32_t)(op->out_size / (uint32_t)cout);
        const int32_t depth = (int32_t)(op->in0_size / (uint32_t)rows);
        p.input_offset = op->p[0];
        p.output_offset = op->p[1];
        p.act_min = op->act_min;
        p.act_max = op->act_max;
        p.offset_folded = (op->op_flags & KWS__OPF_OFFSET_FOLDED) ? 1 : 0;
        kws__requant(op, &q);
        id.n = rows; id.h = 1; id.w = 1; id.c = depth;
        fd.n = cout; fd.h = 1; fd.w = 1; fd.c = depth;
        od.n = rows; od.h = 1; od.w = 1; od.c = cout;
        return KWS__DISPATCH_FC(&op->scratch, &p, &q, &id, op->in0, &fd, op->weights, op->bias, &od, op->out);
    }
    case KWS_OP_AVERAGE_POOL_2D: {
        kws_pool_params p;
        kws__pool_params(op, &p);
        return kws_avgpool_s8(&p, &op->in0_dims, op->in0, &op->out_dims, op->out);
    }
    case KWS_OP_MAX_POOL_2D: {
        kws_pool_params p;
        kws__pool_params(op, &p);
        return kws_maxpool_s8(&p, &op->in0_dims, op->in0, &op->out_dims, op->out);
    }
    case KWS_OP_RESHAPE:
        if (!(op->op_flags & KWS__OPF_IN_PLACE) && (const int8_t *)op->out != op->in0) {
            memmove(op->out, op->in0, op->out_size);
        }
        return KWS_OK;
    case KWS_OP_SOFTMAX: {
        kws_softmax_params p;
        const int32_t depth = op->out_dims.c;
        p.input_multiplier = op->p[0];
        p.input_left_shift = op->p[1];
        p.diff_min = op->p[2];
        return kws_softmax_s8(&p, (int32_t)(op->out_size / (uint32_t)depth), depth, op->in0, op->out);
    }
    case KWS_OP_ADD: {
        kws_add_params p;
        p.input0_offset = op->p[0];
        p.input1_offset = op->p[1];
        p.output_offset = op->p[2];
        p.left_shift = op->p[3];
        p.input0_multiplier = op->quant[0];
        p.input0_shift = op->quant[1];
        p.input1_multiplier = op->quant[2];
        p.input1_shift = op->quant[3];
        p.output_multiplier = op->quant[4];
        p.output_shift = op->quant[5];
        p.act_min = op->act_min;
        p.act_max = op->act_max;
        return kws_add_s8(&p, (int32_t)op->out_size, op->in0, op->in1, op->out);
    }
    default:
        return KWS_ERR_OPCODE;
    }
}

#endif /* KWS__DISPATCH_BODY_H */
