#!/usr/bin/env bash
# Native host tests: the C engine built plain and with ASan + UBSan (GCC, then clang), CTest on each (kernel and loader unit
# tests), plus the corruption suite: `kwsnano corrupt` writes corrupted .kwsm files of a converted ds_cnn_s
# and kws_load_check (sanitized build) checks each is refused with the expected status.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
SHARED="${KWS_SHARED:-$(cd "$ROOT/.." && pwd)/shared}"
JOBS="${KWS_JOBS:-2}"

build() { # dir, extra cmake args...
  local dir="$1"; shift
  cmake -S kernels-native -B "$dir" -DKWS_WERROR=ON "$@" >/dev/null
  cmake --build "$dir" -j "$JOBS" >/dev/null
}

echo "native: plain build" >&2
build build/native-plain -DCMAKE_BUILD_TYPE=Release
ctest --test-dir build/native-plain --output-on-failure -j "$JOBS"

echo "native: ASan + UBSan build" >&2
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
build build/native-asan -DCMAKE_BUILD_TYPE=Debug -DKWS_SANITIZE=ON
ctest --test-dir build/native-asan --output-on-failure -j "$JOBS"
# Clang's UBSan also flags pointer arithmetic that leaves the object before the access (a window pointer formed at a
# negative column and indexed back in), which GCC's misses; the fuzz stage found one in the optimized depthwise.
command -v clang >/dev/null || { echo "native: clang not found (scripts/setup.sh installs it)" >&2; exit 1; }
echo "native: ASan + UBSan build with clang" >&2
CC=clang build build/native-clang-asan -DCMAKE_BUILD_TYPE=Debug -DKWS_SANITIZE=ON
ctest --test-dir build/native-clang-asan --output-on-failure -j "$JOBS"

# Corruption suite on a converted ds_cnn_s.
MODEL_SRC="$SHARED/models/ds_cnn_s.tflite"
WORK="build/native-corrupt"
rm -rf "$WORK" && mkdir -p "$WORK"
echo "native: corruption suite (dotnet build of the CLI)" >&2
dotnet build tools/KwsNano.Cli/KwsNano.Cli.csproj -c Release -nologo -v q >/dev/null
CLI_DLL="$(ls tools/KwsNano.Cli/bin/Release/net*/kwsnano.dll | head -n1)"
dotnet "$CLI_DLL" convert "$MODEL_SRC" -o "$WORK/ds_cnn_s.kwsm"
dotnet "$CLI_DLL" corrupt "$WORK/ds_cnn_s.kwsm" "$WORK/cases"
mkdir -p "$WORK/valid" && cp "$WORK/ds_cnn_s.kwsm" "$WORK/valid/" && echo "ds_cnn_s.kwsm Ok" > "$WORK/valid/cases.txt"
build/native-asan/tests/kws_load_check "$WORK/valid"
build/native-asan/tests/kws_load_check "$WORK/cases" 2> "$WORK/load_check.log" || { cat "$WORK/load_check.log" >&2; exit 1; }
tail -n 1 "$WORK/load_check.log" >&2
# Random structural corruptions of the valid blob: refused with a validation status, or run safely.
build/native-asan/tests/kws_load_check --fuzz "$WORK/ds_cnn_s.kwsm" 1000 2025 2>> "$WORK/load_check.log" || { cat "$WORK/load_check.log" >&2; exit 1; }
tail -n 1 "$WORK/load_check.log" >&2
if grep -qE "runtime error|AddressSanitizer|LeakSanitizer" "$WORK/load_check.log"; then
  echo "native: sanitizer reports in the corruption suite" >&2
  cat "$WORK/load_check.log" >&2
  exit 1
fi

