using KwsNano.Audio;
using KwsNano.Conversion;
using KwsNano.Eval;
using KwsNano.Inference;

namespace KwsNano.Cli;

/// <summary>
/// What the audio commands (classify, eval, features) share: the --model argument resolved (.kwsm,
/// .tflite converted on the fly, or a catalog id), the engine choice, and the board's front-end
/// (native libkwsnano when present, else the C# <see cref="Mfcc"/>).
/// </summary>
public sealed class AudioModelSession
{
    private AudioModelSession(ModelLoader.Loaded loaded, EnginePreference engine, bool nativeFrontend)
    {
        Loaded = loaded;
        Engine = engine;
        NativeFrontend = nativeFrontend;
    }

    /// <summary>The model, its blob and how it was obtained.</summary>
    public ModelLoader.Loaded Loaded { get; }

    /// <summary>Engine preference for every classifier.</summary>
    public EnginePreference Engine { get; }

    /// <summary>True when features come from the native C front-end.</summary>
    public bool NativeFrontend { get; }

    /// <summary>Short model name for reports (catalog id or file name).</summary>
    public string Name => Loaded.Entry?.Id ?? Loaded.Name;

    /// <summary>Parses an --engine value.</summary>
    public static EnginePreference ParseEngine(string? value) => (value ?? "auto").ToLowerInvariant() switch
    {
        "auto" => EnginePreference.Auto,
        "native" => EnginePreference.Native,
        "interpreter" => EnginePreference.Interpreter,
        _ => throw new CliException($"--engine {value}: expected auto, native or interpreter"),
    };

    /// <summary>Resolves and loads <paramref name="model"/>; checks it has an MFCC front-end the tool computes.</summary>
    public static AudioModelSession Open(string model, string? mirror, string? cache, EnginePreference engine, ICliConsole console)
    {
        var (path, entry) = CliModelSource.Resolve(model, mirror, cache, console);
        var loaded = CliModelSource.Guard(() => ModelLoader.Load(path, null, entry));
        CliModelSource.Warn(console, loaded.Warnings);
        var fe = loaded.Model.Frontend;
        if (fe.Kind is not (1 or 2 or 3))
        {
            throw new CliException($"{loaded.Name}: front-end '{fe.Preset}' (kind {fe.Kind}) is not a front-end this tool computes (arm-mfcc-49x10, arm-mfcc-25x10, arm-mfcc-peak, mlperf-tiny, micro-speech); convert it with --frontend if the descriptor is wrong");
        }
        bool native = engine != EnginePreference.Interpreter && Audio.NativeFrontend.IsAvailable;
        if (!native && engine != EnginePreference.Interpreter)
        {
            console.Error.WriteLine("note: libkwsnano not found: features from the C# reference front-end instead of the device front-end");
        }
        return new AudioModelSession(loaded, engine, native);
    }

    /// <summary>A new classifier (own engine and front-end buffers) for one worker.</summary>
    public ClipClassifier CreateClassifier(out string engineName, Action<string>? note = null)
    {
        var selection = CliModelSource.Guard(() =>
        {
            try
            {
                return new InferenceEngineFactory().Create(Loaded.Blob, Loaded.Name, Engine);
            }
            catch (DllNotFoundException e)
            {
                throw new CliException($"--engine native: {e.Message}");
            }
        });
        if (selection.Message != null)
        {
            note?.Invoke(selection.Message);
        }
        var engine = selection.Engine;
        engineName = engine.Name;
        var features = new FeatureExtractor(Loaded.Model.Frontend, NativeFrontend);
        return new ClipClassifier(Loaded.Model, features, engine.Invoke, engine);
    }

    /// <summary>Reads a WAV at the model's sample rate, turning format problems into a CLI error.</summary>
    public WavAudio ReadWav(string path)
    {
        try
        {
            return WavReader.Read(path, Loaded.Model.Frontend.SampleRate);
        }
        catch (WavFormatException e)
        {
            throw new CliException(e.Message, inner: e);
        }
    }

    /// <summary>"native front-end (arm-mfcc-49x10)" or "C# front-end (...)".</summary>
    public string FrontendDescription => $"{(NativeFrontend ? "native" : "C#")} front-end ({Loaded.Model.Frontend.Preset})";
}
