/*
 * KwsNano - shared types of the native engine.
 *
 * Everything the public API (kws_nano.h) and the kernels exchange: the status enum, tensor
 * descriptions and the small const parameter structs of each operator. No allocation anywhere:
 * every buffer is owned by the caller.
 */
#ifndef KWS_TYPES_H
#define KWS_TYPES_H

#include <stdint.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One status for every public function. KWS_OK is 0; every error has a text (kws_status_str). */
typedef enum {
    KWS_OK = 0,
    KWS_ERR_NULL = 1,            /* a required pointer argument is NULL */
    KWS_ERR_TRUNCATED = 2,       /* blob shorter than its header */
    KWS_ERR_MAGIC = 3,           /* not a .kwsm blob */
    KWS_ERR_VERSION = 4,         /* unsupported major format version */
    KWS_ERR_SIZE = 5,            /* header total_size differs from the blob size */
    KWS_ERR_CRC = 6,             /* payload CRC32 mismatch */
    KWS_ERR_BOUNDS = 7,          /* an offset or size points outside the blob or its section */
    KWS_ERR_ALIGN = 8,           /* a section or data block is not aligned as the format requires */
    KWS_ERR_LABELS = 9,          /* malformed label section */
    KWS_ERR_FRONTEND = 10,       /* inconsistent front-end descriptor */
    KWS_ERR_TENSOR = 11,         /* invalid tensor record */
    KWS_ERR_OPCODE = 12,         /* unknown opcode or weight layout */
    KWS_ERR_SHAPE = 13,          /* shapes of an op are inconsistent */
    KWS_ERR_PARAM = 14,          /* an op parameter is out of range */
    KWS_ERR_GRAPH = 15,          /* op order reads a tensor before it is written */
    KWS_ERR_ARENA = 16,          /* caller arena too small or misaligned */
    KWS_ERR_ARGUMENT = 17,       /* an argument is out of range (buffer too small, bad index) */
    KWS_ERR_UNSUPPORTED = 18     /* valid request the build does not implement */
} kws_status;

/** Activation tensor view: NHWC dims (unused trailing dims are 1), int8 data. */
typedef struct {
    int32_t n, h, w, c;
} kws_dims;

/** Affine int8 quantisation: real = scale * (q - zero_point). */
typedef struct {
    float scale;
    int32_t zero_point;
} kws_quant;

/**
 * Requantisation per output channel (or one entry): TFLite MultiplyByQuantizedMultiplier.
 * `count` is the number of entries: the output channel count, or 1 for a per-tensor table whose
 * single entry applies to every channel.
 */
typedef struct {
    const int32_t *multiplier;
    const int32_t *shift;
    int32_t count;
} kws_per_channel_quant;

/**
 * Kernel scratch (CMSIS-NN style context), the first argument of the kernels that may need any: `buf` points
 * into the caller's arena (16-byte aligned), `size` bytes. The converter sizes it with the kernel's pure
 * `*_buffer_size()` function and places it in the arena (op record scratch fields); kws__dispatch passes it.
 * A kernel given less than its buffer_size (or NULL / size 0) still computes the exact result through a path
 * that needs no scratch, except the in-place kernels, which require it (the loader checks their scratch).
 */
typedef struct {
    void *buf;
    uint32_t size;
} kws_context;

/** Settings of a convolution (CONV_2D, DEPTHWISE_CONV_2D). */
typedef struct {
    int32_t input_offset;      /* -input zero point, [-127, 128] */
    int32_t output_offset;     /* output zero point, [-128, 127] */
    int32_t stride_h, stride_w;
    int32_t pad_top, pad_left;
    int32_t depth_multiplier;  /* depthwise only */
    int32_t act_min, act_max;  /* clamp after adding output_offset, within [-128, 127] */
    int32_t offset_folded;     /* 1: bias already holds input_offset * sum(w) (no padding taps possible) */
} kws_conv_params;

/**
 * A CONV_2D and the DEPTHWISE_CONV_2D that reads its output, run fused (kws_conv2d_dw_fused_s8): each op's settings,
 * requantisation, filter and bias as for its own kernel, and the dims of the conv output, which is never stored.
 */
typedef struct {
    kws_conv_params conv;
    kws_per_channel_quant conv_quant;
    kws_dims conv_filter_dims;   /* {Cout, fh, fw, Cin} */
    const int8_t *conv_filter;
    const int32_t *conv_bias;
    kws_dims mid_dims;           /* conv output [1, H, W, C] */
    kws_conv_params dw;
    kws_per_channel_quant dw_quant;
    kws_dims dw_filter_dims;     /* {1, fh, fw, C * depth_multiplier} */
    const int8_t *dw_filter;
    const int32_t *dw_bias;
} kws_conv_dw_fused_params;

/** Settings of FULLY_CONNECTED. */
typedef struct {
    int32_t input_offset;
    int32_t output_offset;
    int32_t act_min, act_max;
    int32_t offset_folded;
} kws_fc_params;

/** Settings of AVERAGE_POOL_2D / MAX_POOL_2D. */
typedef struct {
    int32_t stride_h, stride_w;
    int32_t filter_h, filter_w;
    int32_t pad_top, pad_left;
    int32_t act_min, act_max;
} kws_pool_params;

/** Settings of SOFTMAX (TFLite int8 reference, output scale 1/256, zero point -128). */
typedef struct {
    int32_t input_multiplier;
    int32_t input_left_shift;
    int32_t diff_min;
} kws_softmax_params;

/** Settings of the int8 ADD (TFLite, left_shift 20). */
typedef struct {
    int32_t input0_offset, input1_offset, output_offset;
    int32_t left_shift;
    int32_t input0_multiplier, input0_shift;
    int32_t input1_multiplier, input1_shift;
    int32_t output_multiplier, output_shift;
    int32_t act_min, act_max;
} kws_add_params;

#ifdef __cplusplus
}
#endif

#endif /* KWS_TYPES_H */
