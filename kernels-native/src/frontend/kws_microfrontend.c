/*
 * KwsNano TFLite Micro microfrontend: the features micro_speech was trained on (descriptor kind 3). The
 * algorithm and constants are in kws_microfrontend.h and docs/frontend.md; this file builds the tables
 * (single precision where the documented algorithm uses float, so the quantised tables come out the same)
 * and runs one frame in integer arithmetic.
 *
 * Constants of TFLite Micro's micro_speech configuration (fixed for kind 3): noise reduction smoothing
 * 10 bits, even/odd smoothing 0.025/0.06 and minimum remaining signal 0.05 in Q14 (truncated: 409, 983,
 * 819); PCAN strength 0.95, offset 80, gain 21 bits, SNR 12 bits, output 6 bits; log scale shift 6.
 */
#include <math.h>
#include <string.h>
#include "kws_microfrontend.h"
#include "kws_frontend_internal.h"

#define KWS__WINDOW_BITS 12
#define KWS__FILTER_BITS 12
#define KWS__NOISE_BITS 14
#define KWS__NOISE_SMOOTHING_BITS 10
#define KWS__NOISE_EVEN 409u   /* (uint16_t)(0.025f * 16384) */
#define KWS__NOISE_ODD 983u    /* (uint16_t)(0.06f * 16384) */
#define KWS__NOISE_MIN 819u    /* (uint16_t)(0.05f * 16384) */
#define KWS__PCAN_STRENGTH 0.95f
#define KWS__PCAN_OFFSET 80.0f
#define KWS__PCAN_GAIN_BITS 21
#define KWS__PCAN_SNR_BITS 12
#define KWS__PCAN_OUTPUT_BITS 6
#define KWS__LOG_SCALE_SHIFT 6
#define KWS__LOG_BITS 16       /* Q16 log2 */
#define KWS__LOG_SEGMENT_BITS 7
#define KWS__LOG_COEFF 45426u  /* round(2^16 ln 2) */

static uint32_t kws__m_align8(uint32_t v)
{
    return (v + 7u) & ~7u;
}

static uint32_t kws__msb32(uint32_t v)
{
    uint32_t n = 0;
    while (v != 0u) {
        n++;
        v >>= 1;
    }
    return n; /* 0 for 0, else 1 + index of the top set bit */
}

static uint32_t kws__msb64(uint64_t v)
{
    return (v >> 32) != 0u ? 32u + kws__msb32((uint32_t)(v >> 32)) : kws__msb32((uint32_t)v);
}

uint32_t kws__micro_state_size(const kws_frontend_desc *d)
{
    return kws__m_align8((uint32_t)sizeof(struct kws__micro)) + kws__m_align8(4u * d->mel_bins);
}

uint32_t kws__micro_work_size(const kws_frontend_desc *d)
{
    const uint32_t n = d->fft_size, bins = n / 2u + 1u, c = d->mel_bins;
    return kws__m_align8(2u * n) + kws__m_align8(4u * (n / 2u)) + kws__m_align8(4u * bins) + kws__m_align8(4u * c) +
           kws__m_align8(2u * c);
}

int32_t kws__micro_log_shift(uint32_t fft_size)
{
    return (int32_t)kws__msb32(fft_size) - 1 - KWS__FILTER_BITS / 2;
}

/* 1127 ln(1 + hz / 700) in single precision with a correctly rounded log1p: TFLite Micro calls the C library's
 * log1pf, which is not correctly rounded (glibc 2.36 is 1-2 ulp off on 23 of the 257 bins), so its tables
 * depend on the platform; rounding log1p from double gives the same tables on every target and in C#
 * (docs/frontend.md). The argument hz / 700 is a float, so 1 + x is exact in double. */
static float kws__freq_to_mel(float hz)
{
    return 1127.0f * (float)log1p((double)(hz / 700.0f));
}

