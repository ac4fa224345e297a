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

/**
 * A front-end tables section (kws_frontend_tables.c, docs/kwsm-format.md "Front-end tables"): `count` tables at
 * `base + off[i]`, `bytes[i]` bytes each. Table indices per kind below.
 */
typedef struct {
    const uint8_t *base;
    uint32_t count;
    uint32_t off[KWS_FETABLES_MAX_COUNT];
    uint32_t bytes[KWS_FETABLES_MAX_COUNT];
} kws__fet_view;

/* Kinds 1, 2 (MFCC) */
enum { KWS__FET_WINDOW = 0, KWS__FET_COS, KWS__FET_SIN, KWS__FET_REV, KWS__FET_MEL_FIRST, KWS__FET_MEL_COUNT,
       KWS__FET_MEL_OFFSET, KWS__FET_MEL_W, KWS__FET_DCT };
/* Kind 3 (micro_speech) */
enum { KWS__FETM_WINDOW = 0, KWS__FETM_TWIDDLES, KWS__FETM_SUPER_TWIDDLES, KWS__FETM_BAND_START, KWS__FETM_WEIGHTS,
       KWS__FETM_UNWEIGHTS, KWS__FETM_PCAN_LUT, KWS__FETM_LOG_LUT };

/**
 * Validates a tables section against a descriptor that passed kws__frontend_desc_check (kinds 1..3): header, directory
 * and every table's size and contents (docs/kwsm-format.md "Front-end tables", the C# mirror is
 * KwsmFrontendTables.Check). Fills `view` on success. KWS_ERR_BOUNDS (a table outside the section), KWS_ERR_ALIGN
 * (a table offset not 16-aligned) or KWS_ERR_FRONTEND (everything else).
 */
kws_status kws__fet_check(const kws_frontend_desc *d, const uint8_t *sec, uint32_t size, kws__fet_view *view);

/** The directory of a section this library built (kws_frontend_tables_build), without the checks. */
void kws__fet_view_of(const uint8_t *sec, kws__fet_view *view);

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
    struct kws__micro *micro; /* kind 3 (TFLite Micro microfrontend, kws_microfrontend.c); else NULL */
};

#ifdef __cplusplus
}
#endif

#endif /* KWS_FRONTEND_INTERNAL_H */
