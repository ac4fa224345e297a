using System.Collections;
using KwsNano.Firmware;

namespace KwsNano.Firmware.Tests
{
    /// <summary>A serial log that keeps every line, for assertions.</summary>
    public sealed class RecordingLineWriter : ILineWriter
    {
        /// <summary>Lines written, in order.</summary>
        public readonly ArrayList Lines = new ArrayList();

        /// <inheritdoc/>
        public void WriteLine(string line)
        {
            Lines.Add(line);
        }

        /// <summary>The number of lines starting with <paramref name="prefix"/>.</summary>
        public int Count(string prefix)
        {
            int n = 0;
            for (int i = 0; i < Lines.Count; i++)
            {
                if (((string)Lines[i]).IndexOf(prefix) == 0)
                {
                    n++;
                }
            }
            return n;
        }

        /// <summary>The first line starting with <paramref name="prefix"/>, or null.</summary>
        public string First(string prefix)
        {
            for (int i = 0; i < Lines.Count; i++)
            {
                if (((string)Lines[i]).IndexOf(prefix) == 0)
                {
                    return (string)Lines[i];
                }
            }
            return null;
        }
    }
}
