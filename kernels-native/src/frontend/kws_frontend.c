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
 * Tables are computed in double and stored as float, once, in kws_frontend_init.
 *
 * Memory: one caller buffer of kws_frontend_buffer_size() bytes holds the state struct followed by
 * every table and work buffer. No malloc, no static data, stack use a few dozen bytes.
 */
#include <float.h>
#include <math.h>
#include "kws_frontend_internal.h"

#define KWS__PI 3.14159265358979323846

/* Offsets of every part inside the caller buffer (all 8-byte aligned). */
typedef struct {
    uint32_t window, cos_t, sin_t, rev, fft_buf, spectrum;
    uint32_t mel_first, mel_count, mel_offset, mel_w, mel, dct;
    uint32_t total;
} kws__fe_layout;

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
    return KWS_OK;
}

/* Kinds this front-end computes (1, 2) with a valid descriptor. */
static int kws__desc_ok(const kws_frontend_desc *d)
{
    return (d->kind == KWS_FRONTEND_ARM_MFCC || d->kind == KWS_FRONTEND_MLPERF_MFCC) &&
           kws__frontend_desc_check(d) == KWS_OK;
}

static void kws__layout(const kws_frontend_desc *d, kws__fe_layout *l)
{
    const uint32_t n = d->fft_size, h = n / 2u, bins = h + 1u, m = d->mel_bins;
    uint32_t at = kws__align8((uint32_t)sizeof(struct kws_frontend));
    l->window = at;     at = kws__align8(at + 4u * d->frame_length);
    l->cos_t = at;      at = kws__align8(at + 4u * h);
    l->sin_t = at;      at = kws__align8(at + 4u * h);
    l->rev = at;        at = kws__align8(at + 2u * h);
    l->fft_buf = at;    at = kws__align8(at + 4u * n);
    l->spectrum = at;   at = kws__align8(at + 4u * bins);
    l->mel_first = at;  at = kws__align8(at + 2u * m);
    l->mel_count = at;  at = kws__align8(at + 2u * m);
    l->mel_offset = at; at = kws__align8(at + 4u * m);
    /* Adjacent triangles overlap by at most one edge interval, so a bin is inside at most two. */
    l->mel_w = at;      at = kws__align8(at + 4u * 2u * bins);
    l->mel = at;        at = kws__align8(at + 4u * m);
    l->dct = at;        at = kws__align8(at + 4u * d->num_coeffs * m);
    l->total = at;
}

uint32_t kws_frontend_buffer_size(const kws_frontend_desc *desc)
{
    kws__fe_layout l;
    if (desc == NULL || !kws__desc_ok(desc)) {
        return 0u;
    }
    kws__layout(desc, &l);
    return l.total;
}

static double kws__mel(double hz)
{
    return 1127.0 * log(1.0 + hz / 700.0);
}

/* Sparse triangular mel filters: weights only where a bin's mel is strictly inside the filter. */
static void kws__build_mel(const kws_frontend_desc *d, uint32_t bins, uint16_t *first, uint16_t *count,
                           uint32_t *offset, float *w)
{
    const double lo = kws__mel((double)d->mel_low_hz);
    const double hi = kws__mel((double)d->mel_high_hz);
    const double delta = (hi - lo) / (double)(d->mel_bins + 1u);
    const double bin_hz = (double)d->sample_rate / (double)d->fft_size;
    uint32_t used = 0;
    /* bin 0 (DC) never carries weight: mel(0) = 0 <= left for every filter with low >= 0. A bin's mel rises
     * with k and every filter's left edge lies above the previous one's, so the bins with left < mel < right
     * are one run that starts at or after the previous filter's first bin: scan from there instead of over all
     * bins (the same mel values and comparisons as a full scan, about 13x fewer double logs at init). */
    uint32_t start = 1;
    for (uint32_t b = 0; b < d->mel_bins; b++) {
        const double left = lo + delta * (double)b;
        const double center = lo + delta * (double)(b + 1u);
        const double right = lo + delta * (double)(b + 2u);
        offset[b] = used;
        first[b] = 0;
        count[b] = 0;
        uint32_t k = start;
        double mel = 0.0;
        while (k < bins && (mel = kws__mel(bin_hz * (double)k)) <= left) {
            k++;
        }
        start = k;
        for (; k < bins; k++) {
            if (k != start) {
                mel = kws__mel(bin_hz * (double)k);
            }
            if (!(mel < right)) {
                break;
            }
            const double weight = mel <= center ? (mel - left) / (center - left)
                                                : (right - mel) / (right - center);
            if (count[b] == 0u) {
                first[b] = (uint16_t)k;
            }
            w[used++] = (float)weight;
            count[b]++;
        }
    }
}

