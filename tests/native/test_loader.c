/*
 * Loader and kws_invoke tests on a hand-built blob (kws_test_blob.h): a valid model opens, describes
 * itself and runs exactly like the kernels chained by hand; every validation rule refuses a blob that
 * breaks it (with the CRC recomputed so the intended check is the one that fires).
 */
#include "kws_nano.h"
#include "kws_test.h"
#include "kws_test_blob.h"

#define ONE_M (1 << 30)
#define BLOB_CAP 4096u

static const int8_t conv_w[2 * 3 * 3 * 2] = {
    1, -2, 3, 0, 1, 1, -1, 2, 0, 1, 1, 0, 2, -1, 0, 1, 1, 1,
    -3, 1, 0, 2, 1, -1, 2, 2, 1, 0, -1, 1, 0, 3, 1, -2, 1, 0};
static const int32_t conv_b[2] = {40, -25};
static const int32_t conv_q[4] = {ONE_M + 12345, 1518500250, -2, -3}; /* per channel: mult0, mult1, shift0, shift1 */
static const int8_t fc_w[3 * 2] = {3, -5, 7, 2, -1, -4};
static const int32_t fc_b[3] = {100, -50, 7};
static const int32_t fc_q[2] = {1717986918, -2};
static const int32_t add_q[6] = {ONE_M, 0, ONE_M, 0, ONE_M, -18};
static const char *const labels[3] = {"yes", "no", "_unknown_"};

static kt_tensor tensors[7];
static kt_op ops[6];
static kt_model model;
static uint32_t base_size;
static uint32_t base_words[BLOB_CAP / 4];

static void build_model(void)
{
    /* T0 input [1,4,4,2] -> CONV 3x3 SAME -> T1 [1,4,4,2] -> AVG 4x4 VALID -> T2 [1,1,1,2] -> RESHAPE -> T3 [1,2]
     * -> FC 2->3 -> T4 [1,3] -> ADD(T4, T4) -> T5 -> SOFTMAX -> T6 [1,3] */
    const kt_tensor t[7] = {
        {4, {1, 4, 4, 2}, 0, 0.5f, 3},
        {4, {1, 4, 4, 2}, 32, 0.25f, -2},
        {4, {1, 1, 1, 2}, 64, 0.25f, -2},
        {2, {1, 2, 1, 1}, 64, 0.25f, -2},
        {2, {1, 3, 1, 1}, 80, 0.125f, 1},
        {2, {1, 3, 1, 1}, 96, 0.125f, 1},
        {2, {1, 3, 1, 1}, 112, 1.0f / 256.0f, -128}};
    int i;
    memcpy(tensors, t, sizeof t);
    memset(ops, 0, sizeof ops);
    for (i = 0; i < 6; i++) {
        ops[i].in1 = 0xFFFF;
        ops[i].act_min = -128;
        ops[i].act_max = 127;
    }
    ops[0].opcode = KWS_OP_CONV_2D; ops[0].in0 = 0; ops[0].out = 1;
    ops[0].stride_h = 1; ops[0].stride_w = 1; ops[0].filter_h = 3; ops[0].filter_w = 3;
    ops[0].pad_top = 1; ops[0].pad_left = 1; ops[0].op_flags = 0x2; ops[0].act_min = -2; /* RELU */
    ops[0].weights = conv_w; ops[0].weights_size = sizeof conv_w;
    ops[0].bias = conv_b; ops[0].bias_count = 2; ops[0].quant = conv_q; ops[0].quant_count = 4;
    ops[0].p[0] = -3; ops[0].p[1] = -2;
    ops[1].opcode = KWS_OP_AVERAGE_POOL_2D; ops[1].padding = 1; ops[1].in0 = 1; ops[1].out = 2;
    ops[1].stride_h = 1; ops[1].stride_w = 1; ops[1].filter_h = 4; ops[1].filter_w = 4;
    ops[2].opcode = KWS_OP_RESHAPE; ops[2].in0 = 2; ops[2].out = 3; ops[2].op_flags = 0x1;
    ops[3].opcode = KWS_OP_FULLY_CONNECTED; ops[3].in0 = 3; ops[3].out = 4;
    ops[3].weights = fc_w; ops[3].weights_size = sizeof fc_w; ops[3].bias = fc_b; ops[3].bias_count = 3;
    ops[3].quant = fc_q; ops[3].quant_count = 2; ops[3].p[0] = 2; ops[3].p[1] = 1;
    ops[4].opcode = KWS_OP_ADD; ops[4].in0 = 4; ops[4].in1 = 4; ops[4].out = 5;
    ops[4].quant = add_q; ops[4].quant_count = 6; ops[4].p[0] = -1; ops[4].p[1] = -1; ops[4].p[2] = 1; ops[4].p[3] = 20;
    ops[5].opcode = KWS_OP_SOFTMAX; ops[5].in0 = 5; ops[5].out = 6;
    ops[5].p[0] = ONE_M; ops[5].p[1] = 24; ops[5].p[2] = -124; /* scale 0.125: 0.125*2^26 = 2^23 = 2^30 * 2^(24-31); radius 31*2^26/2^24 */

    memset(&model, 0, sizeof model);
    model.labels = labels; model.label_count = 3;
    model.tensors = tensors; model.tensor_count = 7;
    model.ops = ops; model.op_count = 6;
    model.input = 0; model.output = 6;
    model.arena_bytes = 128;
    model.flags = 0x4;
    model.num_frames = 4; model.num_coeffs = 8;
    model.input_scale = 0.5f; model.input_zero_point = 3;
}

static uint8_t *base(void) { return (uint8_t *)base_words; }

static uint32_t hdr(uint32_t off) { return kt_r32(base() + off); }

