/*
 * KwsNano MFCC front-end: the features the reference keyword models were trained on
 * (facts: ../shared/docs/frontend.md; descriptor: docs/kwsm-format.md).
 *
 * Per frame (frame_length int16 samples -> num_coeffs floats), single precision like Arm's kit:
 *   x[i] = sample[i] * gain * window[i], zero-padded to fft_size
 *   P[k] = |FFT(x)[k]|^2, k = 0..fft_size/2; S[k] = sqrt(P[k]) (spectrum 0) or P[k] (spectrum 1)
 *   mel[b] = init + sum_k W[b][k] * S[k], init = FLT_MIN (log_mode 0) or 0 (log_mode 1)
 *   L[b] = ln(mel[b]) (log_mode 0) or ln(mel[b] + 1e-6) (log_mode 1)
 *   c[k] = sum_b D[k][b] * L[b], D[k][b] = sqrt(2/M) * cos(pi*k*(b+0.5)/M)
 * Tables are computed in double and stored as float (kws_frontend_tables.c): read in place from the blob's front-end
 * tables section (format 1.2, kws_frontend_init_ex), or built once into the caller's buffer (kws_frontend_init).
 *
 * Memory: the state struct, then the tables unless they are read in place, then the per-frame work buffers unless
 * the caller passes them separately (kws_frontend_init_ex). No malloc, no static data, stack use a few dozen bytes.
 */
#include <float.h>
#include <math.h>
#include <string.h>
#include "kws_frontend_internal.h"
#include "kws_microfrontend.h"


static uint32_t kws__align8(uint32_t v)
{
    return (v + 7u) & ~7u;
}

static int kws__is_pow2(uint32_t v)
{
    return v != 0u && (v & (v - 1u)) == 0u;
}

kws_status kws__frontend_desc_check(const kws_frontend_desc *d)
{
    /* Every kind: the input layout (rows x columns) and its quantisation. */
    if (d->kind > KWS_FRONTEND_KIND_MAX) {
        return KWS_ERR_FRONTEND;
    }
    if (d->num_frames < 1u || d->num_coeffs < 1u) {
        return KWS_ERR_FRONTEND;
    }
    /* NaN fails every comparison */
    if (!(d->input_scale > 0.0f) || !(d->input_scale <= FLT_MAX) || d->input_zero_point < -128 ||
        d->input_zero_point > 127) {
        return KWS_ERR_FRONTEND;
    }
    if (d->kind == KWS_FRONTEND_NONE) {
        return KWS_OK;
    }
    /* Computed features: the enumerations, then the sizes the front-end tables are built for. */
    if (d->window != KWS_FRONTEND_WINDOW_HANN || d->sample_scaling > KWS_FRONTEND_SCALING_PEAK ||
        d->log_mode > KWS_FRONTEND_LOG_EPSILON || d->spectrum > KWS_FRONTEND_SPECTRUM_POWER ||
        d->mel_formula != KWS_FRONTEND_MEL_HTK || d->dct > KWS_FRONTEND_DCT_TENSORFLOW) {
        return KWS_ERR_FRONTEND;
    }
    if (d->sample_rate < KWS_FRONTEND_SAMPLE_RATE_MIN || d->sample_rate > KWS_FRONTEND_SAMPLE_RATE_MAX) {
        return KWS_ERR_FRONTEND;
    }
    if (!kws__is_pow2(d->fft_size) || d->fft_size < KWS_FRONTEND_FFT_MIN || d->fft_size > KWS_FRONTEND_FFT_MAX) {
        return KWS_ERR_FRONTEND;
    }
    if (d->frame_length < KWS_FRONTEND_FRAME_LENGTH_MIN || d->frame_length > d->fft_size) {
        return KWS_ERR_FRONTEND;
    }
    if (d->frame_hop < 1u || d->frame_hop > d->frame_length) {
        return KWS_ERR_FRONTEND;
    }
    if (d->mel_bins < 1u || d->mel_bins > KWS_FRONTEND_MEL_BINS_MAX || d->num_coeffs > d->mel_bins) {
        return KWS_ERR_FRONTEND;
    }
    if (!(d->mel_low_hz >= 0.0f) || !(d->mel_high_hz > d->mel_low_hz) ||
        !(d->mel_high_hz <= 0.5f * (float)d->sample_rate)) {
        return KWS_ERR_FRONTEND;
    }
    if (d->kind == KWS_FRONTEND_MICRO_SPEECH) {
        /* TFLite Micro's microfrontend: none of the MFCC options, the FFT is the smallest power of two that holds a
           frame (at least 32), and one output per filterbank channel */
        if (d->sample_scaling != 0u || d->log_mode != 0u || d->spectrum != 0u || d->dct != 0u) {
            return KWS_ERR_FRONTEND;
        }
        if (d->fft_size < KWS_FRONTEND_MICRO_FFT_MIN || 2u * d->frame_length <= d->fft_size) {
            return KWS_ERR_FRONTEND;
        }
        if (d->num_coeffs != d->mel_bins) {
            return KWS_ERR_FRONTEND;
        }
    }
    return KWS_OK;
}

