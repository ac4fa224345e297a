/*
 * CSR access for the RISC-V support code. The images are compiled for rv32imc (GCC 12 has a picolibc
 * multilib for that ISA string, not for rv32imc_zicsr), so each CSR instruction enables Zicsr for
 * itself in the assembler.
 */
#ifndef KWS_RV_CSR_H
#define KWS_RV_CSR_H

#define KWS_RV_CSR_READ(csr, var) \
    __asm volatile(".option push\n.option arch, +zicsr\ncsrr %0, " #csr "\n.option pop" : "=r"(var))
#define KWS_RV_CSR_WRITE(csr, value) \
    __asm volatile(".option push\n.option arch, +zicsr\ncsrw " #csr ", %0\n.option pop" : : "r"(value))

#endif /* KWS_RV_CSR_H */
