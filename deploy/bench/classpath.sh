#!/usr/bin/env bash
# Compiles what the benchmark needs and prints a java classpath: shared-model and panel-frame (the upload's CSV
# reader, number parser and formula language) from their sources with Maven, then the estimation engine, the
# formula builder and the benchmark classes with javac (only those packages: work in progress elsewhere in the
# service cannot break the benchmark). Dependencies come from the local Maven repository (offline first).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
OUT="$ROOT/estimation-service/target/bench-classes"
mkdir -p "$OUT"
DEPS="$OUT.deps"
mvn_q() { (cd "$ROOT" && { mvn -B -q -o "$@" || mvn -B -q "$@"; }) >&2; }
# compile the two modules in place (not installed: the jars in a shared local repository may be another checkout's)
mvn_q -pl shared-model,panel-frame compile
mvn_q -pl panel-frame dependency:build-classpath -Dmdep.outputFile="$DEPS" -Dmdep.includeScope=runtime
VERSION="$(sed -n 's:.*<commons-math3.version>\(.*\)</commons-math3.version>.*:\1:p' "$ROOT/pom.xml")"
REPO="$(cd "$ROOT" && mvn -B -q -o -N help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null \
  | sed 's/\x1b\[[0-9;]*m//g' || true)"
[ -d "$REPO" ] || REPO="$HOME/.m2/repository"
JAR="$REPO/org/apache/commons/commons-math3/$VERSION/commons-math3-$VERSION.jar"
if [ ! -f "$JAR" ]; then
  mvn -B -q dependency:get -Dartifact="org.apache.commons:commons-math3:$VERSION" >&2
fi
# panel-frame's classpath lists shared-model's jar; the freshly compiled classes go first
DEP_JARS="$(tr ':' '\n' < "$DEPS" | grep -v '/io/panelflow/' | paste -sd: -)"
CP="$ROOT/shared-model/target/classes:$ROOT/panel-frame/target/classes:$JAR:$DEP_JARS"
SRC="$ROOT/estimation-service/src/main/java/io/panelflow/estimation"
javac -nowarn --release 17 -d "$OUT" -cp "$CP" "$SRC"/engine/*.java "$SRC"/formula/*.java "$SRC"/bench/*.java >&2
echo "$OUT:$CP"