/* Reference: the same network chained through the public kernel API by hand. */
static void reference_run(const int8_t *input, int8_t *out)
{
    int8_t t1[32], t2[2], t4[3], t5[3];
    kws_conv_params cp;
    kws_pool_params pp;
    kws_fc_params fp;
    kws_add_params ap;
    kws_softmax_params sp;
    const kws_per_channel_quant cq = {conv_q, conv_q + 2, 2};
    const kws_per_channel_quant fq = {fc_q, fc_q + 1, 1};
    kws_dims id = {1, 4, 4, 2}, cfd = {2, 3, 3, 2}, od = {1, 4, 4, 2}, pd = {1, 1, 1, 2};
    kws_dims fid = {1, 1, 1, 2}, ffd = {3, 1, 1, 2}, fod = {1, 1, 1, 3};
    memset(&cp, 0, sizeof cp);
    cp.input_offset = -3; cp.output_offset = -2; cp.stride_h = 1; cp.stride_w = 1; cp.pad_top = 1; cp.pad_left = 1;
    cp.act_min = -2; cp.act_max = 127;
    CHECK_STATUS(kws_conv2d_s8(NULL, &cp, &cq, &id, input, &cfd, conv_w, conv_b, &od, t1), KWS_OK);
    memset(&pp, 0, sizeof pp);
    pp.stride_h = 1; pp.stride_w = 1; pp.filter_h = 4; pp.filter_w = 4; pp.act_min = -128; pp.act_max = 127;
    CHECK_STATUS(kws_avgpool_s8(&pp, &od, t1, &pd, t2), KWS_OK);
    memset(&fp, 0, sizeof fp);
    fp.input_offset = 2; fp.output_offset = 1; fp.act_min = -128; fp.act_max = 127;
    CHECK_STATUS(kws_fully_connected_s8(NULL, &fp, &fq, &fid, t2, &ffd, fc_w, fc_b, &fod, t4), KWS_OK);
    memset(&ap, 0, sizeof ap);
    ap.input0_offset = -1; ap.input1_offset = -1; ap.output_offset = 1; ap.left_shift = 20;
    ap.input0_multiplier = ONE_M; ap.input1_multiplier = ONE_M; ap.output_multiplier = ONE_M; ap.output_shift = -18;
    ap.act_min = -128; ap.act_max = 127;
    CHECK_STATUS(kws_add_s8(&ap, 3, t4, t4, t5), KWS_OK);
    sp.input_multiplier = ONE_M; sp.input_left_shift = 24; sp.diff_min = -124;
    CHECK_STATUS(kws_softmax_s8(&sp, 1, 3, t5, out), KWS_OK);
}

static void test_open_and_describe(void)
{
    kws_model m;
    kws_dims d;
    kws_quant q;
    uint32_t n = 0, len = 0;
    const char *text = NULL;
    kws_frontend_desc fe;
    CHECK_STATUS(kws_model_open(&m, base(), base_size), KWS_OK);
    CHECK_EQ_INT(kws_model_arena_bytes(&m), 128);
    CHECK_STATUS(kws_model_io(&m, 0, &d, &q, &n), KWS_OK);
    CHECK_EQ_INT(n, 32);
    CHECK_EQ_INT(d.h, 4); CHECK_EQ_INT(d.w, 4); CHECK_EQ_INT(d.c, 2);
    CHECK(q.scale == 0.5f);
    CHECK_EQ_INT(q.zero_point, 3);
    CHECK_STATUS(kws_model_io(&m, 1, &d, &q, &n), KWS_OK);
    CHECK_EQ_INT(n, 3);
    CHECK_EQ_INT(d.c, 3);
    CHECK_EQ_INT(q.zero_point, -128);
    CHECK_EQ_INT(kws_model_label_count(&m), 3);
    CHECK_STATUS(kws_model_label(&m, 2, &text, &len), KWS_OK);
    CHECK_EQ_INT(len, 9);
    CHECK(text != NULL && memcmp(text, "_unknown_", 9) == 0);
    CHECK_STATUS(kws_model_label(&m, 0, &text, &len), KWS_OK);
    CHECK(len == 3 && memcmp(text, "yes", 3) == 0);
    CHECK_STATUS(kws_model_label(&m, 3, &text, &len), KWS_ERR_ARGUMENT);
    CHECK_STATUS(kws_model_frontend(&m, &fe), KWS_OK);
    CHECK_EQ_INT(fe.kind, 0);
    CHECK_EQ_INT(fe.num_frames, 4);
    CHECK_EQ_INT(fe.num_coeffs, 8);
    CHECK(strcmp(fe.preset, "none") == 0);
    CHECK_STATUS(kws_model_open(NULL, base(), base_size), KWS_ERR_NULL);
    CHECK_STATUS(kws_model_open(&m, NULL, base_size), KWS_ERR_NULL);
    CHECK_STATUS(kws_model_open(&m, base() + 1, base_size - 1), KWS_ERR_ALIGN);
    CHECK_STATUS(kws_model_open(&m, base(), 63), KWS_ERR_TRUNCATED);
    CHECK_STATUS(kws_model_open(&m, base(), base_size - 4), KWS_ERR_SIZE);
    CHECK(strcmp(kws_status_str(KWS_ERR_CRC), "payload CRC32 mismatch") == 0);
    CHECK(kws_status_str((kws_status)99) != NULL);
}

static void test_invoke_matches_kernels(void)
{
    kws_model m;
    uint8_t *arena = (uint8_t *)malloc(128); /* exactly arena_bytes: ASan catches any kernel overrun */
    int8_t input[32], out[3], expected[3], *in_ptr = NULL;
    unsigned seed = 777u;
    int trial, i;
    CHECK_STATUS(kws_model_open(&m, base(), base_size), KWS_OK);
    for (trial = 0; trial < 50; trial++) {
        for (i = 0; i < 32; i++) {
            seed = seed * 1664525u + 1013904223u;
            input[i] = (int8_t)((int)(seed >> 24) - 128);
        }
        reference_run(input, expected);
        memset(out, 0x55, sizeof out);
        CHECK_STATUS(kws_invoke(&m, arena, 128, input, out), KWS_OK);
        CHECK_BYTES(out, expected, 3);
    }
    /* input written through kws_model_input_ptr instead of copied */
    CHECK_STATUS(kws_model_input_ptr(&m, arena, 128, &in_ptr), KWS_OK);
    CHECK(in_ptr == (int8_t *)arena);
    memcpy(in_ptr, input, 32);
    CHECK_STATUS(kws_invoke(&m, arena, 128, NULL, out), KWS_OK);
    CHECK_BYTES(out, expected, 3);
    /* the output is also readable in the arena (tensor 6 at offset 112) */
    CHECK_BYTES((int8_t *)arena + 112, expected, 3);
    /* probabilities sum to ~1 */
    CHECK(abs((out[0] + 128) + (out[1] + 128) + (out[2] + 128) - 256) <= 2);
    /* arena checks */
    CHECK_STATUS(kws_invoke(&m, arena, 112, input, out), KWS_ERR_ARENA);
    CHECK_STATUS(kws_invoke(&m, arena + 8, 128, input, out), KWS_ERR_ARENA);
    CHECK_STATUS(kws_invoke(&m, NULL, 128, input, out), KWS_ERR_NULL);
    CHECK_STATUS(kws_invoke(NULL, arena, 128, input, out), KWS_ERR_NULL);
    free(arena);
}

