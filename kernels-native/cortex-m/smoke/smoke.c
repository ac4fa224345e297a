/*
 * Smoke test of the bare-metal infrastructure on one board: semihosting printf, exit status, the
 * FPU (hard-float builds), instruction counting under -icount shift=0 (a loop of known length timed by
 * the CMSDK timer and by SysTick) and stack painting. Built with -DKWS_CM_SMOKE_FAULT it dereferences
 * an unmapped address instead, and the fault handler must end the run with KWS_CM_EXIT_FAULT.
 * Prints one line per check and PASS/FAIL; exit status 0 only when everything passed.
 */
#include <stdio.h>
#include <string.h>
#include <math.h>
#include "kws_cm.h"
#include "kws_port.h"
#include "kws_cm_smoke_common.h"

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)

/* Exactly 2 instructions per iteration (subs + taken bne), plus a few around it. */
static __attribute__((noinline, unused)) void spin(uint32_t iterations)
{
    __asm volatile(
        "1:\n"
#if defined(__ARM_ARCH_6M__)
        "sub %0, #1\n" /* GCC passes Thumb-1 inline asm in divided syntax: this is SUBS */
#else
        "subs %0, #1\n"
#endif
        "bne 1b\n"
        : "+r"(iterations)
        :
        : "cc");
}

int main(void)
{
    printf("kwsnano cortex-m smoke on %s\n", kws_cm_cpu_name());

#if defined(KWS_CM_SMOKE_FAULT)
    printf("reading from an unmapped address; the fault handler must exit with %d\n", KWS_CM_EXIT_FAULT);
    fflush(stdout);
    volatile uint32_t *bad = (volatile uint32_t *)0xF0000000u;
    printf("read %lu (not expected to get here)\n", (unsigned long)*bad);
    return KWS_CM_EXIT_FAIL;
#else
    /* FPU / float maths (soft-float on M0+/M3). volatile keeps the compiler from folding it. */
    volatile float a = 2.0f, b = 3.0f;
    float r = sqrtf(a * a + b * b * 4.0f); /* sqrt(40) */
    check(fabsf(r - 6.3245553f) < 1e-5f, "float arithmetic and sqrtf");
#if defined(__ARM_FP)
    uint32_t cpacr = *(volatile uint32_t *)0xE000ED88u;
    check((cpacr & 0x00F00000u) == 0x00F00000u, "FPU enabled in CPACR (CP10/CP11 full access)");
#endif

    /* Instruction counting: 1,000,000 iterations of a 2-instruction loop. */
    SYST_RVR = 0x00FFFFFFu;
    SYST_CVR = 0u;
    SYST_CSR = 5u; /* enable, processor clock, no interrupt */
    uint32_t s0 = SYST_CVR;
    uint32_t t0 = kws_cm_ticks();
    spin(1000000u);
    uint32_t t1 = kws_cm_ticks();
    uint32_t s1 = SYST_CVR;
    uint64_t timer_insns = kws_cm_ticks_to_insns(t0, t1);
    uint64_t systick_insns = (uint64_t)((s0 - s1) & 0x00FFFFFFu) * KWS_CM_INSN_PER_TICK;
    printf("2,000,000-instruction loop: CMSDK timer %lu instructions, SysTick %lu instructions\n",
           (unsigned long)timer_insns, (unsigned long)systick_insns);
    check(timer_insns >= 2000000u - 80u && timer_insns <= 2000000u + 200u,
          "CMSDK timer counts instructions (needs -icount shift=0)");
    check(systick_insns >= 2000000u - 80u && systick_insns <= 2000000u + 200u,
          "SysTick agrees");
    uint32_t us0 = kws_port_now_us();
    spin(500000u);
    uint32_t us1 = kws_port_now_us();
    printf("kws_port_now_us over 1,000,000 instructions: %lu\n", (unsigned long)(us1 - us0));
    check(us1 - us0 >= 999u && us1 - us0 <= 1002u, "kws_port_now_us: 1000 instructions per us");

    kws_cm_smoke_check_stack();
    return kws_cm_smoke_result();
#endif
}
