namespace KwsNano.Kwsm;

/// <summary>Why a .kwsm blob was refused; mirrors the C <c>kws_status</c> names (KWS_ERR_*).</summary>
public enum KwsmError
{
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
}
