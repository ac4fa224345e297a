using KwsNano.Kwsm;

namespace KwsNano.Inference;

/// <summary>
/// Runs an opened .kwsm model on int8 inputs. Implemented by the native engine (<see cref="Native.NativeEngine"/>)
/// and by the C# reference interpreter (<see cref="InterpreterEngine"/>); both give identical outputs.
/// </summary>
public interface IInferenceEngine : IDisposable
{
    /// <summary>"native" or "interpreter".</summary>
    string Name { get; }

    /// <summary>The model's header flags.</summary>
    KwsmModelFlags Flags { get; }

    /// <summary>Class labels, output order.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>The int8 input tensor.</summary>
    EngineTensorInfo Input { get; }

    /// <summary>The int8 output tensor.</summary>
    EngineTensorInfo Output { get; }

    /// <summary>Runs the model on <paramref name="input"/> (Input.Elements values) and returns the int8 output.</summary>
    sbyte[] Invoke(sbyte[] input);
}
