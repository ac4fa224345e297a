namespace KwsNano.Kwsm;

/// <summary>Opcodes of the packed format (docs/kwsm-format.md, op table offset 0).</summary>
public enum KwsmOpCode : byte
{
    Conv2D = 1,
    DepthwiseConv2D = 2,
    FullyConnected = 3,
    AveragePool2D = 4,
    MaxPool2D = 5,
    Reshape = 6,
    Softmax = 7,
    Add = 8,
}
