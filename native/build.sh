#!/usr/bin/env bash
# Builds the native CPU backend: every kernel file native/<stem>.c twice (-DSPRED_F32 -> <stem>_f32,
# -DSPRED_F64 -> <stem>_f64), plus jni_bridge.c, groups.c and sparse_cd.c (float64 only) once, into
# OUTDIR/libspred4j.so and its SHA-256 (OUTDIR/<lib>.sha256, checked by NativeLoader after extraction).
#
#   native/build.sh OUTDIR        (Maven runs it in process-classes with OUTDIR = target/classes/lib/linux/x86_64)
#
# Environment (for instrumented builds such as scripts/asan-test.sh; the jar never uses them):
#   SPRED_EXTRA_CFLAGS  appended to every compile and to the link, e.g. "-fsanitize=address -O1 -g"
#   SPRED_VARIANTS      "portable avx2" (default) or "portable" (skip the AVX2+FMA twin)
#
# Portable code only: -O3 without -march=native, so libspred4j.so runs on any x86-64; libspred4j_avx2.so
# (-mavx2 -mfma) is an extra copy that NativeLoader picks only where the CPU has both. The OpenMP runtime
# (libgomp.so.1) is copied next to it, so the jar does not depend on libgomp being installed.
# Where gcc or jni.h is missing the script says why and exits 0: the build succeeds and the backend reports
# itself unavailable. A compile error in the sources fails the build.
set -euo pipefail

out="${1:?usage: native/build.sh OUTDIR}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CC="${CC:-gcc}"

skip() {
    echo "native/build.sh: native backend NOT built: $*" >&2
    exit 0
}

[ "$(uname -s)" = Linux ] || skip "not Linux ($(uname -s))"
case "$(uname -m)" in x86_64|amd64) ;; *) skip "not x86_64 ($(uname -m))" ;; esac
command -v "$CC" >/dev/null 2>&1 || skip "C compiler '$CC' not found"

if [ -z "${JAVA_HOME:-}" ] || [ ! -f "$JAVA_HOME/include/jni.h" ]; then
    if command -v javac >/dev/null 2>&1; then
        JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
    fi
fi
[ -n "${JAVA_HOME:-}" ] && [ -f "$JAVA_HOME/include/jni.h" ] || skip "jni.h not found (set JAVA_HOME to a JDK)"
echo '#include <omp.h>' | "$CC" -fopenmp -E -x c - >/dev/null 2>&1 || skip "$CC has no OpenMP (omp.h)"

read -r -a EXTRA <<<"${SPRED_EXTRA_CFLAGS:-}"
VARIANTS="${SPRED_VARIANTS:-portable avx2}"
CFLAGS=(-std=gnu11 -O3 -fopenmp -fPIC -fno-math-errno -Wall -Wextra -Wno-unused-parameter -Wno-comment -Werror=implicit-function-declaration
        -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" -I"$here" "${EXTRA[@]}")

obj="$(mktemp -d)"
trap 'rm -rf "$obj"' EXIT

export CC
compile() {
    IFS='|' read -r src o def <<<"$1"
    shift
    "$CC" "$@" $def -c "$src" -o "$o"
}
export -f compile

# build_variant NAME EXTRA_FLAGS...: compiles every file into $obj/NAME/ and links $out/NAME.
build_variant() {
    local name="$1"; shift
    local dir="$obj/$name" jobs=() src base
    mkdir -p "$dir"
    for src in "$here"/*.c; do
        base="$(basename "$src" .c)"
        if [[ " ${once[*]} " == *" $base.c "* ]]; then
            jobs+=("$src|$dir/$base.o|")
        else
            jobs+=("$src|$dir/${base}_f32.o|-DSPRED_F32" "$src|$dir/${base}_f64.o|-DSPRED_F64")
        fi
    done
    printf '%s\n' "${jobs[@]}" | xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} bash -c 'compile "$@"' _ {} "${CFLAGS[@]}" "$@"
    "$CC" -shared -fopenmp "${EXTRA[@]}" -o "$out/$name" "$dir"/*.o -lm -Wl,-z,noexecstack -Wl,-rpath,'$ORIGIN'
    echo "native/build.sh: built $out/$name ($(wc -c < "$out/$name") bytes, $(ls "$dir"/*.o | wc -l) objects)"
}

once=(jni_bridge.c groups.c sparse_cd.c)
mkdir -p "$out"
rm -f "$out"/libspred4j*.so "$out"/*.sha256
build_variant libspred4j.so
# A second copy for CPUs with AVX2 and FMA (4-wide double, fused multiply-add), chosen at run time by
# NativeLoader from /proc/cpuinfo; the portable library above stays the fallback.
if [[ " $VARIANTS " != *" avx2 "* ]]; then
    echo "native/build.sh: SPRED_VARIANTS=$VARIANTS, the AVX2+FMA twin is not built" >&2
elif echo 'int main(void){return 0;}' | "$CC" -mavx2 -mfma -x c -c -o /dev/null - 2>/dev/null; then
    build_variant libspred4j_avx2.so -mavx2 -mfma
else
    echo "native/build.sh: $CC cannot target AVX2/FMA; only the portable library is built" >&2
fi

# libgomp is shipped next to the library (rpath $ORIGIN) so that the jar runs where the OpenMP runtime is not
# installed; libgomp.a cannot be linked into a shared object (its TLS model), hence the copy.
gomp="$("$CC" -print-file-name=libgomp.so.1)"
if [ -f "$gomp" ]; then
    cp -L "$gomp" "$out/libgomp.so.1"
else
    rm -f "$out/libgomp.so.1"
fi
(cd "$out" && for f in libspred4j.so libspred4j_avx2.so libgomp.so.1; do [ -f "$f" ] && sha256sum "$f" | cut -d' ' -f1 > "$f.sha256"; done; true)
