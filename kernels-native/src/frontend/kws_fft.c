/*
 * KwsNano real FFT (radix-2, decimation in time), written for the MFCC front-end.
 *
 * Why our own FFT rather than CMSIS-DSP or kissfft: no third-party license or source to carry into
 * the firmware, about 100 lines, and every table (twiddles, bit reversal) lives in caller memory
 * built once at init, so there is no static data and no malloc. Speed is secondary: one 1024-point
 * transform per 20 ms hop.
 *
 * A real sequence x[0..n-1] is packed as n/2 complex values z[m] = x[2m] + i*x[2m+1], transformed
 * with an n/2-point complex FFT Z, and split into the spectrum of x:
 *   E[k] = (Z[k] + conj(Z[h-k])) / 2,  O[k] = (Z[k] - conj(Z[h-k])) / (2i),  h = n/2, Z[h] = Z[0]
 *   X[k] = E[k] + exp(-2*pi*i*k/n) * O[k],  k = 0..h
 */
#include <math.h>
#include "kws_frontend_internal.h"

void kws__fft_init(uint32_t n, float *cos_t, float *sin_t, uint16_t *rev)
{
    const uint32_t h = n / 2u;
    uint32_t bits = 0;
    while ((1u << bits) < h) {
        bits++;
    }
    for (uint32_t k = 0; k < h; k++) {
        /* Tables in double, stored as float: the closest float to each exact twiddle. */
        const double a = 2.0 * 3.14159265358979323846 * (double)k / (double)n;
        cos_t[k] = (float)cos(a);
        sin_t[k] = (float)sin(a);
        uint32_t r = 0;
        for (uint32_t b = 0; b < bits; b++) {
            r |= ((k >> b) & 1u) << (bits - 1u - b);
        }
        rev[k] = (uint16_t)r;
    }
}

/* In-place complex FFT of h = n/2 interleaved (re, im) values, input in natural order. */
static void kws__fft_complex(const kws__fft *fft, float *z)
{
    const uint32_t h = fft->n / 2u;
    for (uint32_t k = 0; k < h; k++) {
        const uint32_t r = fft->rev[k];
        if (r > k) {
            float t = z[2u * k];
            z[2u * k] = z[2u * r];
            z[2u * r] = t;
            t = z[2u * k + 1u];
            z[2u * k + 1u] = z[2u * r + 1u];
            z[2u * r + 1u] = t;
        }
    }
    for (uint32_t len = 2; len <= h; len <<= 1) {
        const uint32_t half = len / 2u;
        /* exp(-2*pi*i*j/len) = table entry j * (n/len) of the n-point tables */
        const uint32_t step = fft->n / len;
        for (uint32_t base = 0; base < h; base += len) {
            for (uint32_t j = 0; j < half; j++) {
                const float wr = fft->cos_t[j * step];
                const float wi = -fft->sin_t[j * step];
                float *a = &z[2u * (base + j)];
                float *b = &z[2u * (base + j + half)];
                const float tr = b[0] * wr - b[1] * wi;
                const float ti = b[0] * wi + b[1] * wr;
                b[0] = a[0] - tr;
                b[1] = a[1] - ti;
                a[0] = a[0] + tr;
                a[1] = a[1] + ti;
            }
        }
    }
}

void kws__fft_power(const kws__fft *fft, float *buf, float *power)
{
    const uint32_t h = fft->n / 2u;
    kws__fft_complex(fft, buf);
    /* k = 0 and k = h are real: Z[0].re +- Z[0].im */
    const float x0 = buf[0] + buf[1];
    const float xh = buf[0] - buf[1];
    power[0] = x0 * x0;
    power[h] = xh * xh;
    for (uint32_t k = 1; k < h; k++) {
        const float zr = buf[2u * k], zi = buf[2u * k + 1u];
        const float mr = buf[2u * (h - k)], mi = buf[2u * (h - k) + 1u];
        const float er = 0.5f * (zr + mr), ei = 0.5f * (zi - mi);
        const float or_ = 0.5f * (zi + mi), oi = -0.5f * (zr - mr);
        const float c = fft->cos_t[k], s = fft->sin_t[k];
        /* (c - i s) * (or_ + i oi) */
        const float xr = er + c * or_ + s * oi;
        const float xi = ei + c * oi - s * or_;
        power[k] = xr * xr + xi * xi;
    }
}
