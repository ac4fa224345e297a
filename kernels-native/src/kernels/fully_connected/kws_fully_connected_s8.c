/*
 * KwsNano FULLY_CONNECTED int8 reference kernel (TFLite reference_integer_ops::FullyConnected, weight
 * zero point 0). Per-tensor or per-channel requantisation.
 */
#include "kws_nano.h"
#include "../kws__fixedpoint.h"

uint32_t kws_fully_connected_s8_buffer_size(const kws_dims *filter_dims)
{
    (void)filter_dims;
    return 0u;
}

kws_status kws_fully_connected_s8(const kws_context *ctx, const kws_fc_params *params, const kws_per_channel_quant *quant,
                                  const kws_dims *input_dims, const int8_t *input,
                                  const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                  const kws_dims *output_dims, int8_t *output)
{
    const int32_t rows = input_dims->n;
    const int32_t depth = filter_dims->c;
    const int32_t out_c = output_dims->c;
    const int32_t input_offset = params->offset_folded ? 0 : params->input_offset;
    const int32_t per_channel = quant->count > 1 ? 1 : 0;
    int32_t r, oc, k;

    (void)ctx; /* no scratch */
    for (r = 0; r < rows; r++) {
        const int8_t *x = input + (size_t)r * (size_t)depth;
        for (oc = 0; oc < out_c; oc++) {
            const int8_t *w = filter + (size_t)oc * (size_t)depth;
            const int32_t q = per_channel ? oc : 0;
            /* Overflow bound: depth <= 65536 (loader), each |w * (x + offset)| <= 32640. */
            int32_t acc = 0;
            int32_t v;
            for (k = 0; k < depth; k++) {
                acc += (int32_t)w[k] * ((int32_t)x[k] + input_offset);
            }
            if (bias != NULL) {
                acc = kws__wrap_add(acc, bias[oc]);
            }
            v = kws__mbqm(acc, quant->multiplier[q], quant->shift[q]);
            v = kws__wrap_add(v, params->output_offset);
            output[(size_t)r * (size_t)out_c + (size_t)oc] = (int8_t)kws__clamp(v, params->act_min, params->act_max);
        }
    }
    return KWS_OK;
}
