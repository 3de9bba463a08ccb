#!/usr/bin/env bash
# The whole-process benchmark of issue 9: connectorize against the floor (serde_json parse to a
# Value + pretty write, `connectorize-floor`), back to back in the same run, for every input.
#
#   converters/bench/run.sh            # everything (about 10 minutes on 2 cores)
#   BENCH_QUICK=1 converters/bench/run.sh   # skips the 160 MB collection
#
# Environment: BENCH_DIR (work folder, default /tmp/connectorize-bench; inputs are generated
# there, never in the repository), CONNECTORIZE_SHARED (the shared folder with corpus/,
# default ../shared beside the repository), BENCH_RUNS (hyperfine runs for small inputs,
# default 5), BENCH_SIZES (Postman sizes in MB, default "1 16 160"), CARGO_TARGET_DIR.
# Wall time is hyperfine's mean; peak memory is /usr/bin/time's maximum resident set size
# of one more run. Ratios are connectorize / floor.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${BENCH_DIR:-/tmp/connectorize-bench}
SHARED=${CONNECTORIZE_SHARED:-$ROOT/../shared}
RUNS=${BENCH_RUNS:-5}
SIZES=${BENCH_SIZES:-1 16 160}
if [ -n "${BENCH_QUICK:-}" ]; then SIZES=${BENCH_SIZES:-1 16}; fi
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
BIN=$CARGO_TARGET_DIR/release

need() { command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; }
if ! need hyperfine || ! need /usr/bin/time; then
  echo "installing hyperfine and time" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq hyperfine time >/dev/null
fi

echo "building (release)" >&2
(cd "$ROOT" && cargo build --release -q -p connectorize -p connectorize-bench --bins)

mkdir -p "$WORK/in" "$WORK/out"
GEN=$BIN/connectorize-gen
FLOOR=$BIN/connectorize-floor
CZ=$BIN/connectorize

# Inputs: generated once per size and seed (deterministic, so a file on disk is reused).
for mb in $SIZES; do
  f=$WORK/in/postman-${mb}mb/collection.json
  if [ ! -s "$f" ]; then
    mkdir -p "$(dirname "$f")"
    echo "generating a ${mb} MB collection" >&2
    "$GEN" postman --mb "$mb" --seed 1 --out "$f" >/dev/null
  fi
done
APIM=$WORK/in/apim-500x20
if [ ! -d "$APIM/apis" ]; then
  echo "generating an APIOps bundle of 500 APIs x 20 operations" >&2
  rm -rf "$APIM"
  "$GEN" apim --apis 500 --operations 20 --seed 1 --out "$APIM" >/dev/null
fi

TABLE=$WORK/table.md
printf '| input | MB | connectorize s | MB/s | peak MB | floor s | floor peak MB | time ratio | memory ratio |\n' >"$TABLE"
printf '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n' >>"$TABLE"

mb_of() { find "$1" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.1f", s / 1000000}'; }
peak() { # peak resident set in MB of one run of "$@"
  /usr/bin/time -f %M -o "$WORK/rss" "$@" >/dev/null 2>&1 || true
  awk '{printf "%.0f", $1 / 1024}' "$WORK/rss"
}
mean() { # mean seconds of the command named $2 in hyperfine's CSV $1
  awk -F, -v n="$2" '$1 == n {printf "%.3f", $2}' "$1"
}

# bench NAME INPUT-FOR-SIZE RUNS CONNECTORIZE-CMD FLOOR-CMD [ENV...]: one row of the table.
bench() {
  local name=$1 input=$2 runs=$3 cz=$4 fl=$5
  local csv=$WORK/out/$name.csv size
  size=$(mb_of "$input")
  echo "== $name ($size MB)" >&2
  hyperfine -N --style none --runs "$runs" -i --export-csv "$csv" \
    --prepare "rm -rf $WORK/out/$name-c $WORK/out/$name-f" \
    -n connectorize "$cz" -n floor "$fl" >&2
  local ct ft cm fm
  ct=$(mean "$csv" connectorize)
  ft=$(mean "$csv" floor)
  rm -rf "$WORK/out/$name-c" "$WORK/out/$name-f"
  # shellcheck disable=SC2086
  cm=$(peak $cz)
  # shellcheck disable=SC2086
  fm=$(peak $fl)
  awk -v n="$name" -v s="$size" -v ct="$ct" -v ft="$ft" -v cm="$cm" -v fm="$fm" 'BEGIN {
    printf "| %s | %s | %.3f | %.1f | %d | %.3f | %d | %.2f | %.2f |\n",
      n, s, ct, s / ct, cm, ft, fm, ct / ft, cm / fm }' | tee -a "$TABLE" >&2
}

for mb in $SIZES; do
  in=$WORK/in/postman-${mb}mb/collection.json
  runs=$RUNS
  if [ "$mb" -ge 100 ]; then runs=1; elif [ "$mb" -ge 10 ]; then runs=3; fi
  bench "postman-${mb}mb" "$in" "$runs" \
    "$CZ convert $in -o $WORK/out/postman-${mb}mb-c -q" \
    "$FLOOR $in $WORK/out/postman-${mb}mb-f"
done

if [ -d "$SHARED/corpus/postman" ]; then
  for in in $(ls -S "$SHARED"/corpus/postman/*.json | sed -n 1,4p); do
    name=corpus-$(basename "$in" .json)
    bench "$name" "$in" "$RUNS" \
      "$CZ convert $in -o $WORK/out/$name-c -q" \
      "$FLOOR $in $WORK/out/$name-f"
  done
else
  echo "no corpus at $SHARED/corpus/postman: set CONNECTORIZE_SHARED" >&2
fi

for threads in 1 2; do
  export RAYON_NUM_THREADS=$threads
  bench "apim-500x20-${threads}core" "$APIM" 3 \
    "$CZ convert $APIM -o $WORK/out/apim-500x20-${threads}core-c -q" \
    "$FLOOR $APIM $WORK/out/apim-500x20-${threads}core-f"
done
unset RAYON_NUM_THREADS

# validate and diff of the largest connector written above, against the floor of reading its
# files (the definition and the properties; both sides' for diff). Copied to a plain path.
def=$(ls -S "$WORK"/out/*-c/*/apiDefinition.swagger.json | sed -n 1p)
conn=$WORK/out/largest
edited=$WORK/out/largest-edited
rm -rf "$conn" "$edited"
cp -r "$(dirname "$def")" "$conn"
cp -r "$conn" "$edited"
sed -i '0,/"summary": "/s//"summary": "Edited /' "$edited/apiDefinition.swagger.json"
echo "largest connector: $def" >&2
bench "validate-largest" "$conn/apiDefinition.swagger.json" "$RUNS" \
  "$CZ validate $conn" \
  "$FLOOR --read $conn/apiDefinition.swagger.json $conn/apiProperties.json"
bench "diff-largest" "$conn/apiDefinition.swagger.json" "$RUNS" \
  "$CZ diff $edited $conn" \
  "$FLOOR --read $conn/apiDefinition.swagger.json $conn/apiProperties.json $edited/apiDefinition.swagger.json $edited/apiProperties.json"

echo
echo "connectorize $(git -C "$ROOT" rev-parse --short HEAD), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
cat "$TABLE"
