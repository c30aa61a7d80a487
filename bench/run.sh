#!/usr/bin/env bash
# The benchmark harness: ONE run on the same generated files of the scikit-learn baseline (the original job's
# computation, bench/baseline.py) and of shape's engines; wall time, rows/s, peak RSS (/usr/bin/time -v) and
# the ratio to scikit-learn, written as a Markdown table to bench/RESULTS.md.
#
#   bench/run.sh                      # 1M and 10M rows for everyone, 100M rows for shape local
#   SIZES="1000000" BIG= bench/run.sh # a quick run
#
# scikit-learn is expected to fail at the larger sizes (memory): the table records how, it does not hide it.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work="$root/bench/work"
mkdir -p "$work"
sizes=${SIZES-"1000000 10000000"}
big=${BIG-100000000}
engines=${ENGINES-"local spark"}
baseline_timeout=${BASELINE_TIMEOUT:-1800}
python=$(reference/setup-venv.sh)
./shape --version >/dev/null || { echo "shape does not build" >&2; exit 1; }

rows_md=()
note() { echo "== $*" >&2; }

# measure NAME ROWS CMD...: runs CMD under /usr/bin/time, appends a table row. The input file is read once
# first, so every contender starts with it in the page cache (scikit-learn's 11 GB at 10M rows evicts it):
# the table compares computation, not this machine's disk.
measure() {
  local name=$1 rows=$2; shift 2
  local t="$work/time-$name-$rows.txt" log="$work/log-$name-$rows.txt"
  note "$name on $rows rows"
  cat "$work/data-$rows.parquet" > /dev/null 2>&1
  local status=ok
  timeout "$baseline_timeout" /usr/bin/time -v -o "$t" "$@" >"$log" 2>&1 || status="failed (exit $?)"
  if grep -q "Command terminated by signal 9" "$t" 2>/dev/null || grep -qi "MemoryError\|OutOfMemory" "$log"; then
    status="out of memory"
  fi
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$t" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$t")
  local rate="-"
  [ "$status" = ok ] && rate=$(awk -v n="$rows" -v w="$wall" 'BEGIN{ if (w>0) printf "%.0f", n/w }')
  echo "$name|$rows|$wall|$rate|$rss|$status" >> "$work/results.txt"
}

: > "$work/results.txt"
all_sizes="$sizes"
[ -n "$big" ] && all_sizes="$sizes $big"
for n in $all_sizes; do
  data="$work/data-$n.parquet"
  [ -e "$data" ] || { note "generating $n rows"; ./shape generate --rows "$n" --seed 42 --output "$data" >&2 || exit 1; }
done

for n in $sizes; do
  data="$work/data-$n.parquet"
  measure scikit-learn "$n" "$python" bench/baseline.py --spec artifacts/pipeline.jsonc --data "$data"
  for e in $engines; do
    rm -rf "$work/out-$e-$n"
    if [ "$e" = spark ]; then
      for m in "local[1]" "local[2]"; do
        rm -rf "$work/out-$e-$n"
        SHAPE_JAVA_OPTS="-Xmx2g" measure "shape spark $m" "$n" ./shape score --engine spark --master "$m" \
          --data "$data" --output "$work/out-$e-$n" --quiet
      done
    else
      SHAPE_JAVA_OPTS="-Xmx512m" measure "shape $e" "$n" ./shape score --engine "$e" --data "$data" \
        --output "$work/out-$e-$n" --quiet
    fi
  done
done
if [ -n "$big" ]; then
  rm -rf "$work/out-local-$big"
  SHAPE_JAVA_OPTS="-Xmx512m" measure "shape local" "$big" ./shape score --engine local \
    --data "$work/data-$big.parquet" --output "$work/out-local-$big" --quiet
fi

# Parity at scale: scikit-learn and shape on the same 1M-row file, QuantileTransformer subsample >= rows.
parity="not run"
first=$(echo $sizes | awk '{print $1}')
if [ -n "$first" ]; then
  sed "s/\"output_distribution\":\"normal\"/\"output_distribution\":\"normal\", \"subsample\": $first/" \
    artifacts/pipeline.jsonc > "$work/pipeline-full-sample.jsonc"
  cp artifacts/model.pkl "$work/model.pkl"
  sed -i "s#\"artifacts/model.pkl\"#\"$work/model.pkl\"#" "$work/pipeline-full-sample.jsonc"
  rm -rf "$work/parity"
  "$python" bench/baseline.py --spec "$work/pipeline-full-sample.jsonc" --data "$work/data-$first.parquet" \
      --predictions "$work/parity-sklearn.csv" >/dev/null 2>&1 \
    && ./shape score --spec "$work/pipeline-full-sample.jsonc" --data "$work/data-$first.parquet" --format csv \
      --output "$work/parity" --quiet \
    && parity=$("$python" bench/compare.py "$work/parity-sklearn.csv" "$work/parity/predictions")
fi

{
  echo "# Benchmark results"
  echo
  echo "One run of \`bench/run.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(java -version 2>&1 | head -1)."
  echo "Load average when the run ended: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows both sides)."
  echo "Pipeline: the seed spec (PolynomialFeatures(2) → QuantileTransformer(normal) → PolynomialFeatures(2) → StandardScaler → OneClassSVM, 39 SVs × 66)."
  echo "Data: \`./shape generate --seed 42\` (seed distribution, resampled with noise). Wall time includes JVM/Python start, read, fit passes, scoring and writing predictions (shape) or predict (scikit-learn); each run starts with its input file in the page cache."
  echo
  echo "| run | rows | wall s | rows/s | peak RSS MiB | × scikit-learn | outcome |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  while IFS='|' read -r name rows wall rate rss status; do
    base=$(awk -F'|' -v n="$rows" '$1=="scikit-learn" && $2==n && $6=="ok" {print $4}' "$work/results.txt")
    ratio="-"
    [ -n "$base" ] && [ "$rate" != "-" ] && ratio=$(awk -v a="$rate" -v b="$base" 'BEGIN{printf "%.1f", a/b}')
    echo "| $name | $rows | $wall | $rate | $rss | $ratio | $status |"
  done < "$work/results.txt"
  echo
  echo "Parity on the ${first:-?}-row file (subsample ≥ rows), shape vs scikit-learn 1.6.1: $parity"
} > bench/RESULTS.md
[ "${SERVICES:-1}" = 1 ] && bench/services.sh >/dev/null
cat bench/RESULTS.md
