#!/usr/bin/env bash
# The GPU script (issue 8). Runs from the bundle load-tests/gpu/prepare.sh builds (jre/ + lib/):
#   ./run.sh                  check CUDA vs pure Java, then the timing table (needs a GPU)
#   ./run.sh --cpu-only       the CPU path only (a machine without a GPU)
#   ./run.sh --batches 1,1024 any GpuBench option (see GpuBench's javadoc)
# Writes results.md (and torch.md when PyTorch is importable) beside itself. Exit 1: check failed;
# 2: no usable CUDA device.
set -uo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JAVA="$HERE/jre/bin/java"
[ -x "$JAVA" ] || JAVA=$(command -v java)
REQUIRE=--require-gpu
ARGS=()
for a in "$@"; do
  if [ "$a" = "--cpu-only" ]; then REQUIRE=; else ARGS+=("$a"); fi
done
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv || true
"$JAVA" -XX:+UseParallelGC -cp "$HERE/lib/*" io.chaoscast.models.mamba.cuda.GpuBench \
  $REQUIRE --out "$HERE/model" "${ARGS[@]+"${ARGS[@]}"}" | tee "$HERE/results.md"
STATUS=${PIPESTATUS[0]}
if [ -n "$REQUIRE" ] && command -v python3 >/dev/null && python3 -c 'import torch' 2>/dev/null; then
  python3 "$HERE/torch_eager.py" --model "$HERE/model" | tee "$HERE/torch.md" || true
fi
exit "$STATUS"
