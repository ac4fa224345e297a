/*
 * KwsNano streaming pipeline: PCM chunks of any size -> one MFCC frame per hop -> a ring of the last
 * num_frames quantised frames -> the network every `interval` hops once the ring is full (default 1).
 *
 * Samples go into a FIFO of frame_length samples. When it is full a frame is computed, quantised
 * into the ring (old frames are never recomputed) and the FIFO drops its oldest frame_hop samples.
 * So the first frame needs frame_length samples, every later one frame_hop more, and the first
 * complete window frame_length + (num_frames - 1) * frame_hop samples (16,000 for 49 x 320 / 640).
 * Each inference writes the ring unrolled oldest-first into the model's input tensor in the arena.
 * With an interval of N hops (kws_stream_set_interval) every frame is still computed, but the network runs
 * only on the hop that fills the ring and then on every N-th hop after it (hops_since counts them).
 *
 * Peak-normalised descriptors (sample_scaling 1: audio divided by its peak |sample| over the window,
 * as MicroNet and MLPerf Tiny were trained) cannot know the window's peak when a frame is computed.
 * A gain g only adds ln g to every log-mel value, which the DCT (row 0 constant sqrt(2/M), rows k > 0
 * summing to zero) turns into sqrt(2M) ln g on c0 alone. So frames are computed at 1/32768, the ring
 * also keeps each frame's float c0 and peak, and each inference quantises c0 + sqrt(2M) ln(32768/P)
 * with P the window's peak. Exact up to float rounding for log_mode 0 (the FLT_MIN start only matters
 * for all-zero frames, which clamp anyway); approximate for log_mode 1 (the + 1e-6 term).
 *
 * Memory (caller buffer, 16-byte aligned): this struct, the model arena, the front-end buffer, the
 * FIFO, the ring (plus per-frame c0 and peak for sample_scaling 1) and one frame of float MFCCs. No malloc, no static
 * data, small stack. The front-end reads its tables in place from the blob when it has a tables section (format
 * 1.2; otherwise they are built into the front-end buffer), and its per-frame work buffers (FFT, spectrum) live in
 * the model arena when that is large enough: a frame is computed before the window is copied into the input tensor
 * and the network runs, so the two never hold live data at the same time.
 */
#include <math.h>
#include <string.h>
#include "kws_frontend_internal.h"
#include "kws_port.h"

struct kws_stream {
    kws_model model;          /* copy of the opened model (points into the caller's blob) */
    kws_frontend *fe;
    void *arena;
    uint32_t arena_bytes;
    uint32_t classes;         /* output elements per inference */
    int16_t *fifo;            /* frame_length samples */
    uint32_t fifo_fill;
    int8_t *ring;             /* num_frames x num_coeffs */
    uint32_t ring_head;       /* next frame slot to write = oldest frame once full */
    uint32_t ring_count;      /* frames held, <= num_frames */
    uint32_t interval;        /* hops per inference once the ring is full, 1..num_frames */
    uint32_t hops_since;      /* hops since the last inference, 0..interval-1 (ring full) */
    float *ring_c0;           /* num_frames float c0 at gain 1/32768 (sample_scaling 1) */
    int32_t *ring_peak;       /* num_frames peak |sample| of each frame (sample_scaling 1) */
    float *mfcc;              /* num_coeffs */
    uint32_t frontend_us, network_us;
};

typedef struct {
    uint32_t arena, fe, fifo, ring, ring_c0, ring_peak, mfcc, total;
    const void *tables;       /* the blob's front-end tables section, NULL when none */
    uint32_t tables_size;
    int work_in_arena;        /* the front-end's work buffers share the model arena */
} kws__stream_layout;

static uint32_t kws__align16(uint32_t v)
{
    return (v + 15u) & ~15u;
}

