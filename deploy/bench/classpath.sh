#!/usr/bin/env bash
# Compiles the estimation engine and the benchmark classes (only those packages: they need nothing
# but Commons Math, and work in progress elsewhere in the service cannot break the benchmark) and
# prints a java classpath. Works on a fresh clone: Commons Math is fetched with dependency:get if
# the local Maven repository lacks it; no sibling module needs to be installed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/estimation-service/target/bench-classes"
mkdir -p "$OUT"
VERSION="$(sed -n 's:.*<commons-math3.version>\(.*\)</commons-math3.version>.*:\1:p' "$ROOT/pom.xml")"
REPO="$(cd "$ROOT" && mvn -B -q -N help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null || true)"
[ -d "$REPO" ] || REPO="$HOME/.m2/repository"
JAR="$REPO/org/apache/commons/commons-math3/$VERSION/commons-math3-$VERSION.jar"
if [ ! -f "$JAR" ]; then
  mvn -B -q dependency:get -Dartifact="org.apache.commons:commons-math3:$VERSION" >&2
fi
SRC="$ROOT/estimation-service/src/main/java/io/panelflow/estimation"
javac -nowarn --release 17 -d "$OUT" -cp "$JAR" "$SRC"/engine/*.java "$SRC"/bench/*.java >&2
echo "$OUT:$JAR"
