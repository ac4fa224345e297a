namespace KwsNano.Native;

/// <summary>C names of <see cref="KwsStatus"/> values (KWS_OK, KWS_ERR_CRC, ...).</summary>
public static class KwsStatusNames
{
    /// <summary>The C enumerator name of <paramref name="status"/>, e.g. <c>KWS_ERR_TRUNCATED</c>.</summary>
    public static string CName(KwsStatus status) => status switch
    {
        KwsStatus.Ok => "KWS_OK",
        KwsStatus.OpCode => "KWS_ERR_OPCODE",
        _ when Enum.IsDefined(status) => "KWS_ERR_" + status.ToString().ToUpperInvariant(),
        _ => $"KWS_STATUS_{(int)status}",
    };
}
