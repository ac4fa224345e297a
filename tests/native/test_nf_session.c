/*
 * The nanoFramework interop session (kernels-native/interop/nanoframework/kws_nf_session.h): every call behind
 * a KwsEngine extern, on a hand-built model (kws_test_blob.h) with an Arm MFCC front-end whose every described
 * value differs, so each info slot can only hold one thing. Fake hooks count allocations (and can refuse the
 * n-th), serve a fake flash, script the clock and record capture calls. Oracles: the values the test built the
 * model from, and the engine's own stream API (kws_stream_*) driven directly with the same audio.
 * Runs on the host (plain and ASan/UBSan) and on Cortex-M under QEMU (kernels-native/cortex-m/engine.cmake);
 * on the host (KWS_NF_TEST_PORT_CLOCK) it also owns the engine's port clock, so front-end and network times
 * differ and a swap of the two timing slots is seen.
 */
#include <stdlib.h>
#include "kws_nano.h"
#include "kws_port.h"
#include "kws_nf_session.h"
#include "kws_test.h"
#include "kws_test_blob.h"

/* ---- the model: 5 frames x 4 MFCC -> FULLY_CONNECTED -> 3 classes; every info value distinct ---- */
#define T_CLASSES 3
#define T_RATE 16000
#define T_HOP 160
#define T_FRAME_LENGTH 400
#define T_FRAMES 5
#define T_COEFFS 4
#define T_OUT_ZP (-7)
#define T_OUT_SCALE 0.125f
#define T_FLAGS 0x2u /* OUTPUT_TO_FLOAT */
#define T_IN_SCALE 1.0f
#define T_IN_ZP (-3)
#define BLOB_CAP 2048u

/* 63 bytes (the format's limit): 31 ASCII, U+00E9 at bytes 31-32 (across the old 32-byte cut), 26 ASCII, U+1F600 */
static const char long_label[] = "abcdefghijklmnopqrstuvwxyz01234\xC3\xA9" "ABCDEFGHIJKLMNOPQRSTUVWXYZ" "\xF0\x9F\x98\x80";
static const char *const labels[T_CLASSES] = {"yes", long_label, "no"};
static int8_t fc_w[T_CLASSES * T_FRAMES * T_COEFFS];
static const int32_t fc_b[T_CLASSES] = {100, -50, 7};
static const int32_t fc_q[2] = {1717986918, -6};

static uint32_t blob_words[BLOB_CAP / 4];
static uint32_t blob_size;
static uint8_t *blob(void) { return (uint8_t *)blob_words; }

static void build_blob(void)
{
    static const kt_tensor t[2] = {
        {2, {1, T_FRAMES * T_COEFFS, 1, 1}, 0, T_IN_SCALE, T_IN_ZP},
        {2, {1, T_CLASSES, 1, 1}, 32, T_OUT_SCALE, T_OUT_ZP}};
    kt_op op;
    kt_model m;
    uint8_t *fe;
    uint32_t i;
    for (i = 0; i < sizeof fc_w; i++) {
        fc_w[i] = (int8_t)((int)(i * 37u % 11u) - 5);
    }
    memset(&op, 0, sizeof op);
    op.opcode = KWS_OP_FULLY_CONNECTED; op.in0 = 0; op.in1 = 0xFFFF; op.out = 1;
    op.act_min = -128; op.act_max = 127;
    op.weights = fc_w; op.weights_size = sizeof fc_w; op.bias = fc_b; op.bias_count = T_CLASSES;
    op.quant = fc_q; op.quant_count = 2; op.p[0] = -T_IN_ZP; op.p[1] = T_OUT_ZP;
    memset(&m, 0, sizeof m);
    m.labels = labels; m.label_count = T_CLASSES;
    m.tensors = t; m.tensor_count = 2;
    m.ops = &op; m.op_count = 1;
    m.input = 0; m.output = 1;
    m.arena_bytes = 48;
    m.flags = T_FLAGS;
    m.num_frames = T_FRAMES; m.num_coeffs = T_COEFFS;
    m.input_scale = T_IN_SCALE; m.input_zero_point = T_IN_ZP;
    blob_size = kt_build(&m, blob(), BLOB_CAP);
    CHECK(blob_size > 0u);
    /* front-end kind 1 (Arm MFCC) instead of the builder's kind 0 */
    fe = blob() + kt_r32(blob() + 40);
    fe[0] = 1u; fe[1] = 1u; fe[2] = 0u; fe[3] = 0u;
    kt_w32(fe + 4, T_RATE);
    kt_w16(fe + 8, T_FRAME_LENGTH);
    kt_w16(fe + 10, T_HOP);
    kt_w16(fe + 12, 512u);
    kt_w16(fe + 14, 40u);
    kt_wf32(fe + 16, 20.0f);
    kt_wf32(fe + 20, 4000.0f);
    memset(fe + 40, 0, 16);
    memcpy(fe + 40, "test-mfcc", 9);
    kt_fix_crc(blob(), blob_size);
}

