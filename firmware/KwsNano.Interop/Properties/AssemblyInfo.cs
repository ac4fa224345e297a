using System.Reflection;
using System.Runtime.CompilerServices;

[assembly: AssemblyTitle("KwsNano.Interop")]
[assembly: AssemblyDescription("Native interop surface of the KwsNano keyword-spotting engine")]
[assembly: AssemblyVersion("1.0.0.0")]

// Must match the version in g_CLR_AssemblyNative_KwsNano_Interop (kernels-native/interop/nanoframework).
[assembly: AssemblyNativeVersion("1.1.0.0")]
