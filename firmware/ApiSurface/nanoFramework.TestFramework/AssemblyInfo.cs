using System.Reflection;

[assembly: AssemblyTitle("nanoFramework.TestFramework")]
[assembly: AssemblyVersion("3.0.77.0")]
