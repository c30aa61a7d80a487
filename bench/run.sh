#!/usr/bin/env bash
# The benchmark harness: ONE run on the same generated files of the scikit-learn baseline (the original job's
# computation, bench/baseline.py) and of shape's engines; wall time, rows/s, peak RSS (/usr/bin/time -v) and
# the ratio to scikit-learn, written as a Markdown table to bench/RESULTS.md.
#
#   bench/run.sh                      # 1M and 10M rows for everyone, 100M rows for shape local
#   SIZES="1000000" BIG= bench/run.sh # a quick run (REPEAT=1: each shape run once)
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
repeat=${REPEAT:-3}
python=$(reference/setup-venv.sh)
./shape --version >/dev/null || { echo "shape does not build" >&2; exit 1; }

rows_md=()
note() { echo "== $*" >&2; }

# measure NAME ROWS REPEAT CLEAN CMD...: runs CMD REPEAT times under /usr/bin/time (removing the folder CLEAN
# before each, "-" for none) and appends a table row: the median wall time, the highest peak RSS, every run's
# wall time. This host's speed varies by ±10% from run to run, so shape's runs are repeated; the scikit-learn
# baseline runs once (its 10M-row run alone takes minutes). The input file is read once before each run, so
# every contender starts with it in the page cache (scikit-learn's 11 GB at 10M rows evicts it): the table
# compares computation, not this machine's disk.
measure() {
  local name=$1 rows=$2 repeat=$3 clean=$4; shift 4
  local walls=() rss=0 status=ok
  for i in $(seq 1 "$repeat"); do
    local t="$work/time-$name-$rows-$i.txt" log="$work/log-$name-$rows-$i.txt"
    note "$name on $rows rows ($i/$repeat)"
    [ "$clean" = - ] || rm -rf "$clean"
    cat "$work/data-$rows.parquet" > /dev/null 2>&1
    local run=ok
    timeout "$baseline_timeout" /usr/bin/time -v -o "$t" "$@" >"$log" 2>&1 || run="failed (exit $?)"
    if grep -q "Command terminated by signal 9" "$t" 2>/dev/null || grep -qi "MemoryError\|OutOfMemory" "$log"; then
      run="out of memory"
    fi
    [ "$run" = ok ] || status=$run
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/{print $2}' "$t" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')")
    local r
    r=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$t")
    [ "${r:-0}" -gt "$rss" ] && rss=$r
    [ "$run" = ok ] || break
  done
  local wall
  wall=$(printf '%s\n' "${walls[@]}" | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
  local rate="-"
  [ "$status" = ok ] && rate=$(awk -v n="$rows" -v w="$wall" 'BEGIN{ if (w>0) printf "%.0f", n/w }')
  echo "$name|$rows|$wall|$rate|$rss|$status|$(IFS=' '; echo "${walls[*]}")" >> "$work/results.txt"
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
  measure scikit-learn "$n" 1 - "$python" bench/baseline.py --spec artifacts/pipeline.jsonc --data "$data"
  for e in $engines; do
    if [ "$e" = spark ]; then
      for m in "local[1]" "local[2]"; do
        SHAPE_JAVA_OPTS="-Xmx2g" measure "shape spark $m" "$n" "$repeat" "$work/out-$e-$n" ./shape score --engine spark --master "$m" \
          --data "$data" --output "$work/out-$e-$n" --quiet
      done
    else
      SHAPE_JAVA_OPTS="-Xmx512m" measure "shape $e" "$n" "$repeat" "$work/out-$e-$n" ./shape score --engine "$e" --data "$data" \
        --output "$work/out-$e-$n" --quiet
    fi
  done
done
if [ -n "$big" ]; then
  SHAPE_JAVA_OPTS="-Xmx512m" measure "shape local" "$big" 1 "$work/out-local-$big" ./shape score --engine local \
    --data "$work/data-$big.parquet" --output "$work/out-local-$big" --quiet
fi

# A fitted Pipeline pickle (issue 21): the seed chain fitted once on the seed table and pickled whole, scored as
# pickled by scikit-learn (Pipeline.predict) and by shape (--model without --spec) on the largest table.
fitted_rows=$(echo $sizes | awk '{print $NF}')
if [ -n "$fitted_rows" ] && [ "${FITTED:-1}" = 1 ]; then
  "$python" bench/fitted_pipeline.py make --spec artifacts/pipeline.jsonc --data data/dataset.parquet \
    --model artifacts/model.pkl --out "$work/fitted-pipeline.pkl" || exit 1
  measure "scikit-learn fitted pipeline" "$fitted_rows" 1 - "$python" bench/fitted_pipeline.py score \
    --model "$work/fitted-pipeline.pkl" --data "$work/data-$fitted_rows.parquet"
  SHAPE_JAVA_OPTS="-Xmx512m" measure "shape local fitted pipeline" "$fitted_rows" "$repeat" "$work/out-fitted" \
    ./shape score --model "$work/fitted-pipeline.pkl" --data "$work/data-$fitted_rows.parquet" \
    --output "$work/out-fitted" --quiet
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
  echo "The \"fitted pipeline\" rows score the same chain fitted once on the seed table and pickled whole (\`bench/fitted_pipeline.py\`): nothing is fitted on the data, scikit-learn runs \`Pipeline.decision_function\` and \`predict\`, shape \`score --model\` without a spec; their ratio is to that scikit-learn row."
  echo "Data: \`./shape generate --seed 42\` (seed distribution, resampled with noise). Wall time includes JVM/Python start, read, fit passes, scoring and writing predictions (shape) or predict (scikit-learn); each run starts with its input file in the page cache."
  echo
  echo "Shape's runs at $sizes rows are repeated $repeat times: wall s is their median, peak RSS the highest, the last column every run's wall time."
  echo
  echo "| run | rows | wall s | rows/s | peak RSS MiB | × scikit-learn | outcome | runs (wall s) |"
  echo "|---|---:|---:|---:|---:|---:|---|---|"
  while IFS='|' read -r name rows wall rate rss status walls; do
    # each contender against scikit-learn doing the same job: the fitted pipeline against its predict
    against="scikit-learn"
    case "$name" in *"fitted pipeline") against="scikit-learn fitted pipeline" ;; esac
    base=$(awk -F'|' -v n="$rows" -v b="$against" '$1==b && $2==n && $6=="ok" {print $4}' "$work/results.txt")
    ratio="-"
    [ -n "$base" ] && [ "$rate" != "-" ] && ratio=$(awk -v a="$rate" -v b="$base" 'BEGIN{printf "%.1f", a/b}')
    echo "| $name | $rows | $wall | $rate | $rss | $ratio | $status | $walls |"
  done < "$work/results.txt"
  echo
  echo "Parity on the ${first:-?}-row file (subsample ≥ rows), shape vs scikit-learn 1.6.1: $parity"
} > bench/RESULTS.md
[ "${SERVICES:-1}" = 1 ] && bench/services.sh >/dev/null
cat bench/RESULTS.md
