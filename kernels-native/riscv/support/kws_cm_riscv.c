/*
 * KwsNano bare-metal support for qemu-system-riscv32 -M virt (kws_cm.h): semihosting exit and write,
 * minstret as the instruction counter, the trap handler. picolibc's crt0 sets up gp, sp, tp, .data and
 * .bss and calls the constructors (the trap vector is installed and the stack painted by one of them)
 * and main; main's return value goes through exit() to picolibc's semihosting _exit. Exit statuses as
 * on Cortex-M: 0 pass, 1 wrong result, 2 engine error, 70 trap.
 *
 * Instruction counting: minstret counts retired instructions; under -icount shift=0 QEMU derives it
 * from its exact instruction counter, so readings are exact and repeatable (resolution 1 instruction).
 */
#include "kws_cm.h"
#include "kws_rv_csr.h"

const char *kws_cm_cpu_name(void)
{
#if defined(KWS_CM_CPU_NAME)
    return KWS_CM_CPU_NAME;
#else
    return "riscv32";
#endif
}

/*
 * RISC-V semihosting call (RISC-V semihosting spec: the three-instruction sequence, uncompressed and
 * in one page): operation in a0, argument in a1, result in a0.
 */
static __attribute__((noinline, aligned(16))) long kws_cm_semihost(long op, const void *arg)
{
    register long a0 __asm("a0") = op;
    register const void *a1 __asm("a1") = arg;
    __asm volatile(
        ".option push\n"
        ".option norvc\n"
        "slli x0, x0, 0x1f\n"
        "ebreak\n"
        "srai x0, x0, 7\n"
        ".option pop\n"
        : "+r"(a0)
        : "r"(a1)
        : "memory");
    return a0;
}

void kws_cm_exit(int code)
{
    /* SYS_EXIT_EXTENDED (0x20): block {ADP_Stopped_ApplicationExit, exit code} (SYS_EXIT on RV32 carries no code). */
    const uint32_t block[2] = { 0x20026u, (uint32_t)code };
    for (;;) {
        (void)kws_cm_semihost(0x20, block);
    }
}

/* picolibc's exit() ends here: pass main's status on. */
void _exit(int code)
{
    kws_cm_exit(code);
}

void kws_cm_write0(const char *text)
{
    (void)kws_cm_semihost(0x04, text); /* SYS_WRITE0 */
}

void kws_cm_timer_start(void)
{
}

uint32_t kws_cm_ticks(void)
{
    uint32_t v;
    KWS_RV_CSR_READ(minstret, v);
    return v;
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

/* Any trap (no interrupt is ever enabled): print the cause and where, end the run with status 70. */
static void __attribute__((interrupt("machine"), aligned(4), noreturn, used)) kws_cm_trap(void)
{
    uint32_t cause, epc, tval;
    KWS_RV_CSR_READ(mcause, cause);
    KWS_RV_CSR_READ(mepc, epc);
    KWS_RV_CSR_READ(mtval, tval);
    char text[96];
    char *p = text;
    p = kws_cm_hex(p, "\n*** TRAP: mcause ", cause);
    p = kws_cm_hex(p, " mepc=", epc);
    p = kws_cm_hex(p, " mtval=", tval);
    *p++ = '\n';
    *p = '\0';
    kws_cm_write0(text);
    kws_cm_exit(KWS_CM_EXIT_FAULT);
}

/* Before main (picolibc runs constructors first): trap vector (direct mode), stack painting. */
static void __attribute__((constructor, used)) kws_cm_riscv_init(void)
{
    KWS_RV_CSR_WRITE(mtvec, (uintptr_t)&kws_cm_trap);
    kws_cm_stack_paint();
}
