/*
 * KwsNano TFLite Micro microfrontend (descriptor kind 3, preset micro-speech). Internal: reached through
 * the public kws_frontend_* functions (kws_frontend.c dispatches on the kind). Not public API.
 *
 * Per frame of frame_length int16 samples -> mel_bins uint16 features (facts: docs/frontend.md):
 *   window   w[i] = floorf((0.5 - 0.5 cosf(2 pi (i + 0.5) / L)) * 4096 + 0.5), x[i] = (s[i] * w[i]) >> 12
 *   FFT      x << (15 - msb(max |x|)), zero-padded to fft_size, 16-bit fixed-point real FFT with the
 *            arithmetic of kissfft v130 (FIXED_POINT 16: radix 4/2 stages, /p per stage, Q15 twiddles)
 *   energy   re^2 + im^2 for bins [start, end)
 *   filters  mel_bins + 1 bands over [start, end), 12-bit weights; channel c = band c+1 weighted +
 *            band c unweighted (64-bit sums), sqrt (rounded), >> the FFT's input shift
 *   noise    per-channel smoothed estimate (even 409, odd 983 / 2^14, signal << 10), output
 *            max(signal - estimate, signal * 819 / 2^14)          -- state kept between frames
 *   PCAN     gain = WDF(estimate) from a 125-entry LUT of 2^21 (x + 80)^-0.95, snr = signal * gain >> 6,
 *            shrink to 6 output bits
 *   log      value << (msb(fft_size) - 7), log2 by a 129-segment LUT, * ln 2, << 6, to uint16
 * Model input: q = (v * 256 + 333) / 666 - 128 clamped to [-128, 127] (kws__micro_to_int8).
 *
 * Memory (all owned by kws_frontend.c's caller): this state struct and the noise estimate, the tables (a front-end
 * tables section, built in RAM or read in place from flash: kws_frontend_tables.c) and the per-frame work buffers
 * (kws__micro_work_size). No malloc, no static mutable data.
 */
#ifndef KWS_MICROFRONTEND_H
#define KWS_MICROFRONTEND_H

#include "kws_nano.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A complex value of the 16-bit fixed-point FFT (kissfft's kiss_fft_cpx with FIXED_POINT 16). */
typedef struct {
    int16_t r, i;
} kws__cpx16;

/** Largest real FFT the microfrontend supports, and the smallest. */
#define KWS__MICRO_FFT_MAX 4096u
#define KWS__MICRO_FFT_MIN KWS_FRONTEND_MICRO_FFT_MIN
/** PCAN gain lookup table entries (4 x 32 - 3). */
#define KWS__MICRO_PCAN_LUT 125u
/** Log lookup table entries (128 segments + 1, + 1 padding). */
#define KWS__MICRO_LOG_LUT 130u

struct kws__micro {
    uint16_t frame_length;
    uint16_t fft_size;
    uint16_t channels;        /* mel_bins */
    uint16_t start_bin;       /* first spectrum bin with filter weight (DC always excluded) */
    uint16_t end_bin;         /* one past the last, < fft_size / 2 + 1 */
    int16_t log_shift;        /* msb(fft_size) - 1 - 6: left shift before the log (right if negative) */
    int32_t snr_shift;        /* PCAN: 21 - log_shift - 12 */
    const int16_t *window;    /* frame_length Q12 coefficients */
    const kws__cpx16 *twiddles;       /* fft_size / 2 */
    const kws__cpx16 *super_twiddles; /* fft_size / 4 */
    const uint16_t *band_start;       /* channels + 2: band b covers bins [band_start[b], band_start[b+1]) */
    const int16_t *weights;   /* end_bin - start_bin, Q12, indexed by bin - start_bin */
    const int16_t *unweights; /* likewise, Q12 (1 - weight) */
    const int16_t *pcan_lut;  /* KWS__MICRO_PCAN_LUT */
    const uint16_t *log_lut;  /* KWS__MICRO_LOG_LUT */
    uint32_t *noise;          /* channels: noise estimate (the state carried from frame to frame) */
    int16_t *fft_in;          /* fft_size */
    kws__cpx16 *fft_tmp;      /* fft_size / 2 */
    kws__cpx16 *spectrum;     /* fft_size / 2 + 1 */
    uint32_t *signal;         /* channels */
    uint16_t *features;       /* channels: the last frame's output (kws_frontend_compute_frame) */
};

/** Bytes of state (this struct and the noise estimate, 8-aligned) for a valid kind-3 descriptor. Pure. */
uint32_t kws__micro_state_size(const kws_frontend_desc *desc);

/** Bytes of per-frame work buffers (FFT input, FFT scratch, spectrum, signal, features), 8-aligned parts. Pure. */
uint32_t kws__micro_work_size(const kws_frontend_desc *desc);

/** Log shift of the feature scaling for fft_size (it also selects the PCAN table). */
int32_t kws__micro_log_shift(uint32_t fft_size);

/**
 * Build the tables of a valid kind-3 descriptor (sizes: window frame_length, twiddles fft_size/2, super twiddles
 * fft_size/4, band_start mel_bins + 2, weights and unweights up to fft_size/2 + 1 (indexed by bin - band_start[0]),
 * the two LUTs KWS__MICRO_PCAN_LUT and KWS__MICRO_LOG_LUT). KWS_ERR_FRONTEND when the filterbank passes the
 * spectrum (TFLite Micro refuses it too).
 */
kws_status kws__micro_build_tables(const kws_frontend_desc *desc, int16_t *window, kws__cpx16 *twiddles,
                                   kws__cpx16 *super_twiddles, uint16_t *band_start, int16_t *weights,
                                   int16_t *unweights, int16_t *pcan_lut, uint16_t *log_lut);

/**
 * Point `m` (8-aligned, kws__micro_state_size bytes, the noise estimate right after the struct) at the tables
 * (8 table pointers in KWS__FETM_* order, validated) and the work buffers (8-aligned, kws__micro_work_size bytes),
 * and reset the state.
 */
void kws__micro_setup(struct kws__micro *m, const kws_frontend_desc *desc, const void *const *tables, void *work);

/** Forget the noise estimate (a new recording starts). */
void kws__micro_reset(struct kws__micro *micro);

/** One frame: frame_length samples -> channels features (uint16, about 0..670 for speech). */
void kws__micro_frame(struct kws__micro *micro, const int16_t *samples, uint16_t *features);

/** TFLite Micro micro_speech's integer mapping of a feature to the int8 model input. */
int8_t kws__micro_to_int8(uint32_t feature);

/* Fixed-point real FFT (kws_microfrontend_fft.c): n real values -> n/2 + 1 bins, kissfft v130 arithmetic. */
void kws__rfft16_init(uint32_t n, kws__cpx16 *twiddles, kws__cpx16 *super_twiddles);
void kws__rfft16(uint32_t n, const kws__cpx16 *twiddles, const kws__cpx16 *super_twiddles, const int16_t *in,
                 kws__cpx16 *tmp, kws__cpx16 *out);

#ifdef __cplusplus
}
#endif

#endif /* KWS_MICROFRONTEND_H */