/* ---- fake hooks ---- */
static int g_live;            /* blocks allocated and not released */
static int g_allocs;          /* allocations so far */
static int g_fail_alloc = -1; /* refuse allocation number g_fail_alloc (0-based), -1 never */
static void *fake_alloc(size_t bytes)
{
    if (g_allocs++ == g_fail_alloc) {
        return NULL;
    }
    g_live++;
    return malloc(bytes);
}
static void fake_release(void *block)
{
    g_live--;
    free(block);
}

static const void *g_flash_blob;   /* what the fake flash maps */
static uint32_t g_flash_size;      /* the size it reports */
static int g_flash_result;         /* its return value */
static uint32_t g_flash_address, g_flash_max;
static int fake_flash_map(uint32_t address, uint32_t max_size, const void **b, uint32_t *size)
{
    g_flash_address = address;
    g_flash_max = max_size;
    if (g_flash_result != 0) {
        return g_flash_result;
    }
    *b = g_flash_blob;
    *size = g_flash_size; /* deliberately not checked against max_size: the session must */
    return 0;
}

static uint64_t g_now, g_now_step;
static uint64_t fake_now(void)
{
    const uint64_t v = g_now;
    g_now += g_now_step;
    return v;
}

static int g_cap_rate, g_cap_frames, g_cap_count, g_cap_timeout, g_cap_stops, g_cap_result;
static uint8_t *g_cap_ptr;
static int fake_capture_start(int sample_rate, int buffer_frames)
{
    g_cap_rate = sample_rate;
    g_cap_frames = buffer_frames;
    return g_cap_result;
}
static int fake_capture_read(uint8_t *frames, int frame_count, int timeout_ms)
{
    g_cap_ptr = frames;
    g_cap_count = frame_count;
    g_cap_timeout = timeout_ms;
    return g_cap_result;
}
static int fake_capture_stop(void)
{
    g_cap_stops++;
    return g_cap_result;
}

static const kws_nf_hooks hooks = {fake_alloc, fake_release, fake_flash_map, fake_now,
                                   fake_capture_start, fake_capture_read, fake_capture_stop};

#ifdef KWS_NF_TEST_PORT_CLOCK
/* The engine's port clock: each read advances by one more microsecond than the last, so consecutive intervals
 * (front-end, then network) always differ. */
static uint32_t g_port_clock, g_port_step;
uint32_t kws_port_now_us(void)
{
    g_port_step++;
    return g_port_clock += g_port_step;
}
#endif

/* ---- audio: slot 0 and slot 1 carry different signals (24-bit data left-justified) ---- */
#define AUDIO_FRAMES (T_FRAME_LENGTH + 24 * T_HOP)
static int32_t audio[2 * AUDIO_FRAMES + 1];
static void make_audio(void)
{
    uint32_t r = 12345u;
    int i;
    for (i = 0; i < AUDIO_FRAMES; i++) {
        r = r * 1664525u + 1013904223u;
        audio[2 * i] = (int32_t)((uint32_t)((i / 20) % 2 ? 3000 : -3000) << 16);
        audio[2 * i + 1] = (int32_t)(((r >> 8) & 0xFFFFu) << 16);
    }
}

/* Inferences after `samples` samples from a fresh stream (kws_stream_set_interval's rule): one feature frame per
 * hop once frame_length samples arrived; the first inference when the window holds T_FRAMES frames, then one
 * every `interval` frames. */
static int32_t expected_inferences(int32_t samples, int32_t interval)
{
    const int32_t frames = samples < T_FRAME_LENGTH ? 0 : 1 + (samples - T_FRAME_LENGTH) / T_HOP;
    return frames < T_FRAMES ? 0 : 1 + (frames - T_FRAMES) / interval;
}

/* The oracle: the engine's stream over its own copy of the blob. */
typedef struct {
    kws_model model;
    kws_stream *stream;
    void *mem;
    uint32_t copy[BLOB_CAP / 4];
} oracle;

