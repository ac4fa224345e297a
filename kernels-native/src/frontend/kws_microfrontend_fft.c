/*
 * 16-bit fixed-point real FFT with exactly the arithmetic of kissfft v130 built with FIXED_POINT 16,
 * which TFLite Micro's microfrontend uses (facts: docs/frontend.md). Written from the documented
 * algorithm, iteratively:
 *   - an n-point real transform is one n/2-point complex transform of (x[2j], x[2j+1]) plus a split step;
 *   - the complex transform factors n/2 into radix-4 stages (outermost first) and at most one radix-2
 *     stage (innermost), decimation in time: inputs in mixed-radix digit-reversed order, then the stages
 *     from the innermost (m = 1) outwards;
 *   - every stage first divides each input by its radix (x * (32767 / p), rounded Q15), every product is
 *     rounded Q15 ((a * b + 2^14) >> 15), and every intermediate is stored as int16 (wrapping, as kissfft
 *     stores each result in a kiss_fft_cpx);
 *   - twiddles are floor(0.5 + 32767 cos(phase)), floor(0.5 + 32767 sin(phase)).
 * Butterflies of one stage are independent, so the iterative order gives the recursive code's values.
 * Overflow: inputs are int16, each stage divides by its radix before adding p terms, so sums stay in
 * int16 for any input (a radix-4 sum of four values |v| <= 32767/4 after the division and rotation).
 */
#include <math.h>
#include "kws_microfrontend.h"

/* kissfft's SAMP_MAX and its Q15 rounding */
#define KWS__Q15_MAX 32767

static int16_t kws__w16(int32_t v)
{
    return (int16_t)v; /* stored into an int16 field: wraps like kissfft's kiss_fft_scalar */
}

static int16_t kws__round15(int32_t product)
{
    return (int16_t)((product + (1 << 14)) >> 15);
}

/* C_FIXDIV: each part times (32767 / p) (integer division), rounded Q15 */
static kws__cpx16 kws__fixdiv(kws__cpx16 a, int32_t p)
{
    const int32_t k = KWS__Q15_MAX / p;
    kws__cpx16 r;
    r.r = kws__round15((int32_t)a.r * k);
    r.i = kws__round15((int32_t)a.i * k);
    return r;
}

static kws__cpx16 kws__mul(kws__cpx16 a, kws__cpx16 b)
{
    kws__cpx16 r;
    r.r = kws__round15((int32_t)a.r * b.r - (int32_t)a.i * b.i);
    r.i = kws__round15((int32_t)a.r * b.i + (int32_t)a.i * b.r);
    return r;
}

static kws__cpx16 kws__add(kws__cpx16 a, kws__cpx16 b)
{
    kws__cpx16 r;
    r.r = kws__w16((int32_t)a.r + b.r);
    r.i = kws__w16((int32_t)a.i + b.i);
    return r;
}

static kws__cpx16 kws__sub(kws__cpx16 a, kws__cpx16 b)
{
    kws__cpx16 r;
    r.r = kws__w16((int32_t)a.r - b.r);
    r.i = kws__w16((int32_t)a.i - b.i);
    return r;
}

static kws__cpx16 kws__cexp(double phase)
{
    kws__cpx16 c;
    c.r = (int16_t)floor(0.5 + KWS__Q15_MAX * cos(phase));
    c.i = (int16_t)floor(0.5 + KWS__Q15_MAX * sin(phase));
    return c;
}

void kws__rfft16_init(uint32_t n, kws__cpx16 *twiddles, kws__cpx16 *super_twiddles)
{
    const double pi = 3.14159265358979323846;
    const uint32_t nc = n / 2u;
    for (uint32_t i = 0; i < nc; i++) {
        twiddles[i] = kws__cexp(-2.0 * pi * (double)i / (double)nc);
    }
    for (uint32_t i = 0; i < nc / 2u; i++) {
        super_twiddles[i] = kws__cexp(-pi * ((double)(i + 1u) / (double)nc + 0.5));
    }
}

/* Radices of an nc-point transform, outermost first: 4 while 4 divides, then 2. Returns the count. */
static uint32_t kws__radices(uint32_t nc, uint32_t *p)
{
    uint32_t count = 0;
    while (nc > 1u) {
        p[count] = (nc % 4u == 0u) ? 4u : 2u;
        nc /= p[count];
        count++;
    }
    return count;
}

