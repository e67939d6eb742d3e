#!/usr/bin/env bash
# JMH benchmarks of the generator core (benchmarks/). Scores are agents per second.
#   bench/jmh.sh                         # all benchmarks, 2 threads
#   bench/jmh.sh GeneratorBenchmark.profiles -p threads=1,2
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/.mvn/find-jdk.sh"
(cd "$root" && ./mvnw -q -B package -DskipTests -pl benchmarks -am \
  && ./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt) >&2
exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")" \
  org.openjdk.jmh.Main "${@:-GeneratorBenchmark}"
