/*
 * KwsNano front-end tables section (format 1.2, docs/kwsm-format.md "Front-end tables"): the read-only tables of a
 * front-end (window, FFT twiddles and bit reversal, mel filters, DCT; for micro_speech its Q12/Q15 tables and LUTs),
 * built once and stored in the blob, so the device reads them in place from flash instead of building them in RAM.
 *
 * One builder for both uses: kws_frontend_tables_build is what the converter stores (through the host library) and
 * what kws_frontend_init builds in RAM for blobs without the section, so a device reading a section computes what
 * the converting host computes, bit for bit, whatever the device's libm. kws__fet_check validates a section (the
 * loader and kws_frontend_init_ex); the C# mirror is tools/KwsNano.Core/Kwsm/KwsmFrontendTables.cs.
 *
 * Layout: 32-byte header, `count` directory entries {u32 offset, u32 size} (relative to the section), the tables
 * in directory order, each at a 16-aligned offset, zero padding, section size = last end rounded up to 16.
 */
#include <math.h>
#include <string.h>
#include "kws_frontend_internal.h"
#include "kws_microfrontend.h"
#include "../model/kws__model.h"

#define KWS__PI 3.14159265358979323846
#define KWS__F32_ONE 0x3F800000u    /* 1.0f */
#define KWS__F32_SQRT2 0x3FB504F3u  /* (float)sqrt(2): the largest DCT entry (norm sqrt(2/M), M = 1) */

static uint32_t kws__a16(uint32_t v)
{
    return (v + 15u) & ~15u;
}

static uint32_t kws__table_count(uint8_t kind)
{
    return kind == KWS_FRONTEND_MICRO_SPEECH ? KWS_FETABLES_MICRO_COUNT : KWS_FETABLES_MFCC_COUNT;
}

/* Bytes of each table for `d`; the variable ones (mel weights, micro weights) at their maximum. */
static void kws__table_max_bytes(const kws_frontend_desc *d, uint32_t *bytes)
{
    const uint32_t n = d->fft_size, h = n / 2u, bins = h + 1u, m = d->mel_bins;
    if (d->kind == KWS_FRONTEND_MICRO_SPEECH) {
        bytes[KWS__FETM_WINDOW] = 2u * d->frame_length;
        bytes[KWS__FETM_TWIDDLES] = 4u * h;
        bytes[KWS__FETM_SUPER_TWIDDLES] = 4u * (n / 4u);
        bytes[KWS__FETM_BAND_START] = 2u * (m + 2u);
        bytes[KWS__FETM_WEIGHTS] = 2u * bins;
        bytes[KWS__FETM_UNWEIGHTS] = 2u * bins;
        bytes[KWS__FETM_PCAN_LUT] = 2u * KWS__MICRO_PCAN_LUT;
        bytes[KWS__FETM_LOG_LUT] = 2u * KWS__MICRO_LOG_LUT;
        return;
    }
    bytes[KWS__FET_WINDOW] = 4u * d->frame_length;
    bytes[KWS__FET_COS] = 4u * h;
    bytes[KWS__FET_SIN] = 4u * h;
    bytes[KWS__FET_REV] = 2u * h;
    bytes[KWS__FET_MEL_FIRST] = 2u * m;
    bytes[KWS__FET_MEL_COUNT] = 2u * m;
    bytes[KWS__FET_MEL_OFFSET] = 4u * m;
    /* adjacent triangles overlap by at most one edge interval, so a bin is inside at most two filters */
    bytes[KWS__FET_MEL_W] = 4u * 2u * bins;
    bytes[KWS__FET_DCT] = 4u * d->num_coeffs * m;
}

static int kws__computed_kind(const kws_frontend_desc *d)
{
    return d != NULL && d->kind >= KWS_FRONTEND_ARM_MFCC && d->kind <= KWS_FRONTEND_MICRO_SPEECH &&
           kws__frontend_desc_check(d) == KWS_OK;
}

uint32_t kws_frontend_tables_max_size(const kws_frontend_desc *d)
{
    uint32_t bytes[KWS_FETABLES_MAX_COUNT];
    if (!kws__computed_kind(d)) {
        return 0u;
    }
    const uint32_t count = kws__table_count(d->kind);
    kws__table_max_bytes(d, bytes);
    uint32_t at = kws__a16(KWS_FETABLES_HEADER_SIZE + 8u * count);
    for (uint32_t i = 0; i < count; i++) {
        at = kws__a16(at + bytes[i]);
    }
    return at;
}