static void oracle_open(oracle *o)
{
    uint32_t bytes;
    memcpy(o->copy, blob_words, blob_size);
    CHECK_STATUS(kws_model_open(&o->model, o->copy, blob_size), KWS_OK);
    bytes = kws_stream_buffer_size(&o->model);
    o->mem = malloc(bytes + 15u);
    CHECK_STATUS(kws_stream_init(&o->stream, &o->model, (void *)(((uintptr_t)o->mem + 15u) & ~(uintptr_t)15u), bytes), KWS_OK);
}

static kws_nf_session session;

static void fresh_session(void)
{
    kws_nf_session_release(&session);
    CHECK_STATUS(kws_nf_session_init(&session, &hooks), KWS_OK);
    g_allocs = 0;
    g_fail_alloc = -1;
}

/* ---- tests ---- */

static void test_init_and_no_model(void)
{
    int32_t info[KWS_NF_INFO_LENGTH];
    int32_t timing[KWS_NF_TIMING_LENGTH];
    int8_t scores[8];
    char text[8];
    CHECK_STATUS(kws_nf_session_init(NULL, &hooks), KWS_ERR_NULL);
    CHECK_STATUS(kws_nf_session_init(&session, NULL), KWS_ERR_NULL);
    CHECK_EQ_INT(kws_nf_session_size(), sizeof(kws_nf_session));
    fresh_session();
    CHECK_EQ_INT(kws_nf_session_info(&session, info, KWS_NF_INFO_LENGTH), -KWS_NF_NO_MODEL);
    CHECK(kws_nf_session_output_scale(&session) == 0.0f);
    CHECK_EQ_INT(kws_nf_session_label(&session, 0, text, sizeof text), -KWS_NF_NO_MODEL);
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, (const uint8_t *)audio, 8u * T_HOP, T_HOP, 0, scores, sizeof scores, timing, 3),
                 -KWS_NF_NO_MODEL);
    CHECK_EQ_INT(kws_nf_session_reset(&session), -KWS_NF_NO_MODEL);
    CHECK_EQ_INT(kws_nf_session_set_interval(&session, 1), -KWS_NF_NO_MODEL);
    /* a NULL session is refused, not dereferenced */
    CHECK_EQ_INT(kws_nf_session_info(NULL, info, KWS_NF_INFO_LENGTH), -KWS_NF_NO_MODEL);
    CHECK_EQ_INT(kws_nf_session_load(NULL, blob(), blob_size), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_load_flash(NULL, 0u, 0u), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_capture_stop(NULL), -KWS_NF_ARGUMENT);
    kws_nf_session_release(NULL);
    CHECK_EQ_INT(g_live, 0);
}

/* Every slot holds exactly the value the model was built with. */
static void check_info(void)
{
    int32_t info[KWS_NF_INFO_LENGTH + 3];
    kws_model m;
    uint32_t i;
    for (i = 0; i < KWS_NF_INFO_LENGTH + 3u; i++) {
        info[i] = 0x5A5A5A5A;
    }
    CHECK_EQ_INT(kws_nf_session_info(&session, info, KWS_NF_INFO_LENGTH + 3u), 0);
    CHECK_STATUS(kws_model_open(&m, blob(), blob_size), KWS_OK);
    CHECK_EQ_INT(info[KWS_NF_INFO_CLASSES], T_CLASSES);
    CHECK_EQ_INT(info[KWS_NF_INFO_SAMPLE_RATE], T_RATE);
    CHECK_EQ_INT(info[KWS_NF_INFO_HOP], T_HOP);
    CHECK_EQ_INT(info[KWS_NF_INFO_FRAME_LENGTH], T_FRAME_LENGTH);
    CHECK_EQ_INT(info[KWS_NF_INFO_FRAMES], T_FRAMES);
    CHECK_EQ_INT(info[KWS_NF_INFO_OUTPUT_ZERO_POINT], T_OUT_ZP);
    CHECK_EQ_INT(info[KWS_NF_INFO_FLAGS], T_FLAGS);
    CHECK_EQ_INT(info[KWS_NF_INFO_MAX_FRAMES_PER_CALL], KWS_NF_MAX_HOPS_PER_CALL * T_HOP);
    CHECK_EQ_INT(info[KWS_NF_INFO_STREAM_BYTES], kws_stream_buffer_size(&m));
    for (i = KWS_NF_INFO_LENGTH; i < KWS_NF_INFO_LENGTH + 3u; i++) {
        CHECK_EQ_INT(info[i], 0x5A5A5A5A); /* nothing written past the layout */
    }
    CHECK(kws_nf_session_output_scale(&session) == T_OUT_SCALE);
}

