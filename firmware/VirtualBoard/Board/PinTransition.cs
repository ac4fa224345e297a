namespace KwsNano.VirtualBoard;

/// <summary>A GPIO output change recorded by the virtual board: pin, new level, virtual time.</summary>
/// <param name="Pin">Pin number.</param>
/// <param name="High">New level.</param>
/// <param name="TimeUs">Virtual microseconds since boot.</param>
public sealed record PinTransition(int Pin, bool High, long TimeUs);
