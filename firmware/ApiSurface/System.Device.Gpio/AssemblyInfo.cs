using System.Reflection;

[assembly: AssemblyTitle("System.Device.Gpio")]
[assembly: AssemblyVersion("1.1.57.0")]
[assembly: AssemblyNativeVersion("100.1.0.6")]
