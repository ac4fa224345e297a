/*
 * KwsNano nanoFramework session (kws_nf_session.h): the logic behind every KwsEngine extern, shared by the
 * device glue and the virtual board. No global state: the caller owns the session and passes the hooks.
 */
#include <string.h>
#include "kws_nf_session.h"

#define KWS__NF_ALIGN 16u

static int32_t kws__nf_fail(kws_status st) { return -(int32_t)st; }

static int32_t kws__nf_clamp_i32(uint64_t v) { return v > (uint64_t)INT32_MAX ? INT32_MAX : (int32_t)v; }

/* 16-byte aligned pointer inside a block of at least bytes + KWS__NF_ALIGN - 1 bytes. */
static void *kws__nf_align(void *block)
{
    return (void *)(((uintptr_t)block + (KWS__NF_ALIGN - 1u)) & ~(uintptr_t)(KWS__NF_ALIGN - 1u));
}

/* Block with room for `bytes` 16-byte aligned bytes, or NULL (also when the size would overflow). */
static void *kws__nf_alloc(const kws_nf_hooks *hooks, uint32_t bytes)
{
    if (bytes > UINT32_MAX - KWS__NF_ALIGN) {
        return NULL;
    }
    return hooks->alloc((size_t)bytes + (KWS__NF_ALIGN - 1u));
}

uint32_t kws_nf_session_size(void)
{
    return (uint32_t)sizeof(kws_nf_session);
}

kws_status kws_nf_session_init(kws_nf_session *session, const kws_nf_hooks *hooks)
{
    if (session == NULL || hooks == NULL) {
        return KWS_ERR_NULL;
    }
    memset(session, 0, sizeof *session);
    session->hooks = hooks;
    return KWS_OK;
}

void kws_nf_session_release(kws_nf_session *session)
{
    const kws_nf_hooks *hooks;
    if (session == NULL || session->hooks == NULL) {
        return;
    }
    hooks = session->hooks;
    if (session->stream_block != NULL) {
        hooks->release(session->stream_block);
    }
    if (session->blob_block != NULL) {
        hooks->release(session->blob_block);
    }
    memset(session, 0, sizeof *session);
    session->hooks = hooks;
}

/* Opens `blob` (16-byte aligned, outlives the session) and the stream; fills the info. 0 or -status. */
static int32_t kws__nf_open(kws_nf_session *s, const void *blob, uint32_t size)
{
    kws_frontend_desc desc;
    kws_dims dims;
    kws_quant quant;
    uint32_t classes = 0, bytes;
    kws_status st = kws_model_open(&s->model, blob, size);
    if (st == KWS_OK) {
        st = kws_model_frontend(&s->model, &desc);
    }
    if (st == KWS_OK) {
        st = kws_model_io(&s->model, 1, &dims, &quant, &classes);
    }
    if (st != KWS_OK) {
        return kws__nf_fail(st);
    }
    bytes = kws_stream_buffer_size(&s->model);
    s->stream_block = kws__nf_alloc(s->hooks, bytes);
    if (s->stream_block == NULL) {
        return -KWS_NF_OUT_OF_MEMORY;
    }
    st = kws_stream_init(&s->stream, &s->model, kws__nf_align(s->stream_block), bytes);
    if (st != KWS_OK) {
        return kws__nf_fail(st);
    }
    /* Every value below is bounded by the validated blob: classes <= 65535, u16 front-end fields, u32 rate <= 192000. */
    s->info[KWS_NF_INFO_CLASSES] = (int32_t)classes;
    s->info[KWS_NF_INFO_SAMPLE_RATE] = (int32_t)desc.sample_rate;
    s->info[KWS_NF_INFO_HOP] = (int32_t)desc.frame_hop;
    s->info[KWS_NF_INFO_FRAME_LENGTH] = (int32_t)desc.frame_length;
    s->info[KWS_NF_INFO_FRAMES] = (int32_t)desc.num_frames;
    s->info[KWS_NF_INFO_OUTPUT_ZERO_POINT] = quant.zero_point;
    s->info[KWS_NF_INFO_FLAGS] = (int32_t)s->model.flags;
    s->info[KWS_NF_INFO_MAX_FRAMES_PER_CALL] = KWS_NF_MAX_HOPS_PER_CALL * (int32_t)desc.frame_hop;
    s->info[KWS_NF_INFO_STREAM_BYTES] = kws__nf_clamp_i32(bytes);
    s->output_scale = quant.scale;
    s->loaded = 1;
    return 0;
}