/* Kinds this front-end computes (1..3) with a valid descriptor. */
static int kws__desc_ok(const kws_frontend_desc *d)
{
    return d->kind >= KWS_FRONTEND_ARM_MFCC && d->kind <= KWS_FRONTEND_MICRO_SPEECH && kws__frontend_desc_check(d) == KWS_OK;
}

/* State bytes: this struct (and for kind 3 the microfrontend's state right after it). */
static uint32_t kws__state_size(const kws_frontend_desc *d)
{
    const uint32_t at = kws__align8((uint32_t)sizeof(struct kws_frontend));
    return d->kind == KWS_FRONTEND_MICRO_SPEECH ? at + kws__micro_state_size(d) : at;
}

/* Per-frame work bytes: MFCC fft_buf (fft_size), spectrum (bins), mel (mel_bins) floats; kind 3 its own. */
static uint32_t kws__work_bytes(const kws_frontend_desc *d)
{
    if (d->kind == KWS_FRONTEND_MICRO_SPEECH) {
        return kws__micro_work_size(d);
    }
    const uint32_t n = d->fft_size;
    return kws__align8(4u * n) + kws__align8(4u * (n / 2u + 1u)) + kws__align8(4u * d->mel_bins);
}

uint32_t kws_frontend_work_size(const kws_frontend_desc *desc)
{
    return desc != NULL && kws__desc_ok(desc) ? kws__work_bytes(desc) : 0u;
}

uint32_t kws_frontend_buffer_size_ex(const kws_frontend_desc *desc, int tables_in_place, int external_work)
{
    if (desc == NULL || !kws__desc_ok(desc)) {
        return 0u;
    }
    uint32_t total = kws__state_size(desc);
    if (!tables_in_place) {
        total += kws__align8(kws_frontend_tables_max_size(desc));
    }
    if (!external_work) {
        total += kws__work_bytes(desc);
    }
    return total;
}

uint32_t kws_frontend_buffer_size(const kws_frontend_desc *desc)
{
    return kws_frontend_buffer_size_ex(desc, 0, 0);
}

kws_status kws_frontend_init(kws_frontend **frontend, const kws_frontend_desc *desc, void *mem, uint32_t mem_size)
{
    return kws_frontend_init_ex(frontend, desc, NULL, 0u, NULL, 0u, mem, mem_size);
}