static kws_status kws__stream_plan(const kws_model *model, kws_frontend_desc *desc, kws__stream_layout *l)
{
    kws_status st = kws_model_frontend(model, desc);
    if (st != KWS_OK) {
        return st;
    }
    if (desc->kind == KWS_FRONTEND_NONE) {
        return KWS_ERR_UNSUPPORTED;
    }
    st = kws_model_frontend_tables(model, &l->tables, &l->tables_size);
    if (st != KWS_OK) {
        return st;
    }
    l->work_in_arena = kws_frontend_work_size(desc) <= kws_model_arena_bytes(model);
    const uint32_t fe_bytes = kws_frontend_buffer_size_ex(desc, l->tables != NULL, l->work_in_arena);
    if (fe_bytes == 0u) {
        return KWS_ERR_FRONTEND;
    }
    const uint32_t per_frame = desc->sample_scaling == 1u ? 4u * desc->num_frames : 0u;
    uint32_t at = kws__align16((uint32_t)sizeof(struct kws_stream));
    l->arena = at; at = kws__align16(at + kws_model_arena_bytes(model));
    l->fe = at;    at = kws__align16(at + fe_bytes);
    l->fifo = at;  at = kws__align16(at + 2u * desc->frame_length);
    l->ring = at;  at = kws__align16(at + (uint32_t)desc->num_frames * desc->num_coeffs);
    l->ring_c0 = at; at = kws__align16(at + per_frame);
    l->ring_peak = at; at = kws__align16(at + per_frame);
    l->mfcc = at;  at = kws__align16(at + 4u * desc->num_coeffs);
    l->total = at;
    return KWS_OK;
}

uint32_t kws_stream_buffer_size(const kws_model *model)
{
    kws_frontend_desc desc;
    kws__stream_layout l;
    if (model == NULL || kws__stream_plan(model, &desc, &l) != KWS_OK) {
        return 0u;
    }
    return l.total;
}

kws_status kws_stream_init(kws_stream **stream, const kws_model *model, void *mem, uint32_t mem_size)
{
    kws_frontend_desc desc;
    kws__stream_layout l;
    kws_dims dims;
    kws_quant quant;
    uint32_t in_elems = 0, out_elems = 0;
    if (stream == NULL || model == NULL || mem == NULL) {
        return KWS_ERR_NULL;
    }
    *stream = NULL;
    if (((uintptr_t)mem & 15u) != 0u) {
        return KWS_ERR_ARENA;
    }
    kws_status st = kws__stream_plan(model, &desc, &l);
    if (st != KWS_OK) {
        return st;
    }
    if (mem_size < l.total) {
        return KWS_ERR_ARENA;
    }
    st = kws_model_io(model, 0, &dims, &quant, &in_elems);
    if (st == KWS_OK) {
        st = kws_model_io(model, 1, &dims, &quant, &out_elems);
    }
    if (st != KWS_OK) {
        return st;
    }
    if (in_elems != (uint32_t)desc.num_frames * desc.num_coeffs || out_elems == 0u) {
        return KWS_ERR_FRONTEND;
    }
    uint8_t *base = (uint8_t *)mem;
    struct kws_stream *s = (struct kws_stream *)mem;
    memset(s, 0, sizeof(*s));
    s->model = *model;
    s->arena = base + l.arena;
    s->arena_bytes = kws_model_arena_bytes(model);
    s->classes = out_elems;
    st = kws_frontend_init_ex(&s->fe, &desc, l.tables, l.tables_size, l.work_in_arena ? s->arena : NULL,
                              l.work_in_arena ? s->arena_bytes : 0u, base + l.fe, l.fifo - l.fe);
    if (st != KWS_OK) {
        return st;
    }
    s->fifo = (int16_t *)(base + l.fifo);
    s->ring = (int8_t *)(base + l.ring);
    s->ring_c0 = (float *)(base + l.ring_c0);
    s->ring_peak = (int32_t *)(base + l.ring_peak);
    s->mfcc = (float *)(base + l.mfcc);
    s->interval = 1u;
    *stream = s;
    return kws_stream_reset(s);
}

kws_status kws_stream_reset(kws_stream *stream)
{
    if (stream == NULL) {
        return KWS_ERR_NULL;
    }
    stream->fifo_fill = 0;
    stream->ring_head = 0;
    stream->ring_count = 0;
    stream->hops_since = 0;
    stream->frontend_us = 0;
    stream->network_us = 0;
    return kws_frontend_reset(stream->fe);
}

