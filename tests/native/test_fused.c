/*
 * Fused CONV_2D -> DEPTHWISE_CONV_2D (kws_conv2d_dw_fused_s8, src/kernels/fused/) against the two out-of-place
 * reference kernels, byte for byte: a table of edge shapes (MicroNet-M's first layers; SAME and VALID; conv and
 * depthwise strides 1..3; a depthwise filter taller than the conv output; a stride above the filter height, so some
 * conv rows are never needed; even filters with asymmetric padding; depth multiplier 2), then random cases. The same
 * driver with the optimized kernels is checked too (what an optimized build would dispatch), and the scratch rule.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kws_nano.h"
#include "kws__fused.h"
#include "kws_test_wav.h"

static int failures = 0;

typedef struct {
    int32_t h, w, cin;                 /* input */
    int32_t cfh, cfw, cs, csame, cout; /* conv: filter, stride, SAME (1) or VALID (0), output channels */
    int32_t dfh, dfw, ds, dsame, dm;   /* depthwise */
} shape;

/* The edge shapes (comments say what each one exercises). */
static const shape edges[] = {
    {49, 10, 1, 10, 4, 1, 1, 140, 3, 3, 2, 1, 1}, /* MicroNet-M: pad 4/1 then stride-2 SAME (pad top 1) */
    {7, 5, 3, 3, 3, 1, 1, 4, 3, 3, 2, 1, 1},      /* odd height: the last window runs past the bottom */
    {9, 6, 2, 3, 3, 2, 1, 3, 3, 3, 1, 1, 2},      /* conv stride 2, depthwise stride 1, depth multiplier 2 */
    {8, 8, 2, 3, 3, 1, 0, 4, 3, 3, 2, 0, 1},      /* VALID both */
    {3, 4, 2, 1, 1, 1, 1, 2, 5, 3, 1, 1, 1},      /* depthwise filter taller than the conv output */
    {10, 4, 1, 2, 2, 1, 1, 2, 2, 2, 3, 1, 1},     /* depthwise stride 3 > filter 2: conv rows never needed */
    {6, 6, 2, 4, 4, 1, 1, 3, 4, 4, 2, 1, 1},      /* even filters, asymmetric SAME padding */
    {5, 3, 4, 5, 3, 3, 1, 2, 3, 1, 2, 1, 1},      /* conv stride 3, 1-wide depthwise */
    {1, 7, 2, 1, 3, 1, 1, 3, 1, 3, 1, 1, 1},      /* one row */
    {12, 2, 1, 3, 1, 1, 0, 5, 3, 2, 2, 0, 1},     /* VALID, narrow */
};

static uint8_t scratch_mem[32768] __attribute__((aligned(16)));

static uint32_t rng_state = 20251204u;
static uint32_t rng(void)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return rng_state >> 8;
}

static int32_t out_size(int32_t in, int32_t f, int32_t s, int32_t same)
{
    return same ? (in + s - 1) / s : (in - f) / s + 1;
}

static int32_t pad_of(int32_t in, int32_t out, int32_t f, int32_t s, int32_t same)
{
    const int32_t total = (out - 1) * s + f - in;
    return same && total > 0 ? total / 2 : 0;
}

static void fill_quant(int32_t *mult, int32_t *shift, int32_t n)
{
    for (int32_t i = 0; i < n; i++) {
        mult[i] = (int32_t)(0x40000000u + (rng() % 0x3FFFFFFFu));
        shift[i] = -(int32_t)(5u + rng() % 4u);
    }
}