/* Mutate a copy of the base blob, recompute the CRC (unless told not to), open, compare statuses. */
typedef enum { W8, W16, W32 } kt_width;

static void expect_mut(const char *what, uint32_t offset, kt_width width, uint32_t value, kws_status expected, int fix_crc)
{
    static uint32_t copy_words[BLOB_CAP / 4];
    uint8_t *copy = (uint8_t *)copy_words;
    kws_model m;
    kws_status st;
    memcpy(copy, base(), base_size);
    if (width == W8) copy[offset] = (uint8_t)value;
    else if (width == W16) kt_w16(copy + offset, value);
    else kt_w32(copy + offset, value);
    if (fix_crc) kt_fix_crc(copy, base_size);
    st = kws_model_open(&m, copy, base_size);
    kt_checks++;
    if (st != expected) {
        kt_failures++;
        fprintf(stderr, "mutation '%s': got %s, expected %s\n", what, kws_status_str(st), kws_status_str(expected));
    }
}

#define MUT(what, off, w, v, st) expect_mut(what, off, w, v, st, 1)

/* Model input switched to tensor 1 (front-end quantisation updated to match): op 0 then reads a tensor
 * nobody wrote and writes the model input. */
static void test_graph_input_switch(void)
{
    static uint32_t copy_words[BLOB_CAP / 4];
    uint8_t *copy = (uint8_t *)copy_words;
    const uint32_t fe = hdr(40), t1 = hdr(44) + 32;
    kws_model m;
    memcpy(copy, base(), base_size);
    kt_w16(copy + 28, 1);
    memcpy(copy + fe + 28, copy + t1 + 20, 8); /* scale and zero point */
    kt_fix_crc(copy, base_size);
    CHECK_STATUS(kws_model_open(&m, copy, base_size), KWS_ERR_GRAPH);
}

