#!/usr/bin/env bash
# First start of the PostGIS container only (docker-entrypoint-initdb.d): the database `diaban` with PostGIS, owned by
# diaban_owner (migrations), and diaban_app (the web app: rows only, see docs/security.md). The bootstrap superuser's
# password is then removed, so the superuser can only sign in inside the container over its local socket.
set -euo pipefail
: "${DIABAN_DB_OWNER_PASSWORD:?}" "${DIABAN_DB_PASSWORD:?}"
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
     -v owner_pw="$DIABAN_DB_OWNER_PASSWORD" -v app_pw="$DIABAN_DB_PASSWORD" <<'SQL'
CREATE ROLE diaban_owner LOGIN PASSWORD :'owner_pw';
CREATE ROLE diaban_app LOGIN PASSWORD :'app_pw';
CREATE DATABASE diaban OWNER diaban_owner;
\connect diaban
CREATE EXTENSION IF NOT EXISTS postgis;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER ROLE CURRENT_USER PASSWORD NULL;
SQL
