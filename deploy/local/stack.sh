#!/usr/bin/env bash
# The whole pipeline on this machine, without Docker: PostgreSQL (postgres.sh), a Kafka broker
# (kafka.sh) and the four services as fast-jars.
#   deploy/local/stack.sh up|down|status|logs [service]
# Env: PANELFLOW_DB_* and KAFKA_BOOTSTRAP_SERVERS as for the services;
#      PANELFLOW_INGEST_PORT (8081), PANELFLOW_INDEX_PORT (8082), PANELFLOW_ESTIMATION_PORT (8083),
#      PANELFLOW_REPORT_PORT (8084) (the report service reads uploads from PANELFLOW_INGEST_URL, by default
#      this stack's ingest port); management interfaces (health, metrics, OpenAPI) on
#      PANELFLOW_INGEST_MANAGEMENT_PORT (9081) … PANELFLOW_REPORT_MANAGEMENT_PORT (9084);
#      PANELFLOW_<SERVICE>_HEAP, the heap (-Xmx) of each service: ingest, index and estimation 2g,
#      report 512m — what a 5M-row, 10-column panel needs end to end (README: Benchmarks);
#      PANELFLOW_JAVA_OPTS (-XX:+UseParallelGC) for each service JVM, after the heap (an -Xmx there wins);
#      PANELFLOW_HEALTH_TIMEOUT (180 s); PANELFLOW_REBUILD=1 to package the services again;
#      PANELFLOW_REPLICAS (1): processes of index, estimation and report each; replica r > 1 is
#      named <service>-<r> and listens on the service's ports + (r-1) * PANELFLOW_REPLICA_PORT_STEP (100).
# Logs and PIDs: .panelflow/services/<service>.pid, <service>-<r>.pid. `up` starts only what is
# down; `down` stops exactly what `up` started.
# Users: on first start `up` creates a submitter and a viewer with random passwords in
# .panelflow/credentials.env (mode 600) and, on every start, the users and roles files the services
# read (.panelflow/security/, passwords hashed). Delete credentials.env and restart to rotate them.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"

SERVICES=(ingest index estimation report)
REPLICATED=(index estimation report)
SDIR="$PANELFLOW_STATE/services"
mkdir -p "$SDIR"

# the heap of a service (or a replica of it): PANELFLOW_<SERVICE>_HEAP, else what a 5M-row panel needs
heap_of() {
  local service var default
  service=$(service_of "$1")
  case "$service" in report) default=512m ;; *) default=2g ;; esac
  var="PANELFLOW_${service^^}_HEAP"
  echo "${!var:-$default}"
}

# the processes to run: every service once, and replicas 2..N of the replicated ones
instances() {
  local s r n=${PANELFLOW_REPLICAS:-1}
  for s in "${SERVICES[@]}"; do echo "$s"; done
  for ((r = 2; r <= n; r++)); do
    for s in "${REPLICATED[@]}"; do echo "$s-$r"; done
  done
}
service_of() { echo "${1%-[0-9]*}"; }
replica_of() { if [[ "$1" =~ -([0-9]+)$ ]]; then echo "${BASH_REMATCH[1]}"; else echo 1; fi; }

port_of() {
  local base
  case "$(service_of "$1")" in
    ingest) base="${PANELFLOW_INGEST_PORT:-8081}" ;;
    index) base="${PANELFLOW_INDEX_PORT:-8082}" ;;
    estimation) base="${PANELFLOW_ESTIMATION_PORT:-8083}" ;;
    report) base="${PANELFLOW_REPORT_PORT:-8084}" ;;
  esac
  echo $((base + ($(replica_of "$1") - 1) * ${PANELFLOW_REPLICA_PORT_STEP:-100}))
}
management_port_of() {
  local base
  case "$(service_of "$1")" in
    ingest) base="${PANELFLOW_INGEST_MANAGEMENT_PORT:-9081}" ;;
    index) base="${PANELFLOW_INDEX_MANAGEMENT_PORT:-9082}" ;;
    estimation) base="${PANELFLOW_ESTIMATION_MANAGEMENT_PORT:-9083}" ;;
    report) base="${PANELFLOW_REPORT_MANAGEMENT_PORT:-9084}" ;;
  esac
  echo $((base + ($(replica_of "$1") - 1) * ${PANELFLOW_REPLICA_PORT_STEP:-100}))
}
# PANELFLOW_APP_ROOT: where the <service>-service/target/quarkus-app folders are (default: the project root)
jar_of() { echo "${PANELFLOW_APP_ROOT:-$PANELFLOW_ROOT}/$(service_of "$1")-service/target/quarkus-app/quarkus-run.jar"; }

