/*
 * libFuzzer harness: the stream and the front-end. The input is a .kwsm blob (its header's total_size says
 * where it ends; size and CRC repaired) followed by little-endian 16-bit PCM. When the blob opens with an
 * MFCC front-end and a small network, a stream is initialised and fed the PCM in chunks whose sizes come
 * from the PCM itself (odd sizes as 32-bit I2S frames), with an inference interval from a header byte; the
 * features and timing are read back. The descriptor then goes through kws_frontend_init directly and one
 * frame, a clip and the quantiser run. Work is bounded (frames x fft_size) so runs stay fast.
 */
#include "kws_fuzz.h"

#define KWS_FUZZ_MAX_OUTPUTS 1024u /* one push is at most 1024 samples, so at most 1024 inferences */
#define KWS_FUZZ_FFT_WORK (1u << 16)    /* sum over frames of fft_size: 64 frames of 1024, enough to fill a 49-frame ring */
#define KWS_FUZZ_INVOKE_WORK (1u << 18) /* MACs of the inferences after the ring is full (3 of DNN-S) */
#define KWS_FUZZ_CLIP_WORK (1u << 13)   /* batch clip only when small (the synthetic seeds): the stream ran the same frames */

static void kws_fuzz_check(int ok)
{
    if (!ok) {
        abort();
    }
}

static void run_stream(const kws_model *m, const kws_frontend_desc *fe, const int16_t *pcm, uint32_t count,
                       uint32_t interval)
{
    const uint32_t bytes = kws_stream_buffer_size(m);
    const uint32_t classes = kws_model_label_count(m);
    kws_stream *s = NULL;
    void *mem;
    int8_t *outputs, *features;
    int32_t i2s[2u * 256u]; /* 1024 samples / 4 per frame */
    uint32_t at = 0, produced, frame_bytes = (uint32_t)fe->num_frames * fe->num_coeffs;
    kws_fuzz_check(bytes != 0u);
    if (bytes > KWS_FUZZ_MAX_ARENA) {
        return;
    }
    mem = aligned_alloc(16u, (bytes + 15u) & ~15u);
    outputs = (int8_t *)malloc((size_t)KWS_FUZZ_MAX_OUTPUTS * classes);
    features = (int8_t *)malloc(frame_bytes);
    if (mem != NULL && outputs != NULL && features != NULL) {
        kws_fuzz_check(kws_stream_init(&s, m, mem, bytes) == KWS_OK);
        kws_fuzz_check(kws_stream_set_interval(s, 0u) == KWS_ERR_ARGUMENT);
        if (interval >= 1u && interval <= fe->num_frames) {
            kws_fuzz_check(kws_stream_set_interval(s, interval) == KWS_OK);
        }
        while (at < count) {
            uint32_t chunk = 1u + ((uint16_t)pcm[at] % 1024u);
            kws_status st;
            if (chunk > count - at) {
                chunk = count - at;
            }
            if ((chunk & 1u) != 0u && chunk >= 4u) { /* as 32-bit stereo I2S frames: 4 samples each */
                const uint32_t frames = chunk / 4u;
                memcpy(i2s, pcm + at, 8u * frames);
                st = kws_stream_push_i2s32(s, i2s, frames, (int)((chunk >> 1) & 1u), outputs, KWS_FUZZ_MAX_OUTPUTS,
                                           &produced);
                chunk = 4u * frames;
            } else {
                st = kws_stream_push_pcm16(s, pcm + at, chunk, outputs, KWS_FUZZ_MAX_OUTPUTS, &produced);
            }
            kws_fuzz_check(st == KWS_OK && produced <= KWS_FUZZ_MAX_OUTPUTS);
            at += chunk;
        }
        {
            kws_status st = kws_stream_features(s, features);
            uint32_t fe_us, net_us;
            kws_fuzz_check(st == KWS_OK || st == KWS_ERR_ARGUMENT);
            kws_fuzz_check(kws_stream_last_timing(s, &fe_us, &net_us) == KWS_OK);
            kws_fuzz_check(kws_stream_reset(s) == KWS_OK);
        }
    }
    free(features);
    free(outputs);
    free(mem);
}

