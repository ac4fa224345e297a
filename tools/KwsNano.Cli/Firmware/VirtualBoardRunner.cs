using KwsNano.Firmware;
using KwsNano.VirtualBoard;

namespace KwsNano.Cli.Firmware;

/// <summary>
/// Runs the firmware application on the virtual board: writes the model to the board's (virtual) flash at the
/// board profile's model address, as <c>kwsnano flash</c> does on hardware, then runs KwsApp exactly as the
/// device's Program.Main does (Start, then Step per audio chunk) until the audio is used up, and ends with a
/// statistics line.
/// </summary>
public static class VirtualBoardRunner
{
    /// <summary>What to run.</summary>
    /// <param name="Model">.kwsm blob.</param>
    /// <param name="Audio">Microphone audio.</param>
    /// <param name="ConfigText">Action configuration (null: the board profile's default).</param>
    /// <param name="Target">Board (flash target names: ESP32, ESP32_S3, ST_STM32F769I_DISCOVERY).</param>
    /// <param name="NativeTime">How native calls advance virtual time (null: measured on the host).</param>
    /// <param name="Cancel">Stops the run early (Ctrl-C); the statistics line is still written.</param>
    public sealed record Options(byte[] Model, AudioFeed Audio, string? ConfigText, FlashTarget Target, NativeTimeModel? NativeTime = null,
        CancellationToken Cancel = default);

    /// <summary>What happened.</summary>
    /// <param name="Lines">Serial log lines.</param>
    /// <param name="Transitions">GPIO changes with virtual times.</param>
    /// <param name="Stats">Counters of the app.</param>
    /// <param name="Labels">Model labels (null when the model did not load).</param>
    /// <param name="Profile">Board profile used.</param>
    /// <param name="EndUs">Virtual time at the end.</param>
    /// <param name="DroppedFrames">Audio frames the virtual I2S driver dropped (overruns).</param>
    /// <param name="AudioLeadInUs">Virtual time at which the audio source starts (after the lead-in silence).</param>
    public sealed record Result(IReadOnlyList<string> Lines, IReadOnlyList<PinTransition> Transitions, RunStats Stats, string[]? Labels,
        BoardProfile Profile, long EndUs, long DroppedFrames, long AudioLeadInUs);

    /// <summary>nanoFramework target name the virtual board reports for a flash target.</summary>
    public static string TargetName(FlashTarget target) => target.IsEsp32 ? (target.Name == "ESP32" ? "ESP32_REV0" : target.Name) : target.Name;

    /// <summary>
    /// Runs; every serial line is also passed to <paramref name="onLine"/> as it is written, every GPIO change to
    /// <paramref name="onEdge"/> after the step that made it, and every inference of the running app (not the boot-time
    /// calibration's) to <paramref name="onInference"/>.
    /// </summary>
    /// <exception cref="CliException">The model does not fit the board's model region.</exception>
    public static Result Run(Options o, Action<string>? onLine = null, Action<PinTransition>? onEdge = null, Action<InferenceScores>? onInference = null)
    {
        var board = new Board(TargetName(o.Target)) { Audio = o.Audio };
        if (o.NativeTime != null)
        {
            board.NativeTime = o.NativeTime;
        }
        var lines = new List<string>();
        var writer = new CollectingWriter(lines, onLine);
        using (board.Activate())
        {
            var profile = BoardProfile.ForTarget(board.TargetName)
                ?? throw new CliException($"no board profile for target {board.TargetName}");
            if (o.Model.Length > profile.ModelFlashMaxBytes)
            {
                throw new CliException($"model is {o.Model.Length} bytes; {o.Target.Name} reserves {profile.ModelFlashMaxBytes} bytes for it at 0x{profile.ModelFlashAddress:X} (docs/custom-firmware.md, section Flash layout, says how to give the model more room)");
            }
            board.Flash.Write(profile.ModelFlashAddress, o.Model);
            var app = BoardApps.Create(profile, o.ConfigText ?? profile.DefaultActions, writer);
            app.Start();
            board.Engine.InferenceObserver = onInference;
            int edges = 0;
            while (!board.AudioExhausted && !o.Cancel.IsCancellationRequested)
            {
                app.Step();
                for (; edges < board.Transitions.Count; edges++)
                {
                    onEdge?.Invoke(board.Transitions[edges]);
                }
            }
            app.ReportStats();
            board.Engine.Dispose();
            long leadInUs = o.Audio.LeadInSamples * 1_000_000 / o.Audio.SampleRate;
            return new Result(lines, board.Transitions.ToList(), app.Stats, app.Labels, profile, board.Clock.NowUs, board.DroppedFrames, leadInUs);
        }
    }

    private sealed class CollectingWriter(List<string> lines, Action<string>? onLine) : ILineWriter
    {
        public void WriteLine(string line)
        {
            lines.Add(line);
            onLine?.Invoke(line);
        }
    }
}