static void test_validation_rules(void)
{
    const uint32_t lab = hdr(32), fe = hdr(40), t = hdr(44), o = hdr(48), data = hdr(52);
    const uint32_t conv = o, pool = o + 96, reshape = o + 192, fc = o + 288, add = o + 384, smax = o + 480;
    /* 2. */
    MUT("magic", 0, W8, 'X', KWS_ERR_MAGIC);
    MUT("major version 2", 4, W16, 2, KWS_ERR_VERSION);
    MUT("minor version 7 accepted", 6, W16, 7, KWS_OK);
    /* 3. */
    MUT("total_size", 8, W32, base_size + 16, KWS_ERR_SIZE);
    expect_mut("payload byte without CRC fix", data, W8, 0x77, KWS_ERR_CRC, 0);
    expect_mut("crc field", 12, W32, hdr(12) ^ 1u, KWS_ERR_CRC, 0);
    /* 4. */
    MUT("tensor_count 0", 24, W16, 0, KWS_ERR_BOUNDS);
    MUT("op_count 2000", 26, W16, 2000, KWS_ERR_BOUNDS);
    MUT("tensor_count past the file", 24, W16, 1000, KWS_ERR_BOUNDS);
    MUT("input_tensor index", 28, W16, 7, KWS_ERR_BOUNDS);
    MUT("labels overlap header", 32, W32, 0, KWS_ERR_BOUNDS);
    MUT("labels misaligned", 32, W32, lab + 2, KWS_ERR_ALIGN);
    MUT("labels size huge", 36, W32, 0xFFFFFFF0u, KWS_ERR_BOUNDS);
    MUT("frontend past end", 40, W32, base_size - 60, KWS_ERR_BOUNDS);
    MUT("tensors offset wraps", 44, W32, 0xFFFFFFE0u, KWS_ERR_BOUNDS);
    MUT("ops misaligned", 48, W32, o + 1, KWS_ERR_ALIGN);
    MUT("data moved by 4 runs past the end", 52, W32, data + 4, KWS_ERR_BOUNDS);
    MUT("data size not a multiple of 16", 56, W32, hdr(56) - 4, KWS_ERR_ALIGN);
    MUT("labels size not a multiple of 4", 36, W32, hdr(36) - 1, KWS_ERR_ALIGN);
    MUT("data past end", 56, W32, hdr(56) + 16, KWS_ERR_BOUNDS);
    MUT("arena not multiple of 16", 20, W32, 120, KWS_ERR_ALIGN);
    /* 5. */
    MUT("label count", lab, W16, 2, KWS_ERR_LABELS);
    MUT("label length 0", lab + 2, W8, 0, KWS_ERR_LABELS);
    MUT("label length past section", lab + 2, W8, 60, KWS_ERR_LABELS);
    MUT("labels size", 36, W32, hdr(36) - 4, KWS_ERR_LABELS);
    MUT("frontend frames", fe + 26, W16, 5, KWS_ERR_FRONTEND);
    MUT("frontend kind", fe + 0, W8, 9, KWS_ERR_FRONTEND);
    MUT("frontend zero point", fe + 32, W32, 300, KWS_ERR_FRONTEND);
    MUT("frontend scale differs from the input tensor", fe + 28, W32, 0x3F000001u, KWS_ERR_FRONTEND);
    MUT("frontend preset empty", fe + 40, W8, 0, KWS_ERR_FRONTEND);
    MUT("frontend preset not printable", fe + 41, W8, 0x07, KWS_ERR_FRONTEND);
    MUT("label not UTF-8", lab + 3, W8, 0xFF, KWS_ERR_LABELS);
    MUT("label overlong UTF-8", lab + 3, W16, 0x80C0, KWS_ERR_LABELS);
    MUT("frontend MFCC without window", fe + 0, W8, 1, KWS_ERR_FRONTEND);
    /* 6. */
    MUT("tensor type", t + 32, W8, 2, KWS_ERR_TENSOR);
    MUT("tensor rank 5", t + 32 + 1, W8, 5, KWS_ERR_TENSOR);
    MUT("tensor dim 0", t + 32 + 6, W16, 0, KWS_ERR_TENSOR);
    MUT("tensor size", t + 32 + 16, W32, 31, KWS_ERR_TENSOR);
    MUT("tensor arena range", t + 32 + 12, W32, 112, KWS_ERR_TENSOR);
    MUT("tensor arena misaligned", t + 32 + 12, W32, 40, KWS_ERR_TENSOR);
    MUT("tensor scale 0", t + 32 + 20, W32, 0, KWS_ERR_TENSOR);
    MUT("tensor scale inf", t + 32 + 20, W32, 0x7F800000u, KWS_ERR_TENSOR);
    MUT("tensor zero point", t + 32 + 24, W32, 128, KWS_ERR_TENSOR);
    MUT("unused dim not 1", t + 3 * 32 + 8, W16, 2, KWS_ERR_TENSOR);
    /* 7. */
    MUT("opcode 0", conv, W8, 0, KWS_ERR_OPCODE);
    MUT("opcode 9", fc, W8, 9, KWS_ERR_OPCODE);
    MUT("weight layout", conv + 1, W8, 1, KWS_ERR_OPCODE);
    MUT("op input index", conv + 4, W16, 7, KWS_ERR_SHAPE);
    MUT("op input1 on conv", conv + 6, W16, 0, KWS_ERR_SHAPE);
    MUT("conv weights size", conv + 40, W32, 35, KWS_ERR_SHAPE);
    MUT("conv stride", conv + 12, W16, 2, KWS_ERR_SHAPE);
    MUT("conv pad", conv + 20, W16, 0, KWS_ERR_SHAPE);
    MUT("conv padding mode", conv + 3, W8, 1, KWS_ERR_SHAPE);
    MUT("conv per-tensor table size", conv + 26, W16, 0, KWS_ERR_SHAPE);
    MUT("conv bias size", conv + 48, W32, 4, KWS_ERR_SHAPE);
    MUT("conv bias missing", conv + 48, W32, 0, KWS_ERR_SHAPE);
    MUT("pool window", pool + 16, W16, 3, KWS_ERR_SHAPE);
    MUT("reshape in place with different offsets", t + 3 * 32 + 12, W32, 80, KWS_ERR_SHAPE);
    MUT("fc weights size", fc + 40, W32, 4, KWS_ERR_SHAPE);
    MUT("add quant size", add + 56, W32, 16, KWS_ERR_SHAPE);
    MUT("weights outside data", conv + 36, W32, base_size, KWS_ERR_BOUNDS);
    MUT("weights before data", conv + 36, W32, 64, KWS_ERR_BOUNDS);
    MUT("weights misaligned", conv + 36, W32, data + 4, KWS_ERR_BOUNDS);
    MUT("offset without size", pool + 36, W32, data, KWS_ERR_BOUNDS);
    MUT("weights on a pool", pool + 40, W32, 16, KWS_ERR_SHAPE);
    MUT("quant range wraps", fc + 52, W32, 0xFFFFFFF0u, KWS_ERR_BOUNDS);
    MUT("scratch outside arena", conv + 64, W32, 256, KWS_ERR_BOUNDS);
    MUT("act_min > act_max", conv + 32, W32, (uint32_t)-100, KWS_ERR_PARAM);
    MUT("act_max 128", fc + 32, W32, 128, KWS_ERR_PARAM);
    MUT("conv input offset", conv + 68, W32, 3, KWS_ERR_PARAM);
    MUT("unknown op flag", fc + 26, W16, 0x10, KWS_ERR_PARAM);
    /* IN_PLACE is allowed on conv/depthwise (format 1.1) only for the in-place kernels' shapes (SHAPE) */
    MUT("in-place flag on a 3x3 conv", conv + 26, W16, 0x3, KWS_ERR_SHAPE);
    MUT("in-place flag on FC", fc + 26, W16, 0x1, KWS_ERR_PARAM);
    MUT("activation 3", conv + 2, W8, 3, KWS_ERR_PARAM);
    MUT("flag on a pool", pool + 26, W16, 0x2, KWS_ERR_PARAM);
    MUT("multiplier below 2^30", kt_r32(base() + conv + 52), W32, 5, KWS_ERR_PARAM);
    MUT("multiplier 0 accepted", kt_r32(base() + conv + 52), W32, 0, KWS_OK);
    MUT("shift 31", kt_r32(base() + conv + 52) + 8, W32, 31, KWS_ERR_PARAM);
    MUT("negative multiplier", kt_r32(base() + fc + 52), W32, 0x80000000u, KWS_ERR_PARAM);
    MUT("softmax left shift", smax + 72, W32, 31, KWS_ERR_PARAM);
    MUT("softmax diff_min overflow", smax + 76, W32, (uint32_t)-300, KWS_ERR_PARAM);
    MUT("add left shift 31", add + 68 + 12, W32, 31, KWS_ERR_PARAM);
    MUT("add output shift positive", kt_r32(base() + add + 52) + 20, W32, 1, KWS_ERR_PARAM);
    MUT("reshape changes zero point", t + 3 * 32 + 24, W32, 0, KWS_ERR_PARAM);
    MUT("softmax output zero point", t + 6 * 32 + 24, W32, 0, KWS_ERR_PARAM);
    /* 8. */
    MUT("input switched without front-end", 28, W16, 1, KWS_ERR_FRONTEND);
    test_graph_input_switch();
    MUT("op reads its own output first", conv + 4, W16, 1, KWS_ERR_PARAM); /* offsets differ: step 7 first */
    MUT("op reads a tensor written later", fc + 4, W16, 5, KWS_ERR_SHAPE); /* shape differs first */
    MUT("op reads unwritten tensor", add + 6, W16, 5, KWS_ERR_GRAPH);
    MUT("two ops write one tensor", fc + 8, W16, 2, KWS_ERR_SHAPE); /* shapes differ first */
    MUT("last op does not write output", 30, W16, 5, KWS_ERR_GRAPH);
    (void)reshape;
}

