#!/usr/bin/env bash
# Local PostgreSQL for panelflow: start the installed cluster if it is stopped, and make sure
# the role and database exist (idempotent).
#   deploy/local/postgres.sh up|down|status|rotate-password
# Env: PANELFLOW_DB_HOST, PANELFLOW_DB_PORT, PANELFLOW_DB_NAME, PANELFLOW_DB_USER,
#      PANELFLOW_DB_PASSWORD (default: .panelflow/database.env, generated on first start and set on
#      the role; rotate-password replaces it); PANELFLOW_PG_VERSION / PANELFLOW_PG_CLUSTER pick the cluster
#      (default: the installed cluster on PANELFLOW_DB_PORT).
# `down` stops the cluster only if `up` started it (state file .panelflow/postgres.started).
#
# Private mode (PANELFLOW_PG_PRIVATE=1): a cluster of its own, initdb'd on first `up` in
# <state>/postgres/data (as the postgres account when run as root), listening on 127.0.0.1 at
# PANELFLOW_DB_PORT (which must then not be the shared server's port) with its socket in
# <state>/postgres; run with pg_ctl from PANELFLOW_PG_BIN (/usr/lib/postgresql/15/bin, else the
# newest installed). Only in this mode:
#   deploy/local/postgres.sh kill      stop at once (pg_ctl -m immediate: no checkpoint, as a crash)
#   deploy/local/postgres.sh restart   kill, then up
#   deploy/local/postgres.sh clean     stop and remove the data directory
# `up` starts it when it is down, `down` stops it (fast). Fault drills use this mode; the
# installed (shared) cluster is never stopped or restarted by it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PRIVATE="${PANELFLOW_PG_PRIVATE:-0}"
PRIVATE_DIR="$PANELFLOW_STATE/postgres"
PRIVATE_DATA="$PRIVATE_DIR/data"
PRIVATE_LOG="$PRIVATE_DIR/postgres.log"

STARTED_FILE="$PANELFLOW_STATE/postgres.started"

is_local_host() { [[ "$PANELFLOW_DB_HOST" == 127.0.0.1 || "$PANELFLOW_DB_HOST" == localhost || "$PANELFLOW_DB_HOST" == ::1 ]]; }

# prints "<version> <cluster> <status>" of the cluster to manage, or nothing
find_cluster() {
  command -v pg_lsclusters >/dev/null || return 0
  local line
  if [[ -n "${PANELFLOW_PG_VERSION:-}" ]]; then
    line=$(pg_lsclusters -h | awk -v v="$PANELFLOW_PG_VERSION" -v c="${PANELFLOW_PG_CLUSTER:-main}" '$1==v && $2==c {print $1, $2, $4; exit}')
  else
    line=$(pg_lsclusters -h | awk -v p="$PANELFLOW_DB_PORT" '$3==p {print $1, $2, $4; exit}')
    [[ -n "$line" ]] || line=$(pg_lsclusters -h | sort -rn | awk '{print $1, $2, $4; exit}')
  fi
  echo "$line"
}

# run psql as the database superuser over the local socket (peer authentication)
psql_super() {
  local args=(psql -X -q -v ON_ERROR_STOP=1 -p "$PANELFLOW_DB_PORT" -d postgres "$@")
  [[ "$PRIVATE" == 1 ]] && args+=(-h "$PRIVATE_DIR")
  if [[ "$(id -un)" == postgres ]]; then
    (cd /tmp && "${args[@]}")
  elif [[ $EUID -eq 0 ]]; then
    (cd /tmp && runuser -u postgres -- "${args[@]}")
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    (cd /tmp && sudo -n -u postgres "${args[@]}")
  else
    return 1
  fi
}

can_login() {
  PGPASSWORD="${PANELFLOW_DB_PASSWORD:-}" PGCONNECT_TIMEOUT=3 psql -X -q -h "$PANELFLOW_DB_HOST" -p "$PANELFLOW_DB_PORT" \
    -U "$PANELFLOW_DB_USER" -d "$PANELFLOW_DB_NAME" -c 'select 1' >/dev/null 2>&1
}

