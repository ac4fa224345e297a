namespace KwsNano.Cli.Firmware;

/// <summary>How <c>run</c> and <c>listen</c> show each inference's scores (<c>--meter</c>).</summary>
public enum MeterMode
{
    /// <summary>A live meter on a terminal, nothing when the output is a pipe or file.</summary>
    Auto,

    /// <summary>One status line rewritten in place: the top scores with a bar, board time, interval and load.</summary>
    Live,

    /// <summary>One line per inference with its top scores (for logs, pipes and tests).</summary>
    Lines,

    /// <summary>No meter.</summary>
    Off,
}
