#!/usr/bin/env bash
# Compiles the estimation engine and the benchmark classes (only those packages, so that work in
# progress elsewhere in the service cannot break the benchmark) and prints a java classpath.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/estimation-service/target/bench-classes"
CP_FILE="$ROOT/estimation-service/target/bench-classpath.txt"
mkdir -p "$OUT"
if [ ! -s "$CP_FILE" ]; then
  (cd "$ROOT" && mvn -B -q -o -pl estimation-service dependency:build-classpath \
      -Dmdep.includeArtifactIds=commons-math3 -Dmdep.outputFile="$CP_FILE" >&2 \
   || mvn -B -q -pl estimation-service dependency:build-classpath \
      -Dmdep.includeArtifactIds=commons-math3 -Dmdep.outputFile="$CP_FILE" >&2)
fi
SRC="$ROOT/estimation-service/src/main/java/io/panelflow/estimation"
javac -nowarn --release 17 -d "$OUT" -cp "$(cat "$CP_FILE")" "$SRC"/engine/*.java "$SRC"/bench/*.java >&2
echo "$OUT:$(cat "$CP_FILE")"