/* The base blob with a valid Arm MFCC descriptor (kind 1) instead of kind 0, CRC fixed. */
static void mfcc_copy(uint8_t *copy)
{
    uint8_t *fe;
    memcpy(copy, base(), base_size);
    fe = copy + hdr(40);
    memset(fe + KWS_FRONTEND_OFF_PRESET, 0, KWS_FRONTEND_PRESET_MAX);
    memcpy(fe + KWS_FRONTEND_OFF_PRESET, "arm-mfcc-49x10", 14);
    fe[KWS_FRONTEND_OFF_KIND] = KWS_FRONTEND_ARM_MFCC;
    fe[KWS_FRONTEND_OFF_WINDOW] = KWS_FRONTEND_WINDOW_HANN;
    kt_w32(fe + KWS_FRONTEND_OFF_SAMPLE_RATE, 16000u);
    kt_w16(fe + KWS_FRONTEND_OFF_FRAME_LENGTH, 640u);
    kt_w16(fe + KWS_FRONTEND_OFF_FRAME_HOP, 320u);
    kt_w16(fe + KWS_FRONTEND_OFF_FFT_SIZE, 1024u);
    kt_w16(fe + KWS_FRONTEND_OFF_MEL_BINS, 40u);
    kt_wf32(fe + KWS_FRONTEND_OFF_MEL_LOW_HZ, 20.0f);
    kt_wf32(fe + KWS_FRONTEND_OFF_MEL_HIGH_HZ, 4000.0f);
    kt_fix_crc(copy, base_size);
}

/* One field of the MFCC descriptor set to `value`: the loader must give `expected`, and kws_frontend_init
 * the same verdict on the same decoded descriptor (KWS_ERR_FRONTEND when the loader refuses it). */
static void expect_fe_rule(const char *what, uint32_t field, kt_width width, uint32_t value, kws_status expected)
{
    static uint32_t copy_words[BLOB_CAP / 4];
    static uint64_t mem[16384];
    uint8_t *copy = (uint8_t *)copy_words;
    uint8_t *fe;
    kws_model m, ok;
    kws_frontend_desc d;
    kws_frontend *f;
    kws_status st, fst;
    mfcc_copy(copy);
    CHECK_STATUS(kws_model_open(&ok, copy, base_size), KWS_OK);
    fe = copy + hdr(40);
    if (width == W8) fe[field] = (uint8_t)value;
    else if (width == W16) kt_w16(fe + field, value);
    else kt_w32(fe + field, value);
    kt_fix_crc(copy, base_size);
    st = kws_model_open(&m, copy, base_size);
    kt_checks++;
    if (st != expected) {
        kt_failures++;
        fprintf(stderr, "descriptor rule '%s': loader gave %s, expected %s\n", what, kws_status_str(st), kws_status_str(expected));
    }
    /* The front-end decides on the same decoded descriptor (model opened on the valid copy, fields patched). */
    ok.frontend = fe;
    CHECK_STATUS(kws_model_frontend(&ok, &d), KWS_OK);
    fst = kws_frontend_init(&f, &d, mem, sizeof mem);
    kt_checks++;
    /* kinds 0 and 3 are valid descriptors the front-end does not compute (UNSUPPORTED) */
    if ((st == KWS_OK) != (fst == KWS_OK || fst == KWS_ERR_UNSUPPORTED) ||
        (expected == KWS_ERR_FRONTEND && fst != KWS_ERR_FRONTEND)) {
        kt_failures++;
        fprintf(stderr, "descriptor rule '%s': front-end gave %s, loader %s\n", what, kws_status_str(fst), kws_status_str(st));
    }
}

/* Every descriptor rule (docs/kwsm-format.md, Validation step 5, front-end): the value just past each limit
 * is refused by both the loader and kws_frontend_init, the limit itself accepted by both. */