static void test_info_layout(void)
{
    int32_t info[KWS_NF_INFO_LENGTH];
    uint32_t i, j;
    /* the layout is 0..LENGTH-1 with no gaps or repeats (a swapped pair of indices stays a permutation:
     * check_info's distinct expected values catch that) */
    const int idx[KWS_NF_INFO_LENGTH] = {KWS_NF_INFO_CLASSES, KWS_NF_INFO_SAMPLE_RATE, KWS_NF_INFO_HOP,
                                         KWS_NF_INFO_FRAME_LENGTH, KWS_NF_INFO_FRAMES, KWS_NF_INFO_OUTPUT_ZERO_POINT,
                                         KWS_NF_INFO_FLAGS, KWS_NF_INFO_MAX_FRAMES_PER_CALL, KWS_NF_INFO_STREAM_BYTES};
    for (i = 0; i < KWS_NF_INFO_LENGTH; i++) {
        CHECK(idx[i] >= 0 && idx[i] < KWS_NF_INFO_LENGTH);
        for (j = 0; j < i; j++) {
            CHECK(idx[i] != idx[j]);
        }
    }
    fresh_session();
    CHECK_EQ_INT(kws_nf_session_load(&session, blob(), blob_size), 0);
    check_info();
    CHECK_EQ_INT(kws_nf_session_info(&session, info, KWS_NF_INFO_LENGTH - 1u), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_info(&session, NULL, KWS_NF_INFO_LENGTH), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_info(&session, info, KWS_NF_INFO_LENGTH), 0);
    kws_nf_session_release(&session);
    CHECK_EQ_INT(g_live, 0);
}

