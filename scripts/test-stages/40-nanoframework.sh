#!/usr/bin/env bash
# nanoFramework build of the firmware (tests/KwsNano.NfBuild/README.md): every .nfproj compiled through MSBuild with
# the nanoFramework project system's settings (stand-in, C# 9) against the real nanoFramework.CoreLibrary 1.17.11
# mscorlib and API reference assemblies (firmware/ApiSurface), every warning an error; packages.config closure and
# per-target native parts checked; the interop checksum computed from the compiled assembly and compared with the
# C++ glue. The xunit tests (tests/KwsNano.Tests/NanoFramework) break each of these in a copy and see it fail.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build tests/KwsNano.NfBuild/KwsNano.NfBuild.csproj -c Release -nologo -v q >/dev/null
dotnet tests/KwsNano.NfBuild/bin/Release/net10.0/nfbuild.dll --repo .
echo "RESULT passed=1 failed=0"
dotnet tests/KwsNano.NfBuild/bin/Release/net10.0/nfbuild.dll checksum firmware/KwsNano.Interop/bin/Release/KwsNano.Interop.dll | head -n 1
