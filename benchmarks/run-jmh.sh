#!/usr/bin/env bash
# JMH benchmarks of the codec and the stores; arguments go to JMH, for example:
#   benchmarks/run-jmh.sh CodecBenchmark
#   benchmarks/run-jmh.sh StoreBenchmark -p store=redis,jdbc
#   benchmarks/run-jmh.sh CodecBenchmark -prof gc
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -pl benchmarks -am -DskipTests -Dfuzz.skip=true -Dmaven.javadoc.skip=true package dependency:build-classpath \
	-Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=runtime
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main "$@"