static void kws__wr_u16(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void kws__wr_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

static uint32_t kws__f32_bits(float f)
{
    uint32_t u;
    memcpy(&u, &f, sizeof u);
    return u;
}

static double kws__mel(double hz)
{
    return 1127.0 * log(1.0 + hz / 700.0);
}

/* Sparse triangular mel filters: weights only where a bin's mel is strictly inside the filter. Returns the number
 * of weights. */
static uint32_t kws__build_mel(const kws_frontend_desc *d, uint32_t bins, uint16_t *first, uint16_t *count,
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
     * bins (the same mel values and comparisons as a full scan, about 13x fewer double logs). */
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
    return used;
}

/* The MFCC tables (kinds 1, 2) at their offsets; off[] holds the maximum layout, bytes[] gets the real sizes. */
static void kws__build_mfcc(const kws_frontend_desc *d, uint8_t *out, uint32_t *off, uint32_t *bytes)
{
    const uint32_t n = d->fft_size, h = n / 2u, bins = h + 1u;
    float *window = (float *)(out + off[KWS__FET_WINDOW]);
    for (uint32_t i = 0; i < d->frame_length; i++) {
        window[i] = (float)(0.5 - 0.5 * cos(2.0 * KWS__PI * (double)i / (double)d->frame_length));
    }
    kws__fft_init(n, (float *)(out + off[KWS__FET_COS]), (float *)(out + off[KWS__FET_SIN]),
                  (uint16_t *)(out + off[KWS__FET_REV]));
    const uint32_t used = kws__build_mel(d, bins, (uint16_t *)(out + off[KWS__FET_MEL_FIRST]),
                                         (uint16_t *)(out + off[KWS__FET_MEL_COUNT]),
                                         (uint32_t *)(out + off[KWS__FET_MEL_OFFSET]), (float *)(out + off[KWS__FET_MEL_W]));
    bytes[KWS__FET_MEL_W] = 4u * used;
    /* the DCT follows the weights directly */
    off[KWS__FET_DCT] = kws__a16(off[KWS__FET_MEL_W] + bytes[KWS__FET_MEL_W]);
    float *dct = (float *)(out + off[KWS__FET_DCT]);
    /* dct 0 (Arm) and dct 1 (TensorFlow mfccs_from_log_mel_spectrograms: DCT-II times
     * 1/sqrt(2M), i.e. HTK's sqrt(2/M) scaling for every k) give the same matrix. */
    const double m = (double)d->mel_bins;
    const double norm = sqrt(2.0 / m);
    for (uint32_t k = 0; k < d->num_coeffs; k++) {
        for (uint32_t b = 0; b < d->mel_bins; b++) {
            dct[k * d->mel_bins + b] = (float)(norm * cos(KWS__PI * (double)k * ((double)b + 0.5) / m));
        }
    }
}

/* The micro_speech tables (kind 3): built at the maximum layout, then the tables after the weights move down. */
static kws_status kws__build_micro(const kws_frontend_desc *d, uint8_t *out, uint32_t *off, uint32_t *bytes)
{
    kws_status st = kws__micro_build_tables(
        d, (int16_t *)(out + off[KWS__FETM_WINDOW]), (kws__cpx16 *)(out + off[KWS__FETM_TWIDDLES]),
        (kws__cpx16 *)(out + off[KWS__FETM_SUPER_TWIDDLES]), (uint16_t *)(out + off[KWS__FETM_BAND_START]),
        (int16_t *)(out + off[KWS__FETM_WEIGHTS]), (int16_t *)(out + off[KWS__FETM_UNWEIGHTS]),
        (int16_t *)(out + off[KWS__FETM_PCAN_LUT]), (uint16_t *)(out + off[KWS__FETM_LOG_LUT]));
    if (st != KWS_OK) {
        return st;
    }
    const uint16_t *band = (const uint16_t *)(out + off[KWS__FETM_BAND_START]);
    const uint32_t used = (uint32_t)band[d->mel_bins + 1u] - band[0];
    bytes[KWS__FETM_WEIGHTS] = 2u * used;
    bytes[KWS__FETM_UNWEIGHTS] = 2u * used;
    for (uint32_t i = KWS__FETM_UNWEIGHTS; i < KWS_FETABLES_MICRO_COUNT; i++) {
        const uint32_t to = kws__a16(off[i - 1u] + bytes[i - 1u]);
        memmove(out + to, out + off[i], bytes[i]); /* to <= off[i] */
        off[i] = to;
    }
    return KWS_OK;
}

kws_status kws_frontend_tables_build(const kws_frontend_desc *d, void *out_mem, uint32_t out_size, uint32_t *size)
{
    uint32_t off[KWS_FETABLES_MAX_COUNT], bytes[KWS_FETABLES_MAX_COUNT];
    uint8_t *out = (uint8_t *)out_mem;
    if (d == NULL || out == NULL || size == NULL) {
        return KWS_ERR_NULL;
    }
    *size = 0;
    const uint32_t max = kws_frontend_tables_max_size(d);
    if (max == 0u) {
        return KWS_ERR_FRONTEND;
    }
    if (out_size < max) {
        return KWS_ERR_ARGUMENT;
    }
    if (((uintptr_t)out & 3u) != 0u) {
        return KWS_ERR_ALIGN;
    }
    const uint32_t count = kws__table_count(d->kind);
    kws__table_max_bytes(d, bytes);
    uint32_t at = kws__a16(KWS_FETABLES_HEADER_SIZE + 8u * count);
    for (uint32_t i = 0; i < count; i++) {
        off[i] = at;
        at = kws__a16(at + bytes[i]);
    }
    memset(out, 0, max);
    if (d->kind == KWS_FRONTEND_MICRO_SPEECH) {
        kws_status st = kws__build_micro(d, out, off, bytes);
        if (st != KWS_OK) {
            return st;
        }
    } else {
        kws__build_mfcc(d, out, off, bytes);
    }
    const uint32_t total = kws__a16(off[count - 1u] + bytes[count - 1u]);
    /* zero the padding after each table (the moves above may have left bytes there) */
    for (uint32_t i = 0; i < count; i++) {
        const uint32_t end = off[i] + bytes[i], next = i + 1u < count ? off[i + 1u] : total;
        memset(out + end, 0, next - end);
    }
    memset(out + total, 0, max - total);

    memcpy(out + KWS_FETABLES_OFF_MAGIC, KWS_FETABLES_MAGIC, 4);
    out[KWS_FETABLES_OFF_KIND] = d->kind;
    out[KWS_FETABLES_OFF_COUNT] = (uint8_t)count;
    kws__wr_u32(out + KWS_FETABLES_OFF_SAMPLE_RATE, d->sample_rate);
    kws__wr_u16(out + KWS_FETABLES_OFF_FRAME_LENGTH, d->frame_length);
    kws__wr_u16(out + KWS_FETABLES_OFF_FFT_SIZE, d->fft_size);
    kws__wr_u16(out + KWS_FETABLES_OFF_MEL_BINS, d->mel_bins);
    kws__wr_u16(out + KWS_FETABLES_OFF_NUM_COEFFS, d->num_coeffs);
    kws__wr_u32(out + KWS_FETABLES_OFF_MEL_LOW_HZ, kws__f32_bits(d->mel_low_hz));
    kws__wr_u32(out + KWS_FETABLES_OFF_MEL_HIGH_HZ, kws__f32_bits(d->mel_high_hz));
    out[KWS_FETABLES_OFF_WINDOW] = d->window;
    out[KWS_FETABLES_OFF_MEL_FORMULA] = d->mel_formula;
    out[KWS_FETABLES_OFF_DCT] = d->dct;
    for (uint32_t i = 0; i < count; i++) {
        kws__wr_u32(out + KWS_FETABLES_HEADER_SIZE + 8u * i, off[i]);
        kws__wr_u32(out + KWS_FETABLES_HEADER_SIZE + 8u * i + 4u, bytes[i]);
    }
    *size = total;
    return KWS_OK;
}

void kws__fet_view_of(const uint8_t *sec, kws__fet_view *v)
{
    v->base = sec;
    v->count = sec[KWS_FETABLES_OFF_COUNT];
    for (uint32_t i = 0; i < v->count && i < KWS_FETABLES_MAX_COUNT; i++) {
        v->off[i] = kws__rd_u32(sec + KWS_FETABLES_HEADER_SIZE + 8u * i);
        v->bytes[i] = kws__rd_u32(sec + KWS_FETABLES_HEADER_SIZE + 8u * i + 4u);
    }
}

/* Every float's bits (as read from the section) within [0, max] (non_negative) or [-max, max]; NaN fails. */
static int kws__floats_within(const uint8_t *p, uint32_t n, uint32_t max_bits, int non_negative)
{
    for (uint32_t i = 0; i < n; i++) {
        const uint32_t u = kws__rd_u32(p + 4u * i);
        if ((non_negative ? u : (u & 0x7FFFFFFFu)) > max_bits) {
            return 0; /* a negative value has the sign bit, so it exceeds max_bits too */
        }
    }
    return 1;
}

static kws_status kws__check_mfcc(const kws_frontend_desc *d, const kws__fet_view *v)
{
    const uint32_t h = d->fft_size / 2u, bins = h + 1u, m = d->mel_bins;
    const uint8_t *b = v->base;
    /* the exact bit reversal of 0..h-1: rev[k] = rev[k/2]/2, plus h/2 for odd k */
    const uint8_t *rev = b + v->off[KWS__FET_REV];
    if (kws__rd_u16(rev) != 0u) {
        return KWS_ERR_FRONTEND;
    }
    for (uint32_t k = 1; k < h; k++) {
        const uint32_t expected = ((uint32_t)kws__rd_u16(rev + 2u * (k >> 1)) >> 1) | ((k & 1u) != 0u ? h >> 1 : 0u);
        if (kws__rd_u16(rev + 2u * k) != expected) {
            return KWS_ERR_FRONTEND;
        }
    }
    /* the filters: consecutive runs of weights, inside the spectrum, never the DC bin */
    const uint8_t *first = b + v->off[KWS__FET_MEL_FIRST], *count = b + v->off[KWS__FET_MEL_COUNT];
    const uint8_t *offset = b + v->off[KWS__FET_MEL_OFFSET];
    uint32_t used = 0;
    for (uint32_t i = 0; i < m; i++) {
        const uint32_t f = kws__rd_u16(first + 2u * i), c = kws__rd_u16(count + 2u * i);
        if (kws__rd_u32(offset + 4u * i) != used || c > bins) {
            return KWS_ERR_FRONTEND;
        }
        if (c != 0u && (f < 1u || f + c > bins)) {
            return KWS_ERR_FRONTEND;
        }
        used += c;
    }
    if (4u * used != v->bytes[KWS__FET_MEL_W]) {
        return KWS_ERR_FRONTEND;
    }
    /* values: window and mel weights in [0, 1], twiddles in [-1, 1], DCT within +-sqrt(2) */
    if (!kws__floats_within(b + v->off[KWS__FET_WINDOW], d->frame_length, KWS__F32_ONE, 1) ||
        !kws__floats_within(b + v->off[KWS__FET_COS], h, KWS__F32_ONE, 0) ||
        !kws__floats_within(b + v->off[KWS__FET_SIN], h, KWS__F32_ONE, 0) ||
        !kws__floats_within(b + v->off[KWS__FET_MEL_W], used, KWS__F32_ONE, 1) ||
        !kws__floats_within(b + v->off[KWS__FET_DCT], (uint32_t)d->num_coeffs * m, KWS__F32_SQRT2, 0)) {
        return KWS_ERR_FRONTEND;
    }
    return KWS_OK;
}

static kws_status kws__check_micro(const kws_frontend_desc *d, const kws__fet_view *v)
{
    const uint32_t bins = d->fft_size / 2u + 1u, m = d->mel_bins;
    const uint8_t *band = v->base + v->off[KWS__FETM_BAND_START];
    /* bands: nondecreasing from bin 1 (never DC) and ending before the last spectrum bin, as the builder requires */
    uint32_t prev = kws__rd_u16(band);
    if (prev < 1u) {
        return KWS_ERR_FRONTEND;
    }
    for (uint32_t i = 1; i < m + 2u; i++) {
        const uint32_t s = kws__rd_u16(band + 2u * i);
        if (s < prev) {
            return KWS_ERR_FRONTEND;
        }
        prev = s;
    }
    if (prev > bins - 1u) {
        return KWS_ERR_FRONTEND; /* end_bin <= bins - 1: the builder refuses a band that reaches the last bin */
    }
    const uint32_t used = prev - kws__rd_u16(band);
    if (v->bytes[KWS__FETM_WEIGHTS] != 2u * used || v->bytes[KWS__FETM_UNWEIGHTS] != 2u * used) {
        return KWS_ERR_FRONTEND;
    }
    /* Q12 weights in [0, 4096] */
    for (uint32_t t = KWS__FETM_WEIGHTS; t <= KWS__FETM_UNWEIGHTS; t++) {
        const uint8_t *w = v->base + v->off[t];
        for (uint32_t i = 0; i < used; i++) {
            if (kws__rd_u16(w + 2u * i) > 4096u) {
                return KWS_ERR_FRONTEND;
            }
        }
    }
    return KWS_OK;
}

kws_status kws__fet_check(const kws_frontend_desc *d, const uint8_t *sec, uint32_t size, kws__fet_view *v)
{
    uint32_t bytes[KWS_FETABLES_MAX_COUNT];
    if (d->kind < KWS_FRONTEND_ARM_MFCC || d->kind > KWS_FRONTEND_MICRO_SPEECH) {
        return KWS_ERR_FRONTEND; /* kind 0 computes no features, so it has no tables */
    }
    const uint32_t count = kws__table_count(d->kind);
    const uint32_t dir_end = KWS_FETABLES_HEADER_SIZE + 8u * count;
    if (size < dir_end || memcmp(sec + KWS_FETABLES_OFF_MAGIC, KWS_FETABLES_MAGIC, 4) != 0) {
        return KWS_ERR_FRONTEND;
    }
    /* the header repeats every descriptor field the tables depend on */
    if (sec[KWS_FETABLES_OFF_KIND] != d->kind || sec[KWS_FETABLES_OFF_COUNT] != count ||
        kws__rd_u32(sec + KWS_FETABLES_OFF_SAMPLE_RATE) != d->sample_rate ||
        kws__rd_u16(sec + KWS_FETABLES_OFF_FRAME_LENGTH) != d->frame_length ||
        kws__rd_u16(sec + KWS_FETABLES_OFF_FFT_SIZE) != d->fft_size ||
        kws__rd_u16(sec + KWS_FETABLES_OFF_MEL_BINS) != d->mel_bins ||
        kws__rd_u16(sec + KWS_FETABLES_OFF_NUM_COEFFS) != d->num_coeffs ||
        kws__rd_u32(sec + KWS_FETABLES_OFF_MEL_LOW_HZ) != kws__f32_bits(d->mel_low_hz) ||
        kws__rd_u32(sec + KWS_FETABLES_OFF_MEL_HIGH_HZ) != kws__f32_bits(d->mel_high_hz) ||
        sec[KWS_FETABLES_OFF_WINDOW] != d->window || sec[KWS_FETABLES_OFF_MEL_FORMULA] != d->mel_formula ||
        sec[KWS_FETABLES_OFF_DCT] != d->dct) {
        return KWS_ERR_FRONTEND;
    }
    kws__fet_view_of(sec, v);
    /* the directory: in order, 16-aligned, inside the section, no overlap, the exact sizes */
    kws__table_max_bytes(d, bytes);
    uint32_t end = dir_end;
    for (uint32_t i = 0; i < count; i++) {
        const uint32_t o = v->off[i], n = v->bytes[i];
        if (o > size || n > size - o) {
            return KWS_ERR_BOUNDS;
        }
        if ((o & (KWS_FETABLES_ALIGN - 1u)) != 0u) {
            return KWS_ERR_ALIGN;
        }
        if (o < end) {
            return KWS_ERR_FRONTEND;
        }
        const int variable = d->kind == KWS_FRONTEND_MICRO_SPEECH
                                 ? (i == KWS__FETM_WEIGHTS || i == KWS__FETM_UNWEIGHTS)
                                 : i == KWS__FET_MEL_W;
        if (variable ? (n > bytes[i] || (n % (d->kind == KWS_FRONTEND_MICRO_SPEECH ? 2u : 4u)) != 0u) : n != bytes[i]) {
            return KWS_ERR_FRONTEND;
        }
        end = o + n;
    }
    if (kws__a16(end) != size) {
        return KWS_ERR_FRONTEND; /* nothing after the last table but its padding */
    }
    return d->kind == KWS_FRONTEND_MICRO_SPEECH ? kws__check_micro(d, v) : kws__check_mfcc(d, v);
}
