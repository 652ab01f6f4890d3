#!/bin/bash
# Runs once in the postgres container on an empty data folder (docker-entrypoint-initdb.d):
# the same role and database that deploy/local/postgres.sh creates on a local server.
set -euo pipefail
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres \
  -v user="${PANELFLOW_DB_USER:-panelflow}" -v pw="${PANELFLOW_DB_PASSWORD:-panelflow}" -v db="${PANELFLOW_DB_NAME:-panelflow}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN CREATEDB PASSWORD %L', :'user', :'pw')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
