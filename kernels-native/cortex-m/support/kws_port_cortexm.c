/*
 * kws_port.h for the QEMU MPS2 boards: kws_port_now_us from the 25 MHz CMSDK dual timer
 * (kws_cm.c), 25 ticks per microsecond of virtual time.
 *
 * Under `qemu-system-arm -icount shift=0` the virtual clock advances 1 ns per executed instruction,
 * so one "microsecond" here is 1000 instructions and the engine's timings (kws_stream_last_timing)
 * are instruction counts / 1000, repeatable run to run. Without -icount they follow host time.
 *
 * The 32-bit tick counter wraps after 2^32 ticks (171.8 s); a software extension to 64 bits keeps
 * the microsecond clock monotonic until it wraps at 2^32 us as kws_port.h promises. This port state
 * is platform code, single-threaded (bare metal), outside the engine library.
 */
#include "kws_port.h"
#include "kws_cm.h"

static uint32_t kws_cm_port_last_ticks;
static uint64_t kws_cm_port_ticks_high;

uint32_t kws_port_now_us(void)
{
    kws_cm_timer_start();
    uint32_t now = kws_cm_ticks();
    if (now < kws_cm_port_last_ticks) {
        kws_cm_port_ticks_high += (uint64_t)1u << 32;
    }
    kws_cm_port_last_ticks = now;
    return (uint32_t)((kws_cm_port_ticks_high + now) / 25u);
}
