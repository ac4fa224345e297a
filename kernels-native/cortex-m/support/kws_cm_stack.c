/*
 * Stack painting for the bare-metal test and benchmark images (see kws_cm.h): portable C shared by the
 * Cortex-M (startup/mps2.ld) and RISC-V (../riscv/startup/virt.ld) images. The linker script defines
 * __stack_bottom and __stack_top around the stack region.
 */
#include "kws_cm.h"

#define KWS_CM_STACK_PATTERN 0xC5AC5A5Cu

extern uint32_t __stack_bottom[];
extern uint32_t __stack_top[];

__attribute__((noinline)) void kws_cm_stack_paint(void)
{
    /* Everything below this frame (minus a margin for this function's own pushes) is free. */
    uint32_t *p = __stack_bottom;
    uint32_t *limit = (uint32_t *)((kws_cm_sp() - 64u) & ~(uintptr_t)3u);
    while (p < limit) {
        *p++ = KWS_CM_STACK_PATTERN;
    }
}

uintptr_t kws_cm_stack_low_water(void)
{
    const uint32_t *p = __stack_bottom;
    while (p < __stack_top && *p == KWS_CM_STACK_PATTERN) {
        p++;
    }
    return (uintptr_t)p;
}

uint32_t kws_cm_stack_peak(void)
{
    return (uint32_t)((uintptr_t)__stack_top - kws_cm_stack_low_water());
}

uint32_t kws_cm_stack_size(void)
{
    return (uint32_t)((uintptr_t)__stack_top - (uintptr_t)__stack_bottom);
}
