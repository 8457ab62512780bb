#!/usr/bin/env bash
# Runs the models JMH benchmarks. Usage: models/bench.sh [JMH options], e.g.
#   models/bench.sh -f 1 -wi 2 -i 3 -w 1s -r 1s
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -pl models test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/models/target/bench.classpath" -Dmdep.includeScope=test
# The Java Mamba engine's vector kernel needs the incubator module (the benchmark forks add it too).
exec java --add-modules jdk.incubator.vector -cp "models/target/test-classes:models/target/classes:$(cat models/target/bench.classpath)" \
  org.openjdk.jmh.Main "$@"
