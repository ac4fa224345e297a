/*
 * Benchmark firmware (not a test): instructions per inference of the embedded model, in total and per
 * op, counted deterministically under `qemu-system-arm -icount shift=0` (kws_cm.h), MACs per op from
 * the model's op table, the peak stack of kws_invoke (painted), and the cost of kws_model_open.
 * Prints human-readable lines and one machine-readable line starting with "KWSBENCH " followed by JSON,
 * which `kwsnano bench` parses. Timer resolution is 40 instructions per reading interval.
 *
 * Per-op figures come from kws_invoke_op (kws_nano_bench.h), which the engine compiles only with
 * KWS_ENABLE_OP_STEP; the total comes from one kws_invoke call, so the sum of the ops differs from it
 * only by the dispatch overhead and the +-40 resolution of each reading.
 */
#include <stdio.h>
#include <string.h>
#include "kws_nano.h"
#include "kws_nano_bench.h"
#include "kws_cm.h"
#include "kws_cm_model.h"

#ifndef KWS_CM_ARENA_BYTES
#define KWS_CM_ARENA_BYTES (512u * 1024u)
#endif
#define KWS_CM_MAX_OUTPUT 256u

static uint8_t arena[KWS_CM_ARENA_BYTES] __attribute__((aligned(16)));

static uint32_t rd16(const uint8_t *p) { return (uint32_t)p[0] | ((uint32_t)p[1] << 8); }
static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static const char *opcode_name(uint32_t opcode)
{
    switch (opcode) {
    case KWS_OP_CONV_2D: return "CONV_2D";
    case KWS_OP_DEPTHWISE_CONV_2D: return "DEPTHWISE_CONV_2D";
    case KWS_OP_FULLY_CONNECTED: return "FULLY_CONNECTED";
    case KWS_OP_AVERAGE_POOL_2D: return "AVERAGE_POOL_2D";
    case KWS_OP_MAX_POOL_2D: return "MAX_POOL_2D";
    case KWS_OP_RESHAPE: return "RESHAPE";
    case KWS_OP_SOFTMAX: return "SOFTMAX";
    case KWS_OP_ADD: return "ADD";
    default: return "?";
    }
}

/*
 * Multiply-accumulates of op `index` (docs/kwsm-format.md records; the blob is already validated):
 * conv OH*OW*Cout*fh*fw*Cin, depthwise OH*OW*Cout*fh*fw, FC rows*Cout*K. For conv and FC
 * weights_size / Cout is fh*fw*Cin resp. K, so both are output elements * weights_size / Cout.
 */
static uint64_t op_macs(const kws_model *model, uint32_t index)
{
    const uint8_t *op = model->ops + (size_t)index * KWS_OP_RECORD_SIZE;
    const uint8_t *out = model->tensors + (size_t)rd16(op + 8) * KWS_TENSOR_RECORD_SIZE;
    uint32_t rank = out[1];
    uint64_t out_elems = rd32(out + 16);
    uint32_t cout = rd16(out + 4 + 2 * (rank - 1u));
    switch (op[0]) {
    case KWS_OP_CONV_2D:
    case KWS_OP_FULLY_CONNECTED:
        return out_elems * (rd32(op + 40) / cout);
    case KWS_OP_DEPTHWISE_CONV_2D:
        return out_elems * rd16(op + 16) * rd16(op + 18);
    default:
        return 0u;
    }
}

/* "a/b" with two decimals, without floating point in printf (newlib-nano has none by default). */
static const char *ratio(char *buf, uint64_t a, uint64_t b)
{
    if (b == 0u) {
        return "-";
    }
    uint64_t hundredths = (a * 100u + b / 2u) / b;
    snprintf(buf, 24, "%lu.%02lu", (unsigned long)(hundredths / 100u), (unsigned long)(hundredths % 100u));
    return buf;
}

static void print_u64(uint64_t v)
{
    /* newlib-nano printf has no %llu */
    char buf[24];
    int n = 0;
    do {
        buf[n++] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v != 0u);
    while (n > 0) {
        putchar(buf[--n]);
    }
}

