#!/usr/bin/env bash
# The project's test command: makes sure the local PostgreSQL is up (role and database
# included), then runs `mvn -B verify` at the project root. Arguments go to Maven, e.g.
#   deploy/local/test.sh -pl ingest-service -am
# Kafka needs no setup: the tests start their own broker in a child JVM (test-support).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$HERE/lib.sh"

"$HERE/postgres.sh" up
load_db_password   # generated into .panelflow/database.env on first start; the tests read it from the environment
cd "$PANELFLOW_ROOT"
log "mvn -B verify $*"
exec mvn -B verify "$@"
