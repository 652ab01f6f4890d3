#!/usr/bin/env bash
# Upload → COMPLETED through a running stack (it starts nothing): pipeline.sh ROWS [RUNS] or pipeline.sh demo [RUNS]
#   ROWS: a panel of ROWS/10 units × 10 years (generate-panel.sh ... exponent: unit, year, industry and six numeric
#         columns written as 1.346644434e-05), one TWFE model y ~ x1 + ... + x5 | unit + year clustered by unit;
#   demo: the 31-province demo study (deploy/demo), RUNS uploads (default 5), the median reported.
# Uses the stack of deploy/local/stack.sh up on PANELFLOW_INGEST_PORT (8081) and PANELFLOW_REPORT_PORT (8084),
# with the submitter in $PANELFLOW_STATE_DIR/credentials.env (default .panelflow/) unless PANELFLOW_USER and
# PANELFLOW_PASSWORD are set. The services' heap is the stack's (PANELFLOW_JAVA_OPTS, e.g. -Xmx2g).
# Prints one JSON line per run {"rows", "bytes", "run", "seconds", "upload_seconds", "stages": {STAGE: seconds}}
# (seconds = from the start of the upload until the run status says COMPLETED; stages from the run status), then
# {"runs", "seconds_median", "seconds"}. Generated files are kept in PANELFLOW_BENCH_DIR (default out/bench).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [ $# -lt 1 ]; then echo "usage: $0 ROWS|demo [RUNS]" >&2; exit 2; fi
what=$1
runs=${2:-$([ "$what" = demo ] && echo 5 || echo 1)}
ingest="http://127.0.0.1:${PANELFLOW_INGEST_PORT:-8081}"
report="http://127.0.0.1:${PANELFLOW_REPORT_PORT:-8084}"
dir="${PANELFLOW_BENCH_DIR:-$root/out/bench}"
timeout_s="${PANELFLOW_BENCH_TIMEOUT:-900}"
mkdir -p "$dir"
fail() { echo "pipeline: $*" >&2; exit 1; }
command -v curl >/dev/null || fail "curl is required"
command -v jq >/dev/null || fail "jq is required"

credentials="${PANELFLOW_STATE_DIR:-$root/.panelflow}/credentials.env"
if [ -z "${PANELFLOW_USER:-}" ] || [ -z "${PANELFLOW_PASSWORD:-}" ]; then
  [ -r "$credentials" ] || fail "no $credentials: deploy/local/stack.sh up writes it"
  # shellcheck disable=SC1090
  . "$credentials"
fi
auth=(-u "$PANELFLOW_USER:$PANELFLOW_PASSWORD")

if [ "$what" = demo ]; then
  data="$dir/demo-panel.csv"
  spec="$root/deploy/demo/demo-spec.yaml"
  [ -s "$data" ] || java "$root/deploy/demo/GenerateDemoPanel.java" "$data" >&2 || fail "could not generate the demo panel"
else
  [[ "$what" =~ ^[0-9]+$ ]] && [ "$what" -ge 10 ] || fail "ROWS must be a number of at least 10 (or 'demo')"
  units=$((what / 10))
  data="$dir/panel-${units}x10.csv"
  spec="$dir/twfe-spec.yaml"
  [ -s "$data" ] || "$root/deploy/bench/generate-panel.sh" "$data" "$units" 10 exponent >&2 || fail "could not generate the panel"
  cat > "$spec" <<'YAML'
name: pipeline-benchmark
data: {description: generated benchmark panel (deploy/bench/generate-panel.sh), synthetic: true}
panel: {unit: unit, time: year}
models:
  - id: twfe
    formula: "y ~ x1 + x2 + x3 + x4 + x5 | unit + year"
    vcov: {cluster: unit}
YAML
fi
rows=$(($(wc -l < "$data") - 1))
bytes=$(wc -c < "$data")

all=()
for ((r = 1; r <= runs; r++)); do
  t0=$(date +%s%N)
  answer="$(curl -sS "${auth[@]}" -w '\n%{http_code}' -F "data=@$data;type=text/csv" \
    -F "spec=@$spec;type=application/yaml" "$ingest/api/runs")" || fail "upload failed"
  t1=$(date +%s%N)
  code="$(tail -n1 <<<"$answer")"; body="$(sed '$d' <<<"$answer")"
  [ "$code" = "202" ] || fail "upload refused ($code): $body"
  run_id="$(jq -r .runId <<<"$body")"
  deadline=$(( $(date +%s) + timeout_s ))
  while :; do
    state="$(curl -s "${auth[@]}" "$report/api/runs/$run_id" || true)"
    status="$(jq -r '.status // empty' <<<"$state" 2>/dev/null || true)"
    case "$status" in
      COMPLETED) break ;;
      FAILED) fail "run $run_id failed: $state" ;;
    esac
    [ "$(date +%s)" -lt "$deadline" ] || fail "run $run_id not completed after ${timeout_s}s (last: ${state:-no answer})"
    sleep 0.1
  done
  t2=$(date +%s%N)
  seconds=$(awk -v a="$t0" -v b="$t2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
  upload=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
  stages="$(jq -c '[.stages[] | {key: .stage, value: .seconds}] | from_entries' <<<"$state")"
  echo "{\"rows\": $rows, \"bytes\": $bytes, \"run\": \"$run_id\", \"seconds\": $seconds, \"upload_seconds\": $upload, \"stages\": $stages}"
  all+=("$seconds")
done
sorted="$(printf '%s\n' "${all[@]}" | sort -g)"
median="$(awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }' <<<"$sorted")"
echo "{\"runs\": $runs, \"seconds_median\": $median, \"seconds\": [$(IFS=,; echo "${all[*]}" | sed 's/,/, /g')]}"
