namespace nanoFramework.UnitTestLauncher
{
    /// <summary>Entry point of a device test image: the test framework's launcher (an executable, not the app's Main).</summary>
    public static partial class UnitTestLauncher
    {
        /// <summary>Runs every test of the deployed assemblies.</summary>
        public static partial void Main();
    }
}