static void test_frontend_rules(void)
{
    static uint32_t copy_words[BLOB_CAP / 4];
    kws_model m;
    mfcc_copy((uint8_t *)copy_words);
    CHECK_STATUS(kws_model_open(&m, copy_words, base_size), KWS_OK);
    expect_fe_rule("kind 4", KWS_FRONTEND_OFF_KIND, W8, 4, KWS_ERR_FRONTEND);
    expect_fe_rule("num_frames 0", KWS_FRONTEND_OFF_NUM_FRAMES, W16, 0, KWS_ERR_FRONTEND);
    expect_fe_rule("num_coeffs 0", KWS_FRONTEND_OFF_NUM_COEFFS, W16, 0, KWS_ERR_FRONTEND);
    expect_fe_rule("window 0", KWS_FRONTEND_OFF_WINDOW, W8, 0, KWS_ERR_FRONTEND);
    expect_fe_rule("sample_scaling 2", KWS_FRONTEND_OFF_SAMPLE_SCALING, W8, 2, KWS_ERR_FRONTEND);
    expect_fe_rule("sample_scaling 1 (peak)", KWS_FRONTEND_OFF_SAMPLE_SCALING, W8, 1, KWS_OK);
    expect_fe_rule("log_mode 2", KWS_FRONTEND_OFF_LOG_MODE, W8, 2, KWS_ERR_FRONTEND);
    expect_fe_rule("spectrum 2", KWS_FRONTEND_OFF_SPECTRUM, W8, 2, KWS_ERR_FRONTEND);
    expect_fe_rule("mel_formula 1", KWS_FRONTEND_OFF_MEL_FORMULA, W8, 1, KWS_ERR_FRONTEND);
    expect_fe_rule("dct 2", KWS_FRONTEND_OFF_DCT, W8, 2, KWS_ERR_FRONTEND);
    expect_fe_rule("sample_rate 999", KWS_FRONTEND_OFF_SAMPLE_RATE, W32, 999, KWS_ERR_FRONTEND);
    expect_fe_rule("sample_rate 192001", KWS_FRONTEND_OFF_SAMPLE_RATE, W32, 192001, KWS_ERR_FRONTEND);
    expect_fe_rule("sample_rate 192000", KWS_FRONTEND_OFF_SAMPLE_RATE, W32, 192000, KWS_OK);
    expect_fe_rule("fft_size 1000 (not a power of two)", KWS_FRONTEND_OFF_FFT_SIZE, W16, 1000, KWS_ERR_FRONTEND);
    expect_fe_rule("fft_size 8192 (> 4096)", KWS_FRONTEND_OFF_FFT_SIZE, W16, 8192, KWS_ERR_FRONTEND);
    expect_fe_rule("fft_size 4096", KWS_FRONTEND_OFF_FFT_SIZE, W16, 4096, KWS_OK);
    expect_fe_rule("fft_size 512 < frame_length", KWS_FRONTEND_OFF_FFT_SIZE, W16, 512, KWS_ERR_FRONTEND);
    expect_fe_rule("frame_length 1", KWS_FRONTEND_OFF_FRAME_LENGTH, W16, 1, KWS_ERR_FRONTEND);
    expect_fe_rule("frame_length 1024 = fft_size", KWS_FRONTEND_OFF_FRAME_LENGTH, W16, 1024, KWS_OK);
    expect_fe_rule("frame_hop 0", KWS_FRONTEND_OFF_FRAME_HOP, W16, 0, KWS_ERR_FRONTEND);
    expect_fe_rule("frame_hop 641 > frame_length", KWS_FRONTEND_OFF_FRAME_HOP, W16, 641, KWS_ERR_FRONTEND);
    expect_fe_rule("frame_hop 640 = frame_length", KWS_FRONTEND_OFF_FRAME_HOP, W16, 640, KWS_OK);
    expect_fe_rule("mel_bins 0", KWS_FRONTEND_OFF_MEL_BINS, W16, 0, KWS_ERR_FRONTEND);
    expect_fe_rule("mel_bins 129", KWS_FRONTEND_OFF_MEL_BINS, W16, 129, KWS_ERR_FRONTEND);
    expect_fe_rule("mel_bins 128", KWS_FRONTEND_OFF_MEL_BINS, W16, 128, KWS_OK);
    expect_fe_rule("mel_bins 7 < num_coeffs 8", KWS_FRONTEND_OFF_MEL_BINS, W16, 7, KWS_ERR_FRONTEND);
    expect_fe_rule("mel_low_hz -1", KWS_FRONTEND_OFF_MEL_LOW_HZ, W32, 0xBF800000u, KWS_ERR_FRONTEND);
    expect_fe_rule("mel_low_hz NaN", KWS_FRONTEND_OFF_MEL_LOW_HZ, W32, 0x7FC00000u, KWS_ERR_FRONTEND);
    expect_fe_rule("mel_high_hz = mel_low_hz", KWS_FRONTEND_OFF_MEL_HIGH_HZ, W32, 0x41A00000u, KWS_ERR_FRONTEND);
    expect_fe_rule("mel_high_hz 8001 > sample_rate / 2", KWS_FRONTEND_OFF_MEL_HIGH_HZ, W32, 0x45FA0800u, KWS_ERR_FRONTEND);
    expect_fe_rule("mel_high_hz 8000", KWS_FRONTEND_OFF_MEL_HIGH_HZ, W32, 0x45FA0000u, KWS_OK);
    expect_fe_rule("kind 3 on an MFCC-shaped descriptor: the micro_speech rules refuse it", KWS_FRONTEND_OFF_KIND, W8, 3, KWS_ERR_FRONTEND);
}

/* The loader and the C# reader report the same first failure when the model input or output record is
 * itself invalid: the label count and input-size checks of step 5 are skipped and step 6 refuses it. */
static void test_invalid_io_records(void)
{
    const uint32_t t = hdr(44);
    static uint32_t copy_words[BLOB_CAP / 4];
    uint8_t *copy = (uint8_t *)copy_words;
    kws_model m;
    MUT("output last dim 0 (labels check skipped)", t + 6 * 32 + 6, W16, 0, KWS_ERR_TENSOR);
    MUT("output first dim 0", t + 6 * 32 + 4, W16, 0, KWS_ERR_TENSOR);
    MUT("output rank 0", t + 6 * 32 + 1, W8, 0, KWS_ERR_TENSOR);
    MUT("input dim 0 (front-end size check skipped)", t + 6, W16, 0, KWS_ERR_TENSOR);
    MUT("input rank 5", t + 1, W8, 5, KWS_ERR_TENSOR);
    /* input [65535, 65535, 65535, 2]: more than 2^32-1 elements */
    memcpy(copy, base(), base_size);
    kt_w16(copy + t + 4, 65535u);
    kt_w16(copy + t + 6, 65535u);
    kt_w16(copy + t + 8, 65535u);
    kt_fix_crc(copy, base_size);
    CHECK_STATUS(kws_model_open(&m, copy, base_size), KWS_ERR_TENSOR);
}