kws_status kws_frontend_init_ex(kws_frontend **frontend, const kws_frontend_desc *desc, const void *tables,
                                uint32_t tables_size, void *work, uint32_t work_size, void *mem, uint32_t mem_size)
{
    kws__fet_view v;
    if (frontend == NULL || desc == NULL || mem == NULL) {
        return KWS_ERR_NULL;
    }
    *frontend = NULL;
    if (desc->kind == KWS_FRONTEND_NONE) {
        return KWS_ERR_UNSUPPORTED;
    }
    if (!kws__desc_ok(desc)) {
        return KWS_ERR_FRONTEND;
    }
    if (((uintptr_t)mem & 7u) != 0u || mem_size < kws_frontend_buffer_size_ex(desc, tables != NULL, work != NULL)) {
        return KWS_ERR_ARENA;
    }
    if (work != NULL && (((uintptr_t)work & 7u) != 0u || work_size < kws__work_bytes(desc))) {
        return KWS_ERR_ARENA;
    }
    uint8_t *base = (uint8_t *)mem;
    uint32_t at = kws__state_size(desc);
    if (tables != NULL) {
        if (((uintptr_t)tables & 3u) != 0u) {
            return KWS_ERR_ALIGN;
        }
        kws_status st = kws__fet_check(desc, (const uint8_t *)tables, tables_size, &v);
        if (st != KWS_OK) {
            return st;
        }
    } else {
        /* no section: build one into the buffer, with the code the converter stores sections with */
        const uint32_t max = kws_frontend_tables_max_size(desc);
        uint32_t built = 0;
        kws_status st = kws_frontend_tables_build(desc, base + at, max, &built);
        if (st != KWS_OK) {
            return st;
        }
        kws__fet_view_of(base + at, &v);
        at += kws__align8(max);
    }
    uint8_t *w = work != NULL ? (uint8_t *)work : base + at;

    struct kws_frontend *fe = (struct kws_frontend *)mem;
    memset(fe, 0, sizeof(*fe));
    fe->desc = *desc;
    fe->desc.preset[16] = '\0';
    fe->bins = desc->fft_size / 2u + 1u;
    fe->gain = 1.0f / 32768.0f;
    const void *t[KWS_FETABLES_MAX_COUNT];
    for (uint32_t i = 0; i < v.count; i++) {
        t[i] = v.base + v.off[i];
    }
    if (desc->kind == KWS_FRONTEND_MICRO_SPEECH) {
        fe->micro = (struct kws__micro *)(base + kws__align8((uint32_t)sizeof(struct kws_frontend)));
        kws__micro_setup(fe->micro, desc, t, w);
        *frontend = fe;
        return KWS_OK;
    }
    const uint32_t n = desc->fft_size;
    fe->window = (const float *)t[KWS__FET_WINDOW];
    fe->fft.n = n;
    fe->fft.cos_t = (const float *)t[KWS__FET_COS];
    fe->fft.sin_t = (const float *)t[KWS__FET_SIN];
    fe->fft.rev = (const uint16_t *)t[KWS__FET_REV];
    fe->mel_first = (const uint16_t *)t[KWS__FET_MEL_FIRST];
    fe->mel_count = (const uint16_t *)t[KWS__FET_MEL_COUNT];
    fe->mel_offset = (const uint32_t *)t[KWS__FET_MEL_OFFSET];
    fe->mel_w = (const float *)t[KWS__FET_MEL_W];
    fe->dct = (const float *)t[KWS__FET_DCT];
    fe->fft_buf = (float *)w;
    fe->spectrum = (float *)(w + kws__align8(4u * n));
    fe->mel = (float *)(w + kws__align8(4u * n) + kws__align8(4u * (n / 2u + 1u)));
    *frontend = fe;
    return KWS_OK;
}

kws_status kws_frontend_set_peak(kws_frontend *frontend, int32_t peak)
{
    if (frontend == NULL) {
        return KWS_ERR_NULL;
    }
    if (frontend->desc.sample_scaling == 0u) {
        return KWS_OK; /* fixed 1/32768 scaling: the peak does not matter */
    }
    if (peak < 1 || peak > 32768) {
        return KWS_ERR_ARGUMENT;
    }
    frontend->gain = 1.0f / (float)peak;
    return KWS_OK;
}

