#!/usr/bin/env bash
# The installed tool, as a user gets it: `dotnet pack` the kwsnano tool package, check what it carries (README,
# LICENSE, the native engine per platform whose compiler is here, the engine sources), install it into a private
# tool path from that .nupkg alone, and run it from a folder outside any checkout: version, models fetch + convert,
# classify on the native engine (loaded from runtimes/<rid>/native), listen on a WAV stream, monitor on the log that
# listen wrote, flash --dry-run, and bench on Cortex-M4 from the sources in the package.
set -uo pipefail
cd "$(dirname "$0")/../.."
repo="$(pwd)"
shared="${KWS_SHARED:-$(cd .. && pwd)/shared}"
tmp="$(mktemp -d /tmp/kwsnano-package.XXXXXX)"
[ -n "${KWS_KEEP_TMP:-}" ] || trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { echo "ok: $1"; passed=$((passed + 1)); }
bad() { echo "FAILED: $1"; failed=$((failed + 1)); }
# check NAME COMMAND...: passes when the command exits 0.
check() { local name="$1"; shift; if "$@" >"$tmp/last.out" 2>&1; then ok "$name"; else bad "$name"; sed 's/^/    /' "$tmp/last.out" | tail -n 20; fi; }
# expect NAME PATTERN FILE: passes when FILE has a line matching PATTERN (grep -E).
expect() { if grep -Eq -- "$2" "$3"; then ok "$1"; else bad "$1 (no line matching '$2')"; sed 's/^/    /' "$3" | tail -n 20; fi; }

# The linux-arm64 engine the package carries, run: the native C tests (goldens included) cross-built with the same
# toolchain file and run under qemu-user (CTest's summary line is counted by test.sh).
if command -v aarch64-linux-gnu-gcc >/dev/null && command -v qemu-aarch64 >/dev/null; then
  a64="$repo/build/native-test-linux-arm64"
  if cmake -S kernels-native -B "$a64" -DCMAKE_TOOLCHAIN_FILE="$repo/kernels-native/cmake/aarch64-linux-gnu.cmake" \
       -DCMAKE_CROSSCOMPILING_EMULATOR="qemu-aarch64;-L;/usr/aarch64-linux-gnu" -DKWS_WERROR=ON >"$tmp/a64.log" 2>&1 \
     && cmake --build "$a64" -j2 >>"$tmp/a64.log" 2>&1; then
    KWS_SHARED="$shared" ctest --test-dir "$a64" --output-on-failure 2>&1 | tail -n 3 || true
  else
    tail -n 20 "$tmp/a64.log"; bad "linux-arm64 native tests: build failed"
  fi
fi

version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' tools/KwsNano.Cli/KwsNano.Cli.csproj | head -n 1)"
if ! dotnet pack tools/KwsNano.Cli -c Release -o "$tmp/pkg" -nologo -v q >"$tmp/pack.log" 2>&1; then
  cat "$tmp/pack.log"; echo "RESULT passed=0 failed=1"; exit 1
fi
grep 'kwsnano package:' "$tmp/pack.log" | sed 's/^ *//'
nupkg="$tmp/pkg/kwsnano.$version.nupkg"
check "package kwsnano.$version.nupkg exists" test -f "$nupkg"
unzip -l "$nupkg" >"$tmp/contents.txt" 2>&1
expect "package has README.md at its root" ' README\.md$' "$tmp/contents.txt"
expect "package has LICENSE at its root" ' LICENSE$' "$tmp/contents.txt"
expect "package carries linux-x64 native engine" 'tools/net10\.0/any/runtimes/linux-x64/native/libkwsnano\.so$' "$tmp/contents.txt"
if command -v aarch64-linux-gnu-gcc >/dev/null; then
  expect "package carries linux-arm64 native engine (aarch64-linux-gnu-gcc is here)" 'runtimes/linux-arm64/native/libkwsnano\.so$' "$tmp/contents.txt"
fi
if command -v x86_64-w64-mingw32-gcc >/dev/null; then
  expect "package carries win-x64 native engine (x86_64-w64-mingw32-gcc is here)" 'runtimes/win-x64/native/libkwsnano\.dll$' "$tmp/contents.txt"
fi
expect "package carries the engine sources for bench" 'tools/net10\.0/any/engine/kernels-native/cortex-m/CMakeLists\.txt$' "$tmp/contents.txt"
unzip -p "$nupkg" kwsnano.nuspec >"$tmp/nuspec.xml"
expect "nuspec: id kwsnano" '<id>kwsnano</id>' "$tmp/nuspec.xml"
expect "nuspec: license and readme" '<readme>README\.md</readme>' "$tmp/nuspec.xml"
expect "nuspec: repository commit" '<repository type="git".*commit="[0-9a-f]{40}"' "$tmp/nuspec.xml"

