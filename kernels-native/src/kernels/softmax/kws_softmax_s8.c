/*
 * KwsNano SOFTMAX int8 reference kernel: TFLite reference_ops::Softmax for int8 in / int8 out (gemmlowp
 * fixed point, kScaledDiffIntegerBits = 5, kAccumulationIntegerBits = 12, output scale 1/256, zero
 * point -128).
 */
#include "kws_nano.h"
#include "../kws__fixedpoint.h"

#define KWS__SCALED_DIFF_INTEGER_BITS 5
#define KWS__ACCUMULATION_INTEGER_BITS 12

uint32_t kws_softmax_s8_buffer_size(int32_t depth)
{
    (void)depth;
    return 0u;
}

kws_status kws_softmax_s8(const kws_softmax_params *params, int32_t rows, int32_t depth,
                          const int8_t *input, int8_t *output)
{
    int32_t r, c;
    for (r = 0; r < rows; r++) {
        const int8_t *in = input + (size_t)r * (size_t)depth;
        int8_t *out = output + (size_t)r * (size_t)depth;
        int32_t max_in_row = -128;
        int32_t sum_of_exps = 0; /* Q12.19 */
        int32_t shifted_scale;    /* Q0.31 */
        int num_bits_over_unit = 0;

        for (c = 0; c < depth; c++) {
            if (in[c] > max_in_row) {
                max_in_row = in[c];
            }
        }
        /*
         * Overflow bound: each exp term is <= 2^31 / 2^12 (rounded) = 2^19 and the loader limits depth
         * to 256, so sum_of_exps <= 2^27: num_bits_over_unit <= 8 and every shift below is <= 31.
         */
        for (c = 0; c < depth; c++) {
            const int32_t diff = (int32_t)in[c] - max_in_row;
            if (diff >= params->diff_min) {
                /* |diff| * 2^left_shift < 2^31 is guaranteed by diff_min (loader-checked). */
                const int32_t scaled = kws__mbqm_greater_than_one(diff, params->input_multiplier,
                                                                  params->input_left_shift);
                sum_of_exps += kws__rdbypot(kws__exp_on_negative_values_q5(scaled),
                                            KWS__ACCUMULATION_INTEGER_BITS);
            }
        }

        shifted_scale = kws__get_reciprocal(sum_of_exps, KWS__ACCUMULATION_INTEGER_BITS, &num_bits_over_unit);

        for (c = 0; c < depth; c++) {
            const int32_t diff = (int32_t)in[c] - max_in_row;
            if (diff >= params->diff_min) {
                const int32_t scaled = kws__mbqm_greater_than_one(diff, params->input_multiplier,
                                                                  params->input_left_shift);
                const int32_t exp_in_0 = kws__exp_on_negative_values_q5(scaled);
                const int32_t unsat = kws__rdbypot(kws__srdhm(shifted_scale, exp_in_0),
                                                   num_bits_over_unit + 31 - 8);
                out[c] = (int8_t)kws__clamp(unsat - 128, -128, 127);
            } else {
                out[c] = -128;
            }
        }
    }
    return KWS_OK;
}
