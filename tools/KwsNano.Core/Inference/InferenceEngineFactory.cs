using KwsNano.Kwsm;
using KwsNano.Native;

namespace KwsNano.Inference;

/// <summary>
/// Creates the inference engine for a .kwsm blob: the native engine when its library is available, else
/// the C# interpreter with a message saying so (returned, not printed: the CLI prints it).
/// </summary>
public sealed class InferenceEngineFactory
{
    private readonly NativeLibraryLoader _loader;

    /// <summary>A factory using <paramref name="loader"/> (default: <see cref="NativeLibraryLoader.Default"/>).</summary>
    public InferenceEngineFactory(NativeLibraryLoader? loader = null)
    {
        _loader = loader ?? NativeLibraryLoader.Default;
    }

    /// <summary>Whether the native engine can be used (loads the library on first call).</summary>
    public bool NativeAvailable(out string message) => _loader.TryLoad(out message);

    /// <summary>
    /// Opens <paramref name="blob"/>. Validation errors are not hidden by a fallback: the native engine throws
    /// <see cref="KwsNativeException"/>, the interpreter <see cref="KwsmFormatException"/>.
    /// </summary>
    /// <exception cref="DllNotFoundException"><see cref="EnginePreference.Native"/> and the library is missing.</exception>
    public EngineSelection Create(byte[] blob, string sourceName, EnginePreference preference = EnginePreference.Auto)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (preference == EnginePreference.Interpreter)
        {
            return new EngineSelection(InterpreterEngine.Open(blob, sourceName), null);
        }
        if (_loader.TryLoad(out string message))
        {
            return new EngineSelection(NativeEngine.Open(blob, sourceName, _loader), null);
        }
        if (preference == EnginePreference.Native)
        {
            throw new DllNotFoundException(message);
        }
        return new EngineSelection(InterpreterEngine.Open(blob, sourceName), $"{message}; using the C# interpreter instead");
    }

    /// <summary>Reads <paramref name="path"/> and opens it (see <see cref="Create(byte[], string, EnginePreference)"/>).</summary>
    public EngineSelection CreateFromFile(string path, EnginePreference preference = EnginePreference.Auto) =>
        Create(Kwsm.KwsmReader.ReadFileBytes(path), Path.GetFileName(path), preference);
}
