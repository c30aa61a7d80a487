#!/usr/bin/env bash
# Rows/s of the local engine, Spark local[1], local[2] and the 2-worker standalone cluster (.ci/spark-cluster.sh)
# on the same generated files, with the phase split from each run's metrics.json. Prints a Markdown table.
#   bench/scaling.sh                 # 2M and 10M rows
#   SIZES=2000000 bench/scaling.sh   # one size;  ENGINES="local cluster" to pick engines
# Needs the cluster started first:  bash .ci/spark-cluster.sh start   (master spark://127.0.0.1:7077)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work="$root/bench/work/scaling"
mkdir -p "$work"
master=${SPARK_CLUSTER_MASTER:-spark://127.0.0.1:7077}
sizes=${SIZES-"2000000 10000000"}
./shape --version >/dev/null

phases() { # metrics.json -> "read|fit:qtransf|fit:stdscaler|score|write"
  python3 - "$1" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))["phase_seconds"]
print("|".join("%.1f" % p[k] if k in p else "-" for k in ["read", "fit:qtransf", "fit:stdscaler", "score", "write"]))
PY
}

echo "load before: $(uptime | sed 's/.*load average: //')" >&2
echo "| rows | engine | wall s | rows/s | read | fit:qtransf | fit:stdscaler | score | write | load (1 min) |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for n in $sizes; do
  data="$work/data-$n.parquet"
  [ -e "$data" ] || ./shape generate --rows "$n" --seed 7 --output "$data" >&2
  for engine in ${ENGINES-local local[1] local[2] cluster}; do
    out="$work/out-$n"
    rm -rf "$out"
    case "$engine" in
      local) args=(--engine local) ;;
      cluster) args=(--engine spark --master "$master" --conf spark.driver.host=127.0.0.1) ;;
      *) args=(--engine spark --master "$engine") ;;
    esac
    start=$(date +%s.%N)
    ./shape score "${args[@]}" --data "$data" --output "$out" --quiet >"$work/log-$n-$engine.txt" 2>&1
    wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f", e-s}')
    rate=$(awk -v n="$n" -v w="$wall" 'BEGIN{printf "%.0f", n/w}')
    load=$(awk '{print $1}' /proc/loadavg)
    echo "| $n | $engine | $wall | $rate | $(phases "$out/metrics.json") | $load |"
  done
done