# Whether the role still logs in with the old development default (checked against the always-present
# database postgres, so a study database not created yet does not count). Only the server's refusal of
# the password (or of the role) counts as "no": a slow answer on a loaded machine is retried, so that a
# timeout never makes this script generate a new password and set it on a role other checkouts use.
default_password_works() {
  local i out
  for ((i = 0; i < 5; i++)); do
    if out=$(PGPASSWORD=panelflow PGCONNECT_TIMEOUT=10 psql -X -q -h "$PANELFLOW_DB_HOST" -p "$PANELFLOW_DB_PORT" \
        -U "$PANELFLOW_DB_USER" -d postgres -c 'select 1' 2>&1 >/dev/null); then
      return 0
    fi
    case "$out" in
      *"password authentication failed"*|*"role \""*"does not exist"*|*"no pg_hba.conf entry"*) return 1 ;;
    esac
    sleep 1
  done
  die "cannot tell whether role '$PANELFLOW_DB_USER' has a password yet: $out"
}

wait_ready() {
  local i
  for ((i = 0; i < 300; i++)); do
    pg_isready -q -h "$PANELFLOW_DB_HOST" -p "$PANELFLOW_DB_PORT" && return 0
    sleep 0.1
  done
  die "PostgreSQL on $PANELFLOW_DB_HOST:$PANELFLOW_DB_PORT is not ready after 30 s"
}

ensure_role_and_db() {
  if ! psql_super -v user="$PANELFLOW_DB_USER" -v pw="$PANELFLOW_DB_PASSWORD" -v db="$PANELFLOW_DB_NAME" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  then
    can_login && { log "cannot act as the postgres superuser, but $PANELFLOW_DB_USER can log in: fine"; return 0; }
    die "cannot create role/database: run this script as root or postgres (or create role '$PANELFLOW_DB_USER' with CREATEDB and database '$PANELFLOW_DB_NAME' yourself)"
  fi
  can_login || die "role '$PANELFLOW_DB_USER' cannot log in to '$PANELFLOW_DB_NAME' over TCP at $PANELFLOW_DB_HOST:$PANELFLOW_DB_PORT (check pg_hba.conf)"
}

# The role's password: PANELFLOW_DB_PASSWORD, else .panelflow/database.env, else (first start) a
# new random one written there (mode 600). A role left from before with the old development
# default keeps it, with a warning, until `postgres.sh rotate-password`.
ensure_db_password() {
  [[ -z "${PANELFLOW_DB_PASSWORD:-}" ]] || return 0
  if default_password_works; then
    log "WARNING: role '$PANELFLOW_DB_USER' still has the old default password 'panelflow'; keeping it. Replace it: $0 rotate-password"
    PANELFLOW_DB_PASSWORD=panelflow
  else
    PANELFLOW_DB_PASSWORD=$(random_secret)
    log "generated a database password for role '$PANELFLOW_DB_USER' into $DB_PASSWORD_FILE"
  fi
  printf "PANELFLOW_DB_PASSWORD='%s'\n" "$PANELFLOW_DB_PASSWORD" | write_private "$DB_PASSWORD_FILE"
  export PANELFLOW_DB_PASSWORD
}

cmd_rotate_password() {
  is_local_host || die "PANELFLOW_DB_HOST=$PANELFLOW_DB_HOST is not local: change the password where that server is managed"
  local new
  new=$(random_secret)
  psql_super -v user="$PANELFLOW_DB_USER" -v pw="$new" <<'SQL' || die "cannot act as the postgres superuser (run as root or postgres)"
SELECT format('ALTER ROLE %I PASSWORD %L', :'user', :'pw') \gexec
SQL
  printf "PANELFLOW_DB_PASSWORD='%s'\n" "$new" | write_private "$DB_PASSWORD_FILE"
  log "new password of role '$PANELFLOW_DB_USER' in $DB_PASSWORD_FILE; restart the services (deploy/local/stack.sh down, then up)"
}