static int run(const shape *s, int report)
{
    const int32_t mh = out_size(s->h, s->cfh, s->cs, s->csame), mw = out_size(s->w, s->cfw, s->cs, s->csame);
    if (mh < 1 || mw < 1) {
        return 0;
    }
    const int32_t oh = out_size(mh, s->dfh, s->ds, s->dsame), ow = out_size(mw, s->dfw, s->ds, s->dsame);
    if (oh < 1 || ow < 1) {
        return 0;
    }
    const int32_t dc = s->cout * s->dm;
    const size_t n_in = (size_t)s->h * s->w * s->cin, n_mid = (size_t)mh * mw * s->cout, n_out = (size_t)oh * ow * dc;
    const size_t n_cw = (size_t)s->cout * s->cfh * s->cfw * s->cin, n_dw = (size_t)s->dfh * s->dfw * dc;
    int8_t *in = malloc(n_in), *mid = malloc(n_mid), *expected = malloc(n_out), *got = malloc(n_out);
    int8_t *got_opt = malloc(n_out), *cw = malloc(n_cw), *dw = malloc(n_dw);
    int32_t *cb = malloc(4u * (size_t)s->cout), *db = malloc(4u * (size_t)dc);
    int32_t *cq = malloc(8u * (size_t)s->cout), *dq = malloc(8u * (size_t)dc);
    for (size_t i = 0; i < n_in; i++) in[i] = (int8_t)rng();
    for (size_t i = 0; i < n_cw; i++) cw[i] = (int8_t)rng();
    for (size_t i = 0; i < n_dw; i++) dw[i] = (int8_t)rng();
    for (int32_t i = 0; i < s->cout; i++) cb[i] = (int32_t)(rng() % 20001u) - 10000;
    for (int32_t i = 0; i < dc; i++) db[i] = (int32_t)(rng() % 20001u) - 10000;
    const int per_channel = (int)(rng() & 1u);
    fill_quant(cq, cq + s->cout, s->cout);
    fill_quant(dq, dq + dc, dc);

    kws_conv_dw_fused_params fp;
    memset(&fp, 0, sizeof fp);
    fp.conv.input_offset = (int32_t)(rng() % 256u) - 127;
    fp.conv.output_offset = (int32_t)(rng() % 256u) - 128;
    fp.conv.stride_h = fp.conv.stride_w = s->cs;
    fp.conv.pad_top = pad_of(s->h, mh, s->cfh, s->cs, s->csame);
    fp.conv.pad_left = pad_of(s->w, mw, s->cfw, s->cs, s->csame);
    fp.conv.act_min = -128;
    fp.conv.act_max = (rng() & 1u) ? 127 : 40; /* RELU6-like clamp sometimes */
    fp.conv_quant.multiplier = cq;
    fp.conv_quant.shift = cq + s->cout;
    fp.conv_quant.count = per_channel ? s->cout : 1;
    fp.conv_filter_dims = (kws_dims){s->cout, s->cfh, s->cfw, s->cin};
    fp.conv_filter = cw;
    fp.conv_bias = cb;
    fp.mid_dims = (kws_dims){1, mh, mw, s->cout};
    fp.dw.input_offset = -fp.conv.output_offset;
    fp.dw.output_offset = (int32_t)(rng() % 256u) - 128;
    fp.dw.stride_h = fp.dw.stride_w = s->ds;
    fp.dw.pad_top = pad_of(mh, oh, s->dfh, s->ds, s->dsame);
    fp.dw.pad_left = pad_of(mw, ow, s->dfw, s->ds, s->dsame);
    fp.dw.depth_multiplier = s->dm;
    fp.dw.act_min = -128;
    fp.dw.act_max = 127;
    fp.dw_quant.multiplier = dq;
    fp.dw_quant.shift = dq + dc;
    fp.dw_quant.count = per_channel ? dc : 1;
    fp.dw_filter_dims = (kws_dims){1, s->dfh, s->dfw, dc};
    fp.dw_filter = dw;
    fp.dw_bias = db;

    const kws_dims in_dims = {1, s->h, s->w, s->cin}, out_dims = {1, oh, ow, dc};
    const kws_context none = {NULL, 0u};
    /* expected: the two out-of-place reference kernels */
    CHECK(kws_conv2d_s8(&none, &fp.conv, &fp.conv_quant, &in_dims, in, &fp.conv_filter_dims, cw, cb, &fp.mid_dims, mid) == KWS_OK);
    CHECK(kws_depthwise_conv2d_s8(&none, &fp.dw, &fp.dw_quant, &fp.mid_dims, mid, &fp.dw_filter_dims, dw, db, &out_dims,
                                  expected) == KWS_OK);
    /* fused, with exactly the buffer size, then with the optimized kernels and their scratch after the ring */
    const uint32_t need = kws_conv2d_dw_fused_s8_buffer_size(&fp.mid_dims, &fp.dw_filter_dims);
    const uint32_t opt_extra = kws_conv2d_s8_opt_buffer_size(&in_dims, &fp.conv_filter_dims);
    const uint32_t total = ((need + 15u) & ~15u) + opt_extra;
    CHECK(total <= sizeof scratch_mem);
    if (total > sizeof scratch_mem) {
        return 0;
    }
    kws_context ctx = {scratch_mem, need};
    memset(got, 0x55, n_out);
    CHECK(kws_conv2d_dw_fused_s8(&ctx, &fp, &in_dims, in, &out_dims, got) == KWS_OK);
    int ok = memcmp(got, expected, n_out) == 0;
    CHECK(ok);
    ctx.size = total;
    memset(got_opt, 0x55, n_out);
    CHECK(kws__conv_dw_fused(kws_conv2d_s8_opt, kws_depthwise_conv2d_s8_opt, &ctx, &fp, &in_dims, in, &out_dims, got_opt) == KWS_OK);
    const int ok_opt = memcmp(got_opt, expected, n_out) == 0;
    CHECK(ok_opt);
    /* the ring is required */
    ctx.size = need - 1u;
    CHECK(kws_conv2d_dw_fused_s8(&ctx, &fp, &in_dims, in, &out_dims, got) == KWS_ERR_ARENA);
    if (report) {
        printf("%dx%dx%d conv %dx%d/%d%s -> %dx%dx%d dw %dx%d/%d%s x%d -> %dx%dx%d: ring %u B instead of %zu B, %s%s\n",
               s->h, s->w, s->cin, s->cfh, s->cfw, s->cs, s->csame ? "S" : "V", mh, mw, s->cout, s->dfh, s->dfw, s->ds,
               s->dsame ? "S" : "V", s->dm, oh, ow, dc, need, n_mid, ok ? "exact" : "DIFFERS",
               ok_opt ? "" : " (optimized kernels DIFFER)");
    }
    free(in); free(mid); free(expected); free(got); free(got_opt); free(cw); free(dw);
    free(cb); free(db); free(cq); free(dq);
    return 1;
}

int main(void)
{
    int cases = 0;
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        cases += run(&edges[i], 1);
    }
    CHECK(cases == (int)(sizeof edges / sizeof edges[0]));
    int random = 0;
    while (random < 60) {
        shape s;
        s.h = 1 + (int32_t)(rng() % 14u);
        s.w = 1 + (int32_t)(rng() % 9u);
        s.cin = 1 + (int32_t)(rng() % 4u);
        s.cfh = 1 + (int32_t)(rng() % 5u);
        s.cfw = 1 + (int32_t)(rng() % 4u);
        s.cs = 1 + (int32_t)(rng() % 3u);
        s.csame = (int32_t)(rng() % 4u != 0u);
        s.cout = 1 + (int32_t)(rng() % 6u);
        s.dfh = 1 + (int32_t)(rng() % 4u);
        s.dfw = 1 + (int32_t)(rng() % 4u);
        s.ds = 1 + (int32_t)(rng() % 3u);
        s.dsame = (int32_t)(rng() % 4u != 0u);
        s.dm = 1 + (int32_t)(rng() % 2u);
        random += run(&s, 0);
    }
    printf("%d edge shapes and %d random shapes\n", cases, random);
    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("fused conv + depthwise: all checks passed\n");
    return 0;
}