int32_t kws_nf_session_load(kws_nf_session *session, const uint8_t *blob, uint32_t size)
{
    int32_t result;
    void *copy;
    if (session == NULL || session->hooks == NULL) {
        return -KWS_NF_ARGUMENT;
    }
    kws_nf_session_release(session);
    if (blob == NULL) {
        return -KWS_NF_ARGUMENT;
    }
    session->blob_block = kws__nf_alloc(session->hooks, size);
    if (session->blob_block == NULL) {
        return -KWS_NF_OUT_OF_MEMORY;
    }
    copy = kws__nf_align(session->blob_block);
    memcpy(copy, blob, size);
    result = kws__nf_open(session, copy, size);
    if (result != 0) {
        kws_nf_session_release(session);
    }
    return result;
}

int32_t kws_nf_session_load_flash(kws_nf_session *session, uint32_t address, uint32_t max_size)
{
    const void *blob = NULL;
    uint32_t size = 0;
    int32_t result;
    if (session == NULL || session->hooks == NULL) {
        return -KWS_NF_ARGUMENT;
    }
    kws_nf_session_release(session);
    if (session->hooks->flash_map(address, max_size, &blob, &size) != 0 || blob == NULL || size > max_size) {
        return -KWS_NF_FLASH;
    }
    result = kws__nf_open(session, blob, size);
    if (result != 0) {
        kws_nf_session_release(session);
    }
    return result;
}

int32_t kws_nf_session_info(const kws_nf_session *session, int32_t *info, uint32_t info_length)
{
    if (session == NULL || !session->loaded) {
        return -KWS_NF_NO_MODEL;
    }
    if (info == NULL || info_length < (uint32_t)KWS_NF_INFO_LENGTH) {
        return -KWS_NF_ARGUMENT;
    }
    memcpy(info, session->info, sizeof session->info);
    return 0;
}

float kws_nf_session_output_scale(const kws_nf_session *session)
{
    return session != NULL && session->loaded ? session->output_scale : 0.0f;
}

int32_t kws_nf_session_label(const kws_nf_session *session, int32_t index, char *text, uint32_t capacity)
{
    const char *label;
    uint32_t length, n;
    if (session == NULL || !session->loaded) {
        return -KWS_NF_NO_MODEL;
    }
    if (index < 0 || text == NULL || capacity == 0u ||
        kws_model_label(&session->model, (uint32_t)index, &label, &length) != KWS_OK) {
        return -KWS_NF_ARGUMENT;
    }
    n = length;
    if (n > KWS_NF_LABEL_MAX || n > capacity - 1u) {
        n = capacity - 1u < (uint32_t)KWS_NF_LABEL_MAX ? capacity - 1u : (uint32_t)KWS_NF_LABEL_MAX;
        /* label[n] is the first byte left out: while it continues a character, leave that character out too */
        while (n > 0u && ((uint8_t)label[n] & 0xC0u) == 0x80u) {
            n--;
        }
    }
    memcpy(text, label, n);
    text[n] = '\0';
    return (int32_t)n;
}

