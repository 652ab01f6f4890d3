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
# PANELFLOW_BENCH_CHECK=plm (ROWS only, needs Rscript and R plm, Debian r-cran-plm): after each run, the TWFE model is
# fitted again by R plm (check-plm.R) and compared with the run's estimates and standard errors: one more JSON line
# {"check", "max_rel_diff_estimate", "max_rel_diff_std_error", "within_1e-6", ...}; exits 1 beyond 1e-6.
#
# Concurrent runs: pipeline.sh --concurrent N ROWS|demo [RUNS] (or PANELFLOW_BENCH_CONCURRENCY=N) keeps N runs in
# flight: N uploads are started at once, each further one (RUNS, default N) as soon as a run ends. An upload answered
# 429 (the ingest's panelflow.upload.max-concurrent) is sent again after its Retry-After, as a client would; its
# seconds count from the first attempt. One poller reads every open run's status (one request per run every
# PANELFLOW_BENCH_POLL seconds, default 0.2). Each run's line, in the order they end, carries "upload_retries" too;
# then {"runs", "concurrency", "completed", "failed", "upload_retries", "seconds_median", "seconds_max",
# "wall_seconds", "seconds"} (wall: from the first upload to the last run's end). Exits 1 when a run FAILED, was
# refused or did not complete within PANELFLOW_BENCH_TIMEOUT (900 s) of its first upload attempt.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
concurrency="${PANELFLOW_BENCH_CONCURRENCY:-0}"
if [ "${1:-}" = --concurrent ]; then concurrency="${2:-}"; shift 2 || true; fi
if [ $# -lt 1 ]; then echo "usage: $0 [--concurrent N] ROWS|demo [RUNS]" >&2; exit 2; fi
[[ "$concurrency" =~ ^[0-9]+$ ]] || { echo "pipeline: the concurrency must be a number" >&2; exit 2; }
what=$1
if [ "$concurrency" -gt 0 ]; then runs=${2:-$concurrency}; else runs=${2:-$([ "$what" = demo ] && echo 5 || echo 1)}; fi
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

median_of() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
seconds_between() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'; }

# The concurrent mode: RUNS runs, CONCURRENCY of them in flight at a time; see the head of this file.
concurrent_runs() {
  local work
  work="$(mktemp -d)"
  # shellcheck disable=SC2064
  trap "rm -rf '$work'" EXIT
  # upload I: sends the files until the ingest takes them (429: again after Retry-After); then writes
  # "<http code> <start ns> <end ns> <429 answers>" to $work/I.upload and the last answer's body to $work/I.body
  upload() {
    local i=$1 t0 code wait retries=0
    t0=$(date +%s%N)
    while :; do
      code="$(curl -sS --max-time "$timeout_s" "${auth[@]}" -o "$work/$i.body" -D "$work/$i.headers" -w '%{http_code}' \
        -F "data=@$data;type=text/csv" -F "spec=@$spec;type=application/yaml" "$ingest/api/runs" 2>"$work/$i.curl")" || true
      [ "$code" = 429 ] || break
      wait="$(tr -d '\r' < "$work/$i.headers" | awk -F': *' 'tolower($1) == "retry-after" { w = $2 } END { print w }')"
      [[ "$wait" =~ ^[0-9]+$ ]] || wait=1
      retries=$((retries + 1))
      [ $(( ($(date +%s%N) - t0) / 1000000000 + wait )) -lt "$timeout_s" ] || break
      sleep "$wait"
    done
    echo "${code:-000} $t0 $(date +%s%N) $retries" > "$work/$i.upload.tmp"
    mv "$work/$i.upload.tmp" "$work/$i.upload"
  }
  local -A run_of=() index_of=() t0_of=() upload_of=() retries_of=() done_now=()
  local uploading=() polling=() all=() started=0 ended=0 completed=0 failed=0 retries=0 i t_first t_last now
  t_first=$(date +%s%N)
  t_last=$t_first
  while [ "$ended" -lt "$runs" ]; do
    while [ $((started - ended)) -lt "$concurrency" ] && [ "$started" -lt "$runs" ]; do
      started=$((started + 1))
      upload "$started" &
      uploading+=("$started")
    done
    local still=()
    for i in "${uploading[@]+"${uploading[@]}"}"; do
      if [ ! -e "$work/$i.upload" ]; then still+=("$i"); continue; fi
      local code t0 t1 n
      read -r code t0 t1 n < "$work/$i.upload"
      retries=$((retries + n))
      if [ "$code" = 202 ]; then
        run_of[$i]="$(jq -r .runId "$work/$i.body")"
        index_of[${run_of[$i]}]=$i
        t0_of[$i]=$t0
        upload_of[$i]="$(seconds_between "$t0" "$t1")"
        retries_of[$i]=$n
        polling+=("$i")
      else
        echo "pipeline: upload $i refused ($code; before it $n answers 429 were waited out): $(cat "$work/$i.body" "$work/$i.curl" 2>/dev/null)" >&2
        failed=$((failed + 1)); ended=$((ended + 1)); t_last=$t1
      fi
    done
    uploading=("${still[@]+"${still[@]}"}")
    if [ ${#polling[@]} -gt 0 ]; then
      local urls=() id status rest
      for i in "${polling[@]}"; do urls+=("$report/api/runs/${run_of[$i]}"); done
      done_now=()
      while read -r id status rest; do
        i="${index_of[$id]:-}"
        [ -n "$i" ] || continue
        now=$(date +%s%N)
        case "$status" in
          COMPLETED)
            local seconds
            seconds="$(seconds_between "${t0_of[$i]}" "$now")"
            echo "{\"rows\": $rows, \"bytes\": $bytes, \"run\": \"$id\", \"seconds\": $seconds, \"upload_seconds\": ${upload_of[$i]}, \"upload_retries\": ${retries_of[$i]}, \"stages\": $rest}"
            all+=("$seconds"); completed=$((completed + 1)); done_now[$i]=1 ;;
          FAILED)
            echo "pipeline: run $id failed: $rest" >&2
            failed=$((failed + 1)); done_now[$i]=1 ;;
        esac
      done < <(curl -s --max-time 30 "${auth[@]}" -w '\n' "${urls[@]}" | jq -rR 'fromjson? | select(.runId != null)
        | "\(.runId) \(.status) \(if .status == "COMPLETED" then ([.stages[] | {key: .stage, value: .seconds}] | from_entries | tojson)
             elif .status == "FAILED" then (.error // "no reason given") else "" end)"' || true)
      now=$(date +%s%N)
      still=()
      for i in "${polling[@]}"; do
        if [ -n "${done_now[$i]:-}" ]; then
          ended=$((ended + 1)); t_last=$now
        elif [ $(( (now - ${t0_of[$i]}) / 1000000000 )) -ge "$timeout_s" ]; then
          echo "pipeline: run ${run_of[$i]} not completed after ${timeout_s}s" >&2
          failed=$((failed + 1)); ended=$((ended + 1)); t_last=$now
        else
          still+=("$i")
        fi
      done
      polling=("${still[@]+"${still[@]}"}")
    fi
    [ "$ended" -lt "$runs" ] || break
    sleep "${PANELFLOW_BENCH_POLL:-0.2}"
  done
  wait
  local median=null max=null list=""
  if [ ${#all[@]} -gt 0 ]; then
    median="$(printf '%s\n' "${all[@]}" | median_of)"
    max="$(printf '%s\n' "${all[@]}" | sort -g | tail -n1)"
    list="$(IFS=,; echo "${all[*]}" | sed 's/,/, /g')"
  fi
  echo "{\"runs\": $runs, \"concurrency\": $concurrency, \"completed\": $completed, \"failed\": $failed, \"upload_retries\": $retries, \"seconds_median\": $median, \"seconds_max\": $max, \"wall_seconds\": $(seconds_between "$t_first" "$t_last"), \"seconds\": [$list]}"
  [ "$failed" -eq 0 ] && [ "$completed" -eq "$runs" ]
}

if [ "$concurrency" -gt 0 ]; then
  concurrent_runs || exit 1
  exit 0
fi

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
  # a stage's COMPLETED may reach the ledger just after the run's: read its seconds once more
  if jq -e '[.stages[] | .seconds] | any(. == null)' <<<"$state" >/dev/null 2>&1; then
    sleep 1
    state="$(curl -s "${auth[@]}" "$report/api/runs/$run_id" || echo "$state")"
  fi
  seconds=$(awk -v a="$t0" -v b="$t2" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
  upload=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
  stages="$(jq -c '[.stages[] | {key: .stage, value: .seconds}] | from_entries' <<<"$state")"
  echo "{\"rows\": $rows, \"bytes\": $bytes, \"run\": \"$run_id\", \"seconds\": $seconds, \"upload_seconds\": $upload, \"stages\": $stages}"
  all+=("$seconds")
  if [ "${PANELFLOW_BENCH_CHECK:-}" = plm ] && [ "$what" != demo ]; then
    ours="$dir/twfe-$run_id.csv"
    { echo "term,estimate,std_error"
      curl -sS "${auth[@]}" "$report/api/runs/$run_id/results" \
        | jq -r '.models[] | select(.id == "twfe") | .coefficients[] | [.term, .estimate, .stdError] | @csv'
    } > "$ours" || fail "could not read the results of run $run_id"
    Rscript "$root/deploy/bench/check-plm.R" "$data" "$ours" || fail "run $run_id differs from R plm beyond 1e-6"
  fi
done
sorted="$(printf '%s\n' "${all[@]}" | sort -g)"
median="$(awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }' <<<"$sorted")"
echo "{\"runs\": $runs, \"seconds_median\": $median, \"seconds\": [$(IFS=,; echo "${all[*]}" | sed 's/,/, /g')]}"
