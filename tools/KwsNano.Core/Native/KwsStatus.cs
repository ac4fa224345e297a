namespace KwsNano.Native;

/// <summary>The native engine's status codes (<c>kws_status</c> in kernels-native/include/kws_types.h).</summary>
public enum KwsStatus
{
    Ok = 0,
    Null = 1,
    Truncated = 2,
    Magic = 3,
    Version = 4,
    Size = 5,
    Crc = 6,
    Bounds = 7,
    Align = 8,
    Labels = 9,
    Frontend = 10,
    Tensor = 11,
    OpCode = 12,
    Shape = 13,
    Param = 14,
    Graph = 15,
    Arena = 16,
    Argument = 17,
    Unsupported = 18,
}