/* Inferences a push of `count` samples will run (exact: the FIFO and ring are deterministic). */
static uint32_t kws__pending_inferences(const kws_stream *s, uint32_t count)
{
    const kws_frontend_desc *d = &s->fe->desc;
    const uint64_t avail = (uint64_t)s->fifo_fill + count;
    if (avail < d->frame_length) {
        return 0u;
    }
    const uint64_t frames = 1u + (avail - d->frame_length) / d->frame_hop;
    if (s->ring_count < d->num_frames) {
        /* the hop that fills the ring runs the network, then every interval-th hop */
        const uint64_t missing = (uint64_t)d->num_frames - 1u - s->ring_count;
        return frames > missing ? (uint32_t)(1u + (frames - missing - 1u) / s->interval) : 0u;
    }
    /* ring full: the next inference is on hop number interval - hops_since of this push */
    return (uint32_t)((frames + s->hops_since) / s->interval);
}

/* Whether the hop about to be computed runs the network (ring full after it, interval reached). */
static int kws__hop_infers(const kws_stream *s)
{
    if (s->ring_count + 1u < s->fe->desc.num_frames) {
        return 0;
    }
    return s->ring_count < s->fe->desc.num_frames || s->hops_since + 1u >= s->interval;
}

kws_status kws_stream_set_interval(kws_stream *stream, uint32_t hops)
{
    if (stream == NULL) {
        return KWS_ERR_NULL;
    }
    if (hops == 0u || hops > stream->fe->desc.num_frames) {
        return KWS_ERR_ARGUMENT;
    }
    stream->interval = hops;
    stream->hops_since = 0;
    return KWS_OK;
}

/* The FIFO is full: compute one frame into the ring, then run the network if `output` is not NULL
 * (the caller decided with kws__hop_infers, which needs the ring state before this hop). */
static kws_status kws__stream_hop(kws_stream *s, int8_t *output)
{
    const kws_frontend_desc *d = &s->fe->desc;
    const uint32_t t0 = kws_port_now_us();
    kws_status st = kws_frontend_compute_frame(s->fe, s->fifo, s->mfcc);
    if (st != KWS_OK) {
        return st;
    }
    st = kws_frontend_quantize(d, s->mfcc, d->num_coeffs, s->ring + s->ring_head * d->num_coeffs);
    if (st != KWS_OK) {
        return st;
    }
    if (d->sample_scaling == 1u) {
        int32_t peak = 1;
        for (uint32_t i = 0; i < d->frame_length; i++) {
            const int32_t a = s->fifo[i] < 0 ? -(int32_t)s->fifo[i] : (int32_t)s->fifo[i];
            peak = a > peak ? a : peak;
        }
        s->ring_c0[s->ring_head] = s->mfcc[0];
        s->ring_peak[s->ring_head] = peak;
    }
    s->ring_head = (s->ring_head + 1u) % d->num_frames;
    if (s->ring_count < d->num_frames) {
        s->ring_count++;
    }
    /* drop the oldest hop from the FIFO */
    memmove(s->fifo, s->fifo + d->frame_hop, 2u * (uint32_t)(d->frame_length - d->frame_hop));
    s->fifo_fill = (uint32_t)d->frame_length - d->frame_hop;
    const uint32_t t1 = kws_port_now_us();
    s->frontend_us = t1 - t0;
    if (output == NULL) {
        if (s->ring_count == d->num_frames) {
            s->hops_since++;
        }
        return KWS_OK;
    }
    s->hops_since = 0;
    int8_t *input = NULL;
    st = kws_model_input_ptr(&s->model, s->arena, s->arena_bytes, &input);
    if (st != KWS_OK) {
        return st;
    }
    st = kws_stream_features(s, input);
    if (st != KWS_OK) {
        return st;
    }
    st = kws_invoke(&s->model, s->arena, s->arena_bytes, NULL, output);
    s->network_us = kws_port_now_us() - t1;
    return st;
}

