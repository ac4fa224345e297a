/*
 * KwsNano accessors of an opened model: arena size, input/output description, labels, front-end.
 */
#include "kws__model.h"

uint32_t kws_model_arena_bytes(const kws_model *model)
{
    return model != NULL && model->blob != NULL ? model->arena_bytes : 0u;
}

kws_status kws_model_io(const kws_model *model, int is_output, kws_dims *dims, kws_quant *quant, uint32_t *elements)
{
    const uint8_t *rec;
    if (model == NULL || model->blob == NULL) {
        return KWS_ERR_NULL;
    }
    rec = kws__tensor_rec(model, is_output ? model->output_tensor : model->input_tensor);
    if (dims != NULL) {
        kws__tensor_dims(rec, dims);
    }
    if (quant != NULL) {
        quant->scale = kws__rd_f32(rec + KWS__T_SCALE);
        quant->zero_point = kws__rd_i32(rec + KWS__T_ZERO_POINT);
    }
    if (elements != NULL) {
        *elements = kws__rd_u32(rec + KWS__T_SIZE);
    }
    return KWS_OK;
}

uint32_t kws_model_label_count(const kws_model *model)
{
    if (model == NULL || model->blob == NULL) {
        return 0u;
    }
    return kws__rd_u16(model->labels);
}

kws_status kws_model_label(const kws_model *model, uint32_t index, const char **text, uint32_t *length)
{
    uint32_t pos = 2u;
    uint32_t i;
    if (model == NULL || model->blob == NULL || text == NULL || length == NULL) {
        return KWS_ERR_NULL;
    }
    if (index >= kws__rd_u16(model->labels)) {
        return KWS_ERR_ARGUMENT;
    }
    for (i = 0; i < index; i++) {
        pos += 1u + model->labels[pos]; /* validated at open */
    }
    *length = model->labels[pos];
    *text = (const char *)(model->labels + pos + 1u);
    return KWS_OK;
}

kws_status kws_model_frontend(const kws_model *model, kws_frontend_desc *desc)
{
    const uint8_t *f;
    if (model == NULL || model->blob == NULL || desc == NULL) {
        return KWS_ERR_NULL;
    }
    f = model->frontend;
    memset(desc, 0, sizeof *desc);
    desc->kind = f[KWS_FRONTEND_OFF_KIND];
    desc->window = f[KWS_FRONTEND_OFF_WINDOW];
    desc->sample_scaling = f[KWS_FRONTEND_OFF_SAMPLE_SCALING];
    desc->log_mode = f[KWS_FRONTEND_OFF_LOG_MODE];
    desc->sample_rate = kws__rd_u32(f + KWS_FRONTEND_OFF_SAMPLE_RATE);
    desc->frame_length = kws__rd_u16(f + KWS_FRONTEND_OFF_FRAME_LENGTH);
    desc->frame_hop = kws__rd_u16(f + KWS_FRONTEND_OFF_FRAME_HOP);
    desc->fft_size = kws__rd_u16(f + KWS_FRONTEND_OFF_FFT_SIZE);
    desc->mel_bins = kws__rd_u16(f + KWS_FRONTEND_OFF_MEL_BINS);
    desc->mel_low_hz = kws__rd_f32(f + KWS_FRONTEND_OFF_MEL_LOW_HZ);
    desc->mel_high_hz = kws__rd_f32(f + KWS_FRONTEND_OFF_MEL_HIGH_HZ);
    desc->num_coeffs = kws__rd_u16(f + KWS_FRONTEND_OFF_NUM_COEFFS);
    desc->num_frames = kws__rd_u16(f + KWS_FRONTEND_OFF_NUM_FRAMES);
    desc->input_scale = kws__rd_f32(f + KWS_FRONTEND_OFF_INPUT_SCALE);
    desc->input_zero_point = kws__rd_i32(f + KWS_FRONTEND_OFF_INPUT_ZERO_POINT);
    desc->spectrum = f[KWS_FRONTEND_OFF_SPECTRUM];
    desc->mel_formula = f[KWS_FRONTEND_OFF_MEL_FORMULA];
    desc->dct = f[KWS_FRONTEND_OFF_DCT];
    memcpy(desc->preset, f + KWS_FRONTEND_OFF_PRESET, KWS_FRONTEND_PRESET_MAX);
    desc->preset[KWS_FRONTEND_PRESET_MAX] = '\0';
    return KWS_OK;
}

kws_status kws_model_input_ptr(const kws_model *model, void *arena, uint32_t arena_size, int8_t **input)
{
    if (model == NULL || model->blob == NULL || arena == NULL || input == NULL) {
        return KWS_ERR_NULL;
    }
    if (((uintptr_t)arena % KWS_ARENA_ALIGN) != 0u || arena_size < model->arena_bytes) {
        return KWS_ERR_ARENA;
    }
    *input = (int8_t *)arena + kws__rd_u32(kws__tensor_rec(model, model->input_tensor) + KWS__T_ARENA_OFFSET);
    return KWS_OK;
}

kws_status kws_model_frontend_tables(const kws_model *model, const void **tables, uint32_t *size)
{
    if (model == NULL || model->blob == NULL || tables == NULL || size == NULL) {
        return KWS_ERR_NULL;
    }
    *tables = model->fe_tables;
    *size = model->fe_tables_size;
    return KWS_OK;
}
