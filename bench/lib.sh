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

run() { # name command... -> appends "seconds rss_kb" to $results/name; stdout discarded
  local name=$1; shift
  /usr/bin/time -f "%e %M" -o "$results/$name.last" "$@" > /dev/null
  cat "$results/$name.last" >> "$results/$name"
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
seconds() { cut -d' ' -f1 "$results/$1" | median; }
rss() { cut -d' ' -f2 "$results/$1" | sort -n | tail -1 | awk '{printf "%.0f", $1/1024}'; }
report() { printf '%-10s median %6.2f s   peak RSS %5s MB   all: %s\n' "$1" "$(seconds "$1")" "$(rss "$1")" "$(cut -d' ' -f1 "$results/$1" | tr '\n' ' ')"; }
datafaker_cmd=("$java" -cp "$work/datafaker/target/classes:$(cat "$work/datafaker/target/cp.txt")" PeerPopulation)
fakerjs_cmd=(node "$work/fakerjs/population.mjs")
