using System.Reflection;

[assembly: AssemblyTitle("System.Math")]
[assembly: AssemblyVersion("1.5.116.0")]
[assembly: AssemblyNativeVersion("100.0.5.5")]
