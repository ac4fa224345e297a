/*
 * Bare-metal start-up for the QEMU MPS2 boards (Cortex-M0+/M3/M4F/M7): vector table, Reset_Handler,
 * fault handlers. Reset_Handler enables the FPU (hard-float builds) before any C code can emit a
 * floating-point instruction, copies .data, zeroes .bss, paints the stack, starts the instruction
 * timer, opens newlib's semihosting stdio (rdimon) and runs main(); main's return value becomes QEMU's
 * exit status. Every fault ends the run with KWS_CM_EXIT_FAULT after printing the faulting PC.
 */
#include <stdint.h>
#include <stdlib.h>
#include "kws_cm.h"

extern uint32_t __data_load[], __data_start[], __data_end[];
extern uint32_t __bss_start[], __bss_end[];
extern uint32_t __stack_top[];

extern int main(void);
extern void initialise_monitor_handles(void); /* newlib librdimon */
extern void __libc_init_array(void);

void Reset_Handler(void) __attribute__((naked, noreturn));
void kws_cm_fault_entry(void) __attribute__((naked, noreturn));
void kws_cm_reset_c(void) __attribute__((noreturn, used));
void kws_cm_fault_c(const uint32_t *frame, uint32_t exc_return) __attribute__((noreturn, used));

/* Linked with -nostartfiles: __libc_init_array calls these. */
void _init(void) {}
void _fini(void) {}

typedef void (*kws_cm_vector)(void);

/* 16 system exceptions; the MPS2 external interrupts are never enabled, so the table stops here. */
__attribute__((section(".vectors"), used)) static const kws_cm_vector kws_cm_vectors[16] = {
    (kws_cm_vector)(uintptr_t)__stack_top, /* initial main stack pointer */
    Reset_Handler,
    kws_cm_fault_entry, /* NMI */
    kws_cm_fault_entry, /* HardFault */
    kws_cm_fault_entry, /* MemManage (v7-M) */
    kws_cm_fault_entry, /* BusFault (v7-M) */
    kws_cm_fault_entry, /* UsageFault (v7-M) */
    0, 0, 0, 0,
    kws_cm_fault_entry, /* SVCall */
    kws_cm_fault_entry, /* DebugMonitor */
    0,
    kws_cm_fault_entry, /* PendSV */
    kws_cm_fault_entry, /* SysTick (never enabled with TICKINT) */
};

void Reset_Handler(void)
{
#if defined(__ARM_FP)
    /* CPACR (0xE000ED88): full access to CP10/CP11 (bits 20-23), before any VFP instruction. */
    __asm volatile(
        "ldr r0, =0xE000ED88\n"
        "ldr r1, [r0]\n"
        "orr r1, r1, #0x00F00000\n"
        "str r1, [r0]\n"
        "dsb\n"
        "isb\n"
        "b kws_cm_reset_c\n");
#else
    __asm volatile(
        "ldr r0, =kws_cm_reset_c\n"
        "bx r0\n");
#endif
}

void kws_cm_reset_c(void)
{
    uint32_t *src = __data_load;
    uint32_t *dst = __data_start;
    while (dst < __data_end) {
        *dst++ = *src++;
    }
    for (dst = __bss_start; dst < __bss_end; dst++) {
        *dst = 0u;
    }
    kws_cm_stack_paint();
    kws_cm_timer_start();
    initialise_monitor_handles();
    __libc_init_array();
    exit(main());
}

/* Pick the stack the exception frame was pushed on (EXC_RETURN bit 2) and hand it to C. */
void kws_cm_fault_entry(void)
{
    __asm volatile(
        "mov r1, lr\n"
        "movs r2, #4\n"
        "tst r1, r2\n"
        "bne 1f\n"
        "mrs r0, msp\n"
        "b 2f\n"
        "1:\n"
        "mrs r0, psp\n"
        "2:\n"
        "ldr r2, =kws_cm_fault_c\n"
        "bx r2\n");
}

static char *kws_cm_hex(char *out, const char *label, uint32_t value)
{
    static const char digits[] = "0123456789abcdef";
    while (*label != '\0') {
        *out++ = *label++;
    }
    *out++ = '0';
    *out++ = 'x';
    for (int i = 7; i >= 0; i--) {
        *out++ = digits[(value >> (4 * i)) & 0xFu];
    }
    return out;
}

void kws_cm_fault_c(const uint32_t *frame, uint32_t exc_return)
{
    /* Frame: r0 r1 r2 r3 r12 lr pc xpsr. No newlib here: the heap or stdio may be what broke. */
    char text[160];
    uint32_t ipsr;
    __asm volatile("mrs %0, ipsr" : "=r"(ipsr));
    char *p = text;
    p = kws_cm_hex(p, "\n*** FAULT: exception ", ipsr & 0x1FFu);
    p = kws_cm_hex(p, " pc=", frame[6]);
    p = kws_cm_hex(p, " lr=", frame[5]);
    p = kws_cm_hex(p, " exc_return=", exc_return);
#if defined(__ARM_ARCH_7M__) || defined(__ARM_ARCH_7EM__)
    p = kws_cm_hex(p, " cfsr=", *(volatile uint32_t *)0xE000ED28u);
    p = kws_cm_hex(p, " bfar=", *(volatile uint32_t *)0xE000ED38u);
#endif
    *p++ = '\n';
    *p = '\0';
    kws_cm_write0(text);
    kws_cm_exit(KWS_CM_EXIT_FAULT);
}
