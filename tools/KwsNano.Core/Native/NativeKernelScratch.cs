namespace KwsNano.Native;

/// <summary>
/// The host library's kernel scratch formulas (<c>*_buffer_size()</c> in kws_nano.h), for checking the converter's
/// mirror (<see cref="Conversion.KernelScratch"/>). Load the library first (<see cref="NativeLibraryLoader"/>).
/// </summary>
public static unsafe class NativeKernelScratch
{
    /// <summary><c>kws_conv2d_s8_opt_buffer_size</c> for an input with <paramref name="inputChannels"/> and an fh x fw filter.</summary>
    public static int ConvOpt(int filterH, int filterW, int inputChannels)
    {
        var input = new KwsDimsNative { N = 1, H = 1, W = 1, C = inputChannels };
        var filter = new KwsDimsNative { N = 1, H = filterH, W = filterW, C = inputChannels };
        return (int)NativeMethods.kws_conv2d_s8_opt_buffer_size(&input, &filter);
    }

    /// <summary><c>kws_conv2d_1x1_s8_inplace_buffer_size</c> of a [1,H,W,C] tensor.</summary>
    public static int Conv1x1InPlace(int height, int width, int channels)
    {
        var d = new KwsDimsNative { N = 1, H = height, W = width, C = channels };
        return (int)NativeMethods.kws_conv2d_1x1_s8_inplace_buffer_size(&d);
    }

    /// <summary><c>kws_depthwise_conv2d_3x3_s8_inplace_buffer_size</c> of a [1,H,W,C] tensor.</summary>
    public static int Depthwise3x3InPlace(int height, int width, int channels)
    {
        var d = new KwsDimsNative { N = 1, H = height, W = width, C = channels };
        return (int)NativeMethods.kws_depthwise_conv2d_3x3_s8_inplace_buffer_size(&d);
    }

    /// <summary><c>kws_conv2d_dw_fused_s8_buffer_size</c>: the ring of a fused conv whose [1,H,W,C] output feeds a depthwise with filter height <paramref name="dwFilterH"/>.</summary>
    public static int FusedRing(int height, int width, int channels, int dwFilterH)
    {
        var mid = new KwsDimsNative { N = 1, H = height, W = width, C = channels };
        var filter = new KwsDimsNative { N = 1, H = dwFilterH, W = 3, C = channels };
        return (int)kws_conv2d_dw_fused_s8_buffer_size(&mid, &filter);
    }

    [System.Runtime.InteropServices.DllImport(NativeMethods.Library, CallingConvention = System.Runtime.InteropServices.CallingConvention.Cdecl)]
    private static extern uint kws_conv2d_dw_fused_s8_buffer_size(KwsDimsNative* midDims, KwsDimsNative* dwFilterDims);
}