int main(void)
{
    const kws_cm_model_entry *m = &kws_cm_model;
    kws_model model;
    uint32_t t0 = kws_cm_ticks();
    kws_status st = kws_model_open(&model, m->blob, m->blob_size);
    uint32_t t1 = kws_cm_ticks();
    uint64_t open_insns = kws_cm_ticks_to_insns(t0, t1);
    if (st != KWS_OK) {
        printf("bench %s: kws_model_open: %s\n", m->name, kws_status_str(st));
        return KWS_CM_EXIT_ERROR;
    }
    uint32_t arena_bytes = kws_model_arena_bytes(&model);
    kws_dims dims;
    kws_quant quant;
    uint32_t in_elems = 0, out_elems = 0;
    if (arena_bytes > sizeof arena || kws_model_io(&model, 0, &dims, &quant, &in_elems) != KWS_OK ||
        kws_model_io(&model, 1, &dims, &quant, &out_elems) != KWS_OK || out_elems > KWS_CM_MAX_OUTPUT) {
        printf("bench %s: arena (%lu bytes) or I/O shape does not fit the image\n", m->name, (unsigned long)arena_bytes);
        return KWS_CM_EXIT_ERROR;
    }

    /* Input: the first test vector when there is one (golden first), else a fixed ramp. */
    static int8_t input[4096];
    if (in_elems > sizeof input) {
        printf("bench %s: input of %lu elements too large\n", m->name, (unsigned long)in_elems);
        return KWS_CM_EXIT_ERROR;
    }
    for (uint32_t i = 0; i < in_elems; i++) {
        input[i] = (m->vectors != NULL && m->vectors->count > 0u) ? m->vectors->inputs[i] : (int8_t)((i * 37u) & 0xFFu);
    }

    /* Whole inference, with the stack painted below this frame. */
    int8_t output[KWS_CM_MAX_OUTPUT];
    kws_cm_stack_paint();
    uintptr_t sp = kws_cm_sp();
    t0 = kws_cm_ticks();
    st = kws_invoke(&model, arena, arena_bytes, input, output);
    t1 = kws_cm_ticks();
    uintptr_t low = kws_cm_stack_low_water();
    if (st != KWS_OK) {
        printf("bench %s: kws_invoke: %s\n", m->name, kws_status_str(st));
        return KWS_CM_EXIT_ERROR;
    }
    uint64_t total = kws_cm_ticks_to_insns(t0, t1);
    uint32_t stack = (uint32_t)(sp - low);

    /* A second run must cost exactly the same (determinism check of the counter). */
    t0 = kws_cm_ticks();
    st = kws_invoke(&model, arena, arena_bytes, input, output);
    t1 = kws_cm_ticks();
    uint64_t total2 = kws_cm_ticks_to_insns(t0, t1);
    if (st != KWS_OK || total2 > total + KWS_CM_INSN_PER_TICK || total2 + KWS_CM_INSN_PER_TICK < total) {
        printf("bench %s: second inference took %lu instructions, first %lu\n", m->name,
               (unsigned long)total2, (unsigned long)total);
        return KWS_CM_EXIT_FAIL;
    }

    /* Op by op. */
    int8_t *in_ptr = NULL;
    if (kws_model_input_ptr(&model, arena, arena_bytes, &in_ptr) != KWS_OK) {
        return KWS_CM_EXIT_ERROR;
    }
    memcpy(in_ptr, input, in_elems);
    uint64_t total_macs = 0, ops_sum = 0;
    printf("bench %s on %s (instructions under -icount shift=0, +-%u per reading)\n", m->name, kws_cm_cpu_name(),
           KWS_CM_INSN_PER_TICK);
    printf("  op  opcode              source        MACs   instructions  insn/MAC\n");
    static uint64_t op_insns[1024];
    for (uint32_t i = 0; i < model.op_count; i++) {
        t0 = kws_cm_ticks();
        st = kws_invoke_op(&model, arena, arena_bytes, i);
        t1 = kws_cm_ticks();
        if (st != KWS_OK) {
            printf("bench %s: kws_invoke_op(%lu): %s\n", m->name, (unsigned long)i, kws_status_str(st));
            return KWS_CM_EXIT_ERROR;
        }
        op_insns[i] = kws_cm_ticks_to_insns(t0, t1);
        uint64_t macs = op_macs(&model, i);
        total_macs += macs;
        ops_sum += op_insns[i];
        const uint8_t *op = model.ops + (size_t)i * KWS_OP_RECORD_SIZE;
        char rbuf[24];
        printf("  %2lu  %-18s  %6lu  %10lu  %13lu  %8s\n", (unsigned long)i, opcode_name(op[0]),
               (unsigned long)rd16(op + 10), (unsigned long)macs, (unsigned long)op_insns[i],
               ratio(rbuf, op_insns[i], macs));
    }
    /* The op-by-op output must equal kws_invoke's. */
    int8_t *out_ptr = (int8_t *)arena + rd32(model.tensors + (size_t)model.output_tensor * KWS_TENSOR_RECORD_SIZE + 12);
    if (memcmp(out_ptr, output, out_elems) != 0) {
        printf("bench %s: op-by-op output differs from kws_invoke\n", m->name);
        return KWS_CM_EXIT_FAIL;
    }
    printf("  total: ");
    print_u64(total);
    printf(" instructions per inference (ops sum ");
    print_u64(ops_sum);
    printf("), ");
    print_u64(total_macs);
    char tbuf[24];
    printf(" MACs, %s instructions/MAC; kws_invoke stack %lu bytes; arena %lu bytes; kws_model_open ",
           ratio(tbuf, total, total_macs), (unsigned long)stack, (unsigned long)arena_bytes);
    print_u64(open_insns);
    printf(" instructions\n");

    /* Machine-readable line. */
    printf("KWSBENCH {\"model\":\"%s\",\"cpu\":\"%s\",\"blob_bytes\":%lu,\"arena_bytes\":%lu,\"stack_bytes\":%lu,"
           "\"open_instructions\":", m->name, kws_cm_cpu_name(), (unsigned long)m->blob_size,
           (unsigned long)arena_bytes, (unsigned long)stack);
    print_u64(open_insns);
    printf(",\"instructions\":");
    print_u64(total);
    printf(",\"macs\":");
    print_u64(total_macs);
    printf(",\"ops\":[");
    for (uint32_t i = 0; i < model.op_count; i++) {
        const uint8_t *op = model.ops + (size_t)i * KWS_OP_RECORD_SIZE;
        printf("%s{\"index\":%lu,\"opcode\":\"%s\",\"source_index\":%lu,\"macs\":", i == 0u ? "" : ",",
               (unsigned long)i, opcode_name(op[0]), (unsigned long)rd16(op + 10));
        print_u64(op_macs(&model, i));
        printf(",\"instructions\":");
        print_u64(op_insns[i]);
        printf("}");
    }
    printf("]}\n");
    return KWS_CM_EXIT_PASS;
}
