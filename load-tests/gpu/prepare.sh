#!/usr/bin/env bash
# Builds the self-contained GPU benchmark bundle (issue 8) into .gpu-bundle/ (git-ignored):
#   jre/   a jlink'd Java runtime (the GPU machine has no Java and no network)
#   lib/   the models jar, JCuda (driver binding only), Jackson, EJML: no DJL
#   run.sh torch_eager.py
# Run here, from anywhere in the repository; then copy .gpu-bundle/ to the GPU machine and run
# .gpu-bundle/run.sh there. Needs JDK 17+ (jlink, jar) and the Maven repository (offline).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT="${1:-$ROOT/.gpu-bundle}"
cd "$ROOT"

echo "compiling models (offline)..."
mvn -o -q -pl models compile

rm -rf "$OUT"
mkdir -p "$OUT/lib"

echo "copying runtime jars..."
mvn -o -q -pl models dependency:copy-dependencies -DoutputDirectory="$OUT/lib.all" \
  -DincludeScope=runtime \
  -DincludeArtifactIds=jcuda,jcuda-natives,jackson-databind,jackson-core,jackson-annotations,ejml-ddense,ejml-core
cp "$OUT"/lib.all/*.jar "$OUT/lib/"
rm -rf "$OUT/lib.all"

# jcuda-natives carries NVRTC, nvPTXCompiler and the runtime binding (26 MB unpacked); the engine
# uses the driver API only, so keep just libJCudaDriver (it links libcuda.so.1 and libc only).
NATIVES=$(ls "$OUT"/lib/jcuda-natives-*-linux-x86_64.jar)
TMP=$(mktemp -d)
(cd "$TMP" && unzip -q "$NATIVES" 'lib/libJCudaDriver-*' 'META-INF/MANIFEST.MF')
rm "$NATIVES"
(cd "$TMP" && jar --create --file "$NATIVES" --manifest META-INF/MANIFEST.MF lib)
rm -rf "$TMP"

echo "packing models.jar from target/classes..."
jar --create --file "$OUT/lib/models.jar" -C models/target/classes .

echo "jlink..."
jlink --add-modules java.base,java.logging,java.management,jdk.unsupported,java.xml,java.naming \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$OUT/jre"

cp load-tests/gpu/run.sh load-tests/gpu/torch_eager.py "$OUT/"
chmod +x "$OUT/run.sh"

echo "checking that the bundle runs without DJL (no GPU here: CPU path only)..."
"$OUT/run.sh" --cpu-only --batches 1,16 > "$OUT/selftest.md" 2>&1 || { cat "$OUT/selftest.md"; exit 1; }
grep -E '^cuda:' "$OUT/selftest.md" || true
rm -rf "$OUT/model" "$OUT/results.md"
if ls "$OUT/lib" | grep -qi djl; then
  echo "DJL jar found in the bundle" >&2; exit 1
fi

echo
ls -la "$OUT/lib"
du -sh "$OUT"
echo "bundle: $OUT ($(du -sm "$OUT" | cut -f1) MiB); on the GPU machine: $(basename "$OUT")/run.sh"
