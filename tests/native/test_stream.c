/*
 * Streaming pipeline test against a stub model (this executable links the front-end sources only, plus
 * the stub kws_model_* / kws_invoke below): the stub network "output" is a hash of exactly the
 * input bytes it was given, so streaming with random chunk sizes (seeded) must produce, hop by hop,
 * the hash of the batch features of the same 1 s window. Also checks I2S conversion and refusals.
 */
#include "kws_nano.h"
#include "kws_port.h"
#include "kws_test_wav.h"

static int failures = 0;

/* ---- stub model: descriptor in blob[0..], 8 output "classes" = 64-bit FNV-1a of the input ---- */
typedef struct {
    kws_frontend_desc desc;
    uint32_t arena_bytes;
    uint32_t invokes;
} stub_blob;

static stub_blob g_stub;
#define MAX_RECORDED 256
static int8_t g_inputs[MAX_RECORDED][49 * 10]; /* every network input, in invoke order */

kws_status kws_model_frontend(const kws_model *model, kws_frontend_desc *desc)
{
    *desc = ((const stub_blob *)model->blob)->desc;
    return KWS_OK;
}
uint32_t kws_model_arena_bytes(const kws_model *model)
{
    return ((const stub_blob *)model->blob)->arena_bytes;
}
kws_status kws_model_io(const kws_model *model, int is_output, kws_dims *dims, kws_quant *quant, uint32_t *elements)
{
    const stub_blob *b = (const stub_blob *)model->blob;
    (void)dims;
    (void)quant;
    *elements = is_output ? 8u : (uint32_t)b->desc.num_frames * b->desc.num_coeffs;
    return KWS_OK;
}
kws_status kws_model_frontend_tables(const kws_model *model, const void **tables, uint32_t *size)
{
    *tables = model->fe_tables;
    *size = model->fe_tables_size;
    return KWS_OK;
}
kws_status kws_model_input_ptr(const kws_model *model, void *arena, uint32_t arena_size, int8_t **input)
{
    (void)model;
    if (arena_size < 1024u) {
        return KWS_ERR_ARENA;
    }
    *input = (int8_t *)arena + 32; /* somewhere inside the arena, like a planned tensor */
    return KWS_OK;
}
static uint64_t fnv(const int8_t *p, uint32_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (uint32_t i = 0; i < n; i++) {
        h = (h ^ (uint8_t)p[i]) * 1099511628211ull;
    }
    return h;
}
kws_status kws_invoke(const kws_model *model, void *arena, uint32_t arena_size, const int8_t *input, int8_t *output)
{
    stub_blob *b = (stub_blob *)model->blob;
    CHECK(input == NULL);
    uint64_t h = fnv((const int8_t *)arena + 32, (uint32_t)b->desc.num_frames * b->desc.num_coeffs);
    memcpy(output, &h, 8);
    if (b->invokes < MAX_RECORDED) {
        memcpy(g_inputs[b->invokes], (const int8_t *)arena + 32, (size_t)b->desc.num_frames * b->desc.num_coeffs);
    }
    b->invokes++;
    /* a network uses its whole arena: scribble over everything but the input, so a front-end that kept anything in
       the arena between frames (its work buffers may live there) would produce different features */
    uint32_t x = b->invokes * 2654435761u;
    for (uint32_t i = 0; i < arena_size; i++) {
        if (i < 32u || i >= 32u + (uint32_t)b->desc.num_frames * b->desc.num_coeffs) {
            x = x * 1664525u + 1013904223u;
            ((uint8_t *)arena)[i] = (uint8_t)(x >> 24);
        }
    }
    return KWS_OK;
}
static uint32_t g_clock;
uint32_t kws_port_now_us(void)
{
    return g_clock += 7u;
}

static uint64_t mem_fe[(128 * 1024) / 8];
static uint64_t mem_stream[(256 * 1024) / 16 * 2] __attribute__((aligned(16)));
static int16_t audio[4 * 16000];
static int32_t i2s[2 * 4 * 16000];
static float clip[49 * 10];
static int8_t q[49 * 10];
static int8_t outputs[256 * 8];

static uint32_t rng_state = 12345u;
static uint32_t rng(void)
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return rng_state >> 8;
}

/* Expected hash of the window ending at frame `last` (0-based frame index in the stream). */
static uint64_t batch_hash(kws_frontend *fe, const kws_frontend_desc *d, const int16_t *pcm, uint32_t first_frame)
{
    CHECK(kws_frontend_compute_clip(fe, pcm + first_frame * d->frame_hop, 1000000u, clip) == KWS_OK);
    CHECK(kws_frontend_quantize(d, clip, (uint32_t)d->num_frames * d->num_coeffs, q) == KWS_OK);
    return fnv(q, (uint32_t)d->num_frames * d->num_coeffs);
}

