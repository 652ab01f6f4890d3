#!/usr/bin/env bash
# The fault drill: the whole stack on ports of its own with a private PostgreSQL cluster; for each
# fault in turn, 50 uploads (half before the fault, half while the component is down) while the
# broker or a service is SIGKILLed, or PostgreSQL stops immediately; the project's scripts bring it
# back (stack.sh up) and the drill waits for every accepted run. Prints ONE JSON line (stdout): per
# fault and in total the accepted uploads, the refused ones by status code, the completed, failed,
# stuck and doubled runs, and the recovery seconds. Exit 0 when every accepted run completed exactly
# once (with the broker down every upload accepted; with PostgreSQL down every refusal a 503
# problem body), 1 when not, 2 on bad arguments, 3 when the drill could not run.
#   deploy/drill/faults.sh [--runs 50] [--replicas 1|2] [--faults broker,ingest,index,estimation,report,postgres]
#                          [--down-seconds 5] [--settle-seconds 180] [--state-dir DIR] [--keep-stack]
# Progress goes to stderr; the scripts' output to <state-dir>/drill.log (default .panelflow/drill).
# Needs the packaged services (stack.sh packages them when missing) and PostgreSQL 15 binaries
# (initdb, pg_ctl; run as root, the private cluster belongs to the postgres account).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/system-tests/target/drill-classes"
CACHE="$ROOT/.panelflow/drill-classpath.txt"
STAMP="$ROOT/.panelflow/drill-classpath.sha256"
mkdir -p "$OUT" "$ROOT/.panelflow"

# dependencies from Maven, cached until the pom changes
want=$(cat "$ROOT/deploy/drill/pom.xml" "$ROOT/pom.xml" | sha256sum | cut -d' ' -f1)
if [[ ! -s "$CACHE" || ! -s "$STAMP" || "$(cat "$STAMP")" != "$want" ]]; then
  echo "[faults] resolving the drill's classpath with Maven (once)" >&2
  mvn -B -q -f "$ROOT/deploy/drill/pom.xml" dependency:build-classpath -Dmdep.outputFile="$CACHE.tmp" >&2
  mv "$CACHE.tmp" "$CACHE"
  echo "$want" > "$STAMP"
fi
CP="$(cat "$CACHE")"

javac -nowarn --release 17 -d "$OUT" -cp "$CP" "$ROOT"/system-tests/src/main/java/io/panelflow/system/drill/*.java >&2
PANELFLOW_ROOT="$ROOT" exec java -Xmx512m -cp "$OUT:$CP" io.panelflow.system.drill.FaultDrill "$@"
