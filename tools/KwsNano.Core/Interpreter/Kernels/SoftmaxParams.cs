namespace KwsNano.Interpreter.Kernels;

/// <summary>
/// int8 SOFTMAX parameters (.kwsm p[0..2]): <c>PreprocessSoftmaxScaling(beta, input_scale, 5)</c> and
/// <c>diff_min = -CalculateInputRadius(5, input_left_shift, 31)</c>.
/// </summary>
/// <param name="InputMultiplier">Q31 multiplier of beta * input_scale * 2^26.</param>
/// <param name="InputLeftShift">Left shift applied before the multiplier (&gt;= 0).</param>
/// <param name="DiffMin">Differences from the row maximum below this give probability 0 (-128).</param>
public readonly record struct SoftmaxParams(int InputMultiplier, int InputLeftShift, int DiffMin);
