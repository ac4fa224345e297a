/* KwsNano Cortex-M support: semihosting exit and write, CMSDK timer (see kws_cm.h; stack painting in
 * kws_cm_stack.c, shared with the RISC-V images). */
#include "kws_cm.h"

/* CMSDK APB dual timer, timer 1 (ARM DDI 0479, MPS2: 0x40002000, TIMCLK 25 MHz). */
#define DUALTIMER1_LOAD (*(volatile uint32_t *)0x40002000u)
#define DUALTIMER1_VALUE (*(volatile uint32_t *)0x40002004u)
#define DUALTIMER1_CONTROL (*(volatile uint32_t *)0x40002008u)
#define DUALTIMER_CTRL_ENABLE 0x80u
#define DUALTIMER_CTRL_32BIT 0x02u

const char *kws_cm_cpu_name(void)
{
#if defined(KWS_CM_CPU_NAME)
    return KWS_CM_CPU_NAME;
#elif defined(__ARM_ARCH_7EM__) && defined(__ARM_FP)
    return "cortex-m4/m7 (hard float)";
#elif defined(__ARM_ARCH_7M__)
    return "cortex-m3";
#elif defined(__ARM_ARCH_6M__)
    return "cortex-m0/m0+";
#else
    return "cortex-m";
#endif
}

/* Semihosting call: operation in r0, argument in r1, result in r0 (Arm semihosting v2, bkpt 0xAB). */
static int kws_cm_semihost(int op, const void *arg)
{
    register int r0 __asm("r0") = op;
    register const void *r1 __asm("r1") = arg;
    __asm volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
    return r0;
}

void kws_cm_exit(int code)
{
    /* SYS_EXIT_EXTENDED (0x20): block {ADP_Stopped_ApplicationExit, exit code}. */
    const uint32_t block[2] = { 0x20026u, (uint32_t)code };
    for (;;) {
        (void)kws_cm_semihost(0x20, block);
    }
}

void kws_cm_write0(const char *text)
{
    (void)kws_cm_semihost(0x04, text); /* SYS_WRITE0 */
}

void kws_cm_timer_start(void)
{
    if ((DUALTIMER1_CONTROL & DUALTIMER_CTRL_ENABLE) == 0u) {
        DUALTIMER1_LOAD = 0xFFFFFFFFu;
        /* free-running (wraps from 0 to 0xFFFFFFFF), 32-bit, prescale 1, no interrupt */
        DUALTIMER1_CONTROL = DUALTIMER_CTRL_ENABLE | DUALTIMER_CTRL_32BIT;
    }
}

uint32_t kws_cm_ticks(void)
{
    /* The timer counts down: turn it into an up-counter. */
    return 0xFFFFFFFFu - DUALTIMER1_VALUE;
}
