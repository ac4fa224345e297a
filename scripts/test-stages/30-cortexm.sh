#!/usr/bin/env bash
# Cortex-M tests under QEMU (kernels-native/cortex-m/README.md): for each core, cross-compile the engine
# with arm-none-eabi-gcc, embed the packed models and test vectors (published golden pairs + random
# inputs whose expected outputs the C# reference interpreter computes on the host at build time), run
# every image on its QEMU board and require exact output equality. Also a smoke test per core
# (semihosting, exit status, FPU, instruction counting, stack painting, fault exit) and the
# benchmark images as tests (op-by-op == kws_invoke, repeatable counts). Builds into build/cortex-m-<cpu>/.
#   M4  (mps2-an386): every shared model, golden + 100 random vectors each
#   M7  (mps2-an500), M3 (mps2-an385), M0+ (v6-M code on mps2-an385): ds_cnn_s, micronet_m, ML-examples
#   DNN-S: golden + 3 random vectors each
#   M4 and M0+ with the small memory plan (convert --memory small): ds_cnn_s, micronet_m, ML-examples DS-CNN-M,
#   golden + 10 (M4) or 3 (M0+) random vectors each; builds into build/cortex-m-<cpu>-small/
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
shared="${KWS_SHARED:-$(cd .. && pwd)/shared}"
m="$shared/models"
[ -f "$m/ds_cnn_s.tflite" ] || { echo "30-cortexm: shared models not found in $m" >&2; exit 1; }
for tool in cmake arm-none-eabi-gcc qemu-system-arm dotnet; do
  command -v "$tool" >/dev/null || { echo "30-cortexm: $tool not found (scripts/setup.sh installs it)" >&2; exit 1; }
done

# The kwsnano tool generates the packed models and the expected outputs.
dotnet build tools/KwsNano.Cli/KwsNano.Cli.csproj -c Release -nologo -v q >/dev/null
cli="$root/tools/KwsNano.Cli/bin/Release/net10.0/kwsnano"
[ -x "$cli" ] || { echo "30-cortexm: $cli was not built" >&2; exit 1; }

all="ds_cnn_s=$m/ds_cnn_s.tflite;micronet_m=$m/micronet_m.tflite"
for x in ds_cnn_s cnn_s dnn_s ds_cnn_m cnn_m dnn_m; do
  all="$all;mlex_$x=$m/ml-examples/$x.tflite"
done
few="ds_cnn_s=$m/ds_cnn_s.tflite;micronet_m=$m/micronet_m.tflite;mlex_dnn_s=$m/ml-examples/dnn_s.tflite"

run_core() {
  local cpu=$1 models=$2 count=$3 plan=${4:-speed}
  local dir="$root/build/cortex-m-$cpu" extra=()
  if [ "$plan" != speed ]; then dir="$dir-$plan"; extra=(-DKWS_CM_CONVERT_ARGS="--memory;$plan"); fi
  echo "-- Cortex-M $cpu, $plan memory plan: configure, build, run under QEMU" >&2
  cmake -S kernels-native/cortex-m -B "$dir" \
    -DCMAKE_TOOLCHAIN_FILE="$root/kernels-native/cortex-m/cmake/cortex-$cpu.cmake" \
    -DCMAKE_BUILD_TYPE=Release -DKWS_CM_MODELS="$models" -DKWS_CM_RANDOM_VECTORS="$count" \
    -DKWSNANO_CLI="$cli" -DKWS_CM_QEMU_TIMEOUT=900 "${extra[@]}" >/dev/null
  cmake --build "$dir" -j2 >/dev/null
  timeout 3600 ctest --test-dir "$dir" -j2 --output-on-failure --timeout 1000
}

run_core m4 "$all" 100
run_core m7 "$few" 3
run_core m3 "$few" 3
run_core m0plus "$few" 3
# The small memory plan (convert --memory small: in-place pointwise/depthwise, conv + stride-2 depthwise fused
# through a row ring) on the DSP and the Thumb-1 kernels: golden pair, interpreter vectors and per-op hashes.
small="ds_cnn_s=$m/ds_cnn_s.tflite;micronet_m=$m/micronet_m.tflite;mlex_ds_cnn_m=$m/ml-examples/ds_cnn_m.tflite"
run_core m4 "$small" 10 small
run_core m0plus "$small" 3 small