/* Filter bands and Q12 weights (single precision, as documented). 0 when the bands pass the spectrum. */
static int kws__micro_filters(const kws_frontend_desc *d, uint16_t *band_start, int16_t *weights, int16_t *unweights,
                              uint16_t *start_bin, uint16_t *end_bin)
{
    const uint32_t bands = d->mel_bins + 1u, bins = d->fft_size / 2u + 1u;
    const float mel_low = kws__freq_to_mel(d->mel_low_hz);
    const float mel_high = kws__freq_to_mel(d->mel_high_hz);
    const float spacing = (mel_high - mel_low) / (float)bands;
    const float hz_per_bin = 0.5f * (float)d->sample_rate / ((float)bins - 1.0f);
    const uint32_t first = (uint32_t)(1.5f + d->mel_low_hz / hz_per_bin); /* always excludes DC */
    uint32_t bin = first;
    float previous = mel_low;
    for (uint32_t b = 0; b < bands; b++) {
        const float center = mel_low + spacing * (float)(b + 1u);
        band_start[b] = (uint16_t)bin;
        for (;;) {
            const float mel = kws__freq_to_mel((float)bin * hz_per_bin);
            if (!(mel <= center)) {
                break;
            }
            if (bin + 1u >= bins) {
                return 0; /* TFLite Micro refuses a filterbank whose end reaches the spectrum size */
            }
            const float w = (center - mel) / (center - previous);
            weights[bin - first] = (int16_t)floorf(w * (float)(1 << KWS__FILTER_BITS) + 0.5f);
            unweights[bin - first] = (int16_t)floorf((1.0f - w) * (float)(1 << KWS__FILTER_BITS) + 0.5f);
            bin++;
        }
        previous = center;
    }
    band_start[bands] = (uint16_t)bin;
    *start_bin = (uint16_t)first;
    *end_bin = (uint16_t)bin;
    return 1;
}

/* 2^21 (x / 2^input_bits + 80)^-0.95, rounded, saturated to int16 (single precision, as documented). */
static int16_t kws__pcan_gain(int32_t input_bits, uint32_t x)
{
    const float xf = (float)x / (float)((uint32_t)1 << input_bits);
    const float gain = (float)((uint32_t)1 << KWS__PCAN_GAIN_BITS) * powf(xf + KWS__PCAN_OFFSET, -KWS__PCAN_STRENGTH);
    if (gain > 32767.0f) {
        return 32767;
    }
    return (int16_t)(gain + 0.5f);
}

/* LUT of the wide dynamic function: entries 0, 1 are the gains of 0 and 1; interval i = 2..32 (x in
 * [2^(i-1), 2^i)) has a quadratic y0 + a1 t + a2 t^2 through x0 = 2^(i-1), 1.5 x0 and 2 x0 (2 x0 - 1 for
 * the last), stored at 4 i - 6 .. 4 i - 4. */
static void kws__pcan_lut(int16_t *lut, int32_t input_bits)
{
    lut[0] = kws__pcan_gain(input_bits, 0u);
    lut[1] = kws__pcan_gain(input_bits, 1u);
    for (uint32_t interval = 2; interval <= 32u; interval++) {
        const uint32_t x0 = (uint32_t)1 << (interval - 1u);
        const uint32_t x1 = x0 + (x0 >> 1);
        const uint32_t x2 = interval == 32u ? x0 + (x0 - 1u) : 2u * x0;
        const int32_t y0 = kws__pcan_gain(input_bits, x0);
        const int32_t y1 = kws__pcan_gain(input_bits, x1);
        const int32_t y2 = kws__pcan_gain(input_bits, x2);
        const int32_t a1 = 4 * (y1 - y0) - (y2 - y0);
        const int32_t a2 = (y2 - y0) - a1;
        lut[4u * interval - 6u] = (int16_t)y0;
        lut[4u * interval - 5u] = (int16_t)a1;
        lut[4u * interval - 4u] = (int16_t)a2;
    }
}

kws_status kws__micro_build_tables(const kws_frontend_desc *desc, int16_t *window, kws__cpx16 *tw, kws__cpx16 *stw,
                                   uint16_t *band_start, int16_t *weights, int16_t *unweights, int16_t *pcan,
                                   uint16_t *log_lut)
{
    uint16_t start_bin = 0, end_bin = 0;
    if (!kws__micro_filters(desc, band_start, weights, unweights, &start_bin, &end_bin)) {
        return KWS_ERR_FRONTEND;
    }
    /* Hann window at the sample centres, Q12, in double precision: TFLite Micro's C code uses cosf, whose
     * rounding flips coefficient 17 of 480 (53.49995 -> 54); its golden features and its newer numpy-built
     * window both have 53 (docs/frontend.md). */
    for (uint32_t i = 0; i < desc->frame_length; i++) {
        const double v = 0.5 - 0.5 * cos(2.0 * 3.14159265358979323846 * ((double)i + 0.5) / (double)desc->frame_length);
        window[i] = (int16_t)floor(v * (double)(1 << KWS__WINDOW_BITS) + 0.5);
    }
    kws__rfft16_init(desc->fft_size, tw, stw);
    kws__pcan_lut(pcan, KWS__NOISE_SMOOTHING_BITS - kws__micro_log_shift(desc->fft_size));
    /* log2(1 + t) - t in Q16 at t = i / 128, rounded; one zero of padding for the interpolation */
    for (uint32_t i = 0; i <= 128u; i++) {
        const double t = (double)i / 128.0;
        log_lut[i] = (uint16_t)floor((log2(1.0 + t) - t) * 65536.0 + 0.5);
    }
    log_lut[129] = 0;
    return KWS_OK;
}

