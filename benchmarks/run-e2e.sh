#!/usr/bin/env bash
# End-to-end benchmark of Keycard against no session, Tomcat's HttpSession and Spring Session,
# driven by wrk on loopback. Prints one table of medians and ratios; see BENCHMARKS.md.
#
#   benchmarks/run-e2e.sh                       # the full run: 3 rounds, 40 s warm-up, 10 s measured
#   ROUNDS=1 WARMUP=5 DURATION=3 benchmarks/run-e2e.sh     # a quick check that everything works
#   VARIANTS="none keycard-cookie" benchmarks/run-e2e.sh   # a subset
#
# Needs wrk (Debian package wrk), the local Redis and PostgreSQL (../shared/services.md), python3.
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-40}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-18080}
VARIANTS=${VARIANTS:-"none static-cookie keycard-cookie keycard-encrypted keycard-memory keycard-file keycard-redis keycard-jdbc tomcat spring-session-redis spring-session-jdbc"}
RESULTS=${RESULTS:-benchmarks/target/e2e-results.tsv}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
redis-cli -h 127.0.0.1 ping >/dev/null || { echo "Redis is not answering on 127.0.0.1:6379" >&2; exit 1; }
pg_isready -h 127.0.0.1 -q || { echo "PostgreSQL is not answering on 127.0.0.1:5432" >&2; exit 1; }

echo "Building the benchmark application..."
mvn -q -B -pl benchmarks -am -DskipTests package dependency:build-classpath \
	-Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
CLASSPATH_FILE=benchmarks/target/classpath.txt
APP_CLASSPATH="benchmarks/target/classes:$(cat "$CLASSPATH_FILE")"

KEYCARD=dev.keycard.session.autoconfigure.SessionAutoConfiguration
SPRING_SESSION=org.springframework.boot.session.autoconfigure.SessionAutoConfiguration
SPRING_SESSION_JDBC=org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration

arguments() { # the application's arguments for a variant
	case "$1" in
		none) echo "--spring.profiles.active=none --spring.autoconfigure.exclude=$KEYCARD,$SPRING_SESSION,$SPRING_SESSION_JDBC" ;;
		static-cookie) echo "--spring.profiles.active=static-cookie --spring.autoconfigure.exclude=$KEYCARD,$SPRING_SESSION,$SPRING_SESSION_JDBC" ;;
		keycard-cookie) echo "--spring.profiles.active=keycard --spring.autoconfigure.exclude=$SPRING_SESSION,$SPRING_SESSION_JDBC" ;;
		keycard-encrypted) echo "--spring.profiles.active=keycard --app.session.encrypt=true --spring.autoconfigure.exclude=$SPRING_SESSION,$SPRING_SESSION_JDBC" ;;
		keycard-memory|keycard-file|keycard-redis|keycard-jdbc)
			echo "--spring.profiles.active=keycard --app.session.store=${1#keycard-} --spring.autoconfigure.exclude=$SPRING_SESSION,$SPRING_SESSION_JDBC" ;;
		tomcat) echo "--spring.profiles.active=http-session --spring.autoconfigure.exclude=$KEYCARD,$SPRING_SESSION,$SPRING_SESSION_JDBC" ;;
		spring-session-redis) echo "--spring.profiles.active=http-session,spring-session-redis --spring.autoconfigure.exclude=$KEYCARD,$SPRING_SESSION,$SPRING_SESSION_JDBC" ;;
		spring-session-jdbc) echo "--spring.profiles.active=http-session --spring.autoconfigure.exclude=$KEYCARD" ;;
		*) echo "unknown variant $1" >&2; exit 1 ;;
	esac
}

redis_commands() { redis-cli -h 127.0.0.1 info commandstats | awk -F'[=,:]' '/^cmdstat_/ {sum += $3} END {print sum + 0}'; }
pg_transactions() { psql -h 127.0.0.1 -U postgres -d test -tAc "select xact_commit + xact_rollback from pg_stat_database where datname = 'test'"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wait_for_pg_statistics() { case "$1" in *jdbc*) sleep 11 ;; esac; }

