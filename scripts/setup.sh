#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian machine (idempotent, quiet when done).
# Needs root or sudo only when something is missing.
set -euo pipefail
need=()
command -v cmake >/dev/null || need+=(cmake)
command -v gcc >/dev/null || need+=(gcc)
command -v arm-none-eabi-gcc >/dev/null || need+=(gcc-arm-none-eabi)
[ -f /usr/lib/arm-none-eabi/newlib/libc.a ] || [ -d /usr/lib/arm-none-eabi/newlib ] || need+=(libnewlib-arm-none-eabi)
command -v qemu-system-arm >/dev/null || need+=(qemu-system-arm)
# RISC-V (rv32imc, ESP32-C3/C6 class): scripts/test-stages/35-riscv.sh, kernels-native/riscv/README.md
command -v riscv64-unknown-elf-gcc >/dev/null || need+=(gcc-riscv64-unknown-elf)
[ -f /usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs ] || need+=(picolibc-riscv64-unknown-elf)
command -v qemu-system-riscv32 >/dev/null || need+=(qemu-system-misc)
# libFuzzer harnesses (scripts/test-stages/25-fuzz.sh): clang, llvm-symbolizer, the fuzzer/sanitizer runtimes.
command -v clang >/dev/null || need+=(clang)
command -v llvm-symbolizer >/dev/null || ls /usr/bin/llvm-symbolizer-* >/dev/null 2>&1 || need+=(llvm)
ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 || need+=(libclang-rt-dev)
# The tool package (scripts/test-stages/45-package.sh, tools/KwsNano.Cli/Packaging.targets): native engines for
# linux-arm64 (tested under qemu-user) and win-x64, and unzip to read the .nupkg.
command -v aarch64-linux-gnu-gcc >/dev/null || need+=(gcc-aarch64-linux-gnu)
[ -f /usr/aarch64-linux-gnu/lib/crti.o ] || need+=(libc6-dev-arm64-cross)
command -v x86_64-w64-mingw32-gcc >/dev/null || need+=(gcc-mingw-w64-x86-64)
command -v qemu-aarch64 >/dev/null || need+=(qemu-user)
command -v unzip >/dev/null || need+=(unzip)
# The font the plots embed (tools/KwsNano.Cli/KwsNano.Cli.csproj: PNG text on machines without fonts).
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
# kwsnano monitor's tests run it on a pseudo-terminal pair (tests/KwsNano.Tests/Serial/SocatPair.cs).
command -v socat >/dev/null || need+=(socat)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}" >&2
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK is required (https://dot.net)" >&2; exit 1; }