static uint32_t g_tables[64 * 1024 / 4]; /* a front-end tables section, as in flash */

/* flash 1: the model has a front-end tables section (read in place) and an arena large enough for the front-end's
   work buffers; the expected features come from a front-end that built its own tables in RAM. */
static void run_case(uint16_t hop, uint16_t frames, long total, int use_i2s, uint8_t scaling, int flash)
{
    kws_frontend_desc d = scaling ? kws_test_arm_desc(hop, frames, 0.20109497f, -5) : kws_test_arm_desc(hop, frames, 1.0841935f, 100);
    d.sample_scaling = scaling;
    memset(&g_stub, 0, sizeof g_stub);
    g_stub.desc = d;
    g_stub.arena_bytes = flash ? 16000u : 4096u;
    kws_model model;
    memset(&model, 0, sizeof model);
    model.blob = (const uint8_t *)&g_stub;
    if (flash) {
        uint32_t size = 0;
        CHECK(kws_frontend_tables_build(&d, g_tables, sizeof g_tables, &size) == KWS_OK && size > 0u);
        model.fe_tables = (const uint8_t *)g_tables;
        model.fe_tables_size = size;
        const uint32_t ram = kws_frontend_buffer_size(&d), in_place = kws_frontend_buffer_size_ex(&d, 1, 1);
        CHECK(in_place + kws_frontend_tables_max_size(&d) + kws_frontend_work_size(&d) <= ram + 8u);
        printf("front-end buffer: %u bytes with tables built in RAM, %u with tables in flash and work in the arena "
               "(tables section %u bytes)\n", ram, in_place, size);
    }

    kws_frontend *fe = NULL;
    CHECK(kws_frontend_init(&fe, &d, mem_fe, sizeof mem_fe) == KWS_OK);

    uint32_t need = kws_stream_buffer_size(&model);
    CHECK(need > 0 && need <= sizeof mem_stream);
    kws_stream *s = NULL;
    CHECK(kws_stream_init(&s, &model, mem_stream, need - 16) == KWS_ERR_ARENA);
    CHECK(kws_stream_init(&s, &model, (uint8_t *)mem_stream + 8, sizeof mem_stream - 16) == KWS_ERR_ARENA);
    CHECK(kws_stream_init(&s, &model, mem_stream, need) == KWS_OK);
    if (s == NULL) {
        return;
    }
    int8_t feat[49 * 10];
    CHECK(kws_stream_features(s, feat) == KWS_ERR_ARGUMENT);

    const uint32_t window = (uint32_t)d.frame_length + ((uint32_t)frames - 1u) * hop;
    const uint32_t expected_total = total >= (long)window ? 1u + (uint32_t)(total - window) / hop : 0u;
    uint32_t produced_total = 0, invokes_seen = 0, off_by_one = 0, compared = 0;
    long pos = 0;
    while (pos < total) {
        long chunk = 1 + (long)(rng() % 1500u);
        if (rng() % 8u == 0u) {
            chunk = 1; /* single samples too */
        }
        chunk = chunk < total - pos ? chunk : total - pos;
        uint32_t produced = 0;
        kws_status st;
        if (use_i2s) {
            st = kws_stream_push_i2s32(s, i2s + 2 * pos, (uint32_t)chunk, 1, outputs, 256, &produced);
        } else {
            /* first try with no room: must refuse without consuming if an inference is due */
            uint32_t none = 99;
            st = kws_stream_push_pcm16(s, audio + pos, (uint32_t)chunk, NULL, 0, &none);
            if (st == KWS_ERR_ARGUMENT) {
                CHECK(none == 0);
                CHECK(g_stub.invokes == invokes_seen);
            } else {
                CHECK(st == KWS_OK && none == 0);
                pos += chunk;
                continue;
            }
            st = kws_stream_push_pcm16(s, audio + pos, (uint32_t)chunk, outputs, 256, &produced);
        }
        CHECK(st == KWS_OK);
        for (uint32_t i = 0; i < produced; i++) {
            const uint32_t index = produced_total + i; /* inference index -> first frame of its window */
            uint64_t want = batch_hash(fe, &d, audio, index), got;
            memcpy(&got, outputs + 8 * i, 8);
            if (scaling == 0) {
                CHECK(got == want); /* bit-exact: same code on the same samples */
            } else if (index < MAX_RECORDED) {
                /* c0 corrected for the window peak afterwards: equal up to float rounding */
                uint32_t n = (uint32_t)frames * 10u;
                for (uint32_t k = 0; k < n; k++) {
                    int dq = g_inputs[index][k] - q[k];
                    CHECK(dq >= -1 && dq <= 1);
                    off_by_one += dq != 0;
                }
                compared += n;
            }
            if (scaling == 0 && got != want) {
                fprintf(stderr, "hop %u: inference %u differs from batch\n", hop, index);
                return;
            }
        }
        produced_total += produced;
        invokes_seen = g_stub.invokes;
        pos += chunk;
    }
    CHECK(produced_total == expected_total);
    CHECK(g_stub.invokes == expected_total);
    /* the current window equals the batch features of the last window */
    if (expected_total > 0) {
        CHECK(kws_stream_features(s, feat) == KWS_OK);
        (void)batch_hash(fe, &d, audio, expected_total - 1u);
        if (scaling == 0) {
            CHECK(memcmp(feat, q, (size_t)frames * 10u) == 0);
        }
    }
    if (scaling != 0) {
        /* rounding-boundary cases only: at most 1 in 1000 values may differ (by one) */
        CHECK(compared > 0 && off_by_one * 1000u <= compared);
        printf("peak scaling: %u of %u values differ by 1 from batch\n", off_by_one, compared);
    }
    uint32_t fus = 0, nus = 0;
    CHECK(kws_stream_last_timing(s, &fus, &nus) == KWS_OK);
    /* the stub clock advances 7 us per read; no network time before the first full window */
    CHECK(fus == 7u && nus == (expected_total > 0 ? 7u : 0u));
    CHECK(kws_stream_reset(s) == KWS_OK);
    CHECK(kws_stream_features(s, feat) == KWS_ERR_ARGUMENT);
    printf("hop %u, %u frames, %s, scaling %u: %u inferences match batch\n", hop, frames, use_i2s ? "i2s" : "pcm16",
           scaling, produced_total);
}

