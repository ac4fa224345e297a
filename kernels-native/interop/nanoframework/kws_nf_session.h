/*
 * KwsNano nanoFramework session: everything behind the externs of KwsNano.Interop.KwsEngine
 * (firmware/KwsNano.Interop/KwsEngine.cs) except the marshalling, in plain C99. One session holds one model
 * and its stream in memory it gets from the platform hooks; every call is bounded in time.
 *
 * Two callers run this same code:
 *  - the device glue, KwsNano_Interop_KwsNano_Interop_KwsEngine.cpp, which only moves stack arguments in and
 *    results out and wires the hooks to the port (kws_nf_port.h, platform_malloc);
 *  - the virtual board (firmware/VirtualBoard), through P/Invoke into the host library libkwsnano, with the
 *    virtual clock, flash and microphone as hooks.
 *
 * Conventions: functions returning int32_t return a value >= 0 on success and a negative status on failure:
 * -kws_status (1..18, the engine's) or -kws_nf_status (100..104, the session's). A managed array reaches the
 * session as (pointer, element count); a null array is (NULL, 0).
 * The numbers below are the managed constants of KwsEngine.cs; tests/KwsNano.Tests checks them against this
 * header, and tests/native/test_nf_session.c checks what each call does with them.
 */
#ifndef KWS_NF_SESSION_H
#define KWS_NF_SESSION_H

#include <stddef.h>
#include <stdint.h>
#include "kws_nano.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Session status codes (KwsEngine.Status*), above the engine's kws_status range. */
typedef enum {
    KWS_NF_NO_MODEL = 100,      /* no model is loaded (or the last load failed) */
    KWS_NF_OUT_OF_MEMORY = 101, /* the blob copy or the stream could not be allocated */
    KWS_NF_FLASH = 102,         /* the flash region could not be mapped, holds no model, or one larger than the region */
    KWS_NF_NO_CAPTURE = 103,    /* native capture not available on this target, or not started */
    KWS_NF_ARGUMENT = 104       /* null or too small array, frame count above the per-call limit, bad slot or interval */
} kws_nf_status;

/** Indices of the array kws_nf_session_info fills (KwsEngine.Info*). */
typedef enum {
    KWS_NF_INFO_CLASSES = 0,              /* classes of the output (int8 scores per inference) */
    KWS_NF_INFO_SAMPLE_RATE = 1,          /* front-end sample rate, Hz */
    KWS_NF_INFO_HOP = 2,                  /* front-end frame hop, samples (one feature frame per hop) */
    KWS_NF_INFO_FRAME_LENGTH = 3,         /* front-end frame length, samples */
    KWS_NF_INFO_FRAMES = 4,               /* feature frames in the network's input window */
    KWS_NF_INFO_OUTPUT_ZERO_POINT = 5,    /* zero point of the int8 output */
    KWS_NF_INFO_FLAGS = 6,                /* .kwsm header flags (KWS_FLAG_*) */
    KWS_NF_INFO_MAX_FRAMES_PER_CALL = 7,  /* KWS_NF_MAX_HOPS_PER_CALL x hop: the most frames one process call takes */
    KWS_NF_INFO_STREAM_BYTES = 8,         /* kws_stream_buffer_size of the model (the stream's native memory) */
    KWS_NF_INFO_LENGTH = 9                /* entries filled */
} kws_nf_info_index;

/** Indices of the timing array kws_nf_session_process_i2s fills (KwsEngine.Timing*). */
typedef enum {
    KWS_NF_TIMING_FRONTEND_US = 0, /* front-end microseconds of the last hop (kws_stream_last_timing) */
    KWS_NF_TIMING_NETWORK_US = 1,  /* network microseconds of the last hop, 0 when it ran no inference */
    KWS_NF_TIMING_CALL_US = 2,     /* microseconds of the whole push, by the hooks' clock */
    KWS_NF_TIMING_LENGTH = 3       /* entries filled */
} kws_nf_timing_index;

/** Most hops (so at most this many inferences) one process call may perform (KwsEngine.MaxHopsPerCall). */
#define KWS_NF_MAX_HOPS_PER_CALL 4
/** Bytes of one I2S frame: two 32-bit slots, left then right (KwsEngine.BytesPerFrame). */
#define KWS_NF_BYTES_PER_FRAME 8
/** Longest label, bytes of UTF-8: the format's limit (KWS_LABEL_MAX_LENGTH); a buffer this size + 1 takes any label whole. */
#define KWS_NF_LABEL_MAX KWS_LABEL_MAX_LENGTH

/**
 * What the session needs from the platform. The device glue passes the port (kws_nf_port.h) and nanoCLR's
 * platform_malloc/platform_free; the virtual board its own clock, flash and microphone. All are required.
 */
typedef struct {
    void *(*alloc)(size_t bytes);  /* NULL when out of memory; any alignment (the session aligns to 16) */
    void (*release)(void *block);  /* frees what alloc returned */
    /* Makes the blob at flash `address` readable in place until the next call: 0 or non-zero (not mapped). */
    int (*flash_map)(uint32_t address, uint32_t max_size, const void **blob, uint32_t *size);
    uint64_t (*now_us64)(void);    /* microseconds since boot */
    int (*capture_start)(int sample_rate, int buffer_frames);          /* 0 or a negative status */
    int (*capture_read)(uint8_t *frames, int frame_count, int timeout_ms); /* frames read or a negative status */
    int (*capture_stop)(void);     /* 0 or a negative status */
} kws_nf_hooks;

