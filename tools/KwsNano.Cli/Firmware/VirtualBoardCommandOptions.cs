using System.CommandLine;
using KwsNano.Firmware;
using KwsNano.IO;
using KwsNano.VirtualBoard;

namespace KwsNano.Cli.Firmware;

/// <summary>Options shared by <c>run</c> and <c>listen</c> (model, action config, board, native time, log file).</summary>
public sealed class VirtualBoardCommandOptions
{
    /// <summary>--model.</summary>
    public Option<string> Model { get; } = new("--model") { Description = ".kwsm model (written to the virtual board's flash)", Required = true };

    /// <summary>--config.</summary>
    public Option<string?> Config { get; } = new("--config") { Description = "Action configuration file (default: the board's built-in one)" };

    /// <summary>--target.</summary>
    public Option<string> Target { get; } = new("--target") { Description = "Board: ESP32 | ESP32_S3 | ST_STM32F769I_DISCOVERY", DefaultValueFactory = _ => "ESP32" };

    /// <summary>--native-us.</summary>
    public Option<int?> NativeUs { get; } = new("--native-us") { Description = "Deterministic virtual cost of one inference in microseconds (default: measured host time)" };

    /// <summary>--log.</summary>
    public Option<string?> Log { get; } = new("--log") { Description = "Also write the serial log to this file (for kwsnano monitor)" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Model);
        command.Options.Add(Config);
        command.Options.Add(Target);
        command.Options.Add(NativeUs);
        command.Options.Add(Log);
    }

    /// <summary>Runs the virtual board for a parsed command line, printing serial lines live and GPIO changes at the end.</summary>
    public int Execute(ParseResult parse, AudioFeed audio, ICliConsole console)
    {
        string targetName = parse.GetValue(Target)!;
        var target = FlashTarget.Find(targetName)
            ?? throw new CliException($"unknown --target {targetName}; expected one of {string.Join(", ", FlashTarget.All.Select(x => x.Name))}");
        var model = ModelFile.Load(parse.GetValue(Model)!);
        string? configText = null;
        string? configPath = parse.GetValue(Config);
        if (configPath != null)
        {
            if (!File.Exists(configPath))
            {
                throw new CliException($"--config {configPath}: file not found");
            }
            configText = File.ReadAllText(configPath);
            try
            {
                ActionConfigParser.Parse(configText);
            }
            catch (ConfigException e)
            {
                throw new CliException($"{configPath}: {e.Message}");
            }
        }
        var nativeUs = parse.GetValue(NativeUs);
        var time = nativeUs is int us ? NativeTimeModel.Fixed(0, us) : null;
        StreamWriter? log = null;
        string? logPath = parse.GetValue(Log);
        try
        {
            if (logPath != null)
            {
                FileChecks.RequireOutputFile(logPath, "--log");
                log = new StreamWriter(logPath) { NewLine = "\n", AutoFlush = true };
            }
            var result = VirtualBoardRunner.Run(new VirtualBoardRunner.Options(model, audio, configText, target, time), line =>
            {
                console.Out.WriteLine(line);
                console.Out.Flush();
                log?.WriteLine(line);
            });
            foreach (var t in result.Transitions)
            {
                console.Out.WriteLine($"GPIO {t.Pin} {(t.High ? "high" : "low")} at {t.TimeUs / 1e6:F6} s");
            }
            return result.Labels == null ? 1 : 0;
        }
        catch (IOException e)
        {
            throw new CliException($"--log {logPath}: {e.Message}");
        }
        finally
        {
            log?.Dispose();
        }
    }
}