/* Streams the audio with the given interval (seeded random chunks, pcm16), every output into `out`. */
static uint32_t stream_with_interval(kws_stream *s, uint32_t interval, long total, int8_t *out, uint32_t max_out)
{
    uint32_t produced_total = 0;
    long pos = 0;
    CHECK(kws_stream_reset(s) == KWS_OK);
    CHECK(kws_stream_set_interval(s, interval) == KWS_OK);
    while (pos < total) {
        long chunk = 1 + (long)(rng() % 2500u);
        chunk = chunk < total - pos ? chunk : total - pos;
        uint32_t produced = 99, before = g_stub.invokes;
        /* no room: refused (nothing consumed) exactly when this chunk has an inference due */
        kws_status st = kws_stream_push_pcm16(s, audio + pos, (uint32_t)chunk, NULL, 0, &produced);
        if (st == KWS_ERR_ARGUMENT) {
            CHECK(produced == 0 && g_stub.invokes == before);
            CHECK(produced_total < max_out);
            st = kws_stream_push_pcm16(s, audio + pos, (uint32_t)chunk, out + 8u * produced_total, max_out - produced_total, &produced);
            CHECK(st == KWS_OK && produced > 0);
        } else {
            CHECK(st == KWS_OK && produced == 0);
        }
        CHECK(g_stub.invokes - before == produced);
        produced_total += produced;
        pos += chunk;
    }
    return produced_total;
}

static int8_t outputs_every[256 * 8];

