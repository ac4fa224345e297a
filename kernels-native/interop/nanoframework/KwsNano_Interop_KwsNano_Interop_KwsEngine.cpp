//
// KwsNano native interop: KwsNano.Interop.KwsEngine implemented over the kernels-native C API
// (kws_model_open, kws_stream_*). Thin: argument checks, one model + stream session, status mapping.
// Managed arrays are read and written in place (no copies); every call does at most
// KWS_NF_MAX_HOPS_PER_CALL hops so the interpreter is never blocked for long.
//
#include "KwsNano_Interop.h"

extern "C"
{
#include "kws_nano.h"
#include "kws_nf_port.h"
}

// Must equal KwsEngine.MaxHopsPerCall.
#define KWS_NF_MAX_HOPS_PER_CALL 4
#define KWS_NF_INFO_LENGTH 9
#define KWS_NF_TIMING_LENGTH 3
#define KWS_NF_LABEL_MAX 32

// The one engine session of the firmware (the engine itself keeps no global state; this glue owns its memory).
static struct
{
    kws_model model;
    kws_stream *stream;
    uint8_t *blobCopy;   // LoadModel: owned copy of a managed blob (managed arrays may move)
    uint8_t *streamMem;  // raw allocation; the stream lives 16-byte aligned inside it
    uint32_t hop;
    uint32_t classes;
    uint32_t maxFrames;
    uint32_t streamBytes;
    bool loaded;
} s_kws;

static void KwsRelease()
{
    if (s_kws.streamMem != NULL)
    {
        platform_free(s_kws.streamMem);
    }
    if (s_kws.blobCopy != NULL)
    {
        platform_free(s_kws.blobCopy);
    }
    memset(&s_kws, 0, sizeof(s_kws));
}

// Opens `blob` (4-byte aligned, outlives the session) and builds the stream. Returns 0 or -status.
static int KwsOpen(const void *blob, uint32_t size)
{
    kws_status st = kws_model_open(&s_kws.model, blob, size);
    if (st != KWS_OK)
    {
        return -(int)st;
    }
    kws_frontend_desc desc;
    kws_dims dims;
    kws_quant quant;
    uint32_t elements;
    if ((st = kws_model_frontend(&s_kws.model, &desc)) != KWS_OK ||
        (st = kws_model_io(&s_kws.model, 1, &dims, &quant, &elements)) != KWS_OK)
    {
        return -(int)st;
    }
    uint32_t bytes = kws_stream_buffer_size(&s_kws.model);
    s_kws.streamMem = (uint8_t *)platform_malloc(bytes + 15);
    if (s_kws.streamMem == NULL)
    {
        return -KWS_NF_OUT_OF_MEMORY;
    }
    void *aligned = (void *)(((uintptr_t)s_kws.streamMem + 15u) & ~(uintptr_t)15u);
    if ((st = kws_stream_init(&s_kws.stream, &s_kws.model, aligned, bytes)) != KWS_OK)
    {
        return -(int)st;
    }
    s_kws.hop = desc.frame_hop;
    s_kws.classes = elements;
    s_kws.maxFrames = KWS_NF_MAX_HOPS_PER_CALL * (uint32_t)desc.frame_hop;
    s_kws.streamBytes = bytes;
    s_kws.loaded = true;
    return 0;
}

