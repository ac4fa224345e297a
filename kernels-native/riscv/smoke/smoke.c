/*
 * Smoke test of the RISC-V bare-metal infrastructure on qemu-system-riscv32 -M virt: semihosting printf,
 * exit status, instruction counting under -icount shift=0 (a loop of known length timed by minstret, exact
 * to the instruction), kws_port_now_us and stack painting. Built with -DKWS_CM_SMOKE_FAULT it loads from
 * an unmapped address instead, and the trap handler must end the run with KWS_CM_EXIT_FAULT.
 * Prints one line per check and PASS/FAIL; exit status 0 only when everything passed.
 */
#include <stdio.h>
#include "kws_cm.h"
#include "kws_port.h"
#include "kws_cm_smoke_common.h"

/* Exactly 2 instructions per iteration (addi + taken bnez). */
static __attribute__((noinline, unused)) void spin(uint32_t iterations)
{
    __asm volatile(
        "1:\n"
        "addi %0, %0, -1\n"
        "bnez %0, 1b\n"
        : "+r"(iterations));
}

int main(void)
{
    printf("kwsnano riscv smoke on %s\n", kws_cm_cpu_name());

#if defined(KWS_CM_SMOKE_FAULT)
    printf("reading from an unmapped address; the trap handler must exit with %d\n", KWS_CM_EXIT_FAULT);
    fflush(stdout);
    volatile uint32_t *bad = (volatile uint32_t *)0xF0000000u;
    printf("read %lu (not expected to get here)\n", (unsigned long)*bad);
    return KWS_CM_EXIT_FAIL;
#else
    /* Instruction counting: 1,000,000 iterations of a 2-instruction loop, plus the call around it. */
    uint32_t t0 = kws_cm_ticks();
    spin(1000000u);
    uint32_t t1 = kws_cm_ticks();
    uint64_t insns = kws_cm_ticks_to_insns(t0, t1);
    printf("2,000,000-instruction loop: minstret %lu instructions\n", (unsigned long)insns);
    check(insns >= 2000000u && insns <= 2000000u + 16u, "minstret counts instructions");
    uint32_t t2 = kws_cm_ticks();
    spin(1000000u);
    uint32_t t3 = kws_cm_ticks();
    check(kws_cm_ticks_to_insns(t2, t3) == insns, "the same loop counts the same");
    uint32_t us0 = kws_port_now_us();
    spin(500000u);
    uint32_t us1 = kws_port_now_us();
    printf("kws_port_now_us over 1,000,000 instructions: %lu\n", (unsigned long)(us1 - us0));
    check(us1 - us0 >= 999u && us1 - us0 <= 1002u, "kws_port_now_us: 1000 instructions per us");

    kws_cm_smoke_check_stack();
    return kws_cm_smoke_result();
#endif
}
