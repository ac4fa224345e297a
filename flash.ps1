#!/usr/bin/env pwsh
# Thin wrapper over `kwsnano flash` (PowerShell on Windows, Linux or macOS). Every argument is passed through:
#   ./flash.ps1 --target ESP32 --port COM3 --firmware nanoCLR.bin --app KwsNano.App.Esp32.bin --model ds_cnn_s.kwsm
#   ./flash.ps1 --target ST_STM32F769I_DISCOVERY --firmware nanoBooter.hex nanoCLR.hex --model micronet_m.kwsm --dry-run
# Addresses and checks: docs/custom-firmware.md. Needs nanoff (dotnet tool install -g nanoff) unless --dry-run.
$ErrorActionPreference = 'Stop'
$kwsnano = Get-Command kwsnano -ErrorAction SilentlyContinue
if ($kwsnano) {
    & $kwsnano.Source flash @args
} else {
    & dotnet run --project (Join-Path $PSScriptRoot 'tools/KwsNano.Cli') -c Release -- flash @args
}
exit $LASTEXITCODE
