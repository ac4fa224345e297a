#!/usr/bin/env bash
# RISC-V (rv32imc, ESP32-C3/C6 class) tests under qemu-system-riscv32 -M virt (kernels-native/riscv/README.md):
# cross-compile the engine with riscv64-unknown-elf-gcc + picolibc, embed the packed models and test vectors
# (published golden pairs + random inputs whose expected outputs the C# reference interpreter computes at
# build time, per-op output hashes of the first 8), run every image under QEMU and require exact output
# equality. Also the smoke and trap tests, the optimized-vs-reference kernel and fast-requantisation
# differential tests, the front-end golden MFCC, and the benchmark images as consistency tests.
#   -O2, optimized kernels: every shared model, golden + 100 random vectors each
#   -O2, reference kernels and -Os, optimized kernels: ds_cnn_s, micronet_m, ML-examples DNN-S, golden + 3 random
#   -O2, optimized kernels, the small memory plan (convert --memory small): ds_cnn_s, micronet_m, golden + 3 random
# Builds into build/riscv-rv32imc[-reference|-Os|-small]/.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
shared="${KWS_SHARED:-$(cd .. && pwd)/shared}"
m="$shared/models"
[ -f "$m/ds_cnn_s.tflite" ] || { echo "35-riscv: shared models not found in $m" >&2; exit 1; }
for tool in cmake riscv64-unknown-elf-gcc qemu-system-riscv32 dotnet; do
  command -v "$tool" >/dev/null || { echo "35-riscv: $tool not found (scripts/setup.sh installs it)" >&2; exit 1; }
done
[ -f /usr/lib/picolibc/riscv64-unknown-elf/picolibc.specs ] || { echo "35-riscv: picolibc-riscv64-unknown-elf not installed (scripts/setup.sh)" >&2; exit 1; }

dotnet build tools/KwsNano.Cli/KwsNano.Cli.csproj -c Release -nologo -v q >/dev/null
cli="$root/tools/KwsNano.Cli/bin/Release/net10.0/kwsnano"
[ -x "$cli" ] || { echo "35-riscv: $cli was not built" >&2; exit 1; }

all="ds_cnn_s=$m/ds_cnn_s.tflite;micronet_m=$m/micronet_m.tflite"
for x in ds_cnn_s cnn_s dnn_s ds_cnn_m cnn_m dnn_m; do
  all="$all;mlex_$x=$m/ml-examples/$x.tflite"
done
few="ds_cnn_s=$m/ds_cnn_s.tflite;micronet_m=$m/micronet_m.tflite;mlex_dnn_s=$m/ml-examples/dnn_s.tflite"

run_build() {
  local suffix=$1 opt=$2 kernels=$3 models=$4 count=$5 plan=${6:-speed}
  local dir="$root/build/riscv-rv32imc$suffix" extra=()
  [ "$plan" = speed ] || extra=(-DKWS_CM_CONVERT_ARGS="--memory;$plan")
  echo "-- RISC-V rv32imc $opt, $kernels kernels, $plan memory plan: configure, build, run under QEMU" >&2
  cmake -S kernels-native/riscv -B "$dir" \
    -DCMAKE_TOOLCHAIN_FILE="$root/kernels-native/riscv/cmake/riscv32.cmake" \
    -DCMAKE_BUILD_TYPE=Release -DKWS_CM_OPT="$opt" -DKWS_KERNELS="$kernels" \
    -DKWS_CM_MODELS="$models" -DKWS_CM_RANDOM_VECTORS="$count" \
    -DKWSNANO_CLI="$cli" -DKWS_CM_QEMU_TIMEOUT=900 "${extra[@]}" >/dev/null
  cmake --build "$dir" -j2 >/dev/null
  timeout 3600 ctest --test-dir "$dir" -j2 --output-on-failure --timeout 1000
}

run_build "" -O2 optimized "$all" 100
run_build -reference -O2 reference "$few" 3
run_build -Os -Os optimized "$few" 3
run_build -small -O2 optimized "ds_cnn_s=$m/ds_cnn_s.tflite;micronet_m=$m/micronet_m.tflite" 3 small
