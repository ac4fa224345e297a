/*
 * Checks shared by the Cortex-M smoke test (smoke.c) and the RISC-V one (../../riscv/smoke/smoke.c):
 * one line per check, a failure count, and the stack-painting check (a 100-deep recursion of about 64
 * bytes per frame must show up in kws_cm_stack_low_water). Included once per smoke image.
 */
#ifndef KWS_CM_SMOKE_COMMON_H
#define KWS_CM_SMOKE_COMMON_H

#include <stdio.h>
#include "kws_cm.h"

static int kws_cm_smoke_failures;

static __attribute__((unused)) void check(int ok, const char *what)
{
    printf("%s: %s\n", ok ? "ok  " : "FAIL", what);
    if (!ok) {
        kws_cm_smoke_failures++;
    }
}

/* Uses about `depth` * 64 bytes of stack. */
static __attribute__((noinline, unused)) uint32_t kws_cm_smoke_recurse(volatile uint8_t *prev, uint32_t depth)
{
    volatile uint8_t local[48];
    local[0] = (uint8_t)depth;
    local[47] = prev != 0 ? prev[0] : 0u;
    if (depth == 0u) {
        return local[0] + local[47];
    }
    return kws_cm_smoke_recurse(local, depth - 1u) + local[47];
}

static __attribute__((unused)) void kws_cm_smoke_check_stack(void)
{
    kws_cm_stack_paint();
    uintptr_t sp = kws_cm_sp();
    uint32_t before = kws_cm_stack_peak();
    volatile uint32_t sink = kws_cm_smoke_recurse(0, 100u);
    (void)sink;
    uintptr_t low = kws_cm_stack_low_water();
    uint32_t used = (uint32_t)(sp - low);
    printf("stack: %lu bytes used by a 100-deep recursion (region %lu bytes, %lu in use at paint)\n",
           (unsigned long)used, (unsigned long)kws_cm_stack_size(), (unsigned long)before);
    check(used >= 100u * 48u && used <= 100u * 96u + 256u, "stack painting measures the recursion");
}

/* Prints PASS/FAIL and returns the exit status. */
static __attribute__((unused)) int kws_cm_smoke_result(void)
{
    printf("%s\n", kws_cm_smoke_failures == 0 ? "PASS" : "FAIL");
    return kws_cm_smoke_failures == 0 ? KWS_CM_EXIT_PASS : KWS_CM_EXIT_FAIL;
}

#endif /* KWS_CM_SMOKE_COMMON_H */
