#!/usr/bin/env bash
# Builds the CUDA backend's kernels into one fatbin: OUTDIR/spred4j.fatbin (sm_80 and sm_90 SASS plus
# compute_90 PTX, so Ampere and Hopper run native code and later GPUs JIT the PTX).
#   usage: kernels/cuda/build.sh OUTDIR      (Maven runs it in process-classes with OUTDIR=target/classes/kernels/cuda)
# Without nvcc the build still succeeds: the jar then carries no fatbin and CudaBackend reports itself
# unavailable with the reason. NVCC may name another compiler.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: build.sh OUTDIR}"
nvcc="${NVCC:-nvcc}"
if ! command -v "$nvcc" >/dev/null 2>&1; then
    echo "kernels/cuda/build.sh: $nvcc not found on PATH; CUDA kernels not built (the cuda backend will report itself unavailable)"
    exit 0
fi
mkdir -p "$out"
target="$out/spred4j.fatbin"
# Rebuild only when a source is newer than the fatbin (Maven runs this on every build).
if [ -f "$target" ] && [ -z "$(find "$here" "$here/../spred_math.h" -newer "$target" \( -name '*.cu' -o -name '*.cuh' -o -name '*.inc' -o -name '*.h' -o -name build.sh \) 2>/dev/null | head -1)" ]; then
    echo "kernels/cuda/build.sh: $target is up to date"
    exit 0
fi
# Fatbin compression is turned off so that the entry point names stay readable in the file (CudaFatbinTest
# checks them without cuobjdump) and loading needs no decompression.
compress=()
if "$nvcc" --help 2>/dev/null | grep -q -- '--compress-mode'; then compress=(--compress-mode=none); fi
echo "kernels/cuda/build.sh: $nvcc -> $target"
"$nvcc" -O3 --fatbin -std=c++17 "${compress[@]}" \
    -gencode arch=compute_80,code=sm_80 \
    -gencode arch=compute_90,code=sm_90 \
    -gencode arch=compute_90,code=compute_90 \
    -o "$target.tmp" "$here/spred4j.cu"
mv "$target.tmp" "$target"
ls -l "$target"