cmd_up() {
  if ! is_local_host; then
    [[ -n "${PANELFLOW_DB_PASSWORD:-}" ]] || die "set PANELFLOW_DB_PASSWORD for $PANELFLOW_DB_USER at $PANELFLOW_DB_HOST"
    log "PANELFLOW_DB_HOST=$PANELFLOW_DB_HOST is not local: not managing a server, only checking the login"
    can_login || die "cannot log in as $PANELFLOW_DB_USER to $PANELFLOW_DB_HOST:$PANELFLOW_DB_PORT/$PANELFLOW_DB_NAME"
    return 0
  fi
  local cluster version name status
  cluster=$(find_cluster)
  if pg_isready -q -h "$PANELFLOW_DB_HOST" -p "$PANELFLOW_DB_PORT"; then
    log "PostgreSQL already running on $PANELFLOW_DB_HOST:$PANELFLOW_DB_PORT"
  elif [[ -n "$cluster" ]]; then
    read -r version name status <<<"$cluster"
    log "starting PostgreSQL cluster $version/$name"
    if [[ $EUID -eq 0 || "$(id -un)" == postgres ]]; then
      pg_ctlcluster "$version" "$name" start
    else
      sudo -n pg_ctlcluster "$version" "$name" start || die "cannot start cluster $version/$name: run as root"
    fi
    echo "$version $name" > "$STARTED_FILE"
    wait_ready
  else
    die "no PostgreSQL server on $PANELFLOW_DB_HOST:$PANELFLOW_DB_PORT and no installed cluster found (pg_lsclusters)"
  fi
  ensure_db_password
  ensure_role_and_db
  log "PostgreSQL ready: postgresql://$PANELFLOW_DB_USER@$PANELFLOW_DB_HOST:$PANELFLOW_DB_PORT/$PANELFLOW_DB_NAME"
}

cmd_down() {
  if [[ ! -s "$STARTED_FILE" ]]; then
    log "PostgreSQL was not started by these scripts: leaving it as it is"
    return 0
  fi
  local version name
  read -r version name < "$STARTED_FILE"
  log "stopping PostgreSQL cluster $version/$name (started by postgres.sh up)"
  if [[ $EUID -eq 0 || "$(id -un)" == postgres ]]; then
    pg_ctlcluster "$version" "$name" stop || true
  else
    sudo -n pg_ctlcluster "$version" "$name" stop || true
  fi
  rm -f "$STARTED_FILE"
}

cmd_status() {
  local cluster
  cluster=$(find_cluster)
  [[ -n "$cluster" ]] && echo "postgres: cluster $cluster"
  if pg_isready -q -h "$PANELFLOW_DB_HOST" -p "$PANELFLOW_DB_PORT"; then
    echo "postgres: accepting connections on $PANELFLOW_DB_HOST:$PANELFLOW_DB_PORT"
    if can_login; then echo "postgres: $PANELFLOW_DB_USER can log in to $PANELFLOW_DB_NAME"; else echo "postgres: $PANELFLOW_DB_USER CANNOT log in to $PANELFLOW_DB_NAME (run: $0 up)"; fi
  else
    echo "postgres: not reachable on $PANELFLOW_DB_HOST:$PANELFLOW_DB_PORT"
  fi
  if [[ -s "$STARTED_FILE" ]]; then echo "postgres: started by these scripts ($(cat "$STARTED_FILE"))"; fi
  pg_isready -q -h "$PANELFLOW_DB_HOST" -p "$PANELFLOW_DB_PORT"
}

# ---- private mode -------------------------------------------------------------------------

pg_bin() {
  if [[ -n "${PANELFLOW_PG_BIN:-}" ]]; then echo "$PANELFLOW_PG_BIN"; return; fi
  if [[ -x /usr/lib/postgresql/15/bin/pg_ctl ]]; then echo /usr/lib/postgresql/15/bin; return; fi
  local newest
  newest=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [[ -n "$newest" ]] || die "no PostgreSQL binaries found (set PANELFLOW_PG_BIN)"
  echo "$newest"
}

