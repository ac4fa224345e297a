/*
 * kws_port.h for the RISC-V QEMU images: kws_port_now_us from the 64-bit retired-instruction counter
 * (minstreth:minstret) / 1000. Under `qemu-system-riscv32 -icount shift=0` one "microsecond" is then
 * 1000 instructions, as on the Cortex-M images (kws_port_cortexm.c), so the engine's timings
 * (kws_stream_last_timing) are instruction counts / 1000, repeatable run to run.
 */
#include "kws_port.h"
#include "kws_rv_csr.h"

uint32_t kws_port_now_us(void)
{
    uint32_t hi, lo, hi2;
    do {
        KWS_RV_CSR_READ(minstreth, hi);
        KWS_RV_CSR_READ(minstret, lo);
        KWS_RV_CSR_READ(minstreth, hi2);
    } while (hi != hi2);
    return (uint32_t)((((uint64_t)hi << 32) | lo) / 1000u);
}
