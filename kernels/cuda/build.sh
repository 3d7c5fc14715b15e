#!/usr/bin/env bash
# Placeholder: the CUDA fatbin build lands with the CUDA backend.
echo "kernels/cuda/build.sh: CUDA kernels not built yet"
