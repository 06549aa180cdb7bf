#!/usr/bin/env bash
# Heap per session in the memory store, beside the session's JSON (see BENCHMARKS.md):
#   benchmarks/run-footprint.sh                 # 200,000 sessions of about 64, 256 and 2048 bytes
#   benchmarks/run-footprint.sh 500000 256      # another count and size
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl benchmarks -am -DskipTests -Dfuzz.skip=true -Dmaven.javadoc.skip=true package dependency:build-classpath \
	-Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
# A serial collector and one size of heap, so that "live heap after a full collection" is exact.
exec java -XX:+UseSerialGC -Xms2g -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
	dev.keycard.benchmarks.footprint.MemoryStoreFootprint "$@"
