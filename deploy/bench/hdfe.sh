#!/usr/bin/env bash
# HDFE benchmark: hdfe.sh FILE.csv "y ~ x1 + x2 | unit + year" CLUSTER
# Reads the CSV with the upload reader (timed apart), builds the model with the formula language (a^b fixed
# effects, expressions), estimates once to warm up, then five times; prints one JSON line
# {"nobs", "seconds_median", "seconds", "coef", "se", "fixed_effects", "read_seconds", "build_seconds",
# "peak_heap_mb", "max_heap_mb"}. HEAP (default 2g) sets -Xmx.
set -euo pipefail
if [ $# -lt 2 ]; then echo "usage: $0 FILE.csv \"FORMULA\" [CLUSTER]" >&2; exit 2; fi
CP="$("$(dirname "$0")/classpath.sh")"
exec java -Xmx"${HEAP:-2g}" -XX:+UseParallelGC -cp "$CP" io.panelflow.estimation.bench.HdfeBenchmark "$1" "$2" "${3:-}"
