using System.Text;

namespace KwsNano.Cli.Serial;

/// <summary>
/// Turns the bytes of a serial port into lines: UTF-8 (a character split across reads is kept), ends at '\n' with an
/// optional '\r' before it, and a line without an end longer than <see cref="MaxLine"/> characters (binary noise at a
/// wrong baud rate) is cut there, so memory stays bounded.
/// </summary>
public sealed class LineAssembler
{
    /// <summary>Longest line kept before it is cut.</summary>
    public const int MaxLine = 4096;

    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _line = new();
    private readonly Queue<string> _ready = new();
    private char[] _chars = new char[256];

    /// <summary>Adds <paramref name="count"/> bytes.</summary>
    public void Add(byte[] bytes, int offset, int count)
    {
        int needed = _decoder.GetCharCount(bytes, offset, count, false);
        if (needed > _chars.Length)
        {
            _chars = new char[needed];
        }
        int n = _decoder.GetChars(bytes, offset, count, _chars, 0, false);
        for (int i = 0; i < n; i++)
        {
            char c = _chars[i];
            if (c == '\n')
            {
                Emit();
            }
            else
            {
                _line.Append(c);
                if (_line.Length >= MaxLine)
                {
                    Emit();
                }
            }
        }
    }

    /// <summary>Takes the next complete line, if any.</summary>
    public bool TryTake(out string line) => _ready.TryDequeue(out line!);

    /// <summary>Drops a partial line (the port went away mid-line).</summary>
    public void DropPartial()
    {
        _line.Clear();
        _decoder.Reset();
    }

    private void Emit()
    {
        if (_line.Length > 0 && _line[^1] == '\r')
        {
            _line.Length--;
        }
        _ready.Enqueue(_line.ToString());
        _line.Clear();
    }
}
