#!/usr/bin/env bash
# The dead-letter topic for operators: list dead letters with their reasons, replay chosen ones to the
# topic they came from (original key, value and headers; consumers are idempotent by run).
#   deploy/local/dead-letters.sh list   [--run RUN] [--topic TOPIC] [--offset N]
#   deploy/local/dead-letters.sh replay [--run RUN] [--topic TOPIC] [--offset N] [--all]
# Env: KAFKA_BOOTSTRAP_SERVERS (127.0.0.1:${PANELFLOW_KAFKA_PORT:-9092}).
# Dead letters are records that can never be read (broken JSON, a claim check that is gone or does not
# match its hash) and records whose transient failures outlasted panelflow.retry.max-duration. Replay
# the latter once the cause (database, broker) is fixed; the former only after fixing the producer.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[[ $# -ge 1 ]] || die "usage: $(basename "$0") list|replay [--run RUN] [--topic TOPIC] [--offset N] [--all]"
CP=$(kafka_classpath)
exec java -cp "$CP" -Dlog4j2.configurationFile="$PANELFLOW_ROOT/deploy/kafka/log4j2.properties" \
  -Dpanelflow.kafka.log.file="$PANELFLOW_STATE/dead-letters.log" \
  "$PANELFLOW_ROOT/deploy/kafka/DeadLetters.java" "$KAFKA_BOOTSTRAP_SERVERS" "$@"
