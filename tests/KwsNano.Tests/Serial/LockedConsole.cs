using System.Text;
using KwsNano.Cli;

namespace KwsNano.Tests.Serial;

/// <summary>A console whose text can be read while another thread writes it (the monitor runs on a task in these tests).</summary>
public sealed class LockedConsole : ICliConsole
{
    private readonly LockedWriter _out = new(), _err = new();

    /// <inheritdoc/>
    public TextWriter Out => _out;

    /// <inheritdoc/>
    public TextWriter Error => _err;

    /// <inheritdoc/>
    public bool IsErrorRedirected => true;

    /// <inheritdoc/>
    public bool UseColor => false;

    /// <summary>Everything written to Out so far.</summary>
    public string OutText => _out.Text;

    /// <summary>Everything written to Error so far.</summary>
    public string ErrorText => _err.Text;

    /// <summary>Waits up to 20 s for <paramref name="condition"/>; fails with what was written so far.</summary>
    public void WaitFor(Func<LockedConsole, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition(this))
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}\n--- stdout:\n{OutText}\n--- stderr:\n{ErrorText}");
            Thread.Sleep(20);
        }
    }

    private sealed class LockedWriter : TextWriter
    {
        private readonly StringBuilder _text = new();

        public override Encoding Encoding => Encoding.UTF8;

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string NewLine { get => "\n"; set { } }

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_text)
            {
                _text.Append(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_text)
            {
                _text.Append(value).Append('\n');
            }
        }
    }
}
