using KwsNano.Firmware;

namespace KwsNano.Cli.Firmware;

/// <summary>
/// Checks detector settings against the model they will run with, before any work: every <c>on X</c> line names a
/// label of the model, and the inference interval is at most the model's frames (the engine refuses more).
/// </summary>
public static class ModelSettingsCheck
{
    /// <summary>Throws a <see cref="CliException"/> naming <paramref name="where"/> for the first setting the model cannot honour.</summary>
    public static void Check(ActionConfig config, IReadOnlyList<string> labels, int frames, string where)
    {
        for (int i = 0; i < config.ActionCount; i++)
        {
            string keyword = config.GetAction(i).Keyword;
            if (!labels.Contains(keyword))
            {
                throw new CliException($"{where}: 'on {keyword}': the model has no label '{keyword}' (labels: {string.Join(", ", labels)})");
            }
        }
        if (config.InferenceInterval != ActionConfig.AutoInferenceInterval)
        {
            CheckInterval(config.InferenceInterval, frames, where + ": interval");
        }
    }

    /// <summary>Throws when <paramref name="interval"/> hops exceed the model's <paramref name="frames"/>.</summary>
    public static void CheckInterval(int interval, int frames, string what)
    {
        if (interval > frames)
        {
            throw new CliException($"{what} {interval}: the model has {frames} frames and the firmware runs the network at least once per window; use 1..{frames}");
        }
    }
}
