using System.CommandLine;
using KwsNano.Catalog;

namespace KwsNano.Cli;

/// <summary>
/// The one model-argument rule of every verb: <c>-m/--model</c> with a .tflite, a .kwsm or a catalog model id, plus
/// <c>--mirror</c> and <c>--cache</c> for a catalog id. Verbs that have always taken the model as their first
/// argument (convert, inspect, verify) keep that positional form as a synonym; giving both is an error.
/// </summary>
public sealed class ModelOption
{
    /// <summary>Text shared by every verb's --model help.</summary>
    public const string DefaultDescription = "A .kwsm, a .tflite (converted on the fly) or a catalog model id (see 'kwsnano models list').";

    /// <summary>Creates the option (and the positional synonym when <paramref name="positional"/>).</summary>
    public ModelOption(bool positional = false, bool required = true, string description = DefaultDescription)
    {
        Option = new Option<string?>("--model", "-m") { Description = description };
        Positional = positional ? new Argument<string?>("model") { Description = "Same as --model.", Arity = ArgumentArity.ZeroOrOne } : null;
        Required = required;
    }

    /// <summary>-m/--model.</summary>
    public Option<string?> Option { get; }

    /// <summary>The positional synonym, when the verb has one.</summary>
    public Argument<string?>? Positional { get; }

    /// <summary>--mirror.</summary>
    public Option<string?> Mirror { get; } = new("--mirror") { Description = "Folder with the catalog model files (for a catalog id; default $KWSNANO_MODEL_MIRROR)." };

    /// <summary>--cache.</summary>
    public Option<string?> Cache { get; } = new("--cache") { Description = "Model cache folder (default ~/.cache/kwsnano/models)." };

    /// <summary>True when a model must be given.</summary>
    public bool Required { get; }

    /// <summary>Adds the option(s) to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        if (Positional != null)
        {
            command.Arguments.Add(Positional);
        }
        command.Options.Add(Option);
        command.Options.Add(Mirror);
        command.Options.Add(Cache);
    }

    /// <summary>The model text given on the command line, or null when optional and absent.</summary>
    /// <exception cref="CliException">Neither or both forms given.</exception>
    public string? Get(ParseResult parse)
    {
        string? named = parse.GetValue(Option);
        string? positional = Positional == null ? null : parse.GetValue(Positional);
        if (named != null && positional != null)
        {
            throw new CliException($"the model is given twice ('{positional}' and --model {named}); give one");
        }
        string? model = named ?? positional;
        if (model == null && Required)
        {
            throw new CliException("no model: give -m/--model with a .kwsm, a .tflite or a catalog model id (see 'kwsnano models list')");
        }
        return model;
    }

    /// <summary>Resolves the model to a file (a catalog id is fetched into the cache) and its catalog entry.</summary>
    public (string Path, CatalogEntry? Entry) Resolve(ParseResult parse, ICliConsole console) =>
        CliModelSource.Resolve(Get(parse)!, parse.GetValue(Mirror), parse.GetValue(Cache), console);
}