kws_status kws_stream_push_pcm16(kws_stream *stream, const int16_t *pcm, uint32_t count,
                                 int8_t *outputs, uint32_t max_outputs, uint32_t *produced)
{
    if (stream == NULL || produced == NULL || (count != 0u && pcm == NULL)) {
        return KWS_ERR_NULL;
    }
    *produced = 0;
    const uint32_t pending = kws__pending_inferences(stream, count);
    if (pending > max_outputs) {
        return KWS_ERR_ARGUMENT;
    }
    if (pending != 0u && outputs == NULL) {
        return KWS_ERR_NULL;
    }
    const uint32_t frame_length = stream->fe->desc.frame_length;
    while (count > 0u) {
        uint32_t n = frame_length - stream->fifo_fill;
        n = n < count ? n : count;
        memcpy(stream->fifo + stream->fifo_fill, pcm, 2u * n);
        stream->fifo_fill += n;
        pcm += n;
        count -= n;
        if (stream->fifo_fill == frame_length) {
            const int full = kws__hop_infers(stream);
            kws_status st = kws__stream_hop(stream, full ? outputs + *produced * stream->classes : NULL);
            if (st != KWS_OK) {
                return st;
            }
            if (full) {
                (*produced)++;
            }
        }
    }
    return KWS_OK;
}

kws_status kws_stream_push_i2s32(kws_stream *stream, const int32_t *frames, uint32_t frame_count, int slot,
                                 int8_t *outputs, uint32_t max_outputs, uint32_t *produced)
{
    int16_t chunk[64]; /* 128 bytes of stack */
    if (stream == NULL || produced == NULL || (frame_count != 0u && frames == NULL)) {
        return KWS_ERR_NULL;
    }
    *produced = 0;
    if (slot != 0 && slot != 1) {
        return KWS_ERR_ARGUMENT;
    }
    /* check capacity for the whole call first so a refusal consumes nothing */
    const uint32_t pending = kws__pending_inferences(stream, frame_count);
    if (pending > max_outputs) {
        return KWS_ERR_ARGUMENT;
    }
    while (frame_count > 0u) {
        const uint32_t n = frame_count < 64u ? frame_count : 64u;
        uint32_t got = 0;
        (void)kws_i2s32_to_pcm16(frames, n, slot, chunk);
        kws_status st = kws_stream_push_pcm16(stream, chunk, n, outputs == NULL ? NULL : outputs + *produced * stream->classes,
                                              max_outputs - *produced, &got);
        *produced += got;
        if (st != KWS_OK) {
            return st;
        }
        frames += 2u * n;
        frame_count -= n;
    }
    return KWS_OK;
}

kws_status kws_stream_features(const kws_stream *stream, int8_t *features)
{
    if (stream == NULL || features == NULL) {
        return KWS_ERR_NULL;
    }
    const kws_frontend_desc *d = &stream->fe->desc;
    if (stream->ring_count < d->num_frames) {
        return KWS_ERR_ARGUMENT;
    }
    /* ring_head is the oldest frame once the ring is full */
    const uint32_t c = d->num_coeffs;
    const uint32_t tail = (uint32_t)d->num_frames - stream->ring_head;
    memcpy(features, stream->ring + stream->ring_head * c, tail * c);
    memcpy(features + tail * c, stream->ring, stream->ring_head * c);
    if (d->sample_scaling == 1u) {
        /* re-quantise c0 for the window's peak (see the top of this file) */
        int32_t peak = 1;
        for (uint32_t i = 0; i < d->num_frames; i++) {
            peak = stream->ring_peak[i] > peak ? stream->ring_peak[i] : peak;
        }
        const float shift = sqrtf(2.0f * (float)d->mel_bins) * logf(32768.0f / (float)peak);
        for (uint32_t i = 0; i < d->num_frames; i++) {
            const float c0 = stream->ring_c0[(stream->ring_head + i) % d->num_frames] + shift;
            kws_status st = kws_frontend_quantize(d, &c0, 1u, features + i * c);
            if (st != KWS_OK) {
                return st;
            }
        }
    }
    return KWS_OK;
}

kws_status kws_stream_last_timing(const kws_stream *stream, uint32_t *frontend_us, uint32_t *network_us)
{
    if (stream == NULL || frontend_us == NULL || network_us == NULL) {
        return KWS_ERR_NULL;
    }
    *frontend_us = stream->frontend_us;
    *network_us = stream->network_us;
    return KWS_OK;
}