int32_t kws_nf_session_process_i2s(kws_nf_session *session, const uint8_t *frames, uint32_t frames_bytes,
                                   int32_t frame_count, int32_t slot, int8_t *scores, uint32_t scores_length,
                                   int32_t *timing, uint32_t timing_length)
{
    uint32_t classes, produced = 0, fe_us = 0, net_us = 0;
    uint64_t start;
    kws_status st;
    if (session == NULL || !session->loaded) {
        return -KWS_NF_NO_MODEL;
    }
    classes = (uint32_t)session->info[KWS_NF_INFO_CLASSES];
    /* frame_count is bounded by the per-call limit before it is multiplied */
    if (frames == NULL || scores == NULL || timing == NULL || frame_count < 0 ||
        frame_count > session->info[KWS_NF_INFO_MAX_FRAMES_PER_CALL] ||
        frames_bytes < (uint32_t)frame_count * KWS_NF_BYTES_PER_FRAME || ((uintptr_t)frames & 3u) != 0u ||
        scores_length < classes || timing_length < (uint32_t)KWS_NF_TIMING_LENGTH || slot < 0 || slot > 1) {
        return -KWS_NF_ARGUMENT;
    }
    start = session->hooks->now_us64();
    st = kws_stream_push_i2s32(session->stream, (const int32_t *)(const void *)frames, (uint32_t)frame_count, slot,
                               scores, scores_length / classes, &produced);
    kws_stream_last_timing(session->stream, &fe_us, &net_us);
    timing[KWS_NF_TIMING_FRONTEND_US] = kws__nf_clamp_i32(fe_us);
    timing[KWS_NF_TIMING_NETWORK_US] = kws__nf_clamp_i32(net_us);
    timing[KWS_NF_TIMING_CALL_US] = kws__nf_clamp_i32(session->hooks->now_us64() - start);
    return st == KWS_OK ? (int32_t)produced : kws__nf_fail(st);
}

int32_t kws_nf_session_reset(kws_nf_session *session)
{
    if (session == NULL || !session->loaded) {
        return -KWS_NF_NO_MODEL;
    }
    return kws__nf_fail(kws_stream_reset(session->stream));
}

int32_t kws_nf_session_set_interval(kws_nf_session *session, int32_t hops)
{
    if (session == NULL || !session->loaded) {
        return -KWS_NF_NO_MODEL;
    }
    if (hops < 1) {
        return -KWS_NF_ARGUMENT;
    }
    return kws__nf_fail(kws_stream_set_interval(session->stream, (uint32_t)hops));
}

const char *kws_nf_session_status_text(int32_t status)
{
    /* magnitude without negating INT32_MIN */
    uint32_t s = status < 0 ? 0u - (uint32_t)status : (uint32_t)status;
    switch (s) {
    case KWS_NF_NO_MODEL: return "no model loaded";
    case KWS_NF_OUT_OF_MEMORY: return "out of memory for the model or its stream";
    case KWS_NF_FLASH: return "no valid model in flash at the configured address";
    case KWS_NF_NO_CAPTURE: return "native capture not available or not started";
    case KWS_NF_ARGUMENT: return "invalid argument (array too small or too many frames for one call)";
    default:
        /* beyond the engine's range: one past its last status ("unknown status"), never a truncated value (Arm EABI
         * enums may be one byte wide) */
        return kws_status_str(s > (uint32_t)KWS_ERR_UNSUPPORTED ? (kws_status)(KWS_ERR_UNSUPPORTED + 1) : (kws_status)s);
    }
}

int64_t kws_nf_session_now_us(const kws_nf_session *session)
{
    if (session == NULL || session->hooks == NULL) {
        return 0;
    }
    return (int64_t)(session->hooks->now_us64() & (uint64_t)INT64_MAX);
}

int32_t kws_nf_session_capture_start(kws_nf_session *session, int32_t sample_rate, int32_t buffer_frames)
{
    if (session == NULL || session->hooks == NULL || sample_rate < 1 || buffer_frames < 1) {
        return -KWS_NF_ARGUMENT;
    }
    return session->hooks->capture_start(sample_rate, buffer_frames);
}

int32_t kws_nf_session_capture_read(kws_nf_session *session, uint8_t *frames, uint32_t frames_bytes,
                                    int32_t frame_count, int32_t timeout_ms)
{
    if (session == NULL || session->hooks == NULL || frames == NULL || frame_count < 0 ||
        (uint64_t)frames_bytes < (uint64_t)frame_count * KWS_NF_BYTES_PER_FRAME) {
        return -KWS_NF_ARGUMENT;
    }
    return session->hooks->capture_read(frames, frame_count, timeout_ms);
}

int32_t kws_nf_session_capture_stop(kws_nf_session *session)
{
    if (session == NULL || session->hooks == NULL) {
        return -KWS_NF_ARGUMENT;
    }
    return session->hooks->capture_stop();
}