static void test_load_copy(void)
{
    static uint32_t scratch[BLOB_CAP / 4];
    char text[KWS_NF_LABEL_MAX + 1];
    fresh_session();
    memcpy(scratch, blob_words, blob_size);
    CHECK_EQ_INT(kws_nf_session_load(&session, (const uint8_t *)scratch, blob_size), 0);
    CHECK_EQ_INT(g_live, 2); /* the blob copy and the stream */
    memset(scratch, 0xEE, blob_size); /* the managed array may move or change: the session kept a copy */
    check_info();
    CHECK_EQ_INT(kws_nf_session_label(&session, 0, text, sizeof text), 3);
    CHECK(strcmp(text, "yes") == 0);
    /* loading again replaces the model and frees the old memory */
    CHECK_EQ_INT(kws_nf_session_load(&session, blob(), blob_size), 0);
    CHECK_EQ_INT(g_live, 2);
    /* a refused load leaves no model, and no memory */
    CHECK_EQ_INT(kws_nf_session_load(&session, NULL, blob_size), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(g_live, 0);
    CHECK_EQ_INT(kws_nf_session_reset(&session), -KWS_NF_NO_MODEL);
    CHECK_EQ_INT(kws_nf_session_load(&session, blob(), 10u), -KWS_ERR_TRUNCATED);
    CHECK_EQ_INT(g_live, 0);
    blob()[blob_size - 1u] ^= 0x40u;
    CHECK_EQ_INT(kws_nf_session_load(&session, blob(), blob_size), -KWS_ERR_CRC);
    blob()[blob_size - 1u] ^= 0x40u;
    CHECK_EQ_INT(g_live, 0);
    CHECK_EQ_INT(kws_nf_session_reset(&session), -KWS_NF_NO_MODEL);
    /* out of memory for the copy, then for the stream */
    g_allocs = 0;
    g_fail_alloc = 0;
    CHECK_EQ_INT(kws_nf_session_load(&session, blob(), blob_size), -KWS_NF_OUT_OF_MEMORY);
    CHECK_EQ_INT(g_live, 0);
    g_allocs = 0;
    g_fail_alloc = 1;
    CHECK_EQ_INT(kws_nf_session_load(&session, blob(), blob_size), -KWS_NF_OUT_OF_MEMORY);
    CHECK_EQ_INT(g_live, 0);
    CHECK_EQ_INT(kws_nf_session_reset(&session), -KWS_NF_NO_MODEL);
    g_fail_alloc = -1;
}

static void test_load_flash(void)
{
    fresh_session();
    g_flash_blob = blob();
    g_flash_size = blob_size;
    g_flash_result = 0;
    CHECK_EQ_INT(kws_nf_session_load_flash(&session, 0x380000u, blob_size), 0);
    CHECK_EQ_INT(g_flash_address, 0x380000u);
    CHECK_EQ_INT(g_flash_max, blob_size);
    CHECK_EQ_INT(g_live, 1); /* read in place: only the stream is allocated */
    check_info();
    /* a model larger than its region: refused even though the port mapped it */
    CHECK_EQ_INT(kws_nf_session_load_flash(&session, 0x380000u, blob_size - 1u), -KWS_NF_FLASH);
    CHECK_EQ_INT(g_live, 0);
    CHECK_EQ_INT(kws_nf_session_reset(&session), -KWS_NF_NO_MODEL);
    /* the port cannot map it (erased, not a model) */
    g_flash_result = KWS_NF_FLASH;
    CHECK_EQ_INT(kws_nf_session_load_flash(&session, 0x3A0000u, 0x20000u), -KWS_NF_FLASH);
    CHECK_EQ_INT(g_flash_address, 0x3A0000u);
    CHECK_EQ_INT(g_flash_max, 0x20000u);
    g_flash_result = 0;
    /* a damaged model in flash: the validation status */
    blob()[blob_size - 1u] ^= 0x01u;
    CHECK_EQ_INT(kws_nf_session_load_flash(&session, 0x380000u, 0x20000u), -KWS_ERR_CRC);
    blob()[blob_size - 1u] ^= 0x01u;
    CHECK_EQ_INT(g_live, 0);
    g_allocs = 0;
    g_fail_alloc = 0;
    CHECK_EQ_INT(kws_nf_session_load_flash(&session, 0x380000u, 0x20000u), -KWS_NF_OUT_OF_MEMORY);
    g_fail_alloc = -1;
    CHECK_EQ_INT(g_live, 0);
}

static void test_labels(void)
{
    char text[KWS_NF_LABEL_MAX + 1];
    char small[40];
    fresh_session();
    CHECK_EQ_INT(kws_nf_session_load(&session, blob(), blob_size), 0);
    CHECK_EQ_INT(sizeof long_label - 1u, 63);
    CHECK_EQ_INT(KWS_NF_LABEL_MAX, 63); /* the format's limit: every label fits the glue's buffer */
    /* whole, with a buffer of the glue's size */
    CHECK_EQ_INT(kws_nf_session_label(&session, 1, text, sizeof text), 63);
    CHECK(memcmp(text, long_label, 64) == 0);
    CHECK_EQ_INT(kws_nf_session_label(&session, 2, text, sizeof text), 2);
    CHECK(strcmp(text, "no") == 0);
    /* smaller buffers get whole characters only: 32 bytes would end inside U+00E9 */
    CHECK_EQ_INT(kws_nf_session_label(&session, 1, small, 33u), 31);
    CHECK(memcmp(small, long_label, 31) == 0 && small[31] == '\0');
    CHECK_EQ_INT(kws_nf_session_label(&session, 1, small, 34u), 33);
    CHECK(memcmp(small, long_label, 33) == 0 && small[33] == '\0');
    CHECK_EQ_INT(kws_nf_session_label(&session, 1, text, 63u), 59); /* 62 bytes would end inside U+1F600 */
    CHECK(memcmp(text, long_label, 59) == 0 && text[59] == '\0');
    CHECK_EQ_INT(kws_nf_session_label(&session, 0, small, 1u), 0);
    CHECK(small[0] == '\0');
    /* refusals */
    CHECK_EQ_INT(kws_nf_session_label(&session, T_CLASSES, text, sizeof text), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_label(&session, -1, text, sizeof text), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_label(&session, 0, NULL, sizeof text), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_label(&session, 0, text, 0u), -KWS_NF_ARGUMENT);
    kws_nf_session_release(&session);
}

static void test_process_arguments(void)
{
    int8_t scores[KWS_NF_MAX_HOPS_PER_CALL * T_CLASSES];
    int32_t timing[KWS_NF_TIMING_LENGTH];
    const uint8_t *f = (const uint8_t *)audio;
    const int32_t max = KWS_NF_MAX_HOPS_PER_CALL * T_HOP;
    fresh_session();
    CHECK_EQ_INT(kws_nf_session_load(&session, blob(), blob_size), 0);
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, NULL, 0u, 0, 0, scores, sizeof scores, timing, 3u), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, f, 8u, 1, 0, NULL, 0u, timing, 3u), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, f, 8u, 1, 0, scores, sizeof scores, NULL, 0u), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, f, 8u, -1, 0, scores, sizeof scores, timing, 3u), -KWS_NF_ARGUMENT);
    /* the per-call limit: KWS_NF_MAX_HOPS_PER_CALL hops */
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, f, 8u * (uint32_t)(max + 1), max + 1, 0, scores, sizeof scores, timing, 3u),
                 -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, f, 8u * (uint32_t)max - 1u, max, 0, scores, sizeof scores, timing, 3u),
                 -KWS_NF_ARGUMENT); /* frames array one byte short */
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, f, 8u, 1, 0, scores, T_CLASSES - 1u, timing, 3u), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, f, 8u, 1, 0, scores, sizeof scores, timing, KWS_NF_TIMING_LENGTH - 1u),
                 -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, f, 8u, 1, 2, scores, sizeof scores, timing, 3u), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, f, 8u, 1, -1, scores, sizeof scores, timing, 3u), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, f + 2, 16u, 1, 0, scores, sizeof scores, timing, 3u), -KWS_NF_ARGUMENT);
    /* at the limit, and an empty push, are accepted (the first window is not full yet: no inference) */
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, f, 8u * (uint32_t)max, max, 1, scores, sizeof scores, timing, 3u), 0);
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, f, 0u, 0, 0, scores, T_CLASSES, timing, 3u), 0);
    kws_nf_session_release(&session);
}

