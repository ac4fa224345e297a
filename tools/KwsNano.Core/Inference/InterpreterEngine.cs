using KwsNano.Interpreter;
using KwsNano.Kwsm;

namespace KwsNano.Inference;

/// <summary><see cref="IInferenceEngine"/> over the C# reference interpreter (<see cref="KwsmInterpreter"/>).</summary>
public sealed class InterpreterEngine : IInferenceEngine
{
    private readonly KwsmInterpreter _interpreter;
    private readonly object _lock = new();

    /// <summary>Wraps an interpreter for <paramref name="model"/>.</summary>
    public InterpreterEngine(KwsmModel model)
    {
        _interpreter = new KwsmInterpreter(model);
        Input = Info(model.Input);
        Output = Info(model.Output);
    }

    /// <summary>Reads and validates <paramref name="blob"/> (KwsmReader) and wraps an interpreter for it.</summary>
    public static InterpreterEngine Open(byte[] blob, string sourceName) => new(KwsmReader.Read(blob, sourceName));

    /// <inheritdoc />
    public string Name => "interpreter";

    /// <summary>The model being run.</summary>
    public KwsmModel Model => _interpreter.Model;

    /// <inheritdoc />
    public KwsmModelFlags Flags => _interpreter.Model.Flags;

    /// <inheritdoc />
    public IReadOnlyList<string> Labels => _interpreter.Model.Labels;

    /// <inheritdoc />
    public EngineTensorInfo Input { get; }

    /// <inheritdoc />
    public EngineTensorInfo Output { get; }

    /// <inheritdoc />
    public sbyte[] Invoke(sbyte[] input)
    {
        lock (_lock)
        {
            return _interpreter.Invoke(input);
        }
    }

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }

    private static EngineTensorInfo Info(KwsmTensor t) => new((int[])t.Dims.Clone(), t.Scale, t.ZeroPoint);
}
