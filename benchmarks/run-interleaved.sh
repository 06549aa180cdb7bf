#!/usr/bin/env bash
# The end-to-end benchmark, interleaved (see BENCHMARKS.md and interleaved.py): every variant in
# a JVM of its own, each warmed until steady, then measured in shuffled short slices.
#
#   benchmarks/run-interleaved.sh                                  # Keycard's stores against no session
#   VARIANTS="none keycard-cookie keycard-memory" benchmarks/run-interleaved.sh
#   BEFORE=/path/to/other/checkout benchmarks/run-interleaved.sh   # adds that build's keycard-* as before-*
#   ROUNDS=3 SLICE=2 benchmarks/run-interleaved.sh                 # a quick check that everything works
#   VARIANTS="none none-vt keycard-cookie keycard-cookie-vt" ...    # -jdk25: Temurin 25; -vt: Temurin 25, virtual threads
#   VARIANTS="spring-session-redis keycard-redis keycard-redis-jedis keycard-redis-near" BASELINE=spring-session-redis ...
#
# A variant's name is a base (the list in arguments() below) and optional suffixes: -jedis runs
# it with Jedis instead of Lettuce on the classpath (Boot configures whichever is there), -jdk25
# on Temurin 25 ($JDK25), -vt on Temurin 25 with spring.threads.virtual.enabled=true.
#
# BEFORE names another checkout whose benchmark application is built (mvn -pl benchmarks -am
# package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt); its Keycard
# variants run beside this build's, in the same rounds.
# Needs wrk (Debian package wrk), python3, and for the store variants the local Redis and
# PostgreSQL (../shared/services.md).
set -euo pipefail
cd "$(dirname "$0")/.."

VARIANTS=${VARIANTS:-"none static-cookie keycard-cookie keycard-encrypted keycard-memory"}
BASELINE=${BASELINE:-none}
ROUNDS=${ROUNDS:-10}
SLICE=${SLICE:-4}
CONNECTIONS=${CONNECTIONS:-4}
JDK25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

echo "Building the benchmark application..."
mvn -q -B -pl benchmarks -am -DskipTests -Dfuzz.skip=true -Dmaven.javadoc.skip=true package dependency:build-classpath \
	-Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
if [[ " $VARIANTS " == *-jedis* ]]; then
	mvn -q -B -pl benchmarks -am -Pjedis -DskipTests -Dfuzz.skip=true -Dmaven.javadoc.skip=true package dependency:build-classpath \
		-Dmdep.outputFile=target/classpath-jedis.txt -Dmdep.includeScope=runtime
fi
classpath_of() { # classpath_of CHECKOUT [jedis]
	echo "$1/benchmarks/target/classes:$(cat "$1/benchmarks/target/classpath${2:+-$2}.txt")"
}

KEYCARD=dev.keycard.session.autoconfigure.SessionAutoConfiguration
KEYCARD_METRICS=dev.keycard.session.autoconfigure.SessionMetricsAutoConfiguration
SPRING_SESSION=org.springframework.boot.session.autoconfigure.SessionAutoConfiguration
SPRING_SESSION_JDBC=org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration
NOT_SPRING_SESSION="--spring.autoconfigure.exclude=$SPRING_SESSION,$SPRING_SESSION_JDBC"
arguments() { # the application's arguments for a variant
	case "$1" in
		none) echo "--spring.profiles.active=none --spring.autoconfigure.exclude=$KEYCARD,$SPRING_SESSION,$SPRING_SESSION_JDBC" ;;
		static-cookie) echo "--spring.profiles.active=static-cookie --spring.autoconfigure.exclude=$KEYCARD,$SPRING_SESSION,$SPRING_SESSION_JDBC" ;;
		keycard-cookie) echo "--spring.profiles.active=keycard $NOT_SPRING_SESSION" ;;
		keycard-cookie-no-metrics) echo "--spring.profiles.active=keycard --spring.autoconfigure.exclude=$SPRING_SESSION,$SPRING_SESSION_JDBC,$KEYCARD_METRICS" ;;
		keycard-encrypted) echo "--spring.profiles.active=keycard --app.session.encrypt=true $NOT_SPRING_SESSION" ;;
		keycard-memory|keycard-file|keycard-redis|keycard-jdbc)
			echo "--spring.profiles.active=keycard --app.session.store=${1#keycard-} --app.session.redis.key-prefix=keycard:benchmark:$$: $NOT_SPRING_SESSION" ;;
		keycard-redis-near)
			echo "--spring.profiles.active=keycard --app.session.store=redis --app.session.redis.near-cache.enabled=true --app.session.redis.key-prefix=keycard:benchmark:near:$$: $NOT_SPRING_SESSION" ;;
		tomcat) echo "--spring.profiles.active=http-session --spring.autoconfigure.exclude=$KEYCARD,$SPRING_SESSION,$SPRING_SESSION_JDBC" ;;
		spring-session-redis) echo "--spring.profiles.active=http-session,spring-session-redis --spring.autoconfigure.exclude=$KEYCARD,$SPRING_SESSION,$SPRING_SESSION_JDBC" ;;
		spring-session-jdbc) echo "--spring.profiles.active=http-session --spring.autoconfigure.exclude=$KEYCARD" ;;
		*) echo "unknown variant $1" >&2; exit 1 ;;
	esac
}

specs=()
for variant in $VARIANTS; do
	base=$variant client="" java="" threads=""
	case "$base" in *-vt) base=${base%-vt} java=$JDK25/bin/java threads=" --spring.threads.virtual.enabled=true" ;; esac
	case "$base" in *-jdk25) base=${base%-jdk25} java=$JDK25/bin/java ;; esac
	case "$base" in *-jedis) base=${base%-jedis} client=jedis ;; esac
	specs+=(--variant "$variant=$(classpath_of . "$client")::$(arguments "$base")$threads --app.session.file.directory=target/sessions-$variant${java:+::$java}")
	if [ -n "${BEFORE:-}" ] && [[ $variant == keycard-* ]]; then
		specs+=(--variant "before-${variant#keycard-}=$(classpath_of "$BEFORE" "$client")::$(arguments "$base")$threads --app.session.file.directory=target/sessions-before-$variant${java:+::$java}")
	fi
done
mkdir -p benchmarks/target
exec python3 benchmarks/interleaved.py "${specs[@]}" --baseline "$BASELINE" --rounds "$ROUNDS" --slice "$SLICE" \
	--connections "$CONNECTIONS" --json benchmarks/target/interleaved.json "$@"