/* Pushes the audio in uneven chunks through the session and the oracle; outputs and counts must agree. */
static void run_against_oracle(int slot, uint32_t interval)
{
    static const int32_t chunks[] = {1, 160, 639, 640, 17, 303, 640, 2, 480, 400, 640};
    int8_t scores[KWS_NF_MAX_HOPS_PER_CALL * T_CLASSES + 1];
    int8_t expected[KWS_NF_MAX_HOPS_PER_CALL * T_CLASSES];
    int32_t timing[KWS_NF_TIMING_LENGTH];
    oracle *o = (oracle *)malloc(sizeof(oracle));
    int32_t pos = 0, total = 0;
    uint32_t c, produced, fe = 0, net = 0;
    oracle_open(o);
    fresh_session();
    CHECK_EQ_INT(kws_nf_session_load(&session, blob(), blob_size), 0);
    if (interval != 1u) {
        CHECK_EQ_INT(kws_nf_session_set_interval(&session, (int32_t)interval), 0);
        CHECK_STATUS(kws_stream_set_interval(o->stream, interval), KWS_OK);
    }
    for (c = 0; c < sizeof chunks / sizeof chunks[0]; c++) {
        const int32_t n = chunks[c];
        int32_t got;
        CHECK(pos + n <= AUDIO_FRAMES);
        g_now = 1000000u * (c + 1u);
        g_now_step = 100u + c;
        timing[0] = timing[1] = timing[2] = -1;
        scores[sizeof scores - 1u] = 0x55;
        got = kws_nf_session_process_i2s(&session, (const uint8_t *)(audio + 2 * pos), 8u * (uint32_t)n, n, slot, scores,
                                         sizeof scores - 1u, timing, KWS_NF_TIMING_LENGTH);
        CHECK_STATUS(kws_stream_push_i2s32(o->stream, audio + 2 * pos, (uint32_t)n, slot, expected,
                                           KWS_NF_MAX_HOPS_PER_CALL, &produced), KWS_OK);
        CHECK_EQ_INT(got, produced);
        if (got > 0) {
            CHECK_BYTES(scores, expected, (uint32_t)got * T_CLASSES);
        }
        CHECK_EQ_INT(scores[sizeof scores - 1u], 0x55);
        /* timing: the engine's last hop (read back from the session's own stream), and the call by the hooks' clock */
        CHECK_STATUS(kws_stream_last_timing(session.stream, &fe, &net), KWS_OK);
        CHECK_EQ_INT(timing[KWS_NF_TIMING_FRONTEND_US], fe);
        CHECK_EQ_INT(timing[KWS_NF_TIMING_NETWORK_US], net);
        CHECK_EQ_INT(timing[KWS_NF_TIMING_CALL_US], 100u + c);
#ifdef KWS_NF_TEST_PORT_CLOCK
        if (got > 0) {
            CHECK(fe != net && fe > 0u && net > 0u);
        }
#endif
        total += got;
        pos += n;
    }
    CHECK_EQ_INT(total, expected_inferences(pos, (int32_t)interval));
    free(o->mem);
    free(o);
    kws_nf_session_release(&session);
}

static void test_process_matches_the_stream(void)
{
    run_against_oracle(1, 1u);
    run_against_oracle(0, 1u);
    run_against_oracle(1, 2u);
}