static void kws__bfly2(kws__cpx16 *f, const kws__cpx16 *tw, uint32_t fstride, uint32_t m)
{
    for (uint32_t k = 0; k < m; k++) {
        const kws__cpx16 a = kws__fixdiv(f[k], 2);
        const kws__cpx16 b = kws__fixdiv(f[k + m], 2);
        const kws__cpx16 t = kws__mul(b, tw[k * fstride]);
        f[k + m] = kws__sub(a, t);
        f[k] = kws__add(a, t);
    }
}

static void kws__bfly4(kws__cpx16 *f, const kws__cpx16 *tw, uint32_t fstride, uint32_t m)
{
    for (uint32_t k = 0; k < m; k++) {
        const kws__cpx16 a0 = kws__fixdiv(f[k], 4);
        const kws__cpx16 a1 = kws__fixdiv(f[k + m], 4);
        const kws__cpx16 a2 = kws__fixdiv(f[k + 2u * m], 4);
        const kws__cpx16 a3 = kws__fixdiv(f[k + 3u * m], 4);
        const kws__cpx16 s0 = kws__mul(a1, tw[k * fstride]);
        const kws__cpx16 s1 = kws__mul(a2, tw[2u * k * fstride]);
        const kws__cpx16 s2 = kws__mul(a3, tw[3u * k * fstride]);
        const kws__cpx16 s5 = kws__sub(a0, s1);
        const kws__cpx16 e = kws__add(a0, s1);
        const kws__cpx16 s3 = kws__add(s0, s2);
        const kws__cpx16 s4 = kws__sub(s0, s2);
        f[k + 2u * m] = kws__sub(e, s3);
        f[k] = kws__add(e, s3);
        f[k + m].r = kws__w16((int32_t)s5.r + s4.i);
        f[k + m].i = kws__w16((int32_t)s5.i - s4.r);
        f[k + 3u * m].r = kws__w16((int32_t)s5.r - s4.i);
        f[k + 3u * m].i = kws__w16((int32_t)s5.i + s4.r);
    }
}

void kws__rfft16(uint32_t n, const kws__cpx16 *twiddles, const kws__cpx16 *super_twiddles, const int16_t *in,
                 kws__cpx16 *tmp, kws__cpx16 *out)
{
    uint32_t p[16], m[16];
    const uint32_t nc = n / 2u;
    const uint32_t stages = kws__radices(nc, p);
    uint32_t len = nc;
    for (uint32_t l = 0; l < stages; l++) {
        len /= p[l];
        m[l] = len; /* sub-transform length below stage l */
    }
    /* input j = k0 + p0 (k1 + p1 (k2 ...)) goes to sum k_l m_l */
    for (uint32_t j = 0; j < nc; j++) {
        uint32_t rest = j, at = 0;
        for (uint32_t l = 0; l < stages; l++) {
            at += (rest % p[l]) * m[l];
            rest /= p[l];
        }
        tmp[at].r = in[2u * j];
        tmp[at].i = in[2u * j + 1u];
    }
    uint32_t fstride = nc;
    for (uint32_t l = stages; l-- > 0u;) {
        fstride /= p[l]; /* product of the radices outside stage l */
        const uint32_t block = p[l] * m[l];
        for (uint32_t b = 0; b < nc; b += block) {
            if (p[l] == 4u) {
                kws__bfly4(tmp + b, twiddles, fstride, m[l]);
            } else {
                kws__bfly2(tmp + b, twiddles, fstride, m[l]);
            }
        }
    }
    /* split step: the two interleaved real transforms into one */
    const kws__cpx16 dc = kws__fixdiv(tmp[0], 2);
    out[0].r = kws__w16((int32_t)dc.r + dc.i);
    out[0].i = 0;
    out[nc].r = kws__w16((int32_t)dc.r - dc.i);
    out[nc].i = 0;
    for (uint32_t k = 1; k <= nc / 2u; k++) {
        kws__cpx16 pk = tmp[k], pnk;
        pnk.r = tmp[nc - k].r;
        pnk.i = kws__w16(-(int32_t)tmp[nc - k].i);
        pk = kws__fixdiv(pk, 2);
        pnk = kws__fixdiv(pnk, 2);
        const kws__cpx16 f1 = kws__add(pk, pnk);
        const kws__cpx16 f2 = kws__sub(pk, pnk);
        const kws__cpx16 t = kws__mul(f2, super_twiddles[k - 1u]);
        out[k].r = kws__w16(((int32_t)f1.r + t.r) >> 1);
        out[k].i = kws__w16(((int32_t)f1.i + t.i) >> 1);
        out[nc - k].r = kws__w16(((int32_t)f1.r - t.r) >> 1);
        out[nc - k].i = kws__w16(((int32_t)t.i - f1.i) >> 1);
    }
}
