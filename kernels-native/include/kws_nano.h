/*
 * KwsNano native engine - the one public API header.
 *
 * Model:     kws_model_open() validates a .kwsm blob in place (docs/kwsm-format.md) once;
 *            kws_invoke() then runs it with a caller-provided arena. No malloc, no stdio, no global
 *            mutable state, no large stack buffers.
 * Front-end: kws_frontend_*() computes the MFCC features the model was trained on, streaming, from
 *            the descriptor stored in the blob, into caller-provided memory.
 * Kernels:   one function per operator (kws_<op>_s8), reference loop nests; an optimized variant may
 *            replace one at build time and is differential-tested against the reference.
 */
#ifndef KWS_NANO_H
#define KWS_NANO_H

#include "kws_types.h"

#ifdef __cplusplus
extern "C" {
#endif

#define KWS_FORMAT_VERSION_MAJOR 1
#define KWS_FORMAT_VERSION_MINOR 2
#define KWS_HEADER_SIZE 64u
#define KWS_TENSOR_RECORD_SIZE 32u
#define KWS_OP_RECORD_SIZE 96u
#define KWS_FRONTEND_RECORD_SIZE 64u
#define KWS_ARENA_ALIGN 16u
/* Longest label in bytes of UTF-8 (labels section: u8 length 1..63) */
#define KWS_LABEL_MAX_LENGTH 63

/* Header flags */
#define KWS_FLAG_INPUT_FROM_FLOAT 0x1u
#define KWS_FLAG_OUTPUT_TO_FLOAT 0x2u
#define KWS_FLAG_OUTPUT_IS_SOFTMAX 0x4u

/* Opcodes */
typedef enum {
    KWS_OP_CONV_2D = 1,
    KWS_OP_DEPTHWISE_CONV_2D = 2,
    KWS_OP_FULLY_CONNECTED = 3,
    KWS_OP_AVERAGE_POOL_2D = 4,
    KWS_OP_MAX_POOL_2D = 5,
    KWS_OP_RESHAPE = 6,
    KWS_OP_SOFTMAX = 7,
    KWS_OP_ADD = 8
} kws_opcode;

/* Front-end descriptor values (docs/kwsm-format.md "Front-end descriptor"). */
typedef enum {
    KWS_FRONTEND_NONE = 0,        /* features supplied by the caller */
    KWS_FRONTEND_ARM_MFCC = 1,    /* Arm ML-examples MFCC */
    KWS_FRONTEND_MLPERF_MFCC = 2, /* MLPerf Tiny MFCC */
    KWS_FRONTEND_MICRO_SPEECH = 3 /* TFLM micro_speech (microfrontend: filterbank, noise reduction, PCAN, log) */
} kws_frontend_kind;
#define KWS_FRONTEND_KIND_MAX 3u

#define KWS_FRONTEND_WINDOW_HANN 1u
#define KWS_FRONTEND_SCALING_FIXED 0u    /* sample / 32768 */
#define KWS_FRONTEND_SCALING_PEAK 1u     /* sample / max|sample| over the clip */
#define KWS_FRONTEND_LOG_FLT_MIN 0u      /* ln(mel), each mel energy starting from FLT_MIN */
#define KWS_FRONTEND_LOG_EPSILON 1u      /* ln(mel + 1e-6) */
#define KWS_FRONTEND_SPECTRUM_MAGNITUDE 0u
#define KWS_FRONTEND_SPECTRUM_POWER 1u
#define KWS_FRONTEND_MEL_HTK 0u
#define KWS_FRONTEND_DCT_ARM 0u
#define KWS_FRONTEND_DCT_TENSORFLOW 1u

/* Limits of the descriptor rules (kws_model_open and kws_frontend_init apply the same ones). */
#define KWS_FRONTEND_SAMPLE_RATE_MIN 1000u
#define KWS_FRONTEND_SAMPLE_RATE_MAX 192000u
#define KWS_FRONTEND_FFT_MIN 4u
#define KWS_FRONTEND_MICRO_FFT_MIN 32u  /* micro_speech: smallest FFT */
#define KWS_FRONTEND_FFT_MAX 4096u       /* bit-reversal table entries are uint16 */
#define KWS_FRONTEND_FRAME_LENGTH_MIN 2u
#define KWS_FRONTEND_MEL_BINS_MAX 128u
#define KWS_FRONTEND_PRESET_MAX 16u

/* Byte offsets of the fields inside the 64-byte descriptor record. */
#define KWS_FRONTEND_OFF_KIND 0u
#define KWS_FRONTEND_OFF_WINDOW 1u
#define KWS_FRONTEND_OFF_SAMPLE_SCALING 2u
#define KWS_FRONTEND_OFF_LOG_MODE 3u
#define KWS_FRONTEND_OFF_SAMPLE_RATE 4u
#define KWS_FRONTEND_OFF_FRAME_LENGTH 8u
#define KWS_FRONTEND_OFF_FRAME_HOP 10u
#define KWS_FRONTEND_OFF_FFT_SIZE 12u
#define KWS_FRONTEND_OFF_MEL_BINS 14u
#define KWS_FRONTEND_OFF_MEL_LOW_HZ 16u
#define KWS_FRONTEND_OFF_MEL_HIGH_HZ 20u
#define KWS_FRONTEND_OFF_NUM_COEFFS 24u
#define KWS_FRONTEND_OFF_NUM_FRAMES 26u
#define KWS_FRONTEND_OFF_INPUT_SCALE 28u
#define KWS_FRONTEND_OFF_INPUT_ZERO_POINT 32u
#define KWS_FRONTEND_OFF_SPECTRUM 36u
#define KWS_FRONTEND_OFF_MEL_FORMULA 37u
#define KWS_FRONTEND_OFF_DCT 38u
#define KWS_FRONTEND_OFF_PRESET 40u
/* Format 1.2: where the optional front-end tables section is (both 0: none). Read only when version_minor >= 2. */
#define KWS_FRONTEND_OFF_TABLES_OFFSET 56u
#define KWS_FRONTEND_OFF_TABLES_SIZE 60u

/* Front-end tables section (format 1.2, docs/kwsm-format.md "Front-end tables"): a 32-byte header that repeats
 * the descriptor fields the tables depend on, a directory of (offset, size) pairs relative to the section, then
 * the tables, each 16-aligned. Kinds 1 and 2 have 9 tables, kind 3 (micro_speech) 8. */
#define KWS_FETABLES_MAGIC "FETB"
#define KWS_FETABLES_HEADER_SIZE 32u
#define KWS_FETABLES_ALIGN 16u
#define KWS_FETABLES_MFCC_COUNT 9u
#define KWS_FETABLES_MICRO_COUNT 8u
#define KWS_FETABLES_MAX_COUNT 9u
/* Header field offsets */
#define KWS_FETABLES_OFF_MAGIC 0u
#define KWS_FETABLES_OFF_KIND 4u
#define KWS_FETABLES_OFF_COUNT 5u
#define KWS_FETABLES_OFF_SAMPLE_RATE 8u
#define KWS_FETABLES_OFF_FRAME_LENGTH 12u
#define KWS_FETABLES_OFF_FFT_SIZE 14u
#define KWS_FETABLES_OFF_MEL_BINS 16u
#define KWS_FETABLES_OFF_NUM_COEFFS 18u
#define KWS_FETABLES_OFF_MEL_LOW_HZ 20u
#define KWS_FETABLES_OFF_MEL_HIGH_HZ 24u
#define KWS_FETABLES_OFF_WINDOW 28u
#define KWS_FETABLES_OFF_MEL_FORMULA 29u
#define KWS_FETABLES_OFF_DCT 30u

/** Front-end descriptor, decoded from the blob (see docs/kwsm-format.md). */
typedef struct {
    uint8_t kind;            /* 0 none, 1 Arm MFCC, 2 MLPerf Tiny MFCC, 3 micro_speech */
    uint8_t window;          /* 1 Hann */
    uint8_t sample_scaling;  /* 0 /32768, 1 /max|x| */
    uint8_t log_mode;        /* 0 ln(mel) from FLT_MIN, 1 ln(mel + 1e-6) */
    uint32_t sample_rate;
    uint16_t frame_length, frame_hop, fft_size, mel_bins;
    float mel_low_hz, mel_high_hz;
    uint16_t num_coeffs, num_frames;
    float input_scale;
    int32_t input_zero_point;
    uint8_t spectrum;        /* 0 magnitude, 1 power */
    uint8_t mel_formula;     /* 0 HTK */
    uint8_t dct;             /* 0 Arm sqrt(2/M), 1 TensorFlow mfccs_from_log_mel_spectrograms (same matrix) */
    char preset[17];         /* NUL-terminated */
} kws_frontend_desc;

/** An opened model: pointers into the caller's blob, filled by kws_model_open. Treat as opaque. */
typedef struct {
    const uint8_t *blob;
    uint32_t size;
    uint32_t flags;
    uint32_t arena_bytes;
    uint16_t tensor_count, op_count;
    uint16_t input_tensor, output_tensor;
    const uint8_t *labels;      /* label section */
    const uint8_t *frontend;    /* 64-byte descriptor */
    const uint8_t *tensors;     /* tensor table */
    const uint8_t *ops;         /* op table */
    const uint8_t *fe_tables;   /* front-end tables section (format 1.2), NULL when the blob has none */
    uint32_t fe_tables_size;
} kws_model;

/** Text for a status code (never NULL). */
const char *kws_status_str(kws_status status);

/** Validate a .kwsm blob (4-byte aligned, `size` bytes) and open it in place. The blob must outlive the model. */
kws_status kws_model_open(kws_model *model, const void *blob, uint32_t size);

/** Arena bytes kws_invoke needs (from the header). */
uint32_t kws_model_arena_bytes(const kws_model *model);

/** Shape and quantisation of the input (is_output = 0) or output (1) tensor; element count in *elements. */
kws_status kws_model_io(const kws_model *model, int is_output, kws_dims *dims, kws_quant *quant, uint32_t *elements);

/** Number of labels, and label `index` as a pointer into the blob plus its length (not NUL-terminated). */
kws_status kws_model_label(const kws_model *model, uint32_t index, const char **text, uint32_t *length);
uint32_t kws_model_label_count(const kws_model *model);

/** The model's front-end descriptor. */
kws_status kws_model_frontend(const kws_model *model, kws_frontend_desc *desc);

/**
 * The model's front-end tables section (format 1.2), validated by kws_model_open against the descriptor, to be read
 * in place (e.g. from flash) by kws_frontend_init_ex: *tables = NULL and *size = 0 when the blob has none (older
 * blobs, or kind 0), and the front-end then builds its tables in RAM.
 */
kws_status kws_model_frontend_tables(const kws_model *model, const void **tables, uint32_t *size);

/** Pointer to the input tensor inside the arena, where the caller (or the front-end) writes features. */
kws_status kws_model_input_ptr(const kws_model *model, void *arena, uint32_t arena_size, int8_t **input);

/**
 * Run the model. The input must already be in the arena (kws_model_input_ptr) or be passed as `input`
 * (copied in when non-NULL). The int8 output (elements from kws_model_io) is copied to `output` when
 * non-NULL. `arena` must be 16-byte aligned and at least kws_model_arena_bytes.
 */
kws_status kws_invoke(const kws_model *model, void *arena, uint32_t arena_size, const int8_t *input, int8_t *output);

/* ======================================================================================== */
/* Kernels (src/kernels/<family>/kws_<op>_s8.c). Reference loop nests, TFLite int8 arithmetic. */
/* No argument checks in the hot path: kws_model_open validated every shape and parameter.   */
/* Dims: conv/depthwise/pool tensors NHWC (n = 1); conv filter {n = Cout, h, w, c = Cin};    */
/* depthwise filter {1, h, w, c = Cout}; FC input {n = rows, c = K}, filter {n = Cout, c = K}. */
/* bias may be NULL (zeros). kws_<op>_s8_buffer_size(): ctx scratch bytes (0 for reference). */
/* Benchmark builds (KWS_ENABLE_OP_STEP) add kws_invoke_op, one op at a time: kws_nano_bench.h. */
/* ======================================================================================== */

kws_status kws_conv2d_s8(const kws_context *ctx, const kws_conv_params *params, const kws_per_channel_quant *quant,
                         const kws_dims *input_dims, const int8_t *input,
                         const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                         const kws_dims *output_dims, int8_t *output);
uint32_t kws_conv2d_s8_buffer_size(const kws_dims *input_dims, const kws_dims *filter_dims);

kws_status kws_depthwise_conv2d_s8(const kws_context *ctx, const kws_conv_params *params, const kws_per_channel_quant *quant,
                                   const kws_dims *input_dims, const int8_t *input,
                                   const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                   const kws_dims *output_dims, int8_t *output);
uint32_t kws_depthwise_conv2d_s8_buffer_size(const kws_dims *input_dims, const kws_dims *filter_dims);

kws_status kws_fully_connected_s8(const kws_context *ctx, const kws_fc_params *params, const kws_per_channel_quant *quant,
                                  const kws_dims *input_dims, const int8_t *input,
                                  const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                  const kws_dims *output_dims, int8_t *output);
uint32_t kws_fully_connected_s8_buffer_size(const kws_dims *filter_dims);

/*
 * Optimized variants (src/kernels/<family>/kws_<op>_s8_opt.c): identical arguments and bit-exact
 * results; Arm DSP-extension code (SXTB16/SMLAD) where __ARM_FEATURE_DSP is defined, portable C
 * elsewhere. Builds with KWS_KERNELS=optimized (the default) dispatch to them; both sets are always
 * compiled so tests can compare. Scratch (ctx, arena memory, never the stack):
 *   kws_conv2d_s8_opt_buffer_size: filters other than 1x1 with K = fh*fw*Cin <= 240 taps
 *     gather each output pixel's window as int16: 4 * roundup(K, 2) bytes (two pixels' windows); 0 otherwise.
 *     With less scratch than that the kernel takes its window-run path (same result, no buffer).
 *   depthwise and FC: 0.
 */
kws_status kws_conv2d_s8_opt(const kws_context *ctx, const kws_conv_params *params, const kws_per_channel_quant *quant,
                             const kws_dims *input_dims, const int8_t *input,
                             const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                             const kws_dims *output_dims, int8_t *output);
uint32_t kws_conv2d_s8_opt_buffer_size(const kws_dims *input_dims, const kws_dims *filter_dims);

kws_status kws_depthwise_conv2d_s8_opt(const kws_context *ctx, const kws_conv_params *params, const kws_per_channel_quant *quant,
                                       const kws_dims *input_dims, const int8_t *input,
                                       const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                       const kws_dims *output_dims, int8_t *output);
uint32_t kws_depthwise_conv2d_s8_opt_buffer_size(const kws_dims *input_dims, const kws_dims *filter_dims);

kws_status kws_fully_connected_s8_opt(const kws_context *ctx, const kws_fc_params *params, const kws_per_channel_quant *quant,
                                      const kws_dims *input_dims, const int8_t *input,
                                      const kws_dims *filter_dims, const int8_t *filter, const int32_t *bias,
                                      const kws_dims *output_dims, int8_t *output);
uint32_t kws_fully_connected_s8_opt_buffer_size(const kws_dims *filter_dims);

/*
 * In-place variants (src/kernels/convolution/kws_*_inplace*.c), for ops the converter marks IN_PLACE: `data`
 * holds the input on entry and the output on return (same dims), bit-exact with the out-of-place kernel.
 * Each needs exactly its buffer_size bytes of ctx scratch (not overlapping `data`); the loader checks it.
 *   Pointwise 1x1, stride 1, no padding, Cin == Cout == C (filter {C, 1, 1, C}): up to two rows of output
 *     pixels at a time into the scratch, then copied back: buffer_size = min(2 * W, H * W) * C bytes.
 *   Depthwise 3x3, stride 1, SAME (pad 1, 1), depth_multiplier 1: output row y is computed from input rows
 *     y-1..y+1 into a two-row ring in the scratch and written back once row y+1 is computed (row y is then no
 *     longer read): buffer_size = 2 * W * C bytes.
 * The _opt variants compute through the optimized kernels, the others through the reference kernels.
 */
kws_status kws_conv2d_1x1_s8_inplace(const kws_context *ctx, const kws_conv_params *params,
                                     const kws_per_channel_quant *quant, const kws_dims *dims,
                                     const int8_t *filter, const int32_t *bias, int8_t *data);
kws_status kws_conv2d_1x1_s8_inplace_opt(const kws_context *ctx, const kws_conv_params *params,
                                         const kws_per_channel_quant *quant, const kws_dims *dims,
                                         const int8_t *filter, const int32_t *bias, int8_t *data);
uint32_t kws_conv2d_1x1_s8_inplace_buffer_size(const kws_dims *dims);

kws_status kws_depthwise_conv2d_3x3_s8_inplace(const kws_context *ctx, const kws_conv_params *params,
                                               const kws_per_channel_quant *quant, const kws_dims *dims,
                                               const int8_t *filter, const int32_t *bias, int8_t *data);
kws_status kws_depthwise_conv2d_3x3_s8_inplace_opt(const kws_context *ctx, const kws_conv_params *params,
                                                   const kws_per_channel_quant *quant, const kws_dims *dims,
                                                   const int8_t *filter, const int32_t *bias, int8_t *data);
uint32_t kws_depthwise_conv2d_3x3_s8_inplace_buffer_size(const kws_dims *dims);

/*
 * Fused first layers (src/kernels/fused/): a CONV_2D and the DEPTHWISE_CONV_2D that reads its output, without storing
 * the conv output. Output row y of the depthwise needs conv rows y * stride_h - pad_top .. + filter_h - 1; they are
 * kept in a ring of the depthwise filter_h conv rows in the ctx scratch, each conv row computed once. MicroNet-M:
 * the 49 x 10 x 140 conv output (68,600 B) becomes a 3-row ring (4,200 B). Bit-exact with the two out-of-place
 * kernels; buffer_size = filter_h * W * C of the conv output (mid_dims), required.
 */
kws_status kws_conv2d_dw_fused_s8(const kws_context *ctx, const kws_conv_dw_fused_params *params,
                                  const kws_dims *input_dims, const int8_t *input, const kws_dims *output_dims,
                                  int8_t *output);
uint32_t kws_conv2d_dw_fused_s8_buffer_size(const kws_dims *mid_dims, const kws_dims *dw_filter_dims);

kws_status kws_avgpool_s8(const kws_pool_params *params,
                          const kws_dims *input_dims, const int8_t *input,
                          const kws_dims *output_dims, int8_t *output);
uint32_t kws_avgpool_s8_buffer_size(const kws_dims *output_dims);

kws_status kws_maxpool_s8(const kws_pool_params *params,
                          const kws_dims *input_dims, const int8_t *input,
                          const kws_dims *output_dims, int8_t *output);
uint32_t kws_maxpool_s8_buffer_size(const kws_dims *output_dims);

/** rows x depth int8 logits -> int8 probabilities (scale 1/256, zero point -128). depth 1..256. */
kws_status kws_softmax_s8(const kws_softmax_params *params, int32_t rows, int32_t depth,
                          const int8_t *input, int8_t *output);
uint32_t kws_softmax_s8_buffer_size(int32_t depth);

/** Element-wise int8 ADD of `count` elements (identical shapes, no broadcasting). */
kws_status kws_add_s8(const kws_add_params *params, int32_t count,
                      const int8_t *input0, const int8_t *input1, int8_t *output);
uint32_t kws_add_s8_buffer_size(void);

/* ======================================================================================== */
/* Front-end (MFCC), driven by the descriptor in the blob. Owned by src/frontend/.          */
/* ======================================================================================== */

/** Opaque front-end state, placed in caller memory by kws_frontend_init. */
typedef struct kws_frontend kws_frontend;

/** Bytes of caller memory the front-end needs for `desc` (state, tables, FFT buffers). Pure function. */
uint32_t kws_frontend_buffer_size(const kws_frontend_desc *desc);

/** Build tables (window, mel weights, DCT, twiddles) into `mem` (8-byte aligned). */
kws_status kws_frontend_init(kws_frontend **frontend, const kws_frontend_desc *desc, void *mem, uint32_t mem_size);

/**
 * Front-end tables in flash (format 1.2). A front-end's memory is three parts: state (the struct; kind 3 also its
 * noise estimate), tables (read-only after init) and per-frame work buffers (FFT, spectrum; dead between
 * kws_frontend_compute_frame calls). kws_frontend_buffer_size / kws_frontend_init keep all three in `mem` and build
 * the tables there. The _ex variants read the tables in place from `tables` (a front-end tables section:
 * kws_model_frontend_tables, or kws_frontend_tables_build's output) when it is not NULL, and use `work`
 * (kws_frontend_work_size bytes, 8-aligned) for the work buffers when it is not NULL, e.g. the model arena, which
 * is free while a frame is computed. `tables` and `work` must outlive the front-end; `work` may be used for
 * anything else between frames. kws_frontend_init_ex validates `tables` as kws_model_open does (KWS_ERR_FRONTEND,
 * KWS_ERR_BOUNDS or KWS_ERR_ALIGN) and needs it 4-aligned (KWS_ERR_ALIGN).
 */
uint32_t kws_frontend_buffer_size_ex(const kws_frontend_desc *desc, int tables_in_place, int external_work);
uint32_t kws_frontend_work_size(const kws_frontend_desc *desc);
kws_status kws_frontend_init_ex(kws_frontend **frontend, const kws_frontend_desc *desc,
                                const void *tables, uint32_t tables_size, void *work, uint32_t work_size,
                                void *mem, uint32_t mem_size);

/**
 * Tables section for `desc` (kinds 1..3), what the converter stores in the blob: at most
 * kws_frontend_tables_max_size(desc) bytes (0 for a descriptor no front-end runs), exactly *size written to `out`
 * (4-aligned). The same code builds the tables in RAM for kws_frontend_init, so a front-end reading a section this
 * host built computes what this host's kws_frontend_init computes, bit for bit, on every target.
 * KWS_ERR_FRONTEND for a descriptor the front-end cannot run, KWS_ERR_ARGUMENT when out_size is too small.
 */
uint32_t kws_frontend_tables_max_size(const kws_frontend_desc *desc);
kws_status kws_frontend_tables_build(const kws_frontend_desc *desc, void *out, uint32_t out_size, uint32_t *size);

/**
 * Forget the state carried between frames (kind 3, micro_speech: the noise estimate); no-op for MFCC
 * kinds, which are stateless. kws_frontend_compute_clip and kws_stream_reset call it.
 */
kws_status kws_frontend_reset(kws_frontend *frontend);

/**
 * One MFCC frame (desc->num_coeffs floats) from desc->frame_length int16 samples. Kind 3 (TFLite Micro
 * micro_speech): num_coeffs uint16 filterbank features as floats, and the noise estimate moves on.
 */
kws_status kws_frontend_compute_frame(kws_frontend *frontend, const int16_t *samples, float *mfcc);

/**
 * Quantise MFCC floats to the model's int8 input: round(c / scale + zero_point) clamped. Kind 3:
 * micro_speech's integer rule (v * 256 + 333) / 666 - 128 clamped (v the uint16 feature).
 */
kws_status kws_frontend_quantize(const kws_frontend_desc *desc, const float *mfcc, uint32_t count, int8_t *out);

/**
 * For sample_scaling 1 (divide by the clip's peak, MLPerf Tiny): set the peak |sample| (1..32768) the
 * following frames are divided by. No effect for sample_scaling 0 (1/32768). Default 32768.
 */
kws_status kws_frontend_set_peak(kws_frontend *frontend, int32_t peak);

/**
 * Batch features of one clip: desc->num_frames frames at desc->frame_hop from `samples`
 * (`count` >= frame_length + (num_frames - 1) * frame_hop, extra samples ignored), frame by frame into
 * `mfcc` (num_frames x num_coeffs floats). For sample_scaling 1 the peak is taken over the used samples.
 */
kws_status kws_frontend_compute_clip(kws_frontend *frontend, const int16_t *samples, uint32_t count, float *mfcc);

/**
 * I2S to PCM: from `frame_count` 32-bit stereo frames (left slot, right slot; 24-bit data left-justified
 * in each slot, e.g. INMP441) take slot `slot` (0 left, 1 right) and keep its top 16 bits
 * (arithmetic shift right by 16, truncation: the -0.5 LSB bias is DC, which no mel filter sees).
 */
kws_status kws_i2s32_to_pcm16(const int32_t *frames, uint32_t frame_count, int slot, int16_t *pcm);

/* ======================================================================================== */
/* Streaming pipeline: PCM (or 32-bit I2S frames) -> one MFCC frame per hop into a ring ->  */
/* the network every hop (or every N-th hop, kws_stream_set_interval). One call per audio */
/* chunk of any size.                                                                      */
/* ======================================================================================== */

/** Opaque stream state (front-end, sample FIFO, feature ring, arena), in caller memory. */
typedef struct kws_stream kws_stream;

/** Bytes of caller memory a stream over `model` needs (front-end + ring + model arena + alignment). */
uint32_t kws_stream_buffer_size(const kws_model *model);

/** Initialise a stream for an opened model in `mem` (16-byte aligned). */
kws_status kws_stream_init(kws_stream **stream, const kws_model *model, void *mem, uint32_t mem_size);

/** Forget buffered audio and features (e.g. after an overrun). Keeps the interval. */
kws_status kws_stream_reset(kws_stream *stream);

/**
 * Run the network every `hops` hops instead of every hop (default 1, set by kws_stream_init), to bound the
 * compute per second on slow targets. Features are still computed on every hop (the ring never skips a
 * frame); the first inference still runs on the hop that fills the ring, then one every `hops` hops, so the
 * outputs are exactly every `hops`-th output of interval 1 on the same audio. Counting restarts from the
 * current hop: the next inference (once the ring is full) comes `hops` hops after this call.
 * KWS_ERR_NULL for a NULL stream, KWS_ERR_ARGUMENT for 0 or more than the model's num_frames.
 */
kws_status kws_stream_set_interval(kws_stream *stream, uint32_t hops);

/**
 * Push `count` 16 kHz mono int16 samples. Every time a full hop has arrived a new MFCC frame enters the
 * ring; once the ring holds num_frames frames, the network runs (on every interval-th hop, see
 * kws_stream_set_interval) and its int8 output (classes bytes) is appended to `outputs` (room for `max_outputs` inferences). *produced = inferences written.
 * If this chunk would produce more than `max_outputs` inferences, nothing is consumed and
 * KWS_ERR_ARGUMENT is returned (push smaller chunks); outputs may be NULL when max_outputs is 0.
 */
kws_status kws_stream_push_pcm16(kws_stream *stream, const int16_t *pcm, uint32_t count,
                                 int8_t *outputs, uint32_t max_outputs, uint32_t *produced);

/**
 * As kws_stream_push_pcm16, from `frame_count` 32-bit stereo I2S frames (8 bytes each: left slot then
 * right slot, 24-bit microphone data left-justified in each 32-bit slot); `slot` 0 = left, 1 = right.
 */
kws_status kws_stream_push_i2s32(kws_stream *stream, const int32_t *frames, uint32_t frame_count, int slot,
                                 int8_t *outputs, uint32_t max_outputs, uint32_t *produced);

/**
 * The current window of quantised features, oldest frame first (num_frames x num_coeffs int8), exactly
 * what the network was (or will be) given. KWS_ERR_ARGUMENT until the ring holds num_frames frames.
 */
kws_status kws_stream_features(const kws_stream *stream, int8_t *features);

/** Timing of the last hop, from the port clock (kws_port.h): front-end and network microseconds. */
kws_status kws_stream_last_timing(const kws_stream *stream, uint32_t *frontend_us, uint32_t *network_us);

#ifdef __cplusplus
}
#endif

#endif /* KWS_NANO_H */
