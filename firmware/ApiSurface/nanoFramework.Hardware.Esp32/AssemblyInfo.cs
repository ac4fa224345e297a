using System.Reflection;

[assembly: AssemblyTitle("nanoFramework.Hardware.Esp32")]
[assembly: AssemblyVersion("1.6.34.0")]
[assembly: AssemblyNativeVersion("100.0.10.0")]
