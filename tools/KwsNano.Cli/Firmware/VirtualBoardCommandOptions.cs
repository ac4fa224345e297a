using System.CommandLine;
using System.Globalization;
using KwsNano.Cli.Commands;
using KwsNano.Conversion;
using KwsNano.Firmware;
using KwsNano.IO;
using KwsNano.VirtualBoard;

namespace KwsNano.Cli.Firmware;

/// <summary>Options shared by <c>run</c> and <c>listen</c> (model, action config, board, native time, log file).</summary>
public sealed class VirtualBoardCommandOptions
{
    /// <summary>Largest --native-us accepted (10 s per inference).</summary>
    public const int MaxNativeUs = 10_000_000;

    /// <summary>-m/--model (the one model rule: .kwsm, .tflite or catalog id) with --mirror and --cache.</summary>
    public ModelOption Model { get; } = new(description: ModelOption.DefaultDescription + " Written to the virtual board's flash.");

    /// <summary>--config.</summary>
    public Option<string?> Config { get; } = new("--config") { Description = "Action configuration file (default: the board's built-in one)" };

    /// <summary>--target.</summary>
    public Option<string> Target { get; } = ChoiceList.Of(new Option<string>("--target") { Description = "Board profile", DefaultValueFactory = _ => "ESP32" }, FlashTarget.All.Select(t => t.Name));

    /// <summary>--native-us.</summary>
    public Option<int?> NativeUs { get; } = new("--native-us")
    {
        Description = $"Deterministic virtual cost of one inference in microseconds, 0..{MaxNativeUs} (default: measured host time)",
        CustomParser = ParseNativeUs,
    };

    /// <summary>--log.</summary>
    public Option<string?> Log { get; } = new("--log") { Description = "Also write the serial log to this file (for kwsnano monitor)" };

    /// <summary>--meter.</summary>
    public Option<string> Meter { get; } = ChoiceList.Of(new Option<string>("--meter")
    {
        Description = "Each inference's top scores: auto (a live meter on a terminal, none in a pipe), live, lines (one line per inference), off",
        DefaultValueFactory = _ => "auto",
    }, Enum.GetNames<MeterMode>().Select(n => n.ToLowerInvariant()));

    /// <summary>--top.</summary>
    public Option<int> Top { get; } = new("--top")
    {
        Description = "Classes the meter shows, best first",
        DefaultValueFactory = _ => 3,
        CustomParser = r => int.TryParse(r.Tokens.Count == 1 ? r.Tokens[0].Value : "", NumberStyles.None, CultureInfo.InvariantCulture, out int k) && k >= 1
            ? k
            : Fail(r, $"--top {(r.Tokens.Count == 1 ? r.Tokens[0].Value : "")}: expected a whole number of classes, at least 1"),
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        Model.AddTo(command);
        command.Options.Add(Config);
        command.Options.Add(Target);
        command.Options.Add(NativeUs);
        command.Options.Add(Log);
        command.Options.Add(Meter);
        command.Options.Add(Top);
    }

    private static int Fail(System.CommandLine.Parsing.ArgumentResult r, string message)
    {
        r.AddError(message);
        return 0;
    }

    /// <summary>
    /// Checks the options of a parsed command line (paths, model, settings against the model) and runs
    /// <see cref="VirtualBoardHandler"/>: serial lines, GPIO edges and scores as they happen, then one summary (also after
    /// Ctrl-C, when <paramref name="cancel"/> fires: exit 130). <paramref name="audio"/> is opened after every check.
    /// </summary>
    public int Execute(ParseResult parse, Func<AudioFeed> audio, ICliConsole console, CancellationToken cancel = default)
    {
        var target = FlashTarget.Find(parse.GetValue(Target)!)!; // a choice list: always known
        string? logPath = parse.GetValue(Log);
        if (logPath != null)
        {
            FileChecks.RequireOutputFile(logPath, "--log");
        }
        string? configPath = parse.GetValue(Config);
        string? configText = null;
        if (configPath != null)
        {
            FileChecks.RequireInputFile(configPath, 1 << 20, "--config");
            configText = File.ReadAllText(configPath);
        }
        var (path, entry) = Model.Resolve(parse, console);
        var loaded = CliModelSource.Guard(() => ModelLoader.Load(path, null, entry));
        CliModelSource.Warn(console, loaded.Warnings);
        if (configText != null)
        {
            ActionConfig config;
            try
            {
                config = ActionConfigParser.Parse(configText);
            }
            catch (ConfigException e)
            {
                throw new CliException($"{configPath}: {e.Message}");
            }
            ModelSettingsCheck.Check(config, loaded.Model.Labels, loaded.Model.Frontend.NumFrames, configPath!);
        }
        int top = parse.GetValue(Top);
        if (top > loaded.Model.Labels.Count)
        {
            throw new CliException($"--top {top}: the model has {loaded.Model.Labels.Count} classes");
        }
        var meter = Enum.Parse<MeterMode>(parse.GetValue(Meter)!, ignoreCase: true); // a choice list: always one of them
        var settings = new VirtualBoardHandler.Settings(loaded, configText, target, parse.GetValue(NativeUs), logPath, meter, top);
        return new VirtualBoardHandler(console).Run(settings, audio, cancel);
    }

    private static int? ParseNativeUs(System.CommandLine.Parsing.ArgumentResult r)
    {
        string text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int us) && us <= MaxNativeUs)
        {
            return us;
        }
        r.AddError($"--native-us {text}: expected a whole number of microseconds, 0..{MaxNativeUs}");
        return null;
    }
}
