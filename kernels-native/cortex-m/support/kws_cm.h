/*
 * KwsNano bare-metal support for the QEMU boards (test and benchmark firmware only; the engine never
 * includes this): exit status through semihosting, the deterministic instruction counter, stack
 * painting. Implemented for Cortex-M on the MPS2 boards (kws_cm.c) and for RISC-V on the virt board
 * (../../riscv/support/kws_cm_riscv.c); kws_cm_stack.c is shared.
 *
 * RISC-V: `ticks` are the minstret CSR (retired instructions), exact to 1 instruction under
 * `qemu-system-riscv32 -icount shift=0` (KWS_CM_INSN_PER_TICK is 1 there). Cortex-M:
 *
 * Instruction counting: under `qemu-system-arm -icount shift=0` QEMU's virtual clock advances exactly
 * 1 ns per executed guest instruction, so one "ns" is one instruction. The MPS2 CMSDK dual timer
 * (0x40002000) and SysTick are clocked at 25 MHz, i.e. one tick per 40 instructions: readings are
 * exact multiples of 40 instructions (resolution +-40 per interval) and identical run to run.
 * Without -icount the readings follow host time and mean nothing.
 */
#ifndef KWS_CM_H
#define KWS_CM_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* QEMU exit statuses of the firmware in this directory. */
#define KWS_CM_EXIT_PASS 0   /* every check passed */
#define KWS_CM_EXIT_FAIL 1   /* a result differed from the expected one */
#define KWS_CM_EXIT_ERROR 2  /* the engine refused the model or an API call failed */
#define KWS_CM_EXIT_FAULT 70 /* HardFault / MemManage / BusFault / UsageFault / NMI handler ran */

/** Instructions per timer tick under -icount shift=0 (MPS2: 25 MHz timer clock, 1 ns per instruction;
 * RISC-V: minstret counts instructions). */
#if defined(__riscv)
#define KWS_CM_INSN_PER_TICK 1u
#else
#define KWS_CM_INSN_PER_TICK 40u
#endif

/** Core this image was compiled for ("cortex-m4", ...). */
const char *kws_cm_cpu_name(void);

/** End the QEMU run with `code` as the process exit status (semihosting SYS_EXIT_EXTENDED). */
void kws_cm_exit(int code) __attribute__((noreturn));

/** Write a NUL-terminated string straight to the semihosting console (no newlib, usable in faults). */
void kws_cm_write0(const char *text);

/** Start the free-running 32-bit CMSDK timer (idempotent; Reset_Handler calls it). No-op on RISC-V. */
void kws_cm_timer_start(void);

/** Current timer reading in ticks since kws_cm_timer_start (counts up, wraps at 2^32 ticks). */
uint32_t kws_cm_ticks(void);

/** Instructions executed between two kws_cm_ticks() readings (valid under -icount shift=0). */
static inline uint64_t kws_cm_ticks_to_insns(uint32_t start, uint32_t end)
{
    return (uint64_t)(uint32_t)(end - start) * KWS_CM_INSN_PER_TICK;
}

/** Current stack pointer. */
static inline uintptr_t kws_cm_sp(void)
{
    uintptr_t sp;
#if defined(__riscv)
    __asm volatile("mv %0, sp" : "=r"(sp));
#else
    __asm volatile("mov %0, sp" : "=r"(sp));
#endif
    return sp;
}

/** Fill the unused stack (bottom of the stack region up to just below the caller's frame) with a pattern. */
void kws_cm_stack_paint(void);

/** Lowest stack address written since the last paint (scans up from the bottom for the pattern). */
uintptr_t kws_cm_stack_low_water(void);

/** Bytes of the whole stack region used since the last paint (top of RAM - low water). */
uint32_t kws_cm_stack_peak(void);

/** Size of the stack region reserved by the linker script. */
uint32_t kws_cm_stack_size(void);

#ifdef __cplusplus
}
#endif

#endif /* KWS_CM_H */
