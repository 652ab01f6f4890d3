#!/bin/bash
# Runs once in a kafka container (service kafka-init of docker-compose.yml): creates the
# pipeline's topics from topics.txt (mounted beside this script), idempotently.
set -euo pipefail
BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-kafka:9092}"
TOPICS_FILE="${TOPICS_FILE:-/panelflow/topics.txt}"
while read -r name partitions _; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$name" --partitions "${partitions:-1}" --replication-factor 1
done < "$TOPICS_FILE"
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --list
