#!/usr/bin/env bash
# Native host tests of the MFCC front-end and streaming pipeline (ASan + UBSan), via CTest.
set -euo pipefail
build=build/native-frontend-tests
cmake -S tests/native -B "$build" -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build "$build" -j2 >/dev/null
(cd "$build" && timeout 600 ctest --output-on-failure)
