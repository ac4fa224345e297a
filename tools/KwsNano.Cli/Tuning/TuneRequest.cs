namespace KwsNano.Cli.Tuning;

/// <summary>The options of <c>kwsnano tune</c> as given, before they are checked (<see cref="Commands.TuneCommand.Run"/> checks them).</summary>
/// <param name="Model">--model: a .kwsm, a .tflite or a catalog id.</param>
/// <param name="Data">--data: the Speech Commands style folder.</param>
/// <param name="ClipsPerKeyword">--clips-per-keyword.</param>
/// <param name="GapMs">--gap-ms.</param>
/// <param name="Thresholds">--thresholds, comma-separated.</param>
/// <param name="Smoothing">--smoothing, comma-separated.</param>
/// <param name="RefractoryMs">--refractory-ms.</param>
/// <param name="Release">--release.</param>
/// <param name="Interval">--interval.</param>
/// <param name="MaxFalsePerHour">--max-false-per-hour.</param>
/// <param name="BackgroundClips">--background-clips, or null for all.</param>
/// <param name="Json">--json.</param>
/// <param name="Curve">--curve image path, or null.</param>
/// <param name="WriteConfig">--write-config path, or null.</param>
/// <param name="Engine">--engine, or null for auto.</param>
/// <param name="Mirror">--mirror, or null.</param>
/// <param name="Cache">--cache, or null.</param>
public sealed record TuneRequest(string Model, string Data, int ClipsPerKeyword, int GapMs, string Thresholds, string Smoothing, int RefractoryMs,
    string Release, int Interval, double MaxFalsePerHour, int? BackgroundClips, bool Json, string? Curve, string? WriteConfig, string? Engine,
    string? Mirror, string? Cache);
