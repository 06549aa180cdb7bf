#!/usr/bin/env bash
# A CPU profile of one variant of the benchmark application under wrk, with async-profiler
# (from Maven Central), taken once the JVM is steady; prints where the time went per request,
# Keycard's frames apart, and keeps the collapsed stacks for a flame graph.
#
#   benchmarks/run-profile.sh keycard-memory /read          # variant names as in run-interleaved.sh
#   EVENT=alloc benchmarks/run-profile.sh keycard-cookie /visits   # allocations instead of CPU
#
# Needs wrk and a quiet machine; the variant list and arguments are run-interleaved.sh's.
set -euo pipefail
cd "$(dirname "$0")/.."
VARIANT=${1:?variant} ENDPOINT=${2:-/visits}
SECONDS_PROFILED=${SECONDS_PROFILED:-20} CONNECTIONS=${CONNECTIONS:-4} EVENT=${EVENT:-cpu}
PROFILER_VERSION=4.1
jar=$HOME/.m2/repository/tools/profiler/async-profiler/$PROFILER_VERSION/async-profiler-$PROFILER_VERSION.jar
[ -f "$jar" ] || mvn -q -B dependency:get -Dartifact=tools.profiler:async-profiler:$PROFILER_VERSION
library=benchmarks/target/async-profiler/linux-x64/libasyncProfiler.so
[ -f "$library" ] || unzip -q -o "$jar" 'linux-x64/*' -d benchmarks/target/async-profiler
out=benchmarks/target/profile-$VARIANT${ENDPOINT//\//-}-$EVENT.collapsed
rm -f "$out.pid"
# The warm-up and the application come from the interleaved harness, with one variant and no rounds.
VARIANTS=$VARIANT BASELINE=$VARIANT ROUNDS=0 benchmarks/run-interleaved.sh --keep-running "$out.pid" --warmup-limit "${WARMUP_LIMIT:-150}" &
harness=$!
while [ ! -s "$out.pid" ]; do kill -0 $harness 2>/dev/null || { echo "the harness stopped" >&2; exit 1; }; sleep 1; done
read -r pid port java < "$out.pid"
jcmd=$(dirname "$java")/jcmd
# jcmd reads KEY=VALUE arguments: the agent's options go quoted, as one.
"$jcmd" "$pid" JVMTI.agent_load "$PWD/$library" "\"start,event=$EVENT,interval=${INTERVAL:-100us}\"" > /dev/null
check=$(wrk -t"$CONNECTIONS" -c"$CONNECTIONS" -d"${SECONDS_PROFILED}s" -s benchmarks/session.lua "http://127.0.0.1:$port" -- "$ENDPOINT" | grep -E '^(Requests/sec|CHECK)')
"$jcmd" "$pid" JVMTI.agent_load "$PWD/$library" "\"stop,collapsed,file=$PWD/$out\"" > /dev/null
kill "$harness"; wait "$harness" 2>/dev/null || true
echo "$check"
requests=$(echo "$check" | awk '/^CHECK/ {split($2, r, "="); print r[2]}')
python3 benchmarks/profile_summary.py "$out" "$requests" "$EVENT"
