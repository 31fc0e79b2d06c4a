#!/bin/sh
# First start of the compose file's Postgres: the database and the three roles of README "External Postgres",
# with the app role's timeouts. Passwords come from the environment (compose.yaml).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" <<SQL
CREATE ROLE norvalt_owner LOGIN NOINHERIT NOBYPASSRLS PASSWORD '${NORVALT_OWNER_PASSWORD}';
CREATE ROLE norvalt_app LOGIN NOINHERIT NOBYPASSRLS PASSWORD '${NORVALT_APP_PASSWORD}';
CREATE ROLE norvalt_system NOLOGIN NOBYPASSRLS;
GRANT norvalt_system TO norvalt_app, norvalt_owner;
ALTER ROLE norvalt_app SET statement_timeout = '30s';
ALTER ROLE norvalt_app SET idle_in_transaction_session_timeout = '60s';
CREATE DATABASE norvalt OWNER norvalt_owner;
\connect norvalt
ALTER SCHEMA public OWNER TO norvalt_owner;
SQL
