//
// KwsNano native interop for .NET nanoFramework: declarations in the layout the Metadata Processor
// generates for assembly KwsNano.Interop (firmware/KwsNano.Interop). One native method per extern of
// KwsNano.Interop.KwsEngine, in declaration order.
//
#ifndef KWSNANO_INTEROP_H
#define KWSNANO_INTEROP_H

#include <nanoCLR_Interop.h>
#include <nanoCLR_Runtime.h>
#include <nanoPackStruct.h>
#include <corlib_native.h>

struct Library_KwsNano_Interop_KwsNano_Interop_KwsEngine
{
    NANOCLR_NATIVE_DECLARE(LoadModel___STATIC__I4__SZARRAY_U1);
    NANOCLR_NATIVE_DECLARE(LoadModelFromFlash___STATIC__I4__U4__U4);
    NANOCLR_NATIVE_DECLARE(GetModelInfo___STATIC__I4__SZARRAY_I4);
    NANOCLR_NATIVE_DECLARE(GetOutputScale___STATIC__R4);
    NANOCLR_NATIVE_DECLARE(GetLabel___STATIC__STRING__I4);
    NANOCLR_NATIVE_DECLARE(ProcessI2s___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_I1__SZARRAY_I4);
    NANOCLR_NATIVE_DECLARE(Reset___STATIC__I4);
    NANOCLR_NATIVE_DECLARE(GetStatusText___STATIC__STRING__I4);
    NANOCLR_NATIVE_DECLARE(NowMicroseconds___STATIC__I8);
    NANOCLR_NATIVE_DECLARE(CaptureStart___STATIC__I4__I4__I4);
    NANOCLR_NATIVE_DECLARE(CaptureRead___STATIC__I4__SZARRAY_U1__I4__I4);
    NANOCLR_NATIVE_DECLARE(CaptureStop___STATIC__I4);
    NANOCLR_NATIVE_DECLARE(SetInferenceInterval___STATIC__I4__I4);

    //--//
};

extern const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_KwsNano_Interop;

#endif // KWSNANO_INTEROP_H
