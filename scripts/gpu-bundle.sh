#!/usr/bin/env bash
# Builds .gpu/ (git-ignored): everything scripts/gpu-check.sh needs on the lent GPU machine, which has no Java,
# no Maven and no network. Run HERE, from anywhere in the repository:
#     scripts/gpu-bundle.sh            (MVN_OFFLINE= to let Maven download; JAVA_HOME to pick the JDK 17)
# Contents: jre/ (jlink'ed Java 17 runtime), spred4j.jar (with the CUDA fatbin and the native library),
# test-classes/, lib/ (runtime dependency jars: jocl, jcuda, jcuda-natives for linux-x86_64, the last stripped
# of the NVRTC and PTX-compiler bindings that the backend does not use), junit-platform-console-standalone.jar,
# BUNDLE.txt (what was built from which commit). The whole must stay under the 64 MiB a device call may carry.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="$root/.gpu"
mvn_offline="${MVN_OFFLINE--o}"
limit_mib="${BUNDLE_LIMIT_MIB:-56}"

if [ -z "${JAVA_HOME:-}" ]; then
    for j in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-17-jdk-amd64; do
        [ -x "$j/bin/jlink" ] && JAVA_HOME="$j" && break
    done
fi
: "${JAVA_HOME:?set JAVA_HOME to a JDK 17 with jlink and jmods}"
[ -d "$JAVA_HOME/jmods" ] || { echo "gpu-bundle: $JAVA_HOME has no jmods/ (install the JDK's jmods package)"; exit 1; }
export JAVA_HOME
echo "gpu-bundle: JDK $JAVA_HOME"

echo "gpu-bundle: mvn package (tests compiled, not run)"
mvn -B -q $mvn_offline -DskipTests package
jar="$(ls target/spred4j-*.jar | grep -v -e sources -e javadoc -e -all | head -1)"
unzip -l "$jar" | grep -q 'kernels/cuda/spred4j.fatbin' || echo "gpu-bundle: WARNING: $jar carries no CUDA fatbin (nvcc missing?); the CUDA tests will skip"

rm -rf "$out"
mkdir -p "$out/lib"
cp "$jar" "$out/spred4j.jar"
cp -r target/test-classes "$out/test-classes"
# The JMH kernel benchmarks, slimmed to what spred4j.jar and lib/ do not already hold (~3 MB): only if built
# (mvn -B -o install -DskipTests; mvn -B -o -f jmh/pom.xml package). gpu-check.sh runs them when present.
if [ -f jmh/target/benchmarks.jar ]; then
    jtmp="$(mktemp -d)"
    (cd "$jtmp" && unzip -q "$OLDPWD/jmh/target/benchmarks.jar" 'io/github/spred4j/jmh/*' \
        'org/openjdk/jmh/*' 'joptsimple/*' 'org/apache/commons/math3/*' 'dev/ludovic/*' 'resources/native/Linux-amd64/*' 'META-INF/BenchmarkList' 'META-INF/CompilerHints')
    "$JAVA_HOME/bin/jar" --create --file "$out/jmh-bench.jar" -C "$jtmp" .
    rm -rf "$jtmp"
else
    echo "gpu-bundle: no jmh/target/benchmarks.jar: the JMH step of gpu-check.sh will be skipped"
fi

echo "gpu-bundle: runtime dependencies"
mvn -B -q $mvn_offline dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$out/lib"
# JCuda's natives jar also carries NVRTC and nvPTXCompiler bindings (~25 MB unpacked) that the driver-API
# backend never loads: drop them to keep the bundle small.
for nj in "$out"/lib/jcuda-natives-*.jar; do
    [ -f "$nj" ] || continue
    tmp="$(mktemp -d)"
    (cd "$tmp" && unzip -q "$nj" && rm -f lib/libJNvPTXCompiler-* lib/libJNvrtc-*)
    rm "$nj"
    "$JAVA_HOME/bin/jar" --create --file "$nj" -C "$tmp" .
    rm -rf "$tmp"
done

junit_version="$(sed -n 's:.*<junit.version>\(.*\)</junit.version>.*:\1:p' pom.xml | head -1)"
case "$junit_version" in
    5.*) platform_version="1.${junit_version#5.}" ;;
    *) platform_version="$junit_version" ;;
esac
echo "gpu-bundle: junit-platform-console-standalone $platform_version (junit $junit_version)"
mvn -B -q $mvn_offline dependency:copy \
    -Dartifact="org.junit.platform:junit-platform-console-standalone:$platform_version" \
    -DoutputDirectory="$out"
mv "$out/junit-platform-console-standalone-$platform_version.jar" "$out/junit-platform-console-standalone.jar"

echo "gpu-bundle: jlink"
cp_list="$out/spred4j.jar:$(ls "$out"/lib/*.jar | tr '\n' ':')$out/junit-platform-console-standalone.jar"
detected="$("$JAVA_HOME/bin/jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
    --class-path "$cp_list" "$out/spred4j.jar" "$out/test-classes" "$out/junit-platform-console-standalone.jar" 2>/dev/null || true)"
modules="java.base,java.logging,java.management,jdk.unsupported,java.xml,jdk.zipfs${detected:+,$detected}"
echo "gpu-bundle: modules $modules"
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --strip-native-debug-symbols objcopy=/usr/bin/objcopy --no-man-pages --no-header-files --compress=2 \
    --output "$out/jre"
# Debian's libjvm.so keeps its symbols (~3 MB): strip it so the bundle fits the device call's 64 MiB.
strip --strip-unneeded "$out/jre/lib/server/libjvm.so" 2>/dev/null || true
# A tiny tool for the GPU check: shared/data sets as .npy for the CLI, and the data sets themselves.
mkdir -p "$out/tools"
"$JAVA_HOME/bin/javac" -d "$out/tools" "$root/scripts/gpu/NpyExport.java"
shared="${SHARED_DATA:-$root/../shared/data}"
if [ -d "$shared" ]; then mkdir -p "$out/shared" && cp -r "$shared" "$out/shared/"; else echo "gpu-bundle: no $shared: solver tests will skip the shared sets"; fi

{
    echo "spred4j GPU bundle"
    echo "built: $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname)"
    echo "commit: $(git rev-parse HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (+ uncommitted changes)')"
    echo "jdk: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
    echo "modules: $modules"
    echo "files:"
    (cd "$out" && ls -1 *.jar lib/*.jar)
} > "$out/BUNDLE.txt"

"$out/jre/bin/java" -version
size_kib="$(du -sk "$out" | cut -f1)"
du -sh "$out"/* "$out"/lib/* | sed 's/^/gpu-bundle: /'
if [ "$size_kib" -gt $((limit_mib * 1024)) ]; then
    echo "gpu-bundle: .gpu is $((size_kib / 1024)) MiB, over the $limit_mib MiB limit"
    exit 1
fi
echo "gpu-bundle: done, $((size_kib / 1024)) MiB in .gpu (carry it: run with carry=[\".gpu\"] and scripts/gpu-check.sh)"
