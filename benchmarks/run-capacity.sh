#!/usr/bin/env bash
# Capacity on paper (issue 15): the server-side work per session request, counted on a private
# Redis and a private PostgreSQL cluster, for Keycard and Spring Session, and the capacity it
# projects. Counts, not throughput: they hold on a busy 2-core machine. See BENCHMARKS.md.
#
#   benchmarks/run-capacity.sh                                  # 4 variants x /visits and /read, 20,000 requests each
#   REQUESTS=4000 benchmarks/run-capacity.sh                    # a quick check
#   VARIANTS="keycard-redis spring-session-redis" benchmarks/run-capacity.sh
#   SKIP_BUILD=1 benchmarks/run-capacity.sh                     # the benchmark application is already built
#   MVN_ARGS="-o -ntp" benchmarks/run-capacity.sh               # extra Maven arguments for the build
#
# Starts, and stops on exit: a redis-server on a free loopback port (no persistence, as the
# shared one), and a PostgreSQL 15 cluster (initdb in a temporary directory, run as the
# postgres user when this runs as root) on a free port with pg_stat_statements preloaded,
# fsync and synchronous_commit on. Neither the shared Redis nor the shared PostgreSQL is used.
# Needs wrk, python3, redis-server, redis-cli and PostgreSQL 15's binaries (PG_BIN).
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${REQUESTS:-20000}
CONNECTIONS=${CONNECTIONS:-2}
VARIANTS=${VARIANTS:-"keycard-redis spring-session-redis keycard-jdbc spring-session-jdbc"}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
OUTPUT=${OUTPUT:-benchmarks/target/capacity}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
command -v redis-server >/dev/null || { echo "redis-server is missing" >&2; exit 1; }
[ -x "$PG_BIN/initdb" ] || { echo "no initdb in $PG_BIN (set PG_BIN)" >&2; exit 1; }

if [ -z "${SKIP_BUILD:-}" ]; then
	echo "Building the benchmark application..."
	# shellcheck disable=SC2086
	mvn -q -B ${MVN_ARGS:-} -pl benchmarks -am -DskipTests package org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
		-Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
fi
APP_CLASSPATH="$PWD/benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
REDIS_PORT=${REDIS_PORT:-$(free_port)}
PG_PORT=${PG_PORT:-$(free_port)}
APP_PORT=${APP_PORT:-$(free_port)}
WORK=$(mktemp -d /tmp/keycard-capacity.XXXXXX)
mkdir -p "$OUTPUT"

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
redis_pid=""
cleanup() {
	[ -n "$redis_pid" ] && kill "$redis_pid" 2>/dev/null || true
	[ -f "$WORK/pg/postmaster.pid" ] && as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$WORK"
}
trap cleanup EXIT

echo "Private Redis on 127.0.0.1:$REDIS_PORT, private PostgreSQL on 127.0.0.1:$PG_PORT, application on :$APP_PORT"
redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir "$WORK" \
	--logfile "$WORK/redis.log" &
redis_pid=$!

if [ "$(id -u)" = 0 ]; then chown postgres "$WORK"; fi
as_postgres "$PG_BIN/initdb" -D "$WORK/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$WORK/pg/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PG_PORT
unix_socket_directories = '$WORK'
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
pg_stat_statements.track_utility = on
fsync = on
synchronous_commit = on
full_page_writes = on
EOF
as_postgres "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w start >/dev/null
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "create database test" \
	-c "create extension pg_stat_statements"
for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done

python3 benchmarks/capacity.py --classpath "$APP_CLASSPATH" --variants "$VARIANTS" \
	--requests "$REQUESTS" --connections "$CONNECTIONS" --app-port "$APP_PORT" \
	--redis-port "$REDIS_PORT" --redis-pid "$redis_pid" --pg-port "$PG_PORT" \
	--pg-pidfile "$WORK/pg/postmaster.pid" --work "$WORK" --output "$OUTPUT"
