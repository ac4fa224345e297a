namespace KwsNano.Interpreter.Kernels;

/// <summary>Argument checks shared by the pooling kernels.</summary>
internal static class PoolCommon
{
    public static void Check(in PoolParams p, FeatureMapShape inputShape, int inputLength,
        FeatureMapShape outputShape, int outputLength, string what)
    {
        inputShape.Validate($"{what} input");
        outputShape.Validate($"{what} output");
        KernelChecks.Positive(p.StrideH, "stride_h");
        KernelChecks.Positive(p.StrideW, "stride_w");
        KernelChecks.Positive(p.FilterH, "filter_h");
        KernelChecks.Positive(p.FilterW, "filter_w");
        KernelChecks.Clamp(p.ActMin, p.ActMax);
        KernelChecks.Length(outputShape.Channels, inputShape.Channels, $"{what} output channels");
        KernelChecks.Length(inputLength, inputShape.Size, $"{what} input");
        KernelChecks.Length(outputLength, outputShape.Size, $"{what} output");
    }
}
