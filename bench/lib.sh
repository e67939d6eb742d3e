# Shared by the bench scripts: JDK, peers built once beside the project, timing and medians.
# Sourced with $root set to the repository root.
peers_src=${AZT3KNET_PEERS:-$root/../shared/bench/peers}
work=$root/bench/peers-build
. "$root/.mvn/find-jdk.sh"
java="$JAVA_HOME/bin/java"

[ -x /usr/bin/time ] || { echo "bench: needs GNU time: apt-get install -y time" >&2; exit 1; }
[ -d "$peers_src" ] || { echo "bench: peers not found at $peers_src (set AZT3KNET_PEERS)" >&2; exit 1; }

# Build once: the peers are copied out of ../shared (read-only) and built beside the project.
if [ ! -f "$work/datafaker/target/cp.txt" ] || [ ! -d "$work/fakerjs/node_modules" ]; then
  echo "bench: building peers in $work ..." >&2
  rm -rf "$work" && mkdir -p "$work" && cp -r "$peers_src"/. "$work"/
  (cd "$work/datafaker" && "$root/mvnw" -q -B package dependency:build-classpath -Dmdep.outputFile=target/cp.txt) >&2
  (cd "$work/fakerjs" && npm install --no-audit --no-fund --silent) >&2
fi
"$root/azt3knet" --version >/dev/null # builds the CLI if needed, and makes its start-up cache

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# Where each run's stdout goes: /dev/null (devnull), a file beside the project (file: a real write to disk, as
# users do; removed and synced after each run, outside the timing), or a pipe into wc -c (pipe). Default devnull.
sink=${AZT3KNET_BENCH_SINK:-devnull}
sink_file=${AZT3KNET_BENCH_FILE:-$root/bench/.sink.ndjson}
case $sink in
  devnull | file | pipe) ;;
  *) echo "bench: AZT3KNET_BENCH_SINK='$sink' is not a sink; use devnull, file or pipe" >&2; exit 2 ;;
esac

run() { # name command... -> appends "seconds rss_kb bytes" to $results/name (bytes 0 for devnull)
  local name=$1; shift
  local bytes=0
  case $sink in
    devnull) /usr/bin/time -f "%e %M" -o "$results/$name.last" "$@" > /dev/null ;;
    file)
      /usr/bin/time -f "%e %M" -o "$results/$name.last" "$@" > "$sink_file"
      bytes=$(stat -c %s "$sink_file")
      rm -f "$sink_file" && sync ;;
    pipe)
      # time measures the producer; wc reads every byte as it comes, like any consumer that keeps up
      bytes=$( { /usr/bin/time -f "%e %M" -o "$results/$name.last" "$@"; } | wc -c) ;;
  esac
  echo "$(cat "$results/$name.last") $bytes" >> "$results/$name"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
seconds() { cut -d' ' -f1 "$results/$1" | median; }
rss() { cut -d' ' -f2 "$results/$1" | sort -n | tail -1 | awk '{printf "%.0f", $1/1024}'; }
mbytes() { cut -d' ' -f3 "$results/$1" | tail -1 | awk '{printf "%.0f", $1/1000000}'; }
report() {
  local out=""
  [ "$sink" = devnull ] || out=$(printf '   output %5s MB' "$(mbytes "$1")")
  printf '%-10s median %6.2f s   peak RSS %5s MB%s   all: %s\n' "$1" "$(seconds "$1")" "$(rss "$1")" "$out" "$(cut -d' ' -f1 "$results/$1" | tr '\n' ' ')"
}
datafaker_cmd=("$java" -cp "$work/datafaker/target/classes:$(cat "$work/datafaker/target/cp.txt")" PeerPopulation)
fakerjs_cmd=(node "$work/fakerjs/population.mjs")
