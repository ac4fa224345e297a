using System.Reflection;

[assembly: AssemblyTitle("nanoFramework.UnitTestLauncher")]
[assembly: AssemblyVersion("3.0.77.0")]