/** One model and its stream. Lives in caller memory (the glue: a static); treat the fields as private. */
typedef struct {
    const kws_nf_hooks *hooks;
    kws_model model;
    kws_stream *stream;
    void *blob_block;   /* kws_nf_session_load: the copy of the blob (alloc); NULL for a flash model */
    void *stream_block; /* the stream's memory (alloc); the stream lives 16-byte aligned inside it */
    int32_t info[KWS_NF_INFO_LENGTH];
    float output_scale;
    int loaded;
} kws_nf_session;

/** sizeof(kws_nf_session), for callers that allocate it without the header (P/Invoke). */
uint32_t kws_nf_session_size(void);

/** Initialises `session` with no model; `hooks` must outlive it. KWS_ERR_NULL if either is NULL. */
kws_status kws_nf_session_init(kws_nf_session *session, const kws_nf_hooks *hooks);

/** Frees the model and stream (the session stays usable, with no model). */
void kws_nf_session_release(kws_nf_session *session);

/**
 * LoadModel: releases the current model, copies `size` bytes of `blob` into allocated memory (managed arrays
 * may move after the call), validates the copy (kws_model_open) and opens a stream over it.
 * 0, or -KWS_NF_ARGUMENT (blob NULL), -KWS_NF_OUT_OF_MEMORY, -kws_status of the validation; then no model.
 */
int32_t kws_nf_session_load(kws_nf_session *session, const uint8_t *blob, uint32_t size);

/**
 * LoadModelFromFlash: releases the current model, maps the blob at `address` (hooks->flash_map) and opens it in
 * place. -KWS_NF_FLASH when it cannot be mapped or its size exceeds `max_size`; else as kws_nf_session_load.
 */
int32_t kws_nf_session_load_flash(kws_nf_session *session, uint32_t address, uint32_t max_size);

/** GetModelInfo: fills info[0..KWS_NF_INFO_LENGTH) (kws_nf_info_index). 0, -KWS_NF_NO_MODEL, or -KWS_NF_ARGUMENT (NULL or shorter). */
int32_t kws_nf_session_info(const kws_nf_session *session, int32_t *info, uint32_t info_length);

/** GetOutputScale: scale of the int8 output (real = scale x (q - zero point)); 0 without a model. */
float kws_nf_session_output_scale(const kws_nf_session *session);

/**
 * GetLabel: label `index` as NUL-terminated UTF-8 in `text` (capacity `capacity` bytes, NUL included), at most
 * KWS_NF_LABEL_MAX bytes (every label the format allows, whole, with capacity > KWS_NF_LABEL_MAX); a smaller
 * buffer gets the longest prefix of whole UTF-8 characters that fits. Returns the bytes written (without the NUL), -KWS_NF_NO_MODEL, or
 * -KWS_NF_ARGUMENT (index out of range, text NULL, capacity 0).
 */
int32_t kws_nf_session_label(const kws_nf_session *session, int32_t index, char *text, uint32_t capacity);

/**
 * ProcessI2s: pushes `frame_count` 32-bit stereo frames (`frames`: `frames_bytes` bytes, 4-byte aligned) from
 * slot `slot` (0 left, 1 right); each inference appends classes int8 scores to `scores` (room for
 * scores_length / classes inferences) and `timing` (kws_nf_timing_index) is filled. Returns the inferences
 * run, -KWS_NF_NO_MODEL, -KWS_NF_ARGUMENT (an array NULL, misaligned or too small for its count, frame_count
 * < 0 or above info[KWS_NF_INFO_MAX_FRAMES_PER_CALL], slot not 0 or 1), or -kws_status of the stream
 * (KWS_ERR_ARGUMENT: the scores cannot hold this call's inferences; nothing was consumed). Timing is written
 * whenever the arguments were accepted.
 */
int32_t kws_nf_session_process_i2s(kws_nf_session *session, const uint8_t *frames, uint32_t frames_bytes,
                                   int32_t frame_count, int32_t slot, int8_t *scores, uint32_t scores_length,
                                   int32_t *timing, uint32_t timing_length);

/** Reset: forgets buffered audio and features, keeps the interval. 0 or -KWS_NF_NO_MODEL. */
int32_t kws_nf_session_reset(kws_nf_session *session);

/**
 * SetInferenceInterval: the network runs every `hops` hops (kws_stream_set_interval). 0, -KWS_NF_NO_MODEL,
 * -KWS_NF_ARGUMENT (hops < 1), or -KWS_ERR_ARGUMENT (hops above the model's frames per window).
 */
int32_t kws_nf_session_set_interval(kws_nf_session *session, int32_t hops);

/** GetStatusText: text of a status, positive or negative (never NULL; "unknown status" for other values). */
const char *kws_nf_session_status_text(int32_t status);

/** NowMicroseconds: hooks->now_us64 as a signed 64-bit value. */
int64_t kws_nf_session_now_us(const kws_nf_session *session);

/** CaptureStart: -KWS_NF_ARGUMENT for a sample rate or ring below 1 frame, else hooks->capture_start. */
int32_t kws_nf_session_capture_start(kws_nf_session *session, int32_t sample_rate, int32_t buffer_frames);

/**
 * CaptureRead: -KWS_NF_ARGUMENT when `frames` is NULL or holds fewer than frame_count frames (or frame_count
 * < 0), else hooks->capture_read (frames copied or a negative status).
 */
int32_t kws_nf_session_capture_read(kws_nf_session *session, uint8_t *frames, uint32_t frames_bytes,
                                    int32_t frame_count, int32_t timeout_ms);

/** CaptureStop: hooks->capture_stop. */
int32_t kws_nf_session_capture_stop(kws_nf_session *session);

#ifdef __cplusplus
}
#endif

#endif /* KWS_NF_SESSION_H */
