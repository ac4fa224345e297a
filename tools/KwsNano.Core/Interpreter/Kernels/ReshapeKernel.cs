namespace KwsNano.Interpreter.Kernels;

/// <summary>RESHAPE: the bytes are unchanged; only the shape changes.</summary>
public static class ReshapeKernel
{
    /// <summary>Copies input to output (same element count); a no-op when both are the same memory.</summary>
    public static void Run(ReadOnlySpan<sbyte> input, Span<sbyte> output)
    {
        KernelChecks.Length(output.Length, input.Length, "reshape output");
        input.CopyTo(output); // CopyTo handles overlap (including identical ranges) like memmove
    }
}
