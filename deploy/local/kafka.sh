#!/usr/bin/env bash
# A local single-node Kafka broker (KRaft, broker and controller in one JVM), run from the
# Maven Central artifacts named in deploy/kafka/pom.xml: no download beyond Maven.
#   deploy/local/kafka.sh up|down|status|clean
#   deploy/local/kafka.sh run <main-class> [args...]   any class on the broker classpath, e.g.
#     kafka.sh run org.apache.kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:9092 --topic run-status
# Env: PANELFLOW_KAFKA_PORT (9092), PANELFLOW_KAFKA_CONTROLLER_PORT (9093),
#      PANELFLOW_KAFKA_HEAP (256m). State, data and logs: .panelflow/kafka/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT="${PANELFLOW_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${PANELFLOW_KAFKA_CONTROLLER_PORT:-9093}"
HEAP="${PANELFLOW_KAFKA_HEAP:-256m}"
KDIR="$PANELFLOW_STATE/kafka"
DATA="$KDIR/data"
CONF="$KDIR/server.properties"
PIDFILE="$KDIR/kafka.pid"
LOGFILE="$KDIR/kafka.log"
CONSOLE="$KDIR/console.log"
SRC="$PANELFLOW_ROOT/deploy/kafka"

write_config() {
  mkdir -p "$DATA"
  sed -e "s#@@KAFKA_PORT@@#$PORT#g" -e "s#@@CONTROLLER_PORT@@#$CONTROLLER_PORT#g" -e "s#@@DATA_DIR@@#$DATA#g" \
    "$SRC/server.properties.template" > "$CONF"
}

java_broker() {
  java -Xmx"$HEAP" -Xms"$HEAP" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dlog4j2.configurationFile="$SRC/log4j2.properties" -Dpanelflow.kafka.log.file="$LOGFILE" \
    -cp "$CP" "$@"
}

create_topics() {
  java -cp "$CP" -Dlog4j2.configurationFile="$SRC/log4j2.properties" -Dpanelflow.kafka.log.file="$KDIR/tools.log" \
    "$SRC/CreateTopics.java" "127.0.0.1:$PORT" "$SRC/topics.txt" | sed 's/^/[kafka] topic /' >&2
}

cmd_up() {
  CP=$(kafka_classpath)
  if pid_alive "$PIDFILE"; then
    log "Kafka already running (pid $(cat "$PIDFILE")) on 127.0.0.1:$PORT"
    create_topics
    return 0
  fi
  if port_open 127.0.0.1 "$PORT"; then
    die "port $PORT is taken by another process: set PANELFLOW_KAFKA_PORT or stop it"
  fi
  write_config
  if [[ ! -f "$DATA/meta.properties" ]]; then
    local id
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
    echo "$id" > "$KDIR/cluster.id"
    log "formatting storage (cluster id $id)"
    java_broker kafka.tools.StorageTool format -t "$id" -c "$CONF" --standalone >> "$CONSOLE" 2>&1 \
      || { tail -20 "$CONSOLE" >&2; die "formatting Kafka storage failed"; }
  fi
  log "starting Kafka on 127.0.0.1:$PORT (controller $CONTROLLER_PORT, heap $HEAP)"
  local start_ms i
  start_ms=$(date +%s%3N)
  : > "$LOGFILE"
  nohup setsid java -Xmx"$HEAP" -Xms"$HEAP" \
    -Dlog4j2.configurationFile="$SRC/log4j2.properties" -Dpanelflow.kafka.log.file="$LOGFILE" \
    -cp "$CP" kafka.Kafka "$CONF" >> "$CONSOLE" 2>&1 < /dev/null &
  echo $! > "$PIDFILE"
  for ((i = 0; i < 600; i++)); do
    if grep -q "Kafka Server started" "$LOGFILE" 2>/dev/null; then
      log "Kafka started in $(( $(date +%s%3N) - start_ms )) ms (pid $(cat "$PIDFILE"), log $LOGFILE)"
      create_topics
      return 0
    fi
    if ! pid_alive "$PIDFILE"; then
      tail -30 "$LOGFILE" "$CONSOLE" >&2 || true
      rm -f "$PIDFILE"
      die "Kafka exited during startup (see above)"
    fi
    sleep 0.1
  done
  tail -30 "$LOGFILE" >&2 || true
  die "Kafka did not report 'Kafka Server started' within 60 s"
}

cmd_down() {
  if pid_alive "$PIDFILE"; then
    stop_pid "$PIDFILE" Kafka 60
    log "Kafka stopped"
  else
    rm -f "$PIDFILE"
    log "Kafka is not running (from these scripts)"
  fi
}

cmd_status() {
  if pid_alive "$PIDFILE"; then
    if port_open 127.0.0.1 "$PORT"; then
      echo "kafka: running (pid $(cat "$PIDFILE")) on 127.0.0.1:$PORT"
    else
      echo "kafka: process $(cat "$PIDFILE") alive but port $PORT not open (starting?)"
    fi
  else
    echo "kafka: not running"
    return 3
  fi
}

cmd_clean() {
  pid_alive "$PIDFILE" && die "Kafka is running: $0 down first"
  rm -rf "$DATA" "$CONF" "$KDIR/cluster.id"
  log "Kafka data removed"
}

case "${1:-}" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  clean) cmd_clean ;;
  run) shift; CP=$(kafka_classpath); LOGFILE="$KDIR/tools.log"; mkdir -p "$KDIR"; java_broker "$@" ;;
  *) echo "usage: $0 up|down|status|clean|run <main-class> [args]" >&2; exit 2 ;;
esac