# Install from the .nupkg alone: a private NuGet folder and a config whose only source is the package folder.
cat >"$tmp/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration><packageSources><clear /><add key="local" value="$tmp/pkg" /></packageSources></configuration>
XML
export NUGET_PACKAGES="$tmp/nuget-packages"
check "dotnet tool install kwsnano from the .nupkg" dotnet tool install kwsnano --tool-path "$tmp/tools" --version "$version" --configfile "$tmp/nuget.config"
kws="$tmp/tools/kwsnano"
mkdir -p "$tmp/work" "$tmp/home"
cd "$tmp/work"
export HOME="$tmp/home" KWSNANO_MODEL_MIRROR="$shared/models" NO_COLOR=1
unset KWS_SHARED KWS_NATIVE_LIB

"$kws" --version >"$tmp/v.out" 2>&1
expect "kwsnano --version" "^kwsnano $version " "$tmp/v.out"
check "models fetch ds_cnn_s (into ~/.cache/kwsnano/models)" "$kws" models fetch ds_cnn_s
check "convert ds_cnn_s" "$kws" convert ds_cnn_s -o "$tmp/work/ds_cnn_s.kwsm"
"$kws" classify "$shared/audio/recordings/yes.wav" -m ds_cnn_s.kwsm --engine native >"$tmp/classify.out" 2>&1
expect "classify yes.wav on the native engine: yes" '\byes\b' "$tmp/classify.out"
expect "classify: native engine loaded" 'native engine' "$tmp/classify.out"
"$kws" listen -m ds_cnn_s.kwsm --native-us 5000 --log "$tmp/work/board.log" <"$shared/audio/recordings/yes_no_go_stop.wav" >"$tmp/listen.out" 2>&1
expect "listen on a WAV stream detects yes" 'yes' "$tmp/listen.out"
"$kws" monitor "$tmp/work/board.log" >"$tmp/monitor.out" 2>&1
expect "monitor reads the log listen wrote" 'detections: [1-9]' "$tmp/monitor.out"
# monitor on a serial port, through the System.IO.Ports native library the package carries: a socat pty pair whose
# board end gets the log; stopping socat makes the port vanish, and with --reconnect 0 monitor prints its summary.
if command -v socat >/dev/null; then
  socat pty,raw,echo=0,link="$tmp/board-pty" pty,raw,echo=0,link="$tmp/host-pty" 2>/dev/null &
  socat_pid=$!
  for _ in $(seq 100); do [ -e "$tmp/board-pty" ] && [ -e "$tmp/host-pty" ] && break; sleep 0.1; done
  exec 7>"$tmp/board-pty" # keep the board's end open: closing it hangs up socat
  "$kws" monitor "$tmp/host-pty" --reconnect 0 >"$tmp/monitor-pty.out" 2>&1 &
  mon_pid=$!
  for _ in $(seq 200); do grep -q 'at 921600 baud' "$tmp/monitor-pty.out" && break; sleep 0.1; done
  cat "$tmp/work/board.log" >&7
  for _ in $(seq 200); do grep -q '  inferences ' "$tmp/monitor-pty.out" && break; sleep 0.1; done
  exec 7>&-
  kill "$socat_pid" 2>/dev/null
  wait "$mon_pid"
  expect "monitor on a serial port (pty) from the installed tool" 'detections: [1-9]' "$tmp/monitor-pty.out"
  expect "monitor reports the vanished port" 'did not come back within 0 s' "$tmp/monitor-pty.out"
else
  bad "monitor on a serial port: socat is missing (scripts/setup.sh installs it)"
fi
"$kws" monitor --list-ports >"$tmp/ports.out" 2>&1
expect "monitor --list-ports" '^(/dev/tty(USB|ACM)[0-9]+|COM[0-9]+|no serial ports found)' "$tmp/ports.out"
"$kws" flash --dry-run --target ESP32 --port /dev/ttyUSB0 -m ds_cnn_s.kwsm >"$tmp/flash.out" 2>&1
expect "flash --dry-run prints the nanoff lines" 'nanoff .*--target ESP32' "$tmp/flash.out"
if command -v arm-none-eabi-gcc >/dev/null && command -v qemu-system-arm >/dev/null; then
  "$kws" bench --cpu m4 --models ds_cnn_s >"$tmp/bench.out" 2>&1
  expect "bench --cpu m4 from the installed tool's engine sources" 'ds_cnn_s .*[0-9]{1,3}(,[0-9]{3})+' "$tmp/bench.out"
  check "bench built into the user's cache" test -d "$HOME/.cache/kwsnano/bench/cortex-m-bench-m4"
fi
cd "$repo"
echo "RESULT passed=$passed failed=$failed"
[ "$failed" -eq 0 ]