# health SERVICE: the service's health on its management interface
health() { curl -fsS --max-time 3 "http://127.0.0.1:$(management_port_of "$1")/q/health" 2>/dev/null; }
is_up() { health "$1" | grep -q '"status" *: *"UP"'; }

CREDENTIALS_FILE="$PANELFLOW_STATE/credentials.env"
SECURITY_DIR="$PANELFLOW_STATE/security"

# The local users: credentials.env (created once with random passwords), and from it the users file
# (hex SHA-512 of user:panelflow:password) and roles file the services load (QUARKUS_CONFIG_LOCATIONS).
ensure_credentials() {
  if [[ ! -s "$CREDENTIALS_FILE" ]]; then
    {
      echo "# panelflow users of the local stack, written by deploy/local/stack.sh up (delete this file and restart to rotate)"
      echo "PANELFLOW_USER='submitter'"
      echo "PANELFLOW_PASSWORD='$(random_secret)'"
      echo "PANELFLOW_VIEWER_USER='viewer'"
      echo "PANELFLOW_VIEWER_PASSWORD='$(random_secret)'"
    } | write_private "$CREDENTIALS_FILE"
    log "created the users submitter (upload + read) and viewer (read) with random passwords in $CREDENTIALS_FILE"
  fi
  mkdir -p "$SECURITY_DIR"
  chmod 700 "$SECURITY_DIR"
  (
    # shellcheck disable=SC1090
    source "$CREDENTIALS_FILE"
    : "${PANELFLOW_USER:?missing in $CREDENTIALS_FILE}" "${PANELFLOW_PASSWORD:?missing in $CREDENTIALS_FILE}"
    : "${PANELFLOW_VIEWER_USER:?missing in $CREDENTIALS_FILE}" "${PANELFLOW_VIEWER_PASSWORD:?missing in $CREDENTIALS_FILE}"
    hash() { printf '%s' "$1:panelflow:$2" | sha512sum | cut -d' ' -f1; }
    {
      echo "# panelflow users (from credentials.env): hex SHA-512 of user:panelflow:password"
      echo "quarkus.security.users.embedded.users.$PANELFLOW_USER=$(hash "$PANELFLOW_USER" "$PANELFLOW_PASSWORD")"
      echo "quarkus.security.users.embedded.users.$PANELFLOW_VIEWER_USER=$(hash "$PANELFLOW_VIEWER_USER" "$PANELFLOW_VIEWER_PASSWORD")"
    } | write_private "$SECURITY_DIR/users.properties"
    {
      echo "# panelflow roles: submitter (upload + read), viewer (read)"
      echo "quarkus.security.users.embedded.roles.$PANELFLOW_USER=submitter"
      echo "quarkus.security.users.embedded.roles.$PANELFLOW_VIEWER_USER=viewer"
    } | write_private "$SECURITY_DIR/roles.properties"
  )
}

build_if_needed() {
  local missing=0 s
  for s in "${SERVICES[@]}"; do [[ -f "$(jar_of "$s")" ]] || missing=1; done
  if ((missing)) || [[ "${PANELFLOW_REBUILD:-0}" == 1 ]]; then
    log "packaging the services (mvn -B -q -DskipTests package)"
    (cd "$PANELFLOW_ROOT" && mvn -B -q -DskipTests package) || die "packaging failed"
  fi
}

start_service() {
  local s=$1 port mport pidfile logfile
  port=$(port_of "$s")
  mport=$(management_port_of "$s")
  pidfile="$SDIR/$s.pid"
  logfile="$SDIR/$s.log"
  if pid_alive "$pidfile"; then
    log "$s already running (pid $(cat "$pidfile")) on port $port"
    return 0
  fi
  if port_open 127.0.0.1 "$port"; then
    die "port $port for $s is taken by another process (set PANELFLOW_${s^^}_PORT)"
  fi
  if port_open 127.0.0.1 "$mport"; then
    die "management port $mport for $s is taken by another process (set PANELFLOW_${s^^}_MANAGEMENT_PORT)"
  fi
  log "starting $s on port $port (management $mport)"
  # the report service reads uploads (for the bundle) from this stack's ingest service, on whatever port it has
  # shellcheck disable=SC2086
  QUARKUS_HTTP_PORT="$port" QUARKUS_MANAGEMENT_PORT="$mport" \
    PANELFLOW_INGEST_URL="${PANELFLOW_INGEST_URL:-http://127.0.0.1:${PANELFLOW_INGEST_PORT:-8081}}" \
    QUARKUS_CONFIG_LOCATIONS="file:$SECURITY_DIR/users.properties,file:$SECURITY_DIR/roles.properties" nohup setsid java -Xmx"$(heap_of "$s")" ${PANELFLOW_JAVA_OPTS:--XX:+UseParallelGC} -jar "$(jar_of "$s")" \
    > "$logfile" 2>&1 < /dev/null &
  echo $! > "$pidfile"
  date +%s%3N > "$SDIR/$s.started-ms"
}