void kws__micro_setup(struct kws__micro *m, const kws_frontend_desc *desc, const void *const *t, void *work)
{
    const uint32_t n = desc->fft_size, bins = n / 2u + 1u, c = desc->mel_bins;
    uint8_t *w = (uint8_t *)work;
    memset(m, 0, sizeof(*m));
    m->frame_length = desc->frame_length;
    m->fft_size = desc->fft_size;
    m->channels = desc->mel_bins;
    m->log_shift = (int16_t)kws__micro_log_shift(desc->fft_size);
    m->snr_shift = KWS__PCAN_GAIN_BITS - m->log_shift - KWS__PCAN_SNR_BITS;
    m->window = (const int16_t *)t[0];
    m->twiddles = (const kws__cpx16 *)t[1];
    m->super_twiddles = (const kws__cpx16 *)t[2];
    m->band_start = (const uint16_t *)t[3];
    m->weights = (const int16_t *)t[4];
    m->unweights = (const int16_t *)t[5];
    m->pcan_lut = (const int16_t *)t[6];
    m->log_lut = (const uint16_t *)t[7];
    m->start_bin = m->band_start[0];
    m->end_bin = m->band_start[c + 1u];
    m->noise = (uint32_t *)((uint8_t *)m + kws__m_align8((uint32_t)sizeof(struct kws__micro)));
    m->fft_in = (int16_t *)w;                 w += kws__m_align8(2u * n);
    m->fft_tmp = (kws__cpx16 *)w;             w += kws__m_align8(4u * (n / 2u));
    m->spectrum = (kws__cpx16 *)w;            w += kws__m_align8(4u * bins);
    m->signal = (uint32_t *)w;                w += kws__m_align8(4u * c);
    m->features = (uint16_t *)w;
    kws__micro_reset(m);
}

void kws__micro_reset(struct kws__micro *micro)
{
    memset(micro->noise, 0, 4u * micro->channels);
}

/* Rounded square root: floor sqrt, +1 when the remainder exceeds the root; the 32-bit path (values
 * below 2^32) never rounds past 0xFFFF. */
static uint32_t kws__sqrt_round(uint64_t v)
{
    if (v == 0u) {
        return 0u;
    }
    uint64_t rem = v, root = 0;
    uint64_t bit = (uint64_t)1 << ((kws__msb64(v) - 1u) & ~1u); /* highest power of 4 <= v */
    while (bit != 0u) {
        if (rem >= root + bit) {
            rem -= root + bit;
            root = (root >> 1) + bit;
        } else {
            root >>= 1;
        }
        bit >>= 2;
    }
    const uint64_t cap = (v >> 32) == 0u ? 0xFFFFu : 0xFFFFFFFFu;
    if (rem > root && root != cap) {
        root++;
    }
    return (uint32_t)root;
}

static int16_t kws__wide_dynamic(uint32_t x, const int16_t *lut)
{
    if (x <= 2u) {
        return lut[x];
    }
    const int32_t interval = (int32_t)kws__msb32(x);
    const int16_t *seg = lut + 4 * interval - 6;
    const int32_t frac = (int32_t)((interval < 11 ? (x << (11 - interval)) : (x >> (interval - 11))) & 0x3FFu);
    int32_t r = ((int32_t)seg[2] * frac) >> 5;
    r += (int32_t)((uint32_t)(int32_t)seg[1] << 5); /* a1 * 32 through uint32, as documented */
    r *= frac;
    r = (r + (1 << 14)) >> 15;
    r += seg[0];
    return (int16_t)r;
}

static uint32_t kws__pcan_shrink(uint32_t x)
{
    if (x < (2u << KWS__PCAN_SNR_BITS)) {
        return (x * x) >> (2 + 2 * KWS__PCAN_SNR_BITS - KWS__PCAN_OUTPUT_BITS);
    }
    return (x >> (KWS__PCAN_SNR_BITS - KWS__PCAN_OUTPUT_BITS)) - (1u << KWS__PCAN_OUTPUT_BITS);
}