static void test_slots_differ(void)
{
    /* precondition of the slot checks above: the two slots give different scores */
    int8_t a[KWS_NF_MAX_HOPS_PER_CALL * T_CLASSES], b[KWS_NF_MAX_HOPS_PER_CALL * T_CLASSES];
    int32_t timing[KWS_NF_TIMING_LENGTH];
    int32_t n0, n1;
    const int32_t frames = T_FRAME_LENGTH + (T_FRAMES - 1) * T_HOP; /* 1040: fills the window exactly */
    fresh_session();
    CHECK_EQ_INT(kws_nf_session_load(&session, blob(), blob_size), 0);
    n0 = kws_nf_session_process_i2s(&session, (const uint8_t *)audio, 8u * 640u, 640, 0, a, sizeof a, timing, 3u);
    n0 += kws_nf_session_process_i2s(&session, (const uint8_t *)(audio + 2 * 640), 8u * (uint32_t)(frames - 640), frames - 640, 0, a,
                                     sizeof a, timing, 3u);
    CHECK_EQ_INT(kws_nf_session_reset(&session), 0);
    n1 = kws_nf_session_process_i2s(&session, (const uint8_t *)audio, 8u * 640u, 640, 1, b, sizeof b, timing, 3u);
    n1 += kws_nf_session_process_i2s(&session, (const uint8_t *)(audio + 2 * 640), 8u * (uint32_t)(frames - 640), frames - 640, 1, b,
                                     sizeof b, timing, 3u);
    CHECK_EQ_INT(n0, 1);
    CHECK_EQ_INT(n1, 1);
    CHECK(memcmp(a, b, T_CLASSES) != 0);
    kws_nf_session_release(&session);
}

static void test_scores_too_small_for_the_call(void)
{
    int8_t scores[KWS_NF_MAX_HOPS_PER_CALL * T_CLASSES];
    int32_t timing[KWS_NF_TIMING_LENGTH] = {-1, -1, -1};
    const int32_t first = T_FRAME_LENGTH + (T_FRAMES - 1) * T_HOP; /* 1040 frames: the window is then full */
    fresh_session();
    CHECK_EQ_INT(kws_nf_session_load(&session, blob(), blob_size), 0);
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, (const uint8_t *)audio, 8u * 640u, 640, 1, scores, sizeof scores, timing, 3u), 0);
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, (const uint8_t *)(audio + 2 * 640), 8u * (uint32_t)(first - 640), first - 640, 1,
                                            scores, sizeof scores, timing, 3u), 1);
    /* next: 2 hops due, room for 1 -> the stream's refusal, nothing consumed, timing still written */
    g_now = 500u;
    g_now_step = 9u;
    timing[2] = -1;
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, (const uint8_t *)(audio + 2 * first), 8u * 2u * T_HOP, 2 * T_HOP, 1, scores,
                                            T_CLASSES, timing, 3u), -KWS_ERR_ARGUMENT);
    CHECK_EQ_INT(timing[KWS_NF_TIMING_CALL_US], 9);
    CHECK_EQ_INT(kws_nf_session_process_i2s(&session, (const uint8_t *)(audio + 2 * first), 8u * 2u * T_HOP, 2 * T_HOP, 1, scores,
                                            2u * T_CLASSES, timing, 3u), 2);
    kws_nf_session_release(&session);
}

static void test_interval_and_reset(void)
{
    int8_t scores[KWS_NF_MAX_HOPS_PER_CALL * T_CLASSES];
    int32_t timing[KWS_NF_TIMING_LENGTH];
    int32_t i, total = 0;
    fresh_session();
    CHECK_EQ_INT(kws_nf_session_load(&session, blob(), blob_size), 0);
    CHECK_EQ_INT(kws_nf_session_set_interval(&session, 0), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_set_interval(&session, -3), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_set_interval(&session, T_FRAMES + 1), -KWS_ERR_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_set_interval(&session, T_FRAMES), 0);
    CHECK_EQ_INT(kws_nf_session_set_interval(&session, 3), 0);
    /* reset keeps the interval and forgets the audio: after it the window needs 1040 frames again */
    for (i = 0; i < 2; i++) {
        int32_t pos = 0;
        total = 0;
        while (pos + T_HOP <= AUDIO_FRAMES) {
            int32_t got = kws_nf_session_process_i2s(&session, (const uint8_t *)(audio + 2 * pos), 8u * T_HOP, T_HOP, 1, scores,
                                                     sizeof scores, timing, 3u);
            CHECK(got >= 0);
            total += got;
            pos += T_HOP;
            CHECK_EQ_INT(total, expected_inferences(pos, 3));
        }
        CHECK(total > 2);
        CHECK_EQ_INT(kws_nf_session_reset(&session), 0);
    }
    kws_nf_session_release(&session);
}