# nanoFramework glue: nf-interpreter, ESP-IDF and ChibiOS are not on this machine, so compile the glue and both
# platform ports against stand-in headers of the APIs they use (tests/native/nf-standins/README.md) and the real
# engine headers, with nf-interpreter's language standards (CMake/toolchain.*.cmake: C17/C++17 for ESP32,
# C23/C++23 for Arm, gcc 12's c2x/c++2b) and warning flags (CMake/Modules/CHIBIOS_STM32F7xx_GCC_options.cmake,
# ESP32_GCC_options.cmake; -Wundef from the STM32 set), every warning an error: catches syntax, type and engine-API
# drift in code no other build sees.
echo "native: nanoFramework glue compile check (stand-in SDK headers)" >&2
GLUE=kernels-native/interop/nanoframework
NF_CHECK=build/nf-glue-check
rm -rf "$NF_CHECK" && mkdir -p "$NF_CHECK/conf" "$NF_CHECK/dropped"
NF_WARN=(-Wall -Wextra -Werror -Wundef -Wshadow -Wimplicit-fallthrough -fno-common)
GLUE_INC=(-Itests/native/nf-standins -Ikernels-native/include "-I$GLUE")
for src in "$GLUE/KwsNano_Interop.cpp" "$GLUE/KwsNano_Interop_KwsNano_Interop_KwsEngine.cpp"; do
  for std in c++17 c++2b; do
    g++ "-std=$std" -fsyntax-only "${NF_WARN[@]}" -fno-exceptions "${GLUE_INC[@]}" "$src"
  done
done
gcc -std=c17 -fsyntax-only "${NF_WARN[@]}" "${GLUE_INC[@]}" "$GLUE/kws_nf_port_esp32.c"

# ChibiOS: the stand-in halconf.h/mcuconf.h hold the stock ST_STM32F769I_DISCOVERY values and include
# kws_target_conf.h first; it gets the lines docs/custom-firmware.md tells the user to set (the ```c blocks after
# "<!-- kws-check: halconf.h -->" and "<!-- kws-check: mcuconf.h -->"), so the port compiles only if the documented
# configuration is complete.
awk '/^<!-- kws-check: (halconf|mcuconf)\.h -->/ { want = 1; next }
     want && /^```/ { if (inside) { inside = 0; want = 0 } else { inside = 1 }; next }
     inside { print }' docs/custom-firmware.md > "$NF_CHECK/conf/kws_target_conf.h"
if ! grep -q "HAL_USE_I2S" "$NF_CHECK/conf/kws_target_conf.h"; then
  echo "native: docs/custom-firmware.md has no halconf.h/mcuconf.h lines marked <!-- kws-check: ... -->" >&2
  exit 1
fi
chibios_check() { # include dir with kws_target_conf.h
  gcc -std=c2x -fsyntax-only "${NF_WARN[@]}" "-I$1" "${GLUE_INC[@]}" "$GLUE/kws_nf_port_chibios.c"
}
chibios_check "$NF_CHECK/conf"
# Each documented line is needed: without it the port must not compile. Exceptions: the lines that restate a
# driver default (hal_i2s_lld.h), listed here so a new line must be either checked or named.
RESTATED_DEFAULTS=" STM32_I2S_USE_SPI1 STM32_I2S_USE_SPI3 STM32_I2S_SPI2_MODE STM32_I2S_SPI2_IRQ_PRIORITY STM32_I2S_SPI2_DMA_PRIORITY "
checked=0
for name in $(sed -n 's/^#define \([A-Z0-9_]*\).*/\1/p' "$NF_CHECK/conf/kws_target_conf.h"); do
  case "$RESTATED_DEFAULTS" in *" $name "*) continue ;; esac
  grep -v "^#define $name[ (]" "$NF_CHECK/conf/kws_target_conf.h" > "$NF_CHECK/dropped/kws_target_conf.h"
  if chibios_check "$NF_CHECK/dropped" 2>/dev/null; then
    echo "native: the ChibiOS port compiles without the documented line for $name: the stand-ins do not check it" >&2
    exit 1
  fi
  checked=$((checked + 1))
done
# the session (also built and tested above as part of libkwsnano): plain C99 with the glue's include path
gcc -std=c99 -fsyntax-only -Wall -Wextra -Wpedantic -Wconversion -Werror "${GLUE_INC[@]}" "$GLUE/kws_nf_session.c"
echo "native: glue compiles (5 files); the ChibiOS port needs each of the $checked documented configuration lines" >&2
