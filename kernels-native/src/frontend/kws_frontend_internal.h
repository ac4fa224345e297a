/*
 * KwsNano front-end internals shared by kws_frontend.c, kws_fft.c and kws_stream.c. Not public API.
 */
#ifndef KWS_FRONTEND_INTERNAL_H
#define KWS_FRONTEND_INTERNAL_H

#include "kws_nano.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest supported FFT (bit-reversal table entries are uint16). */
#define KWS__FFT_MAX KWS_FRONTEND_FFT_MAX
/** Largest supported number of mel filters. */
#define KWS__MEL_MAX KWS_FRONTEND_MEL_BINS_MAX

/**
 * The one descriptor rule set (docs/kwsm-format.md "Validation", step 5, front-end fields), applied by
 * kws_model_open to the blob's descriptor and by kws_frontend_init / kws_frontend_buffer_size to the one
 * they are given, so a blob the loader accepts is one the front-end runs (kinds 1 and 2). Checks only the
 * descriptor's own fields, in the documented order (the preset name and the consistency with the input
 * tensor are the loader's); the C# mirror is tools/KwsNano.Core/Kwsm/KwsmFrontendRules.cs.
 * Returns KWS_OK or KWS_ERR_FRONTEND.
 */
kws_status kws__frontend_desc_check(const kws_frontend_desc *d);

/**
 * Real FFT of size n (power of two, 4..KWS__FFT_MAX) computed as one complex FFT of size n/2.
 * All tables live in caller memory (kws_frontend), built by kws__fft_init.
 */
typedef struct {
    uint32_t n;          /* real transform length */
    const float *cos_t;  /* cos(2*pi*k/n), k = 0..n/2-1 */
    const float *sin_t;  /* sin(2*pi*k/n), k = 0..n/2-1 */
    const uint16_t *rev; /* bit reversal permutation of 0..n/2-1 */
} kws__fft;

/** Fill the tables of an n-point real FFT (cos_t, sin_t, rev each n/2 entries). */
void kws__fft_init(uint32_t n, float *cos_t, float *sin_t, uint16_t *rev);

/**
 * Power spectrum of the n real values in `buf` (destroyed; used as n/2 complex values in place):
 * power[k] = |X[k]|^2 for k = 0..n/2 (n/2 + 1 values).
 */
void kws__fft_power(const kws__fft *fft, float *buf, float *power);

/** Front-end state and tables; everything lives in the caller's buffer right after this struct. */
struct kws_frontend {
    kws_frontend_desc desc;
    kws__fft fft;
    uint32_t bins;          /* fft_size/2 + 1 spectrum bins */
    float gain;             /* sample multiplier: 1/32768, or 1/peak for sample_scaling 1 */
    const float *window;    /* frame_length */
    float *fft_buf;         /* fft_size */
    float *spectrum;        /* bins */
    const uint16_t *mel_first; /* first bin of filter b */
    const uint16_t *mel_count; /* number of weighted bins of filter b */
    const uint32_t *mel_offset;/* index of filter b's first weight in mel_w */
    const float *mel_w;     /* concatenated non-zero weights, at most 2*bins */
    float *mel;             /* mel_bins log mel energies */
    const float *dct;       /* num_coeffs x mel_bins */
};

#ifdef __cplusplus
}
#endif

#endif /* KWS_FRONTEND_INTERNAL_H */