# runs a server command as the account that owns the private cluster
as_pg_owner() {
  if [[ $EUID -eq 0 ]]; then
    (cd /tmp && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

private_running() {
  [[ -f "$PRIVATE_DATA/PG_VERSION" ]] && as_pg_owner "$(pg_bin)/pg_ctl" -D "$PRIVATE_DATA" status >/dev/null 2>&1
}

private_check_port() {
  is_local_host || die "private mode needs PANELFLOW_DB_HOST=127.0.0.1 (it is $PANELFLOW_DB_HOST)"
  if command -v pg_lsclusters >/dev/null && pg_lsclusters -h | awk -v p="$PANELFLOW_DB_PORT" '$3==p {found=1} END {exit !found}'; then
    die "port $PANELFLOW_DB_PORT belongs to an installed cluster: choose another PANELFLOW_DB_PORT for the private one"
  fi
}

private_init() {
  [[ -f "$PRIVATE_DATA/PG_VERSION" ]] && return 0
  local bin pwfile
  bin=$(pg_bin)
  mkdir -p "$PRIVATE_DIR"
  [[ $EUID -eq 0 ]] && chown postgres: "$PRIVATE_DIR"
  log "initdb of a private cluster in $PRIVATE_DATA"
  as_pg_owner "$bin/initdb" -D "$PRIVATE_DATA" -U postgres -E UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=scram-sha-256 > "$PRIVATE_DIR/initdb.log" 2>&1 \
    || { tail -20 "$PRIVATE_DIR/initdb.log" >&2; die "initdb failed"; }
  cat >> "$PRIVATE_DATA/postgresql.conf" <<CONF

# panelflow private cluster (deploy/local/postgres.sh)
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PRIVATE_DIR'
max_connections = 200
shared_buffers = 64MB
CONF
}

private_up() {
  private_check_port
  if private_running; then
    log "private PostgreSQL already running on 127.0.0.1:$PANELFLOW_DB_PORT ($PRIVATE_DATA)"
  else
    private_init
    if port_open 127.0.0.1 "$PANELFLOW_DB_PORT"; then
      die "port $PANELFLOW_DB_PORT is taken by another process: set PANELFLOW_DB_PORT"
    fi
    log "starting the private PostgreSQL on 127.0.0.1:$PANELFLOW_DB_PORT"
    as_pg_owner "$(pg_bin)/pg_ctl" -D "$PRIVATE_DATA" -l "$PRIVATE_LOG" -o "-p $PANELFLOW_DB_PORT" -w -t 60 start >/dev/null \
      || { tail -20 "$PRIVATE_LOG" >&2; die "the private PostgreSQL did not start"; }
    wait_ready
  fi
  ensure_db_password
  ensure_role_and_db
  log "PostgreSQL ready: postgresql://$PANELFLOW_DB_USER@$PANELFLOW_DB_HOST:$PANELFLOW_DB_PORT/$PANELFLOW_DB_NAME (private)"
}

private_stop() {
  local mode=$1
  if private_running; then
    log "stopping the private PostgreSQL ($mode)"
    as_pg_owner "$(pg_bin)/pg_ctl" -D "$PRIVATE_DATA" -m "$mode" -w -t 60 stop >/dev/null
  else
    log "the private PostgreSQL is not running"
  fi
}

private_status() {
  if private_running; then
    echo "postgres: private cluster running on 127.0.0.1:$PANELFLOW_DB_PORT ($PRIVATE_DATA)"
  else
    echo "postgres: private cluster not running ($PRIVATE_DATA)"
    return 3
  fi
}

only_private() {
  [[ "$PRIVATE" == 1 ]] || die "'$1' acts only on a private cluster (PANELFLOW_PG_PRIVATE=1): the shared server is never stopped or restarted from here"
}

if [[ "$PRIVATE" == 1 ]]; then
  case "${1:-}" in
    up) private_up ;;
    down) private_stop fast ;;
    kill) private_stop immediate ;;
    restart) private_stop immediate; private_up ;;
    status) private_status ;;
    clean) private_stop fast; rm -rf "$PRIVATE_DIR"; log "private cluster removed" ;;
    *) echo "usage: $0 up|down|kill|restart|status|clean" >&2; exit 2 ;;
  esac
  exit 0
fi

case "${1:-}" in
  kill|restart|clean) only_private "$1" ;;
esac

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  rotate-password) cmd_rotate_password ;;
  *) echo "usage: $0 up|down|status|rotate-password  (private mode: up|down|kill|restart|status|clean)" >&2; exit 2 ;;
esac