/* Engine limits: 256 softmax classes and 65,536 accumulation terms are accepted, one more is refused. */
static kws_status open_softmax_model(uint16_t classes)
{
    static char names[300][4];
    const char *label_ptrs[300];
    kt_tensor t[2] = {{2, {1, 0, 1, 1}, 0, 0.125f, 0}, {2, {1, 0, 1, 1}, 272, 1.0f / 256.0f, -128}};
    kt_op op;
    kt_model mdl;
    uint8_t *blob = (uint8_t *)malloc(16384);
    kws_model m;
    kws_status st;
    uint32_t i, size;
    for (i = 0; i < classes; i++) {
        snprintf(names[i], sizeof names[i], "%u", (unsigned)i);
        label_ptrs[i] = names[i];
    }
    t[0].dims[1] = classes;
    t[1].dims[1] = classes;
    memset(&op, 0, sizeof op);
    op.opcode = KWS_OP_SOFTMAX; op.in0 = 0; op.in1 = 0xFFFF; op.out = 1; op.act_min = -128; op.act_max = 127;
    op.p[0] = ONE_M; op.p[1] = 24; op.p[2] = -124;
    memset(&mdl, 0, sizeof mdl);
    mdl.labels = label_ptrs; mdl.label_count = classes; mdl.tensors = t; mdl.tensor_count = 2; mdl.ops = &op;
    mdl.op_count = 1; mdl.output = 1; mdl.arena_bytes = 544; mdl.num_frames = 1; mdl.num_coeffs = classes;
    mdl.input_scale = 0.125f;
    size = kt_build(&mdl, blob, 16384);
    st = kws_model_open(&m, blob, size);
    if (st == KWS_OK) {
        uint8_t *arena = (uint8_t *)malloc(544);
        int8_t in[300], out[300];
        memset(in, 0, sizeof in);
        CHECK_STATUS(kws_invoke(&m, arena, 544, in, out), KWS_OK);
        /* equal logits: every class gets round(256 / classes) - 128 (256 classes: 1/256 -> -127) */
        CHECK_EQ_INT(out[0], classes == 256 ? -127 : out[0]);
        free(arena);
    }
    free(blob);
    return st;
}

static kws_status open_fc_model(uint16_t half_depth)
{
    /* input [1, 2, half_depth] -> FC to 1 class: K = 2 * half_depth */
    const uint32_t k = 2u * half_depth;
    kt_tensor t[2] = {{3, {1, 2, 0, 1}, 0, 0.5f, 0}, {2, {1, 1, 1, 1}, 0, 0.5f, 0}};
    static const char *one_label[1] = {"x"};
    int8_t *w = (int8_t *)calloc(k, 1);
    const int32_t bias[1] = {0}, q[2] = {ONE_M, 0};
    kt_op op;
    kt_model mdl;
    uint32_t cap = k + 4096u, size;
    uint8_t *blob = (uint8_t *)malloc(cap);
    kws_model m;
    kws_status st;
    t[0].dims[2] = half_depth;
    t[1].arena_offset = (k + 15u) & ~15u;
    memset(&op, 0, sizeof op);
    op.opcode = KWS_OP_FULLY_CONNECTED; op.in0 = 0; op.in1 = 0xFFFF; op.out = 1; op.act_min = -128; op.act_max = 127;
    op.weights = w; op.weights_size = k; op.bias = bias; op.bias_count = 1; op.quant = q; op.quant_count = 2;
    memset(&mdl, 0, sizeof mdl);
    mdl.labels = one_label; mdl.label_count = 1; mdl.tensors = t; mdl.tensor_count = 2; mdl.ops = &op; mdl.op_count = 1;
    mdl.output = 1; mdl.arena_bytes = t[1].arena_offset + 16u; mdl.num_frames = 2; mdl.num_coeffs = half_depth;
    mdl.input_scale = 0.5f;
    size = kt_build(&mdl, blob, cap);
    st = kws_model_open(&m, blob, size);
    free(blob);
    free(w);
    return st;
}

static void test_engine_limits(void)
{
    CHECK_STATUS(open_softmax_model(256), KWS_OK);
    CHECK_STATUS(open_softmax_model(257), KWS_ERR_SHAPE);
    CHECK_STATUS(open_fc_model(32768), KWS_OK);
    CHECK_STATUS(open_fc_model(32769), KWS_ERR_SHAPE);
}

/*
 * Format 1.1 in-place ops: T0 [1,4,3,4] -> depthwise 3x3 SAME -> T1 (offset 48) -> pointwise 1x1 4->4 IN_PLACE ->
 * T2 (offset 48) -> depthwise 3x3 SAME IN_PLACE -> T3 (offset 48, the output). Scratch of both in-place ops at
 * 96 (24 bytes each: their buffer_size). kws_invoke must give what the out-of-place reference kernels give, and
 * the loader must refuse every in-place rule broken.
 */