static void test_status_texts(void)
{
    static const int32_t codes[5] = {KWS_NF_NO_MODEL, KWS_NF_OUT_OF_MEMORY, KWS_NF_FLASH, KWS_NF_NO_CAPTURE, KWS_NF_ARGUMENT};
    uint32_t i, j;
    for (i = 0; i < 5u; i++) {
        const char *t = kws_nf_session_status_text(codes[i]);
        CHECK(t != NULL && t[0] != '\0');
        CHECK(strcmp(t, kws_nf_session_status_text(-codes[i])) == 0);
        CHECK(strcmp(t, "unknown status") != 0);
        for (j = 0; j < i; j++) {
            CHECK(strcmp(t, kws_nf_session_status_text(codes[j])) != 0);
        }
    }
    /* the text of the documented boot error (docs/serial-log.md) */
    CHECK(strcmp(kws_nf_session_status_text(-KWS_NF_FLASH), "no valid model in flash at the configured address") == 0);
    CHECK(strcmp(kws_nf_session_status_text(0), kws_status_str(KWS_OK)) == 0);
    CHECK(strcmp(kws_nf_session_status_text(-KWS_ERR_CRC), kws_status_str(KWS_ERR_CRC)) == 0);
    CHECK(strcmp(kws_nf_session_status_text(KWS_ERR_UNSUPPORTED), kws_status_str(KWS_ERR_UNSUPPORTED)) == 0);
    CHECK(strcmp(kws_nf_session_status_text(19), "unknown status") == 0);
    CHECK(strcmp(kws_nf_session_status_text(105), "unknown status") == 0);
    CHECK(strcmp(kws_nf_session_status_text(INT32_MIN), "unknown status") == 0);
    CHECK(strcmp(kws_nf_session_status_text(INT32_MAX), "unknown status") == 0);
}

static void test_clock_and_capture(void)
{
    uint8_t frames[8 * 4 + 1];
    fresh_session();
    g_now = 0x123456789ABull;
    g_now_step = 0u;
    CHECK(kws_nf_session_now_us(&session) == (int64_t)0x123456789ABll);
    /* start: arguments checked, then the port's answer */
    g_cap_rate = g_cap_frames = 0;
    g_cap_result = -KWS_NF_NO_CAPTURE;
    CHECK_EQ_INT(kws_nf_session_capture_start(&session, 16000, 0), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_capture_start(&session, 0, 4096), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(g_cap_rate, 0);
    CHECK_EQ_INT(kws_nf_session_capture_start(&session, 16000, 4096), -KWS_NF_NO_CAPTURE);
    CHECK_EQ_INT(g_cap_rate, 16000);
    CHECK_EQ_INT(g_cap_frames, 4096);
    g_cap_result = 0;
    CHECK_EQ_INT(kws_nf_session_capture_start(&session, 8000, 512), 0);
    /* read */
    g_cap_count = -5;
    CHECK_EQ_INT(kws_nf_session_capture_read(&session, NULL, 0u, 0, 10), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_capture_read(&session, frames, 8u * 4u, -1, 10), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_capture_read(&session, frames, 8u * 4u - 1u, 4, 10), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(kws_nf_session_capture_read(&session, frames, sizeof frames, INT32_MAX, 10), -KWS_NF_ARGUMENT);
    CHECK_EQ_INT(g_cap_count, -5);
    g_cap_result = 4;
    CHECK_EQ_INT(kws_nf_session_capture_read(&session, frames, sizeof frames, 4, 250), 4);
    CHECK(g_cap_ptr == frames);
    CHECK_EQ_INT(g_cap_count, 4);
    CHECK_EQ_INT(g_cap_timeout, 250);
    g_cap_result = -KWS_NF_NO_CAPTURE;
    CHECK_EQ_INT(kws_nf_session_capture_read(&session, frames, sizeof frames, 4, 250), -KWS_NF_NO_CAPTURE);
    g_cap_stops = 0;
    g_cap_result = 0;
    CHECK_EQ_INT(kws_nf_session_capture_stop(&session), 0);
    CHECK_EQ_INT(g_cap_stops, 1);
}

int main(void)
{
    build_blob();
    make_audio();
    RUN(test_init_and_no_model);
    RUN(test_info_layout);
    RUN(test_load_copy);
    RUN(test_load_flash);
    RUN(test_labels);
    RUN(test_process_arguments);
    RUN(test_process_matches_the_stream);
    RUN(test_slots_differ);
    RUN(test_scores_too_small_for_the_call);
    RUN(test_interval_and_reset);
    RUN(test_status_texts);
    RUN(test_clock_and_capture);
    kws_nf_session_release(&session);
    CHECK_EQ_INT(g_live, 0);
    return KT_REPORT();
}