wait_healthy() {
  local timeout=${PANELFLOW_HEALTH_TIMEOUT:-180} deadline s port pending
  deadline=$((SECONDS + timeout))
  mapfile -t pending < <(instances)
  while ((${#pending[@]})); do
    local still=()
    for s in "${pending[@]}"; do
      port=$(port_of "$s")
      if is_up "$s"; then
        local t0 now
        t0=$(cat "$SDIR/$s.started-ms" 2>/dev/null || echo 0)
        now=$(date +%s%3N)
        if ((t0 > 0)); then log "$s is UP on http://127.0.0.1:$port ($((now - t0)) ms after start)"; else log "$s is UP on http://127.0.0.1:$port"; fi
        rm -f "$SDIR/$s.started-ms"
      elif ! pid_alive "$SDIR/$s.pid"; then
        log "$s exited; last lines of $SDIR/$s.log:"
        tail -40 "$SDIR/$s.log" >&2 || true
        rm -f "$SDIR/$s.pid"
        die "$s did not start"
      else
        still+=("$s")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    ((${#pending[@]})) || break
    if ((SECONDS >= deadline)); then
      for s in "${pending[@]}"; do
        log "$s not UP after ${timeout}s; health: $(health "$s" || echo 'no answer'); last lines of $SDIR/$s.log:"
        tail -40 "$SDIR/$s.log" >&2 || true
      done
      die "services not healthy within ${timeout}s: ${pending[*]} (they keep running; '$0 down' stops them)"
    fi
    sleep 1
  done
}

cmd_up() {
  command -v curl >/dev/null || die "curl is needed for the health checks"
  "$HERE/postgres.sh" up
  load_db_password
  [[ -n "${PANELFLOW_DB_PASSWORD:-}" ]] || die "no database password: set PANELFLOW_DB_PASSWORD or run $HERE/postgres.sh up"
  "$HERE/kafka.sh" up
  build_if_needed
  ensure_credentials
  local s
  for s in $(instances); do start_service "$s"; done
  wait_healthy
  log "stack is up: ingest http://127.0.0.1:$(port_of ingest)  report http://127.0.0.1:$(port_of report)  (users in $CREDENTIALS_FILE)"
}

cmd_down() {
  local s i all
  # every instance with a PID file, whatever PANELFLOW_REPLICAS says now
  mapfile -t all < <(instances; for f in "$SDIR"/*.pid; do [[ -e "$f" ]] && basename "$f" .pid; done)
  mapfile -t all < <(printf '%s\n' "${all[@]}" | awk '!seen[$0]++')
  for ((i = ${#all[@]} - 1; i >= 0; i--)); do
    s=${all[i]}
    stop_pid "$SDIR/$s.pid" "$s" 30
    rm -f "$SDIR/$s.started-ms"
  done
  "$HERE/kafka.sh" down
  "$HERE/postgres.sh" down
}

cmd_status() {
  local s port rc=0
  "$HERE/postgres.sh" status || rc=1
  "$HERE/kafka.sh" status || rc=1
  for s in $(instances); do
    port=$(port_of "$s")
    if pid_alive "$SDIR/$s.pid"; then
      if is_up "$s"; then echo "$s: UP (pid $(cat "$SDIR/$s.pid")) http://127.0.0.1:$port (management $(management_port_of "$s"))"
      else echo "$s: running (pid $(cat "$SDIR/$s.pid")) but not UP: $(health "$s" || echo 'no answer')"; rc=1; fi
    else
      echo "$s: not running"; rc=1
    fi
  done
  return $rc
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  logs) tail -n 100 -f "$SDIR/${2:-ingest}.log" ;;
  *) echo "usage: $0 up|down|status|logs [service]" >&2; exit 2 ;;
esac
