# Shared helpers of the local scripts; sourced, not run.
# Finds the project root from this file's own location; state lives under <root>/.panelflow/.

PANELFLOW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PANELFLOW_STATE="${PANELFLOW_STATE_DIR:-$PANELFLOW_ROOT/.panelflow}"
mkdir -p "$PANELFLOW_STATE"

: "${PANELFLOW_DB_HOST:=127.0.0.1}"
: "${PANELFLOW_DB_PORT:=5432}"
: "${PANELFLOW_DB_NAME:=panelflow}"
: "${PANELFLOW_DB_USER:=panelflow}"
: "${KAFKA_BOOTSTRAP_SERVERS:=127.0.0.1:${PANELFLOW_KAFKA_PORT:-9092}}"
export PANELFLOW_DB_HOST PANELFLOW_DB_PORT PANELFLOW_DB_NAME PANELFLOW_DB_USER KAFKA_BOOTSTRAP_SERVERS

# The database password: PANELFLOW_DB_PASSWORD from the environment, else the one postgres.sh up
# generated on first start into .panelflow/database.env (mode 600, git-ignored).
DB_PASSWORD_FILE="$PANELFLOW_STATE/database.env"
load_db_password() {
  if [[ -z "${PANELFLOW_DB_PASSWORD:-}" && -s "$DB_PASSWORD_FILE" ]]; then
    PANELFLOW_DB_PASSWORD="$(sed -n "s/^PANELFLOW_DB_PASSWORD='\{0,1\}\([^']*\)'\{0,1\}$/\1/p" "$DB_PASSWORD_FILE" | tail -n 1)"
  fi
  if [[ -n "${PANELFLOW_DB_PASSWORD:-}" ]]; then export PANELFLOW_DB_PASSWORD; fi
}
load_db_password

# random_secret: 24 letters and digits from the kernel's random source
random_secret() {
  head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c1-24
}

# write_private FILE: stdin to FILE, readable by the owner only
write_private() {
  local file=$1
  (umask 077 && cat > "$file.tmp") && chmod 600 "$file.tmp" && mv "$file.tmp" "$file"
}

log() { printf '[%s] %s\n' "$(basename "$0" .sh)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

# pid_alive FILE: true when FILE names a running process
pid_alive() {
  [[ -s "$1" ]] && kill -0 "$(cat "$1")" 2>/dev/null
}

# port_open HOST PORT
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# stop_pid FILE NAME [TIMEOUT_S]: SIGTERM, wait, then SIGKILL; removes FILE
stop_pid() {
  local file=$1 name=$2 timeout=${3:-30} pid i
  if ! pid_alive "$file"; then
    rm -f "$file"
    return 0
  fi
  pid=$(cat "$file")
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || { rm -f "$file"; return 0; }
    sleep 0.1
  done
  log "$name did not stop within ${timeout}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$file"
}

# The broker classpath, assembled by Maven from deploy/kafka/pom.xml and cached in
# .panelflow/kafka-classpath.txt (rebuilt when the pom changes or a jar is gone).
# test-support's KafkaBroker reads and writes the same cache.
kafka_classpath() {
  local pom="$PANELFLOW_ROOT/deploy/kafka/pom.xml"
  local cache="$PANELFLOW_STATE/kafka-classpath.txt"
  local stamp="$PANELFLOW_STATE/kafka-classpath.sha256"
  local want
  want=$(sha256sum "$pom" | cut -d' ' -f1)
  if [[ -s "$cache" && -s "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    local ok=1 jar
    IFS=':' read -r -a jars < "$cache"
    for jar in "${jars[@]}"; do [[ -f "$jar" ]] || { ok=0; break; }; done
    if ((ok)); then cat "$cache"; return 0; fi
  fi
  log "resolving the Kafka broker classpath with Maven (once)"
  mvn -B -q -f "$pom" dependency:build-classpath -Dmdep.outputFile="$cache.tmp" >/dev/null \
    || die "could not resolve the Kafka broker from Maven (deploy/kafka/pom.xml)"
  mv "$cache.tmp" "$cache"
  echo "$want" > "$stamp"
  cat "$cache"
}