static uint32_t kws__log_scaled(uint32_t x, const uint16_t *lut)
{
    const uint32_t integer = kws__msb32(x) - 1u;
    int32_t frac = (int32_t)(x - ((uint32_t)1 << integer));
    if (integer < KWS__LOG_BITS) {
        frac <<= KWS__LOG_BITS - integer;
    } else {
        frac >>= integer - KWS__LOG_BITS;
    }
    const uint32_t seg = (uint32_t)frac >> (KWS__LOG_BITS - KWS__LOG_SEGMENT_BITS);
    const int32_t c0 = lut[seg], c1 = lut[seg + 1u];
    const int32_t seg_base = (int32_t)(seg << (KWS__LOG_BITS - KWS__LOG_SEGMENT_BITS));
    const int32_t rel = ((c1 - c0) * (frac - seg_base)) >> KWS__LOG_BITS;
    const uint32_t log2 = (integer << KWS__LOG_BITS) + (uint32_t)(frac + c0 + rel);
    const uint32_t half = 1u << (KWS__LOG_BITS - 1);
    const uint32_t ln = (uint32_t)(((uint64_t)KWS__LOG_COEFF * log2 + half) >> KWS__LOG_BITS);
    return ((ln << KWS__LOG_SCALE_SHIFT) + half) >> KWS__LOG_BITS;
}

void kws__micro_frame(struct kws__micro *m, const int16_t *samples, uint16_t *features)
{
    const uint32_t n = m->fft_size;
    int16_t *x = m->fft_in;
    int32_t peak = 0;
    for (uint32_t i = 0; i < m->frame_length; i++) {
        const int16_t v = (int16_t)(((int32_t)samples[i] * m->window[i]) >> KWS__WINDOW_BITS);
        x[i] = v;
        const int16_t a = (int16_t)(v < 0 ? -v : v); /* int16: |-32768| stays negative and is ignored */
        peak = a > peak ? a : peak;
    }
    const uint32_t shift = 15u - kws__msb32((uint32_t)peak);
    for (uint32_t i = 0; i < m->frame_length; i++) {
        x[i] = (int16_t)(uint16_t)((uint32_t)(uint16_t)x[i] << shift);
    }
    for (uint32_t i = m->frame_length; i < n; i++) {
        x[i] = 0;
    }
    kws__rfft16(n, m->twiddles, m->super_twiddles, x, m->fft_tmp, m->spectrum);

    /* bands: channel c = band c + 1 weighted + band c unweighted (bands 0..channels) */
    uint64_t carry = 0; /* unweighted sum of the previous band */
    for (uint32_t b = 0; b <= m->channels; b++) {
        uint64_t weighted = carry, unweighted = 0;
        for (uint32_t k = m->band_start[b]; k < m->band_start[b + 1u]; k++) {
            const int32_t re = m->spectrum[k].r, im = m->spectrum[k].i;
            /* |X|^2 as uint32 then int32 (2 x 32768^2 wraps), widened as TFLite Micro does */
            const int32_t energy = (int32_t)((uint32_t)(re * re) + (uint32_t)(im * im));
            const uint64_t e = (uint64_t)(int64_t)energy;
            weighted += (uint64_t)m->weights[k - m->start_bin] * e;
            unweighted += (uint64_t)m->unweights[k - m->start_bin] * e;
        }
        if (b > 0u) {
            m->signal[b - 1u] = kws__sqrt_round(weighted) >> shift;
        }
        carry = unweighted;
    }

    for (uint32_t c = 0; c < m->channels; c++) {
        /* noise reduction (estimate carried between frames) */
        const uint32_t smoothing = (c & 1u) == 0u ? KWS__NOISE_EVEN : KWS__NOISE_ODD;
        const uint32_t s = m->signal[c];
        const uint32_t up = s << KWS__NOISE_SMOOTHING_BITS;
        uint32_t est = (uint32_t)(((uint64_t)up * smoothing +
                                   (uint64_t)m->noise[c] * ((1u << KWS__NOISE_BITS) - smoothing)) >> KWS__NOISE_BITS);
        m->noise[c] = est;
        est = est > up ? up : est;
        const uint32_t floor_v = (uint32_t)(((uint64_t)s * KWS__NOISE_MIN) >> KWS__NOISE_BITS);
        const uint32_t sub = (up - est) >> KWS__NOISE_SMOOTHING_BITS;
        const uint32_t reduced = sub > floor_v ? sub : floor_v;

        /* PCAN gain control against the noise estimate */
        const uint32_t gain = (uint32_t)(int32_t)kws__wide_dynamic(m->noise[c], m->pcan_lut);
        const uint32_t snr = (uint32_t)(((uint64_t)reduced * gain) >> m->snr_shift);
        uint32_t v = kws__pcan_shrink(snr);

        /* log scale */
        v = m->log_shift < 0 ? v >> (-m->log_shift) : v << m->log_shift;
        v = v > 1u ? kws__log_scaled(v, m->log_lut) : 0u;
        features[c] = (uint16_t)(v < 0xFFFFu ? v : 0xFFFFu);
    }
}

int8_t kws__micro_to_int8(uint32_t feature)
{
    int32_t v = (int32_t)((feature * 256u + 333u) / 666u) - 128;
    v = v < -128 ? -128 : (v > 127 ? 127 : v);
    return (int8_t)v;
}