measure() { # measure VARIANT ROUND PID ENDPOINT
	local variant=$1 round=$2 pid=$3 endpoint=$4
	local redis_before pg_before cpu_before output
	# PostgreSQL counts a backend's transactions in pg_stat_database only when it flushes its
	# statistics, up to 10 s after it goes idle: wait for that, so that each count holds the
	# measured run's transactions and no others.
	wait_for_pg_statistics "$variant"
	redis_before=$(redis_commands); pg_before=$(pg_transactions); cpu_before=$(cpu_ticks "$pid")
	output=$(wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${DURATION}s" -s benchmarks/session.lua "http://127.0.0.1:$PORT" -- "$endpoint")
	local redis_after pg_after cpu_after
	redis_after=$(redis_commands); cpu_after=$(cpu_ticks "$pid")
	wait_for_pg_statistics "$variant"
	pg_after=$(pg_transactions)
	local rps check
	rps=$(echo "$output" | awk '/^Requests\/sec:/ {print $2}')
	check=$(echo "$output" | grep '^CHECK' || echo "CHECK missing")
	# Round trips from the application to Redis: a short separate sample under MONITOR, which
	# also lists the commands a script runs ("lua]"), so those are left out of this count.
	local monitor_file sample trips
	monitor_file=$(mktemp)
	timeout 4 redis-cli -h 127.0.0.1 monitor > "$monitor_file" 2>/dev/null &
	local monitor=$!
	sleep 0.5
	sample=$(wrk -t2 -c2 -d2s -s benchmarks/session.lua "http://127.0.0.1:$PORT" -- "$endpoint" | awk '/^CHECK/ {split($2, r, "="); print r[2]}')
	wait "$monitor" 2>/dev/null || true
	trips=$(grep -v 'lua\]' "$monitor_file" | grep -vc -e '"monitor"' -e '"info"' -e '"ping"' || true)
	rm -f "$monitor_file"
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$round" "$endpoint" "$rps" \
		"$((cpu_after - cpu_before))" "$((redis_after - redis_before))" "$trips" "${sample:-0}" \
		"$((pg_after - pg_before))" "$check" >> "$RESULTS"
	echo "  $variant round $round $endpoint: $rps requests/s; $check"
}

mkdir -p "$(dirname "$RESULTS")"
printf 'variant\tround\tendpoint\trps\tcpu_ticks\tredis_commands\tredis_round_trips\tsample_requests\tpg_transactions\tcheck\n' > "$RESULTS"
echo "Variants: $VARIANTS; $ROUNDS rounds; ${WARMUP}s warm-up and ${DURATION}s measured per endpoint, -t$CONNECTIONS -c$CONNECTIONS."
for round in $(seq 1 "$ROUNDS"); do
	for variant in $VARIANTS; do
		rm -rf benchmarks/target/benchmark-sessions
		# shellcheck disable=SC2046
		java -Xms1g -Xmx1g -cp "$APP_CLASSPATH" dev.keycard.benchmarks.BenchmarkApplication \
			--server.port="$PORT" $(arguments "$variant") > "benchmarks/target/app-$variant.log" 2>&1 &
		pid=$!
		for _ in $(seq 1 120); do
			curl -s -o /dev/null "http://127.0.0.1:$PORT/read" && break
			kill -0 "$pid" 2>/dev/null || { echo "$variant did not start; see benchmarks/target/app-$variant.log" >&2; exit 1; }
			sleep 0.5
		done
		wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${WARMUP}s" -s benchmarks/session.lua "http://127.0.0.1:$PORT" -- /visits > /dev/null
		measure "$variant" "$round" "$pid" /visits
		measure "$variant" "$round" "$pid" /read
		kill "$pid"; wait "$pid" 2>/dev/null || true
	done
done

python3 benchmarks/summarize.py "$RESULTS" "$(getconf CLK_TCK)" "$DURATION"
