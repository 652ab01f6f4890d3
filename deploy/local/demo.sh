#!/usr/bin/env bash
# The demo: bring the local stack up, submit the synthetic demo study, wait for it, fetch the report.
#   deploy/local/demo.sh            (leaves the stack running; deploy/local/stack.sh down stops it)
# Output: out/demo/report.{html,md,tex,docx}, out/demo/results.json
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
ingest="http://127.0.0.1:${PANELFLOW_INGEST_PORT:-8081}"
report="http://127.0.0.1:${PANELFLOW_REPORT_PORT:-8084}"
out="$root/out/demo"
timeout_s="${PANELFLOW_DEMO_TIMEOUT:-300}"

fail() { echo "demo: $*" >&2; exit 1; }
command -v curl >/dev/null || fail "curl is required"

deploy/local/stack.sh up || fail "the local stack did not come up (see deploy/local/stack.sh status)"

# the submitter stack.sh created on first start (PANELFLOW_USER/PANELFLOW_PASSWORD from the environment win)
credentials="${PANELFLOW_STATE_DIR:-$root/.panelflow}/credentials.env"
if [ -z "${PANELFLOW_USER:-}" ] || [ -z "${PANELFLOW_PASSWORD:-}" ]; then
  [ -r "$credentials" ] || fail "no $credentials: deploy/local/stack.sh up writes it"
  # shellcheck disable=SC1090
  . "$credentials"
fi
auth=(-u "$PANELFLOW_USER:$PANELFLOW_PASSWORD")

mkdir -p "$out"
java deploy/demo/GenerateDemoPanel.java "$out/demo-panel.csv" || fail "could not generate the demo panel"

echo "demo: submitting the demo study"
answer="$(curl -sS "${auth[@]}" -w '\n%{http_code}' -F "data=@$out/demo-panel.csv;type=text/csv" \
  -F "spec=@deploy/demo/demo-spec.yaml;type=application/yaml" "$ingest/api/runs")" || fail "upload failed"
code="$(tail -n1 <<<"$answer")"; body="$(sed '$d' <<<"$answer")"
[ "$code" = "202" ] || fail "upload refused ($code): $body"
run_id="$(sed -n 's/.*"runId"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$body")"
[ -n "$run_id" ] || fail "no run id in $body"
echo "demo: run $run_id accepted"

deadline=$(( $(date +%s) + timeout_s ))
status=""
while :; do
  state="$(curl -s "${auth[@]}" "$report/api/runs/$run_id" || true)"
  # the run's own status is the first "status" of the answer (the stages' follow it)
  status="$(grep -o '"status"[[:space:]]*:[[:space:]]*"[A-Z]*"' <<<"$state" | head -n1 | sed 's/.*"\([A-Z]*\)"$/\1/' || true)"
  case "$status" in
    COMPLETED) break ;;
    FAILED) fail "run $run_id failed: $state" ;;
  esac
  [ "$(date +%s)" -lt "$deadline" ] || fail "run $run_id not completed after ${timeout_s}s (last: ${state:-no answer})"
  sleep 1
done

fetch() { curl -sS -f "${auth[@]}" -o "$2" "$1" || fail "could not fetch $1"; }
fetch "$report/api/runs/$run_id/report?format=html" "$out/report.html"
fetch "$report/api/runs/$run_id/report?format=md" "$out/report.md"
fetch "$report/api/runs/$run_id/report?format=tex" "$out/report.tex"
fetch "$report/api/runs/$run_id/report?format=docx" "$out/report.docx"
fetch "$report/api/runs/$run_id/results" "$out/results.json"

echo "demo: run $run_id COMPLETED"
echo "demo: report files in $out:"
ls -1 "$out" | sed 's/^/  /'
echo "demo: dashboard at $report/ (sign in with PANELFLOW_USER and PANELFLOW_PASSWORD from $credentials); stop the stack with deploy/local/stack.sh down"