static void run_frontend(const kws_frontend_desc *fe, const int16_t *pcm, uint32_t count)
{
    const uint32_t bytes = kws_frontend_buffer_size(fe);
    const uint32_t needed = fe->frame_length + ((uint32_t)fe->num_frames - 1u) * fe->frame_hop;
    kws_frontend *f = NULL;
    void *mem;
    float *mfcc;
    int8_t *q;
    kws_fuzz_check(bytes != 0u);
    if (bytes > KWS_FUZZ_MAX_ARENA) {
        return;
    }
    mem = aligned_alloc(16u, (bytes + 15u) & ~15u);
    mfcc = (float *)malloc(sizeof(float) * fe->num_frames * fe->num_coeffs);
    q = (int8_t *)malloc((size_t)fe->num_frames * fe->num_coeffs);
    if (mem != NULL && mfcc != NULL && q != NULL) {
        kws_fuzz_check(kws_frontend_init(&f, fe, mem, bytes) == KWS_OK);
        if (count >= fe->frame_length) {
            kws_fuzz_check(kws_frontend_compute_frame(f, pcm, mfcc) == KWS_OK);
            kws_fuzz_check(kws_frontend_quantize(fe, mfcc, fe->num_coeffs, q) == KWS_OK);
        }
        if (count >= needed && (uint64_t)fe->num_frames * fe->fft_size <= KWS_FUZZ_CLIP_WORK) {
            kws_fuzz_check(kws_frontend_compute_clip(f, pcm, count, mfcc) == KWS_OK);
        } else {
            kws_fuzz_check(kws_frontend_compute_clip(f, pcm, needed - 1u, mfcc) == KWS_ERR_ARGUMENT);
        }
        kws_fuzz_check(kws_frontend_set_peak(f, 0) == (fe->sample_scaling == 0u ? KWS_OK : KWS_ERR_ARGUMENT));
    }
    free(q);
    free(mfcc);
    free(mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    kws_model m;
    kws_frontend_desc fe;
    uint8_t *blob;
    int16_t *pcm;
    uint32_t blob_size, count, i, frames;
    uint64_t macs;
    if (size < KWS_HEADER_SIZE || size > KWS_FUZZ_MAX_BLOB) {
        return 0;
    }
    blob_size = (uint32_t)data[8] | ((uint32_t)data[9] << 8) | ((uint32_t)data[10] << 16) | ((uint32_t)data[11] << 24);
    if (blob_size < KWS_HEADER_SIZE || blob_size > size) {
        blob_size = (uint32_t)size;
    }
    blob = kws_fuzz_copy(data, blob_size);
    if (blob == NULL) {
        return 0;
    }
    kws_fuzz_repair(blob, blob_size);
    if (kws_model_open(&m, blob, blob_size) != KWS_OK || kws_model_frontend(&m, &fe) != KWS_OK ||
        (fe.kind != KWS_FRONTEND_ARM_MFCC && fe.kind != KWS_FRONTEND_MLPERF_MFCC)) {
        free(blob);
        return 0;
    }
    count = (uint32_t)(size - blob_size) / 2u;
    /* Bound the work: at most KWS_FUZZ_FFT_WORK / fft_size frames; with a network to stream, enough to fill the
     * ring plus inferences of at most KWS_FUZZ_INVOKE_WORK MACs; without one, two frames for the front-end
     * (more audio adds time, not coverage). */
    macs = kws_fuzz_macs(&m);
    frames = KWS_FUZZ_FFT_WORK / fe.fft_size;
    {
        const uint64_t wanted = macs > KWS_FUZZ_MAC_BUDGET ? 2u : (uint64_t)fe.num_frames + KWS_FUZZ_INVOKE_WORK / (macs + 1u);
        if (wanted < frames) {
            frames = (uint32_t)wanted;
        }
    }
    if (count > fe.frame_length + (frames - 1u) * (uint32_t)fe.frame_hop) {
        count = fe.frame_length + (frames - 1u) * (uint32_t)fe.frame_hop;
    }
    pcm = (int16_t *)malloc(count > 0u ? 2u * (size_t)count + 2u : 2u);
    if (pcm != NULL) {
        for (i = 0; i < count; i++) {
            const uint8_t *p = data + blob_size + 2u * i;
            pcm[i] = (int16_t)(uint16_t)((uint32_t)p[0] | ((uint32_t)p[1] << 8));
        }
        if (macs <= KWS_FUZZ_MAC_BUDGET) {
            run_stream(&m, &fe, pcm, count, (uint32_t)data[17]); /* a flags byte: not validated */
        }
        run_frontend(&fe, pcm, count);
    }
    free(pcm);
    free(blob);
    return 0;
}
