using System.Runtime.InteropServices;
using KwsNano.Audio;
using KwsNano.Kwsm;

namespace KwsNano.Native;

/// <summary>
/// Builds a front-end tables section (format 1.2) with the host library's <c>kws_frontend_tables_build</c>: the
/// code a device runs to build its tables in RAM when a blob has none, so a device reading the stored section
/// computes exactly the features this host's native front-end computes, whatever the device's libm.
/// </summary>
public static unsafe class NativeFrontendTables
{
    [DllImport(NativeMethods.Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern uint kws_frontend_tables_max_size(NativeFrontendDesc* desc);

    [DllImport(NativeMethods.Library, CallingConvention = CallingConvention.Cdecl)]
    private static extern int kws_frontend_tables_build(NativeFrontendDesc* desc, void* output, uint outputSize, uint* size);

    /// <summary>True when the host library can be loaded.</summary>
    public static bool IsAvailable => NativeFrontend.IsAvailable;

    /// <summary>
    /// The section bytes for <paramref name="frontend"/> (a computed kind that passed <see cref="KwsmFrontendRules"/>),
    /// validated with <see cref="KwsmFrontendTables.Check"/>. Throws <see cref="KwsNativeException"/> when the library
    /// refuses the descriptor (micro_speech: a filterbank that passes the spectrum).
    /// </summary>
    public static byte[] Build(KwsmFrontend frontend)
    {
        var desc = NativeFrontendDesc.From(frontend);
        uint max = kws_frontend_tables_max_size(&desc);
        if (max == 0)
        {
            throw new InvalidOperationException($"kws_frontend_tables_max_size refused a descriptor KwsmFrontendRules accepts ({frontend.Preset})");
        }
        var buffer = (uint*)NativeMemory.AlignedAlloc(max, 16);
        try
        {
            uint size = 0;
            int status = kws_frontend_tables_build(&desc, buffer, max, &size);
            if (status != 0)
            {
                throw new KwsNativeException($"kws_frontend_tables_build for front-end '{frontend.Preset}'", (KwsStatus)status, ((KwsStatus)status).ToString());
            }
            var bytes = new ReadOnlySpan<byte>(buffer, (int)size).ToArray();
            if (KwsmFrontendTables.Check(frontend, bytes) is { } problem)
            {
                throw new InvalidOperationException($"the host library built a front-end tables section the reader refuses: {problem.Problem}");
            }
            return bytes;
        }
        finally
        {
            NativeMemory.AlignedFree(buffer);
        }
    }
}
