//
// KwsNano native interop: method table and assembly registration (Metadata Processor layout).
// The slot order is the method order of KwsNano.Interop.KwsEngine; the checksum is the Metadata Processor's
// native-methods CRC over "KwsNano.Interop", "KwsNano_Interop_KwsEngine" and the mangled method names
// (recomputed from firmware/KwsNano.Interop/KwsEngine.cs by tests/KwsNano.Tests/Firmware/InteropGlueTests.cs;
// if the Metadata Processor you build with reports a different value in its generated KwsNano_Interop.cpp,
// that value wins: copy it here).
//
#include "KwsNano_Interop.h"

// clang-format off

static const CLR_RT_MethodHandler method_lookup[] =
{
    Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::LoadModel___STATIC__I4__SZARRAY_U1,
    Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::LoadModelFromFlash___STATIC__I4__U4__U4,
    Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::GetModelInfo___STATIC__I4__SZARRAY_I4,
    Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::GetOutputScale___STATIC__R4,
    Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::GetLabel___STATIC__STRING__I4,
    Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::ProcessI2s___STATIC__I4__SZARRAY_U1__I4__I4__SZARRAY_I1__SZARRAY_I4,
    Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::Reset___STATIC__I4,
    Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::GetStatusText___STATIC__STRING__I4,
    Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::NowMicroseconds___STATIC__I8,
    Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::CaptureStart___STATIC__I4__I4__I4,
    Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::CaptureRead___STATIC__I4__SZARRAY_U1__I4__I4,
    Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::CaptureStop___STATIC__I4,
    Library_KwsNano_Interop_KwsNano_Interop_KwsEngine::SetInferenceInterval___STATIC__I4__I4,
};

const CLR_RT_NativeAssemblyData g_CLR_AssemblyNative_KwsNano_Interop =
{
    "KwsNano.Interop",
    0xE6D297F9,
    method_lookup,
    { 1, 1, 0, 0 }
};

// clang-format on
