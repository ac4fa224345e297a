/* Stand-in for nf-interpreter's nanoCLR_Interop.h: the interop API the KwsNano glue uses (compile check only). */
#ifndef KWS_STANDIN_NANOCLR_INTEROP_H
#define KWS_STANDIN_NANOCLR_INTEROP_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef int32_t HRESULT;
typedef int32_t CLR_INT32;
typedef uint32_t CLR_UINT32;
typedef int64_t CLR_INT64;
typedef uint8_t CLR_UINT8;
typedef uint16_t CLR_UINT16;

#define S_OK ((HRESULT)0)
#define FAILED(hr) ((HRESULT)(hr) < 0)

struct CLR_RT_HeapBlock_Array
{
    CLR_UINT32 m_numOfElements;
    CLR_UINT8 *GetFirstElement();
};

struct CLR_RT_HeapBlock
{
    union NumericValue
    {
        int8_t s1;
        uint8_t u1;
        int16_t s2;
        uint16_t u2;
        int32_t s4;
        uint32_t u4;
        int64_t s8;
        uint64_t u8;
        float r4;
        double r8;
    };
    NumericValue &NumericByRef();
    CLR_RT_HeapBlock_Array *DereferenceArray();
};

struct CLR_RT_StackFrame
{
    CLR_RT_HeapBlock &Arg0();
    CLR_RT_HeapBlock &Arg1();
    CLR_RT_HeapBlock &Arg2();
    CLR_RT_HeapBlock &Arg3();
    CLR_RT_HeapBlock &Arg4();
    void SetResult_I4(CLR_INT32 value);
    void SetResult_I8(CLR_INT64 value);
    void SetResult_R4(float value);
    void SetResult_Object(CLR_RT_HeapBlock *object);
    HRESULT SetResult_String(const char *text);
};

typedef HRESULT (*CLR_RT_MethodHandler)(CLR_RT_StackFrame &stack);

struct CLR_RECORD_VERSION
{
    CLR_UINT16 iMajorVersion;
    CLR_UINT16 iMinorVersion;
    CLR_UINT16 iBuildNumber;
    CLR_UINT16 iRevisionNumber;
};

struct CLR_RT_NativeAssemblyData
{
    const char *m_szAssemblyName;
    CLR_UINT32 m_checkSum;
    const CLR_RT_MethodHandler *m_pNativeMethods;
    CLR_RECORD_VERSION m_Version;
};

#define NANOCLR_NATIVE_DECLARE(mtd) static HRESULT mtd(CLR_RT_StackFrame &stack)
#define NANOCLR_HEADER() HRESULT hr
#define NANOCLR_LEAVE() goto nanoCLR_Cleanup
#define NANOCLR_CHECK_HRESULT(expr)                                                                                    \
    {                                                                                                                  \
        if (FAILED(hr = (expr)))                                                                                       \
            NANOCLR_LEAVE();                                                                                           \
    }
#define NANOCLR_NOCLEANUP()                                                                                            \
    hr = S_OK;                                                                                                         \
    nanoCLR_Cleanup:                                                                                                   \
    return hr
#define NANOCLR_NOCLEANUP_NOLABEL()                                                                                    \
    hr = S_OK;                                                                                                         \
    return hr

void *platform_malloc(size_t size);
void platform_free(void *ptr);

#endif
