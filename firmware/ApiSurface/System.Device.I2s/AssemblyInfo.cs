using System.Reflection;

[assembly: AssemblyTitle("System.Device.I2s")]
[assembly: AssemblyVersion("1.0.27.0")]
[assembly: AssemblyNativeVersion("100.0.0.1")]