HRESULT Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::LoadModel___STATIC__I4__SZARRAY_U1(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    CLR_RT_HeapBlock_Array *blob = stack.Arg0().DereferenceArray();
    int result;
    KwsRelease();
    if (blob == NULL)
    {
        result = -KWS_NF_ARGUMENT;
    }
    else
    {
        uint32_t size = blob->m_numOfElements;
        s_kws.blobCopy = (uint8_t *)platform_malloc(size);
        if (s_kws.blobCopy == NULL)
        {
            result = -KWS_NF_OUT_OF_MEMORY;
        }
        else
        {
            memcpy(s_kws.blobCopy, blob->GetFirstElement(), size);
            result = KwsOpen(s_kws.blobCopy, size);
        }
        if (result != 0)
        {
            KwsRelease();
        }
    }
    stack.SetResult_I4(result);
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::LoadModelFromFlash___STATIC__I4__U4__U4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    uint32_t address = stack.Arg0().NumericByRef().u4;
    uint32_t maxSize = stack.Arg1().NumericByRef().u4;
    const void *blob;
    uint32_t size;
    KwsRelease();
    int result = kws_nf_flash_map(address, maxSize, &blob, &size) != 0 ? -KWS_NF_FLASH : KwsOpen(blob, size);
    if (result != 0)
    {
        KwsRelease();
    }
    stack.SetResult_I4(result);
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::GetModelInfo___STATIC__I4__SZARRAY_I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    CLR_RT_HeapBlock_Array *array = stack.Arg0().DereferenceArray();
    int result = 0;
    kws_frontend_desc desc;
    kws_dims dims;
    kws_quant quant;
    uint32_t elements;
    if (!s_kws.loaded)
    {
        result = -KWS_NF_NO_MODEL;
    }
    else if (array == NULL || array->m_numOfElements < KWS_NF_INFO_LENGTH)
    {
        result = -KWS_NF_ARGUMENT;
    }
    else if (kws_model_frontend(&s_kws.model, &desc) != KWS_OK || kws_model_io(&s_kws.model, 1, &dims, &quant, &elements) != KWS_OK)
    {
        result = -KWS_NF_NO_MODEL;
    }
    else
    {
        int32_t *info = (int32_t *)array->GetFirstElement();
        info[0] = (int32_t)elements;
        info[1] = (int32_t)desc.sample_rate;
        info[2] = desc.frame_hop;
        info[3] = desc.frame_length;
        info[4] = desc.num_frames;
        info[5] = quant.zero_point;
        info[6] = (int32_t)s_kws.model.flags;
        info[7] = (int32_t)s_kws.maxFrames;
        info[8] = (int32_t)s_kws.streamBytes;
    }
    stack.SetResult_I4(result);
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::GetOutputScale___STATIC__R4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    kws_dims dims;
    kws_quant quant;
    uint32_t elements;
    float scale = 0.0f;
    if (s_kws.loaded && kws_model_io(&s_kws.model, 1, &dims, &quant, &elements) == KWS_OK)
    {
        scale = quant.scale;
    }
    stack.SetResult_R4(scale);
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::GetLabel___STATIC__STRING__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    int32_t index = stack.Arg0().NumericByRef().s4;
    const char *text;
    uint32_t length;
    if (!s_kws.loaded || index < 0 || kws_model_label(&s_kws.model, (uint32_t)index, &text, &length) != KWS_OK)
    {
        stack.SetResult_Object(NULL);
    }
    else
    {
        char label[KWS_NF_LABEL_MAX + 1];
        if (length > KWS_NF_LABEL_MAX)
        {
            length = KWS_NF_LABEL_MAX;
        }
        memcpy(label, text, length);
        label[length] = 0;
        NANOCLR_CHECK_HRESULT(stack.SetResult_String(label));
    }
    NANOCLR_NOCLEANUP();
}

