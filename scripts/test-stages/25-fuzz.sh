#!/usr/bin/env bash
# libFuzzer harnesses (tests/fuzz/README.md: model, stream, and the nanoFramework interop session), built with clang -fsanitize=fuzzer,address,undefined and run for a
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
rm -rf "$WORK" && mkdir -p "$WORK/seeds/model" "$WORK/seeds/stream" "$WORK/seeds/session" "$WORK/corpus/model" "$WORK/corpus/stream" "$WORK/corpus/session"
build/fuzz/kws_fuzz_seeds "$WORK/seeds"
dotnet build tools/KwsNano.Cli/KwsNano.Cli.csproj -c Release -nologo -v q >/dev/null
CLI_DLL="$(ls tools/KwsNano.Cli/bin/Release/net*/kwsnano.dll | head -n1)"
# micro_speech with its front-end tables section (1.2), ds_cnn_s without: with its 11.7 KB section it would pass the
# model harness's 40 KB max_len (the synthetic seeds carry sections for kinds 1, 2 and 3 too).
dotnet "$CLI_DLL" convert "$SHARED/models/micro_speech.tflite" -o "$WORK/seeds/model/micro_speech.kwsm" >/dev/null
dotnet "$CLI_DLL" convert "$SHARED/models/ds_cnn_s.tflite" --frontend-tables ram -o "$WORK/seeds/model/ds_cnn_s.kwsm" >/dev/null
# A model small enough for the stream harness to run its network (DNN-S, 80 KB), followed by 1 s of a recording's
# PCM: a stream seed only (the model harness keeps inputs under 40 KB, where it runs fastest).
dotnet "$CLI_DLL" convert "$SHARED/models/ml-examples/dnn_s.tflite" -o "$WORK/dnn_s.kwsm" >/dev/null
{ cat "$WORK/dnn_s.kwsm"; tail -c +45 "$SHARED/audio/recordings/yes.wav" | head -c 32000; } > "$WORK/seeds/stream/dnn_s_yes.bin"

# Session seeds: a script (load from RAM, info, label, interval 2, a push, reset, load from flash, info, release)
# followed by each model seed (tests/fuzz/fuzz_session.c describes the layout).
SESSION_SCRIPT='\x09\x00\x00\x00\x00\x02\x09\x00\x00\x03\x00\x40\x00\x06\x02\x00\x00\x04\x25\x00\x01\x05\x00\x00\x00\x01\x01\x01\x00\x02\x09\x00\x00\x09\x00\x00\x00'
for f in "$WORK"/seeds/model/*; do
  { printf "$SESSION_SCRIPT"; cat "$f"; } > "$WORK/seeds/session/$(basename "$f").bin"
done

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
status=0
for h in model stream session; do
  log="$WORK/$h.log"
  echo "fuzz: kws_fuzz_$h for ${SECONDS_EACH} s" >&2
  max_len=40000
  [ "$h" = stream ] && max_len=131072
  [ "$h" = session ] && max_len=40200
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