static void test_inplace_model(void)
{
    static const int8_t dw_w[36] = {3, -2, 5, 1, -7, 4, 2, -1, 6, 0, -3, 2, 1, 8, -4, 3, -5, 2, 7, -6,
                                    2, 1, -2, 4, 5, -3, 0, 6, -1, 2, 3, -4, 4, 1, -2, 5};
    static const int8_t pw_w[16] = {12, -7, 3, 9, -4, 15, -11, 2, 6, 1, -9, 14, -3, 8, 5, -13};
    static const int32_t b4[4] = {100, -250, 37, 512};
    static const int32_t q4[8] = {ONE_M, 1288490189, 1503238554, ONE_M, -6, -5, -7, -6};
    static const char *const lab4[4] = {"a", "b", "c", "d"};
    static uint32_t words[BLOB_CAP / 4], copy_words[BLOB_CAP / 4];
    uint8_t *blob = (uint8_t *)words, *copy = (uint8_t *)copy_words;
    kt_tensor t[4];
    kt_op o[3];
    kt_model mm;
    kws_model m;
    uint8_t *arena = (uint8_t *)malloc(128);
    int8_t input[48], t1[48], t2[48], expected[48], out[48];
    kws_conv_params dp, pp;
    kws_per_channel_quant q;
    kws_dims d, fdw, fpw;
    uint32_t size, ops_off, i;
    int k;
    for (k = 0; k < 4; k++) {
        t[k].rank = 4; t[k].dims[0] = 1; t[k].dims[1] = 4; t[k].dims[2] = 3; t[k].dims[3] = 4;
        t[k].arena_offset = k == 0 ? 0u : 48u; t[k].scale = 0.5f; t[k].zero_point = k == 0 ? 3 : -5;
    }
    memset(o, 0, sizeof o);
    for (k = 0; k < 3; k++) {
        o[k].opcode = k == 1 ? KWS_OP_CONV_2D : KWS_OP_DEPTHWISE_CONV_2D;
        o[k].in0 = (uint16_t)k; o[k].in1 = 0xFFFF; o[k].out = (uint16_t)(k + 1);
        o[k].stride_h = 1; o[k].stride_w = 1;
        o[k].filter_h = k == 1 ? 1 : 3; o[k].filter_w = o[k].filter_h;
        o[k].pad_top = k == 1 ? 0 : 1; o[k].pad_left = o[k].pad_top; o[k].padding = k == 1 ? 1 : 0;
        o[k].depth_multiplier = k == 1 ? 0 : 1;
        o[k].op_flags = (uint16_t)(0x2 | (k == 0 ? 0 : 0x1) | (k == 1 ? 0x4 : 0));
        o[k].act_min = -128; o[k].act_max = 127;
        o[k].weights = k == 1 ? pw_w : dw_w; o[k].weights_size = k == 1 ? 16u : 36u;
        o[k].bias = b4; o[k].bias_count = 4; o[k].quant = q4; o[k].quant_count = 8;
        o[k].p[0] = k == 0 ? -3 : 5; o[k].p[1] = -5;
        o[k].scratch_offset = k == 0 ? 0u : 96u; o[k].scratch_size = k == 0 ? 0u : 24u;
    }
    memset(&mm, 0, sizeof mm);
    mm.labels = lab4; mm.label_count = 4; mm.tensors = t; mm.tensor_count = 4; mm.ops = o; mm.op_count = 3;
    mm.input = 0; mm.output = 3; mm.arena_bytes = 128; mm.num_frames = 12; mm.num_coeffs = 4;
    mm.input_scale = 0.5f; mm.input_zero_point = 3;
    size = kt_build(&mm, blob, BLOB_CAP);
    CHECK(size > 0u);
    CHECK_STATUS(kws_model_open(&m, blob, size), KWS_OK);

    for (k = 0; k < 48; k++) input[k] = (int8_t)((k * 37 + 11) % 256 - 128);
    d.n = 1; d.h = 4; d.w = 3; d.c = 4;
    fdw.n = 1; fdw.h = 3; fdw.w = 3; fdw.c = 4;
    fpw.n = 4; fpw.h = 1; fpw.w = 1; fpw.c = 4;
    memset(&dp, 0, sizeof dp);
    dp.input_offset = -3; dp.output_offset = -5; dp.stride_h = 1; dp.stride_w = 1; dp.pad_top = 1; dp.pad_left = 1;
    dp.depth_multiplier = 1; dp.act_min = -128; dp.act_max = 127;
    pp = dp; pp.pad_top = 0; pp.pad_left = 0; pp.input_offset = 5; pp.offset_folded = 1;
    q.multiplier = q4; q.shift = q4 + 4; q.count = 4;
    CHECK_STATUS(kws_depthwise_conv2d_s8(NULL, &dp, &q, &d, input, &fdw, dw_w, b4, &d, t1), KWS_OK);
    CHECK_STATUS(kws_conv2d_s8(NULL, &pp, &q, &d, t1, &fpw, pw_w, b4, &d, t2), KWS_OK);
    dp.input_offset = 5;
    CHECK_STATUS(kws_depthwise_conv2d_s8(NULL, &dp, &q, &d, t2, &fdw, dw_w, b4, &d, expected), KWS_OK);
    memset(out, 0x55, sizeof out);
    CHECK_STATUS(kws_invoke(&m, arena, 128, input, out), KWS_OK);
    CHECK_BYTES(out, expected, 48);
    free(arena);

    /* each in-place rule broken (CRC fixed): expected status */
    ops_off = kt_r32(blob + 48);
    {
        static const struct { const char *what; uint32_t off; uint32_t width, value; kws_status st; } muts[] = {
            {"in-place scratch below buffer_size", 96 + 64, 32, 16, KWS_ERR_BOUNDS},
            {"in-place scratch over the dead input T0 (accepted)", 96 + 60, 32, 0, KWS_OK},
            {"depthwise in-place scratch overlapping its tensor", 192 + 60, 32, 48, KWS_ERR_BOUNDS},
            {"in-place flag on a depthwise with another output offset", 0 + 26, 16, 0x3, KWS_ERR_SHAPE},
            {"in-place pointwise with a stride", 96 + 12, 16, 2, KWS_ERR_SHAPE},
            {"in-place depthwise 3x3 with multiplier 0", 192 + 24, 16, 0, KWS_ERR_SHAPE},
            {"scratch on an out-of-place op overlapping its input", 0 + 60, 32, 32, KWS_ERR_BOUNDS},
        };
        for (i = 0; i < sizeof muts / sizeof muts[0]; i++) {
            kws_status st;
            memcpy(copy, blob, size);
            if (muts[i].width == 16) kt_w16(copy + ops_off + muts[i].off, muts[i].value);
            else kt_w32(copy + ops_off + muts[i].off, muts[i].value);
            if (i == 6) kt_w32(copy + ops_off + 64, 16); /* op 0: scratch [32, 48) */
            kt_fix_crc(copy, size);
            st = kws_model_open(&m, copy, size);
            kt_checks++;
            if (st != muts[i].st) {
                kt_failures++;
                fprintf(stderr, "in-place mutation '%s': got %s, expected %s\n", muts[i].what, kws_status_str(st),
                        kws_status_str(muts[i].st));
            }
        }
    }
}

int main(void)
{
    build_model();
    base_size = kt_build(&model, base(), BLOB_CAP);
    CHECK(base_size > 0u && (base_size % 16u) == 0u);
    RUN(test_open_and_describe);
    RUN(test_invoke_matches_kernels);
    RUN(test_validation_rules);
    RUN(test_frontend_rules);
    RUN(test_invalid_io_records);
    RUN(test_engine_limits);
    RUN(test_inplace_model);
    return KT_REPORT();
}
