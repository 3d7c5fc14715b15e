#!/usr/bin/env bash
# Builds the native CPU backend: every kernel file native/<stem>.c twice (-DSPRED_F32 -> <stem>_f32,
# -DSPRED_F64 -> <stem>_f64), plus jni_bridge.c and groups.c once, into OUTDIR/libspred4j.so and its SHA-256
# (OUTDIR/<lib>.sha256, checked by NativeLoader after extraction).
#
#   native/build.sh OUTDIR        (Maven runs it in process-classes with OUTDIR = target/classes/lib/linux/x86_64)
#
# Portable code only: -O3 without -march=native, so the library runs on any x86-64. The OpenMP runtime
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

CFLAGS=(-std=gnu11 -O3 -fopenmp -fPIC -fno-math-errno -Wall -Wextra -Wno-unused-parameter -Wno-comment -Werror=implicit-function-declaration
        -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" -I"$here")

obj="$(mktemp -d)"
trap 'rm -rf "$obj"' EXIT

once=(jni_bridge.c groups.c)
jobs=()
for src in "$here"/*.c; do
    name="$(basename "$src" .c)"
    if [[ " ${once[*]} " == *" $name.c "* ]]; then
        jobs+=("$src|$obj/$name.o|")
    else
        jobs+=("$src|$obj/${name}_f32.o|-DSPRED_F32" "$src|$obj/${name}_f64.o|-DSPRED_F64")
    fi
done

export CC
compile() {
    IFS='|' read -r src o def <<<"$1"
    shift
    "$CC" "$@" $def -c "$src" -o "$o"
}
export -f compile
printf '%s\n' "${jobs[@]}" | xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} bash -c 'compile "$@"' _ {} "${CFLAGS[@]}"

mkdir -p "$out"
lib="$out/libspred4j.so"
# libgomp is shipped next to the library (rpath $ORIGIN) so that the jar runs where the OpenMP runtime is not
# installed; libgomp.a cannot be linked into a shared object (its TLS model), hence the copy.
gomp="$("$CC" -print-file-name=libgomp.so.1)"
"$CC" -shared -fopenmp -o "$lib" "$obj"/*.o -lm -Wl,-z,noexecstack -Wl,-rpath,'$ORIGIN'
if [ -f "$gomp" ]; then
    cp -L "$gomp" "$out/libgomp.so.1"
else
    rm -f "$out/libgomp.so.1"
fi
(cd "$out" && for f in libspred4j.so libgomp.so.1; do [ -f "$f" ] && sha256sum "$f" | cut -d' ' -f1 > "$f.sha256"; done; true)
echo "native/build.sh: built $lib ($(wc -c < "$lib") bytes, $(ls "$obj"/*.o | wc -l) objects)"
