#!/usr/bin/env bash
# libFuzzer harnesses (tests/fuzz/README.md), built with clang -fsanitize=fuzzer,address,undefined and run for a
# bounded time each (KWS_FUZZ_SECONDS, default 75 s per harness) from seeds: the synthetic blobs of
# kws_fuzz_seeds (all eight opcodes, each front-end kind) and .kwsm files converted from the shared models
# (stream seeds: a model followed by the PCM of a recording). Any crash, sanitizer report, leak, timeout or
# broken harness invariant fails the stage.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$(pwd)"
SHARED="${KWS_SHARED:-$(cd "$ROOT/.." && pwd)/shared}"
JOBS="${KWS_JOBS:-2}"
SECONDS_EACH="${KWS_FUZZ_SECONDS:-75}"
command -v clang >/dev/null || { echo "fuzz: clang is required (scripts/setup.sh installs clang, llvm, libclang-rt-dev)" >&2; exit 1; }

echo "fuzz: building the harnesses (clang, ASan + UBSan + libFuzzer)" >&2
cmake -S tests/fuzz -B build/fuzz -DCMAKE_C_COMPILER=clang >/dev/null
cmake --build build/fuzz -j "$JOBS" >/dev/null

WORK=build/fuzz-run
rm -rf "$WORK" && mkdir -p "$WORK/seeds/model" "$WORK/seeds/stream" "$WORK/corpus/model" "$WORK/corpus/stream"
build/fuzz/kws_fuzz_seeds "$WORK/seeds"
dotnet build tools/KwsNano.Cli/KwsNano.Cli.csproj -c Release -nologo -v q >/dev/null
CLI_DLL="$(ls tools/KwsNano.Cli/bin/Release/net*/kwsnano.dll | head -n1)"
for m in ds_cnn_s micro_speech; do
  dotnet "$CLI_DLL" convert "$SHARED/models/$m.tflite" -o "$WORK/seeds/model/$m.kwsm" >/dev/null
done
# A model small enough for the stream harness to run its network (DNN-S, 80 KB), followed by 1 s of a recording's
# PCM: a stream seed only (the model harness keeps inputs under 40 KB, where it runs fastest).
dotnet "$CLI_DLL" convert "$SHARED/models/ml-examples/dnn_s.tflite" -o "$WORK/dnn_s.kwsm" >/dev/null
{ cat "$WORK/dnn_s.kwsm"; tail -c +45 "$SHARED/audio/recordings/yes.wav" | head -c 32000; } > "$WORK/seeds/stream/dnn_s_yes.bin"

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
for h in model stream; do
  log="$WORK/$h.log"
  echo "fuzz: kws_fuzz_$h for ${SECONDS_EACH} s" >&2
  max_len=40000
  [ "$h" = stream ] && max_len=131072
  if ! build/fuzz/kws_fuzz_$h -dict=tests/fuzz/kwsm.dict -max_total_time="$SECONDS_EACH" -max_len=$max_len -timeout=10 \
       -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$WORK/$h-" "$WORK/corpus/$h" "$WORK/seeds/$h" > "$log" 2>&1; then
    echo "fuzz: kws_fuzz_$h found a problem (artifacts: $WORK/$h-*)" >&2
    grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$log" >&2 || tail -n 40 "$log" >&2
    status=1
    continue
  fi
  if grep -qE "runtime error|AddressSanitizer|LeakSanitizer" "$log"; then
    echo "fuzz: sanitizer report from kws_fuzz_$h" >&2
    grep -E "runtime error|ERROR" "$log" >&2
    status=1
    continue
  fi
  done_line="$(grep -E '#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1)"
  execs="$(grep 'stat::number_of_executed_units' "$log" | awk '{print $2}')"
  rate="$(grep 'stat::average_exec_per_sec' "$log" | awk '{print $2}')"
  echo "fuzz: kws_fuzz_$h: $execs executions, $rate exec/s, 0 findings; ${done_line#*DONE   }" >&2
done
exit $status
