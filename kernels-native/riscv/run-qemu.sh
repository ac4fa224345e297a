#!/usr/bin/env bash
# Run one RISC-V image under qemu-system-riscv32 -M virt and pass its semihosting exit status through.
# Usage: run-qemu.sh --cpu rv32imc [--icount] [--timeout SECONDS] [--expect-exit N] IMAGE.elf
#   --icount        count instructions deterministically (-icount shift=0: minstret is then exact)
#   --expect-exit N succeed only when QEMU exits with N (e.g. 70 for the trap-handler test)
# The QEMU CPU is rv32 with the A, F and D extensions switched off, so an instruction outside
# rv32imc + Zicsr traps instead of running (QEMU 7.2 cannot switch off its other defaults, e.g. Zifencei).
set -euo pipefail
cpu=rv32imc; icount=0; timeout_s=120; expect=0; image=""
while [ $# -gt 0 ]; do
  case "$1" in
    --cpu) cpu="$2"; shift 2 ;;
    --icount) icount=1; shift ;;
    --timeout) timeout_s="$2"; shift 2 ;;
    --expect-exit) expect="$2"; shift 2 ;;
    -*) echo "run-qemu.sh: unknown option $1" >&2; exit 2 ;;
    *) image="$1"; shift ;;
  esac
done
[ -n "$image" ] || { echo "run-qemu.sh: no image given" >&2; exit 2; }
[ -f "$image" ] || { echo "run-qemu.sh: image not found: $image" >&2; exit 2; }
command -v qemu-system-riscv32 >/dev/null || { echo "run-qemu.sh: qemu-system-riscv32 not found (install qemu-system-misc; scripts/setup.sh)" >&2; exit 2; }
case "$cpu" in
  rv32imc) qcpu="rv32,a=false,f=false,d=false" ;;
  *) echo "run-qemu.sh: unknown cpu '$cpu' (rv32imc)" >&2; exit 2 ;;
esac
args=(-M virt -cpu "$qcpu" -bios none -nographic -monitor none -serial none
      -semihosting-config enable=on,target=native -kernel "$image")
[ "$icount" = 1 ] && args+=(-icount shift=0,sleep=off)
set +e
timeout --kill-after=5 "$timeout_s" qemu-system-riscv32 "${args[@]}" </dev/null
status=$?
set -e
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
  echo "run-qemu.sh: $image did not finish within ${timeout_s}s on virt (killed)" >&2
  exit 124
fi
if [ "$status" != "$expect" ]; then
  echo "run-qemu.sh: $image exited with status $status on virt (expected $expect)" >&2
  [ "$status" = 0 ] && exit 1
  exit "$status"
fi
[ "$expect" != 0 ] && echo "run-qemu.sh: exited with the expected status $expect"
exit 0
