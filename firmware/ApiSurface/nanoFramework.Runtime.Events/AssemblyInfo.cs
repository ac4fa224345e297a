using System.Reflection;

[assembly: AssemblyTitle("nanoFramework.Runtime.Events")]
[assembly: AssemblyVersion("1.11.32.0")]
[assembly: AssemblyNativeVersion("100.0.8.0")]