kws_status kws_frontend_init(kws_frontend **frontend, const kws_frontend_desc *desc, void *mem, uint32_t mem_size)
{
    kws__fe_layout l;
    if (frontend == NULL || desc == NULL || mem == NULL) {
        return KWS_ERR_NULL;
    }
    *frontend = NULL;
    if (desc->kind == KWS_FRONTEND_NONE || desc->kind == KWS_FRONTEND_MICRO_SPEECH) {
        return KWS_ERR_UNSUPPORTED;
    }
    if (kws__frontend_desc_check(desc) != KWS_OK) {
        return KWS_ERR_FRONTEND;
    }
    if (((uintptr_t)mem & 7u) != 0u) {
        return KWS_ERR_ARENA;
    }
    kws__layout(desc, &l);
    if (mem_size < l.total) {
        return KWS_ERR_ARENA;
    }

    uint8_t *base = (uint8_t *)mem;
    struct kws_frontend *fe = (struct kws_frontend *)mem;
    const uint32_t n = desc->fft_size, h = n / 2u;
    float *window = (float *)(base + l.window);
    float *cos_t = (float *)(base + l.cos_t);
    float *sin_t = (float *)(base + l.sin_t);
    uint16_t *rev = (uint16_t *)(base + l.rev);
    uint16_t *mel_first = (uint16_t *)(base + l.mel_first);
    uint16_t *mel_count = (uint16_t *)(base + l.mel_count);
    uint32_t *mel_offset = (uint32_t *)(base + l.mel_offset);
    float *mel_w = (float *)(base + l.mel_w);
    float *dct = (float *)(base + l.dct);

    fe->desc = *desc;
    fe->desc.preset[16] = '\0';
    fe->bins = h + 1u;
    fe->gain = 1.0f / 32768.0f;

    for (uint32_t i = 0; i < desc->frame_length; i++) {
        window[i] = (float)(0.5 - 0.5 * cos(2.0 * KWS__PI * (double)i / (double)desc->frame_length));
    }
    kws__fft_init(n, cos_t, sin_t, rev);
    fe->fft.n = n;
    fe->fft.cos_t = cos_t;
    fe->fft.sin_t = sin_t;
    fe->fft.rev = rev;

    kws__build_mel(desc, fe->bins, mel_first, mel_count, mel_offset, mel_w);

    /* dct 0 (Arm) and dct 1 (TensorFlow mfccs_from_log_mel_spectrograms: DCT-II times
     * 1/sqrt(2M), i.e. HTK's sqrt(2/M) scaling for every k) give the same matrix. */
    const double m = (double)desc->mel_bins;
    const double norm = sqrt(2.0 / m);
    for (uint32_t k = 0; k < desc->num_coeffs; k++) {
        for (uint32_t b = 0; b < desc->mel_bins; b++) {
            dct[k * desc->mel_bins + b] = (float)(norm * cos(KWS__PI * (double)k * ((double)b + 0.5) / m));
        }
    }

    fe->window = window;
    fe->fft_buf = (float *)(base + l.fft_buf);
    fe->spectrum = (float *)(base + l.spectrum);
    fe->mel_first = mel_first;
    fe->mel_count = mel_count;
    fe->mel_offset = mel_offset;
    fe->mel_w = mel_w;
    fe->mel = (float *)(base + l.mel);
    fe->dct = dct;
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
