//
// KwsNano native interop: KwsNano.Interop.KwsEngine, marshalling only (the split the Metadata Processor's
// *_mshl.cpp files make). Each method moves its stack arguments into one call of the C session
// (kws_nf_session.h, shared with the virtual board) and its result back. Managed arrays reach the session in
// place as (first element, element count), a null array as (NULL, 0). The session gets the platform through
// its hooks: nanoCLR's heap and the port (kws_nf_port.h).
//
#include "KwsNano_Interop.h"

extern "C"
{
#include "kws_nf_session.h"
#include "kws_nf_port.h"
}

typedef Library_KwsNano_Interop_KwsNano_Interop_KwsEngine KwsEngine;

static void *KwsAlloc(size_t bytes)
{
    return platform_malloc(bytes);
}

static void KwsFree(void *block)
{
    platform_free(block);
}

static const kws_nf_hooks s_hooks = {
    KwsAlloc, KwsFree, kws_nf_flash_map, kws_nf_now_us64, kws_nf_capture_start, kws_nf_capture_read, kws_nf_capture_stop,
};

// The firmware's one session (the engine keeps no global state; this file owns the session's storage).
static kws_nf_session s_session;

static kws_nf_session *Session()
{
    if (s_session.hooks == NULL)
    {
        kws_nf_session_init(&s_session, &s_hooks);
    }
    return &s_session;
}

static CLR_UINT8 *Elements(CLR_RT_HeapBlock_Array *array)
{
    return array != NULL ? array->GetFirstElement() : NULL;
}

static CLR_UINT32 Count(CLR_RT_HeapBlock_Array *array)
{
    return array != NULL ? array->m_numOfElements : 0;
}

HRESULT KwsEngine::LoadModel___STATIC__I4__SZARRAY_U1(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    CLR_RT_HeapBlock_Array *blob = stack.Arg0().DereferenceArray();
    stack.SetResult_I4(kws_nf_session_load(Session(), Elements(blob), Count(blob)));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT KwsEngine::LoadModelFromFlash___STATIC__I4__U4__U4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(kws_nf_session_load_flash(Session(), stack.Arg0().NumericByRef().u4, stack.Arg1().NumericByRef().u4));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT KwsEngine::GetModelInfo___STATIC__I4__SZARRAY_I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    CLR_RT_HeapBlock_Array *info = stack.Arg0().DereferenceArray();
    stack.SetResult_I4(kws_nf_session_info(Session(), (int32_t *)Elements(info), Count(info)));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT KwsEngine::GetOutputScale___STATIC__R4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_R4(kws_nf_session_output_scale(Session()));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT KwsEngine::GetLabel___STATIC__STRING__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    char label[KWS_NF_LABEL_MAX + 1];
    if (kws_nf_session_label(Session(), stack.Arg0().NumericByRef().s4, label, sizeof label) < 0)
    {
        stack.SetResult_Object(NULL);
    }
    else
    {
        NANOCLR_CHECK_HRESULT(stack.SetResult_String(label));
    }
    NANOCLR_NOCLEANUP();
}

HRESULT KwsEngine::ProcessI2s___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_I1__SZARRAY_I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    CLR_RT_HeapBlock_Array *frames = stack.Arg0().DereferenceArray();
    CLR_RT_HeapBlock_Array *scores = stack.Arg3().DereferenceArray();
    CLR_RT_HeapBlock_Array *timing = stack.Arg4().DereferenceArray();
    stack.SetResult_I4(kws_nf_session_process_i2s(Session(), Elements(frames), Count(frames), stack.Arg1().NumericByRef().s4,
                                                  stack.Arg2().NumericByRef().s4, (int8_t *)Elements(scores), Count(scores),
                                                  (int32_t *)Elements(timing), Count(timing)));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT KwsEngine::Reset___STATIC__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(kws_nf_session_reset(Session()));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT KwsEngine::GetStatusText___STATIC__STRING__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    NANOCLR_CHECK_HRESULT(stack.SetResult_String(kws_nf_session_status_text(stack.Arg0().NumericByRef().s4)));
    NANOCLR_NOCLEANUP();
}

HRESULT KwsEngine::NowMicroseconds___STATIC__I8(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I8((CLR_INT64)kws_nf_session_now_us(Session()));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT KwsEngine::CaptureStart___STATIC__I4__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(kws_nf_session_capture_start(Session(), stack.Arg0().NumericByRef().s4, stack.Arg1().NumericByRef().s4));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT KwsEngine::CaptureRead___STATIC__I4__SZARRAY_U1__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    CLR_RT_HeapBlock_Array *frames = stack.Arg0().DereferenceArray();
    stack.SetResult_I4(kws_nf_session_capture_read(Session(), Elements(frames), Count(frames), stack.Arg1().NumericByRef().s4,
                                                   stack.Arg2().NumericByRef().s4));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT KwsEngine::CaptureStop___STATIC__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(kws_nf_session_capture_stop(Session()));
    NANOCLR_NOCLEANUP_NOLABEL();
}

HRESULT KwsEngine::SetInferenceInterval___STATIC__I4__I4(CLR_RT_StackFrame &stack)
{
    NANOCLR_HEADER();
    stack.SetResult_I4(kws_nf_session_set_interval(Session(), stack.Arg0().NumericByRef().s4));
    NANOCLR_NOCLEANUP_NOLABEL();
}
