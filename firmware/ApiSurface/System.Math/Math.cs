namespace System
{
    /// <summary>Math functions (double precision). Reference-only: the virtual board uses .NET's System.Math.</summary>
    public static partial class Math
    {
        /// <summary>e raised to <paramref name="d"/>.</summary>
        public static partial double Exp(double d);

        /// <summary>Natural logarithm.</summary>
        public static partial double Log(double d);

        /// <summary>Square root.</summary>
        public static partial double Sqrt(double d);

        /// <summary>Absolute value.</summary>
        public static partial double Abs(double value);

        /// <summary>Absolute value.</summary>
        public static partial int Abs(int value);

        /// <summary>Larger of two values.</summary>
        public static partial double Max(double val1, double val2);

        /// <summary>Smaller of two values.</summary>
        public static partial double Min(double val1, double val2);

        /// <summary>Larger of two values.</summary>
        public static partial int Max(int val1, int val2);

        /// <summary>Smaller of two values.</summary>
        public static partial int Min(int val1, int val2);

        /// <summary><paramref name="x"/> raised to <paramref name="y"/>.</summary>
        public static partial double Pow(double x, double y);

        /// <summary>Nearest integer value.</summary>
        public static partial double Round(double d);
    }
}
