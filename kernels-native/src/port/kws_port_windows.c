/*
 * KwsNano host port for Windows (kwsnano.dll, cross-built with mingw-w64): monotonic clock in microseconds
 * from the performance counter. The POSIX host port (kws_port_host.c) needs clock_gettime, which mingw-w64
 * takes from winpthreads, an extra DLL the tool package would then have to carry.
 */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>
#include "kws_port.h"

uint32_t kws_port_now_us(void)
{
    LARGE_INTEGER freq;
    LARGE_INTEGER now;
    if (!QueryPerformanceFrequency(&freq) || freq.QuadPart <= 0 || !QueryPerformanceCounter(&now)) {
        return 0u;
    }
    /* Split to avoid overflow of now * 1e6 in 64 bits: whole seconds, then the remainder. */
    uint64_t f = (uint64_t)freq.QuadPart;
    uint64_t t = (uint64_t)now.QuadPart;
    uint64_t us = (t / f) * 1000000u + ((t % f) * 1000000u) / f;
    return (uint32_t)us;
}
