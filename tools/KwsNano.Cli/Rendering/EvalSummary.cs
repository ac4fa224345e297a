using KwsNano.Eval;

namespace KwsNano.Cli.Rendering;

/// <summary>What <c>kwsnano eval</c> reports: the run's settings and its <see cref="EvalResult"/>.</summary>
/// <param name="Model">Model name (catalog id or file name).</param>
/// <param name="Frontend">Front-end description ("native front-end (arm-mfcc-49x10)").</param>
/// <param name="Preset">Front-end preset name.</param>
/// <param name="NativeFrontend">True when the native front-end computed the features.</param>
/// <param name="Engine">Engine name.</param>
/// <param name="Source">Full path of the data set.</param>
/// <param name="SilenceAsZeros">True when _silence_ clips were evaluated as digital silence.</param>
/// <param name="Result">Counts, predictions and timing.</param>
public sealed record EvalSummary(string Model, string Frontend, string Preset, bool NativeFrontend, string Engine, string Source,
    bool SilenceAsZeros, EvalResult Result);
