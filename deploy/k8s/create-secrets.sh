#!/usr/bin/env bash
# Creates the Secrets deploy/k8s expects, with random passwords, in a namespace (kubectl's context):
#   deploy/k8s/create-secrets.sh NAMESPACE [POSTGRES_SUPERUSER [POSTGRES_SUPERUSER_PASSWORD]]
# panelflow-db-<service>: PANELFLOW_DB_PASSWORD of that service's role (new random ones);
# panelflow-db-admin: PGUSER/PGPASSWORD of the superuser the Job panelflow-db-init connects as
# (asked for when not given). Existing Secrets are left alone: delete one to replace it.
set -euo pipefail
ns=${1:?usage: $0 NAMESPACE [POSTGRES_SUPERUSER [PASSWORD]]}
admin=${2:-postgres}
secret() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c1-32; }
exists() { kubectl -n "$ns" get secret "$1" >/dev/null 2>&1; }
for svc in ingest index estimation report; do
  if exists "panelflow-db-$svc"; then echo "panelflow-db-$svc exists: kept"; continue; fi
  kubectl -n "$ns" create secret generic "panelflow-db-$svc" --from-literal=PANELFLOW_DB_PASSWORD="$(secret)" >/dev/null
  echo "panelflow-db-$svc created"
done
if ! exists panelflow-db-admin; then
  pw=${3:-}
  if [[ -z "$pw" ]]; then read -r -s -p "password of PostgreSQL superuser $admin: " pw; echo; fi
  kubectl -n "$ns" create secret generic panelflow-db-admin --from-literal=PGUSER="$admin" --from-literal=PGPASSWORD="$pw" >/dev/null
  echo "panelflow-db-admin created"
fi
