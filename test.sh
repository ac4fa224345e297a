#!/usr/bin/env bash
# Runs every test: C# (xunit), native host tests (CTest, with sanitizers), the nanoFramework build checks, Cortex-M
# tests under QEMU; each stage is scripts/test-stages/*.sh. Shared test data is read from ../shared (or $KWS_SHARED).
# Usage: ./test.sh          (all stages; ends with one line "N passed, N failed" and exits non-zero on any failure)
set -uo pipefail
cd "$(dirname "$0")"
scripts/setup.sh || exit 1
export KWS_SHARED="${KWS_SHARED:-$(cd .. && pwd)/shared}"
[ -d "$KWS_SHARED/models" ] || { echo "test.sh: shared test data not found at $KWS_SHARED (expected ../shared)" >&2; exit 1; }
mkdir -p build/test-logs
passed=0 failed=0 failed_stages=()
for stage in scripts/test-stages/*.sh; do
  [ -e "$stage" ] || continue
  name="$(basename "$stage" .sh)"
  log="build/test-logs/$name.log"
  echo "== $name" >&2
  bash "$stage" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  # counts the stage reported: CTest summaries, dotnet test summaries, and "RESULT passed=N failed=M" lines
  read -r p f < <(awk '
    /tests passed, [0-9]+ tests? failed out of [0-9]+/ { for (i = 1; i <= NF; i++) { if ($i == "out") tot = $(i + 2); if ($(i + 1) ~ /^tests?$/ && $(i + 2) == "failed") fl = $i }; P += tot - fl; F += fl }
    /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ { gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") F += $(i + 1); if ($i == "Passed:") P += $(i + 1) } }
    /^RESULT passed=[0-9]+ failed=[0-9]+/ { split($2, a, "="); split($3, b, "="); P += a[2]; F += b[2] }
    END { print P + 0, F + 0 }' "$log")
  passed=$((passed + p)); failed=$((failed + f))
  if [ "$rc" -ne 0 ]; then
    failed_stages+=("$name")
    [ "$f" -gt 0 ] || failed=$((failed + 1))   # a stage that stopped without counting its failure
  fi
done
[ ${#failed_stages[@]} -eq 0 ] || echo "test.sh: failed stages: ${failed_stages[*]} (logs in build/test-logs/)" >&2
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ ${#failed_stages[@]} -eq 0 ]
