#!/usr/bin/env bash
# Runs every test: C# (xunit), native host tests (CTest, with sanitizers), Cortex-M tests under QEMU.
# Usage: ./test.sh          (all)      Shared test data is read from ../shared.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
export KWS_SHARED="${KWS_SHARED:-$(cd .. && pwd)/shared}"
[ -d "$KWS_SHARED/models" ] || { echo "test.sh: shared test data not found at $KWS_SHARED (expected ../shared)" >&2; exit 1; }
for stage in scripts/test-stages/*.sh; do
  [ -e "$stage" ] || continue
  echo "== $(basename "$stage" .sh)" >&2
  bash "$stage"
done
