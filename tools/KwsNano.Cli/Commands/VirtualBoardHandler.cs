using KwsNano.Cli.Firmware;
using KwsNano.Conversion;
using KwsNano.Firmware;
using KwsNano.Kwsm;
using KwsNano.VirtualBoard;

namespace KwsNano.Cli.Commands;

/// <summary>
/// The work of <c>run</c> and <c>listen</c> once their options are checked: the firmware on the virtual board with the
/// live view (<see cref="LiveView"/>: serial lines, GPIO edges and the score meter as they happen) and one summary, also
/// after Ctrl-C (exit 130).
/// </summary>
public sealed class VirtualBoardHandler(ICliConsole console)
{
    /// <summary>One run's settings, every one already checked (<see cref="VirtualBoardCommandOptions"/>).</summary>
    /// <param name="Model">The loaded, validated model.</param>
    /// <param name="ConfigText">Action configuration (null: the board's default), already checked against the model.</param>
    /// <param name="Target">Board.</param>
    /// <param name="NativeUs">Fixed virtual cost of an inference (null: measured host time).</param>
    /// <param name="LogPath">Also write the serial log here (checked writable), or null.</param>
    /// <param name="Meter">Score meter mode.</param>
    /// <param name="Top">Classes the meter shows.</param>
    public sealed record Settings(ModelLoader.Loaded Model, string? ConfigText, FlashTarget Target, int? NativeUs, string? LogPath, MeterMode Meter, int Top);

    /// <summary>The meter mode <paramref name="mode"/> means on <paramref name="console"/>: Auto is Live on a terminal, else Off.</summary>
    public static MeterMode Resolve(MeterMode mode, ICliConsole console) =>
        mode == MeterMode.Auto ? (console.IsOutputTerminal ? MeterMode.Live : MeterMode.Off) : mode;

    /// <summary>Runs; <paramref name="audio"/> is opened now. Returns the exit code.</summary>
    public int Run(Settings s, Func<AudioFeed> audio, CancellationToken cancel)
    {
        var model = s.Model.Model;
        var mode = Resolve(s.Meter, console);
        var meter = mode is MeterMode.Live or MeterMode.Lines
            ? new ScoreMeter(model.Labels.ToArray(), model.Output.Scale, model.Output.ZeroPoint, model.Flags.HasFlag(KwsmModelFlags.OutputIsSoftmax), s.Top)
            : null;
        var view = new LiveView(console.Out, console.UseColor, meter, mode);
        var time = s.NativeUs is int us ? NativeTimeModel.Fixed(0, us) : null;
        StreamWriter? log = null;
        try
        {
            if (s.LogPath != null)
            {
                log = new StreamWriter(s.LogPath) { NewLine = "\n", AutoFlush = true };
            }
            var result = VirtualBoardRunner.Run(new VirtualBoardRunner.Options(s.Model.Blob, audio(), s.ConfigText, s.Target, time, cancel), line =>
            {
                view.Line(line);
                log?.WriteLine(line);
            }, view.Edge, view.Inference);
            view.Summary(result, cancel.IsCancellationRequested);
            if (cancel.IsCancellationRequested)
            {
                return ExitCodes.Interrupted;
            }
            return result.Labels == null ? ExitCodes.Failure : ExitCodes.Success;
        }
        catch (IOException e)
        {
            throw new CliException($"--log {s.LogPath}: {e.Message}");
        }
        finally
        {
            log?.Dispose();
        }
    }
}