kws_status kws_frontend_compute_frame(kws_frontend *frontend, const int16_t *samples, float *mfcc)
{
    if (frontend == NULL || samples == NULL || mfcc == NULL) {
        return KWS_ERR_NULL;
    }
    const kws_frontend_desc *d = &frontend->desc;
    if (frontend->micro != NULL) {
        /* kind 3: integer features (exact in float), the noise estimate carried to the next frame */
        uint16_t *features = frontend->micro->features;
        kws__micro_frame(frontend->micro, samples, features);
        for (uint32_t c = 0; c < d->num_coeffs; c++) {
            mfcc[c] = (float)features[c];
        }
        return KWS_OK;
    }
    float *buf = frontend->fft_buf;
    float *spec = frontend->spectrum;
    uint32_t i = 0;
    for (; i < d->frame_length; i++) {
        buf[i] = (float)samples[i] * frontend->gain * frontend->window[i];
    }
    for (; i < d->fft_size; i++) {
        buf[i] = 0.0f;
    }
    kws__fft_power(&frontend->fft, buf, spec);
    if (d->spectrum == 0u) {
        for (uint32_t k = 0; k < frontend->bins; k++) {
            spec[k] = sqrtf(spec[k]);
        }
    }
    for (uint32_t b = 0; b < d->mel_bins; b++) {
        const float *w = &frontend->mel_w[frontend->mel_offset[b]];
        const float *s = &spec[frontend->mel_first[b]];
        float e = d->log_mode == 0u ? FLT_MIN : 0.0f;
        for (uint32_t j = 0; j < frontend->mel_count[b]; j++) {
            e += w[j] * s[j];
        }
        frontend->mel[b] = d->log_mode == 0u ? logf(e) : logf(e + 1e-6f);
    }
    for (uint32_t k = 0; k < d->num_coeffs; k++) {
        const float *row = &frontend->dct[k * d->mel_bins];
        float c = 0.0f;
        for (uint32_t b = 0; b < d->mel_bins; b++) {
            c += row[b] * frontend->mel[b];
        }
        mfcc[k] = c;
    }
    return KWS_OK;
}

kws_status kws_frontend_quantize(const kws_frontend_desc *desc, const float *mfcc, uint32_t count, int8_t *out)
{
    if (desc == NULL || (count != 0u && (mfcc == NULL || out == NULL))) {
        return KWS_ERR_NULL;
    }
    if (!(desc->input_scale > 0.0f) || desc->input_zero_point < -128 || desc->input_zero_point > 127) {
        return KWS_ERR_FRONTEND;
    }
    if (desc->kind == KWS_FRONTEND_MICRO_SPEECH) {
        /* micro_speech's integer mapping of the uint16 features, whatever the tensor's scale */
        for (uint32_t i = 0; i < count; i++) {
            const float v = mfcc[i];
            const uint32_t f = v > 0.0f ? (v < 65535.0f ? (uint32_t)v : 65535u) : 0u; /* NaN -> 0 */
            out[i] = kws__micro_to_int8(f);
        }
        return KWS_OK;
    }
    for (uint32_t i = 0; i < count; i++) {
        /* roundf: half away from zero, as std::round in Arm's kit; NaN maps to the zero point */
        float q = roundf(mfcc[i] / desc->input_scale + (float)desc->input_zero_point);
        if (q != q) {
            q = (float)desc->input_zero_point;
        }
        q = q < -128.0f ? -128.0f : (q > 127.0f ? 127.0f : q);
        out[i] = (int8_t)q;
    }
    return KWS_OK;
}

kws_status kws_frontend_compute_clip(kws_frontend *frontend, const int16_t *samples, uint32_t count, float *mfcc)
{
    if (frontend == NULL || samples == NULL || mfcc == NULL) {
        return KWS_ERR_NULL;
    }
    const kws_frontend_desc *d = &frontend->desc;
    const uint32_t needed = (uint32_t)d->frame_length + ((uint32_t)d->num_frames - 1u) * d->frame_hop;
    if (count < needed) {
        return KWS_ERR_ARGUMENT;
    }
    if (frontend->micro != NULL) {
        kws__micro_reset(frontend->micro); /* a clip starts from a fresh noise estimate, as in training */
    }
    if (d->sample_scaling == 1u) {
        int32_t peak = 1;
        for (uint32_t i = 0; i < needed; i++) {
            const int32_t a = samples[i] < 0 ? -(int32_t)samples[i] : (int32_t)samples[i];
            peak = a > peak ? a : peak;
        }
        (void)kws_frontend_set_peak(frontend, peak);
    }
    for (uint32_t f = 0; f < d->num_frames; f++) {
        kws_status st = kws_frontend_compute_frame(frontend, samples + f * d->frame_hop, mfcc + f * d->num_coeffs);
        if (st != KWS_OK) {
            return st;
        }
    }
    return KWS_OK;
}

kws_status kws_frontend_reset(kws_frontend *frontend)
{
    if (frontend == NULL) {
        return KWS_ERR_NULL;
    }
    if (frontend->micro != NULL) {
        kws__micro_reset(frontend->micro);
    }
    return KWS_OK;
}
