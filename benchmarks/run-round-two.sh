#!/usr/bin/env bash
# The full end-to-end run behind BENCHMARKS.md (issue 14): two groups of variants on the
# interleaved harness, each group against its own baseline, results in benchmarks/target/RUN/.
#
#   benchmarks/run-round-two.sh run-1       # about 40 minutes on 2 cores
#   benchmarks/run-round-two.sh run-2 && python3 benchmarks/interleaved.py --compare \
#       benchmarks/target/run-1/in-process.json benchmarks/target/run-2/in-process.json
#
# In-process: no session, the bytes of a cookie with no session work, Keycard's cookie (signed
# and encrypted) and memory stores, Tomcat's HttpSession, and no session and the cookie store
# on Temurin 25 with virtual threads. Stores: Keycard and Spring Session on Redis (Lettuce,
# Jedis, virtual threads, Keycard's near cache) and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
RUN=${1:?name of the run, for example run-1}
mkdir -p "benchmarks/target/$RUN"
# Each round's own ratio of an in-process variant spans ±15-30% on such a machine: with 8
# rounds, two runs' medians came up to 10% apart; 16 rounds halve the variance of a median.
# The stores' ratios are steadier (14 of 16 within 5% at 8 rounds).
export SLICE=${SLICE:-3}
ROUNDS=${IN_PROCESS_ROUNDS:-16} VARIANTS="none static-cookie keycard-cookie keycard-encrypted keycard-memory tomcat none-vt keycard-cookie-vt" \
	BASELINE=none benchmarks/run-interleaved.sh --warmup-limit 90 --json "benchmarks/target/$RUN/in-process.json" \
	2>&1 | tee "benchmarks/target/$RUN/in-process.txt"
ROUNDS=${STORE_ROUNDS:-12} VARIANTS="spring-session-redis keycard-redis keycard-redis-near keycard-redis-jedis spring-session-redis-jedis keycard-redis-vt spring-session-redis-vt spring-session-jdbc keycard-jdbc" \
	BASELINE=spring-session-redis benchmarks/run-interleaved.sh --warmup-limit 90 --json "benchmarks/target/$RUN/stores.json" \
	2>&1 | tee "benchmarks/target/$RUN/stores.txt"