/* Interval k: the outputs are every k-th output of interval 1 (bit-exact), starting with the first. */
static void run_interval_case(uint8_t scaling, long n)
{
    kws_frontend_desc d = scaling ? kws_test_arm_desc(320, 49, 0.20109497f, -5) : kws_test_arm_desc(320, 49, 1.0841935f, 100);
    d.sample_scaling = scaling;
    memset(&g_stub, 0, sizeof g_stub);
    g_stub.desc = d;
    g_stub.arena_bytes = 4096;
    kws_model model;
    memset(&model, 0, sizeof model);
    model.blob = (const uint8_t *)&g_stub;
    kws_stream *s = NULL;
    CHECK(kws_stream_init(&s, &model, mem_stream, kws_stream_buffer_size(&model)) == KWS_OK);
    if (s == NULL) {
        return;
    }
    CHECK(kws_stream_set_interval(NULL, 2) == KWS_ERR_NULL);
    CHECK(kws_stream_set_interval(s, 0) == KWS_ERR_ARGUMENT);
    CHECK(kws_stream_set_interval(s, 50) == KWS_ERR_ARGUMENT); /* > num_frames */
    CHECK(kws_stream_set_interval(s, 49) == KWS_OK);

    const long total = n < 3 * 16000 + 1234 ? n : 3 * 16000 + 1234;
    const uint32_t window = (uint32_t)d.frame_length + 48u * 320u;
    const uint32_t every = stream_with_interval(s, 1, total, outputs_every, 256);
    CHECK(every == 1u + (uint32_t)(total - window) / 320u);
    const uint32_t intervals[] = {2, 3, 8, 49};
    for (uint32_t t = 0; t < sizeof intervals / sizeof intervals[0]; t++) {
        const uint32_t k = intervals[t];
        const uint32_t got = stream_with_interval(s, k, total, outputs, 256);
        CHECK(got == (every - 1u) / k + 1u);
        uint32_t same = 0;
        for (uint32_t j = 0; j < got && j * k < every; j++) {
            same += memcmp(outputs + 8u * j, outputs_every + 8u * j * k, 8) == 0;
        }
        CHECK(same == got);
        /* the I2S path counts the same way */
        CHECK(kws_stream_reset(s) == KWS_OK);
        uint32_t produced_i2s = 0, sum = 0;
        for (long pos = 0; pos < total; pos += 1280) {
            const long chunk = total - pos < 1280 ? total - pos : 1280;
            CHECK(kws_stream_push_i2s32(s, i2s + 2 * pos, (uint32_t)chunk, 1, outputs, 256, &produced_i2s) == KWS_OK);
            sum += produced_i2s;
        }
        CHECK(sum == got);
        printf("interval %u, scaling %u: %u of %u inferences, every %u-th output bit-exact\n", k, scaling, got, every, k);
    }
    /* reset keeps the interval; setting it again restarts the count from the current hop */
    CHECK(kws_stream_reset(s) == KWS_OK);
    uint32_t produced = 0;
    CHECK(kws_stream_push_pcm16(s, audio, window, outputs, 1, &produced) == KWS_OK && produced == 1);
    CHECK(kws_stream_push_pcm16(s, audio + window, 48u * 320u, outputs, 1, &produced) == KWS_OK && produced == 0);
    CHECK(kws_stream_push_pcm16(s, audio + window + 48u * 320u, 320u, outputs, 1, &produced) == KWS_OK && produced == 1);
    CHECK(kws_stream_push_pcm16(s, audio + window + 49u * 320u, 2u * 320u, outputs, 1, &produced) == KWS_OK && produced == 0);
    CHECK(kws_stream_set_interval(s, 4) == KWS_OK);
    CHECK(kws_stream_push_pcm16(s, audio + window + 51u * 320u, 3u * 320u, outputs, 1, &produced) == KWS_OK && produced == 0);
    CHECK(kws_stream_push_pcm16(s, audio + window + 54u * 320u, 320u, outputs, 1, &produced) == KWS_OK && produced == 1);
}

int main(void)
{
    char path[1024];
    kws_test_shared_path("audio/recordings/yes_no_go_stop.wav", path, sizeof path);
    long n = kws_test_read_wav(path, audio, 4 * 16000);
    CHECK(n >= 3 * 16000);
    if (n < 3 * 16000) {
        return 1;
    }
    /* I2S frames: left slot garbage, right slot the audio as 24-bit left-justified data with low bits set */
    for (long i = 0; i < n; i++) {
        i2s[2 * i] = (int32_t)(rng() << 8);
        i2s[2 * i + 1] = (int32_t)((uint32_t)(uint16_t)audio[i] << 16 | ((rng() & 0xFFu) << 8));
    }
    int16_t back[4];
    const int32_t fr[8] = {0x7FFFFF00, -256, (int32_t)0x80000000u, 0x00010000, -65536, 0x0000FF00, 0x12345600, -1};
    CHECK(kws_i2s32_to_pcm16(fr, 4, 0, back) == KWS_OK);
    CHECK(back[0] == 32767 && back[1] == -32768 && back[2] == -1 && back[3] == 0x1234);
    CHECK(kws_i2s32_to_pcm16(fr, 4, 1, back) == KWS_OK);
    CHECK(back[0] == -1 && back[1] == 1 && back[2] == 0 && back[3] == -1);
    CHECK(kws_i2s32_to_pcm16(fr, 4, 2, back) == KWS_ERR_ARGUMENT);

    run_case(320, 49, n, 0, 0, 0);
    run_case(640, 25, n, 0, 0, 0);
    run_case(320, 49, n, 1, 0, 0);
    run_case(320, 49, 15999, 0, 0, 0); /* one sample short of a window: no inference */
    run_case(320, 49, n, 0, 1, 0);     /* peak-normalised (MicroNet) */
    run_case(320, 49, n, 0, 0, 1);     /* tables in flash, work buffers in the arena */
    run_case(640, 25, n, 1, 0, 1);
    run_case(320, 49, n, 0, 1, 1);
    run_interval_case(0, n);
    run_interval_case(1, n);

    if (failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", failures);
        return 1;
    }
    printf("stream: all checks passed\n");
    return 0;
}
