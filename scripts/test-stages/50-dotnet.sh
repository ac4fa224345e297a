#!/usr/bin/env bash
# C# tests (converter, interpreter, front-end cross-checks, CLI, firmware logic on the virtual board).
set -euo pipefail
dotnet build KwsNano.sln -c Release -nologo -v q
dotnet test KwsNano.sln -c Release --no-build -nologo -v q --logger "console;verbosity=minimal"
