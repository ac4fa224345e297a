#!/usr/bin/env bash
# Run one Cortex-M or RISC-V firmware image under QEMU and pass its semihosting exit status through.
# Usage: run-qemu.sh --cpu m4|m7|m3|m0plus|rv32imc [--icount] [--timeout SECONDS] [--expect-exit N] IMAGE.elf
#   --icount        count instructions deterministically (-icount shift=0: 1 ns of virtual time per
#                   instruction; the firmware's timers then measure instructions)
#   --expect-exit N succeed only when QEMU exits with N (e.g. 70 for the fault-handler test)
# Boards: m4 -> mps2-an386 (Cortex-M4F), m7 -> mps2-an500 (Cortex-M7), m3 and m0plus -> mps2-an385
# (Cortex-M3; QEMU has no M0+ model and ARMv6-M code runs unchanged on it); rv32imc -> qemu-system-riscv32
# -M virt -bios none with CPU rv32,a=false,f=false,d=false, so an instruction outside rv32imc + Zicsr traps
# (QEMU 7.2 cannot switch off its other defaults, e.g. Zifencei; ../riscv/README.md).
set -euo pipefail
cpu=m4; icount=0; timeout_s=120; expect=0; image=""
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
qemu=qemu-system-arm; package=qemu-system-arm; machine=()
case "$cpu" in
  m4) board=mps2-an386 ;;
  m7) board=mps2-an500 ;;
  m3|m0plus) board=mps2-an385 ;;
  rv32imc) board=virt; qemu=qemu-system-riscv32; package=qemu-system-misc
           machine=(-cpu rv32,a=false,f=false,d=false -bios none) ;;
  *) echo "run-qemu.sh: unknown cpu '$cpu' (m4, m7, m3, m0plus, rv32imc)" >&2; exit 2 ;;
esac
command -v "$qemu" >/dev/null || { echo "run-qemu.sh: $qemu not found (install $package; scripts/setup.sh)" >&2; exit 2; }
args=(-M "$board" "${machine[@]}" -nographic -monitor none -serial none -semihosting-config enable=on,target=native -kernel "$image")
[ "$icount" = 1 ] && args+=(-icount shift=0,sleep=off)
set +e
timeout --kill-after=5 "$timeout_s" "$qemu" "${args[@]}" </dev/null
status=$?
set -e
if [ "$status" = 124 ] || [ "$status" = 137 ]; then
  echo "run-qemu.sh: $image did not finish within ${timeout_s}s on $board (killed)" >&2
  exit 124
fi
if [ "$status" != "$expect" ]; then
  echo "run-qemu.sh: $image exited with status $status on $board (expected $expect)" >&2
  [ "$status" = 0 ] && exit 1
  exit "$status"
fi
[ "$expect" != 0 ] && echo "run-qemu.sh: exited with the expected status $expect"
exit 0
