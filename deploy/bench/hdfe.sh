#!/usr/bin/env bash
# HDFE benchmark: hdfe.sh FILE.csv "y ~ x1 + x2 | unit + year" CLUSTER
# Loads the CSV (not timed), estimates once to warm up, then five times; prints one JSON line
# {"nobs": n, "seconds_median": s, "seconds": [...], "coef": {...}, "se": {...}}.
set -euo pipefail
if [ $# -lt 2 ]; then echo "usage: $0 FILE.csv \"FORMULA\" [CLUSTER]" >&2; exit 2; fi
CP="$("$(dirname "$0")/classpath.sh")"
exec java -Xmx2g -XX:+UseParallelGC -cp "$CP" io.panelflow.estimation.bench.HdfeBenchmark "$1" "$2" "${3:-}"