HRESULT Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::ProcessI2s___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_I1__SZARRAY_I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    CLR_RT_HeapBlock_Array *frames = stack.Arg0().DereferenceArray();
    int32_t frameCount = stack.Arg1().NumericByRef().s4;
    int32_t slot = stack.Arg2().NumericByRef().s4;
    CLR_RT_HeapBlock_Array *scores = stack.Arg3().DereferenceArray();
    CLR_RT_HeapBlock_Array *timing = stack.Arg4().DereferenceArray();
    int result;
    if (!s_kws.loaded)
    {
        result = -KWS_NF_NO_MODEL;
    }
    else if (frames == NULL || scores == NULL || timing == NULL || frameCount < 0 || (uint32_t)frameCount > s_kws.maxFrames ||
             frames->m_numOfElements < (CLR_UINT32)frameCount * 8u || scores->m_numOfElements < s_kws.classes ||
             timing->m_numOfElements < KWS_NF_TIMING_LENGTH || slot < 0 || slot > 1)
    {
        result = -KWS_NF_ARGUMENT;
    }
    else
    {
        uint32_t produced = 0;
        uint64_t start = kws_nf_now_us64();
        // Managed byte[] data is 4-byte aligned in the nanoFramework heap: safe to read as int32 frames.
        kws_status st = kws_stream_push_i2s32(s_kws.stream, (const int32_t *)frames->GetFirstElement(), (uint32_t)frameCount, slot,
                                              (int8_t *)scores->GetFirstElement(), scores->m_numOfElements / s_kws.classes, &produced);
        int32_t *t = (int32_t *)timing->GetFirstElement();
        uint32_t fe = 0, net = 0;
        kws_stream_last_timing(s_kws.stream, &fe, &net);
        t[0] = (int32_t)fe;
        t[1] = (int32_t)net;
        t[2] = (int32_t)(kws_nf_now_us64() - start);
        result = st == KWS_OK ? (int)produced : -(int)st;
    }
    stack.SetResult_I4(result);
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::Reset___STATIC__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(s_kws.loaded ? -(int)kws_stream_reset(s_kws.stream) : -KWS_NF_NO_MODEL);
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::GetStatusText___STATIC__STRING__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    int32_t status = stack.Arg0().NumericByRef().s4;
    if (status < 0)
    {
        status = -status;
    }
    const char *text;
    switch (status)
    {
        case KWS_NF_NO_MODEL: text = "no model loaded"; break;
        case KWS_NF_OUT_OF_MEMORY: text = "out of memory for the stream"; break;
        case KWS_NF_FLASH: text = "no valid model in flash at the configured address"; break;
        case KWS_NF_NO_CAPTURE: text = "native capture not available or not started"; break;
        case KWS_NF_ARGUMENT: text = "invalid argument (array too small or too many frames for one call)"; break;
        default: text = kws_status_str((kws_status)status); break;
    }
    NANOCLR_CHECK_HRESULT(stack.SetResult_String(text));
    NANOCLR_NOCLEANUP();
}

HRESULT Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::NowMicroseconds___STATIC__I8(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I8((CLR_INT64)kws_nf_now_us64());
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::CaptureStart___STATIC__I4__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(kws_nf_capture_start(stack.Arg0().NumericByRef().s4, stack.Arg1().NumericByRef().s4));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::CaptureRead___STATIC__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    CLR_RT_HeapBlock_Array *frames = stack.Arg0().DereferenceArray();
    int32_t frameCount = stack.Arg1().NumericByRef().s4;
    int32_t timeoutMs = stack.Arg2().NumericByRef().s4;
    int result;
    if (frames == NULL || frameCount < 0 || frames->m_numOfElements < (CLR_UINT32)frameCount * 8u)
    {
        result = -KWS_NF_ARGUMENT;
    }
    else
    {
        result = kws_nf_capture_read((uint8_t *)frames->GetFirstElement(), frameCount, timeoutMs);
    }
    stack.SetResult_I4(result);
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::CaptureStop___STATIC__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(kws_nf_capture_stop());
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::SetInferenceInterval___STATIC__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    int32_t hops = stack.Arg0().NumericByRef().s4;
    int result;
    if (!s_kws.loaded)
    {
        result = -KWS_NF_NO_MODEL;
    }
    else if (hops <= 0)
    {
        result = -KWS_NF_ARGUMENT;
    }
    else
    {
        result = -(int)kws_stream_set_interval(s_kws.stream, (uint32_t)hops);
    }
    stack.SetResult_I4(result);
    NANOCLR_NOCLEANUP_NOLABEL();
}
