/*
 * KwsNano FULLY_CONNECTED int8 optimized kernel: same arguments and bit-exact result as
 * kws_fully_connected_s8. A GEMM of rows x K inputs by Cout x K weights (kws__mat_mult_s8: two output
 * channels x two rows per pass, SXTB16 + SMLAD with the DSP extension, portable C elsewhere).
 * Requantisation: the reference's MBQM + offset + clamp. No scratch, no stack buffers.
 */
#include "kws_nano.h"
#include "../kws__opt.h"

uint32_t kws_fully_connected_s8_opt_buffer_size(const kws_dims *filter_dims)
{
    (void)filter_dims;
    return 0u;
}

kws_status kws_fully_connected_s8_opt(const kws_context *ctx, const kws_fc_params *params, const kws_per_channel_quant *quant,
                                      const kws_dims *input_dims, const int8_t *input,
                                      const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                      const kws_dims *output_dims, int8_t *output)
{
    kws__mat_mult_s8(input, input_dims->n, filter_dims->c, filter, output_dims->c, bias, quant,
                     params->offset_folded ? 0 : params->input_offset, params->output_offset, params->act_min,
                     params->act_max, output);
    (void)ctx; /* no scratch */
    return KWS_OK;
}
