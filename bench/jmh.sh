#!/usr/bin/env bash
# JMH benchmarks (benchmarks/): the generator core (agents per second) and the responder's filters (time per message).
#   bench/jmh.sh                         # all benchmarks, 2 threads
#   bench/jmh.sh GeneratorBenchmark.profiles -p threads=1,2
#   bench/jmh.sh ReplyFiltersBenchmark     # average time of the filters per message
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/.mvn/find-jdk.sh"
# one reactor run: the class path names this checkout's freshly built modules, never older snapshots in ~/.m2
(cd "$root" && ./mvnw -q -B package dependency:build-classpath -DskipTests -pl benchmarks -am \
  -Dmdep.outputFile=target/classpath.txt) >&2
exec "$JAVA_HOME/bin/java" -XX:+UseSerialGC -cp "$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/classpath.txt")" \
  org.openjdk.jmh.Main "${@:-GeneratorBenchmark}"
