#!/bin/bash
# panelflow's database roles, one per service, run once by a superuser (idempotent: run it again to
# set changed passwords). Used by the compose postgres container (docker-entrypoint-initdb.d) and by
# the Kubernetes Job panelflow-db-init.
#   panelflow_ingest, panelflow_index, panelflow_estimation, panelflow_report: LOGIN, each owning its
#     own schema (ingest, index, estimation, report), where its Flyway migrations run;
#   panelflow_service: the group of the four (NOLOGIN), owning the shared schemas claimcheck
#     (claim-checked payloads) and pipeline (run claims); a table one service creates there is
#     readable and writable by the others (default privileges).
# The services also get CREATE on the database: their shared-schema DDL says CREATE SCHEMA IF NOT
# EXISTS, which PostgreSQL checks against the database before it sees the schema exists.
# Env: PANELFLOW_DB_NAME (panelflow); PANELFLOW_INGEST_DB_PASSWORD, PANELFLOW_INDEX_DB_PASSWORD,
#      PANELFLOW_ESTIMATION_DB_PASSWORD, PANELFLOW_REPORT_DB_PASSWORD (required);
#      PANELFLOW_DB_ROLE_PREFIX (panelflow_); the superuser connection from the PG* variables.
set -euo pipefail
db="${PANELFLOW_DB_NAME:-panelflow}"
prefix="${PANELFLOW_DB_ROLE_PREFIX:-panelflow_}"
group="${prefix}service"
services=(ingest index estimation report)

psql -X -q -v ON_ERROR_STOP=1 -d postgres -v db="$db" -v group="$group" <<'SQL'
SELECT format('CREATE ROLE %I NOLOGIN', :'group')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'group') \gexec
SELECT format('CREATE DATABASE %I', :'db')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL

for svc in "${services[@]}"; do
  var="PANELFLOW_${svc^^}_DB_PASSWORD"
  password="${!var:-}"
  [[ -n "$password" ]] || { echo "create-roles: $var is not set" >&2; exit 1; }
  psql -X -q -v ON_ERROR_STOP=1 -d postgres -v db="$db" -v group="$group" -v role="$prefix$svc" -v pw="$password" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %L', :'role', :'pw') \gexec
SELECT format('GRANT %I TO %I', :'group', :'role') \gexec
SELECT format('GRANT CONNECT, CREATE, TEMPORARY ON DATABASE %I TO %I', :'db', :'role') \gexec
SQL
done

psql -X -q -v ON_ERROR_STOP=1 -d "$db" -v group="$group" -v prefix="$prefix" <<'SQL'
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', s, :'prefix' || s)
  FROM unnest(ARRAY['ingest', 'index', 'estimation', 'report']) AS s \gexec
SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', s, :'group')
  FROM unnest(ARRAY['claimcheck', 'pipeline']) AS s \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA claimcheck, pipeline GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
              :'prefix' || s, :'group')
  FROM unnest(ARRAY['ingest', 'index', 'estimation', 'report']) AS s \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA claimcheck, pipeline GRANT USAGE, SELECT ON SEQUENCES TO %I',
              :'prefix' || s, :'group')
  FROM unnest(ARRAY['ingest', 'index', 'estimation', 'report']) AS s \gexec
SQL
echo "create-roles: roles ${prefix}{${services[*]// /,}} and group $group ready in database $db"
