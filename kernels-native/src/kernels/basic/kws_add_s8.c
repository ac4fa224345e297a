/*
 * KwsNano ADD int8 reference kernel (TFLite reference_integer_ops::AddElementwise, left_shift 20).
 */
#include "kws_nano.h"
#include "../kws__fixedpoint.h"

uint32_t kws_add_s8_buffer_size(void)
{
    return 0u;
}

kws_status kws_add_s8(const kws_add_params *params, int32_t count,
                      const int8_t *input0, const int8_t *input1, int8_t *output)
{
    int32_t i;
    for (i = 0; i < count; i++) {
        /*
         * |input + offset| <= 255; with TFLite's left_shift 20 the shifted values stay below 2^28 and the
         * multipliers (< 1) keep every sum below 2^29. The loader admits left_shift up to 30, so the
         * shifts and sums use int32 wrap-around (TFLite's behaviour) rather than undefined overflow.
         */
        const int32_t v0 = kws__wrap_shl(params->input0_offset + input0[i], (int)params->left_shift);
        const int32_t v1 = kws__wrap_shl(params->input1_offset + input1[i], (int)params->left_shift);
        const int32_t s0 = kws__mbqm_smaller_than_one(v0, params->input0_multiplier, params->input0_shift);
        const int32_t s1 = kws__mbqm_smaller_than_one(v1, params->input1_multiplier, params->input1_shift);
        const int32_t raw = kws__wrap_add(
            kws__mbqm_smaller_than_one(kws__wrap_add(s0, s1), params->output_multiplier, params->output_shift),
            params->output_offset);
        output[i] = (int8_t)kws__clamp(raw, params->act_min, params->act_max);
    }
    return KWS_OK;
}
