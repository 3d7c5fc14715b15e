#!/usr/bin/env bash
# Checks the CUDA kernels' logic on the CPU (no GPU needed): compiles kernels/cuda/spred4j.cu with g++ through
# the emu.hpp shim and runs emu_test.cpp. The extern __shared__ arrays are rewritten to point at the shim's
# dynamic shared memory; nothing else in the kernel sources changes.
#     kernels/cuda/emu/run.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/kernels/cuda"
cp "$here/../../spred_math.h" "$tmp/kernels/"
for f in "$here"/../*.cu "$here"/../*.cuh "$here"/../*.inc; do
    sed 's/extern __shared__ double s_r\[\];/double *s_r = emu_dyn_smem;/' "$f" > "$tmp/kernels/cuda/$(basename "$f")"
done
cp "$here/emu.hpp" "$here/emu_test.cpp" "$tmp/kernels/cuda/"
g++ -std=c++20 -O1 -pthread -I"$tmp/kernels/cuda" -o "$tmp/emu_test" "$tmp/kernels/cuda/emu_test.cpp"
"$tmp/emu_test"
