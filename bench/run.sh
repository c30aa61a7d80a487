#!/usr/bin/env bash
# The benchmark harness: ONE run on the same generated files of the scikit-learn baseline (the original job's
# computation, bench/baseline.py) and of shape's engines; wall time, rows/s, peak RSS (/usr/bin/time -v) and
# the ratio to scikit-learn, written as a Markdown table to bench/RESULTS.md (RESULTS=<file> for a partial run).
#
#   bench/run.sh                      # 1M and 10M rows for everyone, 100M rows for shape local
#   SIZES="1000000" BIG= bench/run.sh # a quick run (REPEAT=1: each shape run once)
#   SIZES=100000 BIG= REPEAT=1 SERVICES=0 SEED_ROWS=0 FITTED=0 bench/run.sh   # only the tree and stage rows
#
# Groups of rows, each on unless its switch is 0:
#   SEED_ROWS  the seed spec (fitted on the data) by scikit-learn and shape's engines at each of $SIZES, shape
#              local at $BIG, and the seed parity line on the first size
#   FITTED     the seed chain pickled as one fitted Pipeline (bench/fitted_pipeline.py), at the largest size
#   TREES      StandardScaler → IsolationForest and → RandomForestClassifier fitted Pipelines
#              (bench/tree_pipelines.py, trained on a generated 200k-row table): scikit-learn, shape local and
#              shape spark local[2] at the largest size, parity with scikit-learn on the first size (issue 22)
#   STAGES     the Spark ML stage ShapeModel.from_pickle(fitted pipeline).transform from PySpark
#              (bench/stage_transform.py, dist/shape-spark-<version>.jar) against ./shape score --engine spark
#              on the same pickle and file, at the largest size (issue 23); STAGE_SPEC=0 leaves out its spec
#              variant (ShapeEstimator(seed spec).fit(df).transform(df) against ./shape score --engine spark)
#   TEXTS      a spec whose OneHotEncoder is fitted on the table's text, category and int columns
#              (reference/fixtures/spec-encoders/onehot_texts_logreg, bench/spec_encoders.py): scikit-learn, shape
#              local and shape spark local[2] at the largest size, parity with scikit-learn on the first (issue 21)
#   SERVICES   bench/services.sh appended after the table (COPY into PostgreSQL, gRPC load)
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
seed_rows=${SEED_ROWS:-1}
fitted=${FITTED:-1}
trees=${TREES:-1}
stages=${STAGES:-1}
stage_spec=${STAGE_SPEC:-1}
texts=${TEXTS:-1}
results=${RESULTS:-bench/RESULTS.md}
python=$(reference/setup-venv.sh)
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
stage_jar="$root/dist/shape-spark-$version.jar"
if [ "$stages" = 1 ]; then
  # The jar a Spark user puts on the application's classpath (README, "Use shape from Spark"), built before
  # ./shape's first run below so that run, not a measured one, remakes the class archive the build outdates.
  if [ ! -f "$stage_jar" ] || [ -n "$(find "$root" \( -name target -o -name '.*' \) -prune -o \
      \( -name '*.java' -o -name pom.xml -o -path '*/src/main/resources/*' \) -newer "$stage_jar" -print -quit)" ]; then
    echo "== building $stage_jar" >&2
    ./mvnw -q -B -Pdist -DskipTests package >&2 || { echo "the dist jar does not build" >&2; exit 1; }
  fi
  pyspark_python=$(bash .ci/pyspark-venv.sh) || { echo "no PySpark venv" >&2; exit 1; }
fi
./shape --version >/dev/null || { echo "shape does not build" >&2; exit 1; }

rows_md=()
note() { echo "== $*" >&2; }

# parity_of NAME SCRIPT ARGS... -- SHAPE_ARGS...: scikit-learn's predictions (the bench script SCRIPT with ARGS and
# --predictions) against `shape score SHAPE_ARGS`' CSV predictions of the same input: bench/compare.py's line (label
# flips, the largest differences), or "not run" when a side fails
parity_of() {
  local name=$1 sklearn=()
  shift
  while [ "$1" != -- ]; do sklearn+=("$1"); shift; done
  shift
  rm -rf "$work/parity-$name"
  "$python" "${sklearn[@]}" --predictions "$work/parity-$name-sklearn.csv" >/dev/null 2>&1 \
    && ./shape score "$@" --format csv --output "$work/parity-$name" --quiet \
    && "$python" bench/compare.py "$work/parity-$name-sklearn.csv" "$work/parity-$name/predictions" 2>&1 \
    || echo "not run"
}

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
    # a command that runs more after its timed job (the stage's --again runs) reports the job's own wall time
    local own
    own=$(grep -o '"total_s": [0-9.]*' "$log" | tail -1 | awk '{print $2}')
    [ -n "$own" ] && walls[${#walls[@]}-1]=$(awk -v w="$own" 'BEGIN{printf "%.2f", w}')
    local r
    r=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$t")
    [ "${r:-0}" -gt "$rss" ] && rss=$r
    # a command whose processes /usr/bin/time cannot see (the JVM PySpark starts) reports its own peak
    r=$(grep -o '"peak_rss_mib": [0-9]*' "$log" | tail -1 | awk '{print $2}')
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
largest=$(echo $sizes | awk '{print $NF}')
first=$(echo $sizes | awk '{print $1}')
all_sizes="$sizes"
[ -n "$big" ] && [ "$seed_rows" = 1 ] && all_sizes="$sizes $big"
for n in $all_sizes; do
  data="$work/data-$n.parquet"
  [ -e "$data" ] || { note "generating $n rows"; ./shape generate --rows "$n" --seed 42 --output "$data" >&2 || exit 1; }
done

if [ "$seed_rows" = 1 ]; then
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
fi

# A fitted Pipeline pickle (issue 21): the seed chain fitted once on the seed table and pickled whole, scored as
# pickled by scikit-learn (Pipeline.predict) and by shape (--model without --spec) on the largest table. The
# stage rows below score the same pickle.
if [ -n "$largest" ] && { [ "$fitted" = 1 ] || [ "$stages" = 1 ]; }; then
  "$python" bench/fitted_pipeline.py make --spec artifacts/pipeline.jsonc --data data/dataset.parquet \
    --model artifacts/model.pkl --out "$work/fitted-pipeline.pkl" || exit 1
fi
if [ -n "$largest" ] && [ "$fitted" = 1 ]; then
  measure "scikit-learn fitted pipeline" "$largest" 1 - "$python" bench/fitted_pipeline.py score \
    --model "$work/fitted-pipeline.pkl" --data "$work/data-$largest.parquet"
  SHAPE_JAVA_OPTS="-Xmx512m" measure "shape local fitted pipeline" "$largest" "$repeat" "$work/out-fitted" \
    ./shape score --model "$work/fitted-pipeline.pkl" --data "$work/data-$largest.parquet" \
    --output "$work/out-fitted" --quiet
fi

# Tree models (issue 22): StandardScaler → IsolationForest(100 trees) and StandardScaler →
# RandomForestClassifier(100 trees, max_depth 12), each fitted as one Pipeline on a 200k-row table generated with
# another seed (bench/tree_pipelines.py make), scored as pickled by scikit-learn and by shape on the largest
# table; parity of their predictions on the first size.
tree_kinds="iforest forest"
tree_parity=()
if [ -n "$largest" ] && [ "$trees" = 1 ]; then
  train="$work/train-200000.parquet"
  [ -e "$train" ] || { note "generating the 200000-row training table"; \
    ./shape generate --rows 200000 --seed 7 --output "$train" >&2 || exit 1; }
  for k in $tree_kinds; do
    note "fitting the $k pipeline"
    "$python" bench/tree_pipelines.py make --kind "$k" --data "$train" --out "$work/$k-pipeline.pkl" >&2 || exit 1
  done
  for k in $tree_kinds; do
    pkl="$work/$k-pipeline.pkl" data="$work/data-$largest.parquet"
    measure "scikit-learn $k pipeline" "$largest" 1 - "$python" bench/tree_pipelines.py score --model "$pkl" --data "$data"
    SHAPE_JAVA_OPTS="-Xmx512m" measure "shape local $k pipeline" "$largest" "$repeat" "$work/out-$k" \
      ./shape score --model "$pkl" --data "$data" --output "$work/out-$k" --quiet
    SHAPE_JAVA_OPTS="-Xmx2g" measure "shape spark local[2] $k pipeline" "$largest" "$repeat" "$work/out-spark-$k" \
      ./shape score --engine spark --master "local[2]" --model "$pkl" --data "$data" --output "$work/out-spark-$k" --quiet
  done
  for k in $tree_kinds; do
    on=(--model "$work/$k-pipeline.pkl" --data "$work/data-$first.parquet")
    tree_parity+=("$k: $(parity_of "$k" bench/tree_pipelines.py score "${on[@]}" -- "${on[@]}")")
  done
fi

# Spec encoders over text (issue 21): the challenge job with a OneHotEncoder in its spec, fitted on the text,
# category and int columns of the table it scores, then the spec's pickled LogisticRegression; shape reads the
# text columns once more first (the survey of their distinct texts). Tables of the same kind as the fixture's.
text_parity="not run"
if [ -n "$largest" ] && [ "$texts" = 1 ]; then
  spec=reference/fixtures/spec-encoders/onehot_texts_logreg/spec.json
  for n in $(printf '%s\n' "$first" "$largest" | sort -u); do
    [ -e "$work/data-texts-$n.parquet" ] || { note "generating the $n-row text table"; \
      "$python" bench/spec_encoders.py make --rows "$n" --out "$work/data-texts-$n.parquet" >&2 || exit 1; }
  done
  data="$work/data-texts-$largest.parquet"
  measure "scikit-learn text encoder spec" "$largest" 1 - "$python" bench/spec_encoders.py score --spec "$spec" \
    --data "$data"
  SHAPE_JAVA_OPTS="-Xmx512m" measure "shape local text encoder spec" "$largest" "$repeat" "$work/out-texts" \
    ./shape score --spec "$spec" --data "$data" --output "$work/out-texts" --quiet
  SHAPE_JAVA_OPTS="-Xmx2g" measure "shape spark local[2] text encoder spec" "$largest" "$repeat" "$work/out-spark-texts" \
    ./shape score --engine spark --master "local[2]" --spec "$spec" --data "$data" --output "$work/out-spark-texts" --quiet
  on=(--spec "$spec" --data "$work/data-texts-$first.parquet")
  text_parity=$(parity_of texts bench/spec_encoders.py score "${on[@]}" -- "${on[@]}")
fi

# The Spark ML stages (issue 23), driven from PySpark with dist/shape-spark-<version>.jar
# (bench/stage_transform.py), against the CLI's Spark engine on the same input, both at local[2] with a 2 GB heap:
# ShapeModel.from_pickle(fitted pipeline).transform(df) against ./shape score --engine spark --model, and
# ShapeEstimator(seed spec).fit(df).transform(df) against ./shape score --engine spark (the seed spec).
if [ -n "$largest" ] && [ "$stages" = 1 ]; then
  data="$work/data-$largest.parquet"
  SHAPE_JAVA_OPTS="-Xmx2g" measure "shape spark local[2] fitted pipeline" "$largest" "$repeat" "$work/out-spark-fitted" \
    ./shape score --engine spark --master "local[2]" --model "$work/fitted-pipeline.pkl" --data "$data" \
    --output "$work/out-spark-fitted" --quiet
  measure "shape spark stage transform local[2]" "$largest" "$repeat" "$work/out-stage" \
    env PYTHONPATH="$root/python" "$pyspark_python" bench/stage_transform.py --jars "$stage_jar" \
    --model "$work/fitted-pipeline.pkl" --data "$data" --output "$work/out-stage" --row-id time \
    --master "local[2]" --driver-memory 2g --again 2
  if [ "$stage_spec" = 1 ]; then
    # the CLI's side is the seed rows' own "shape spark local[2]" at this size when they ran
    if ! awk -F'|' -v n="$largest" '$1=="shape spark local[2]" && $2==n {found=1} END {exit !found}' "$work/results.txt"; then
      SHAPE_JAVA_OPTS="-Xmx2g" measure "shape spark local[2]" "$largest" "$repeat" "$work/out-spark-$largest" \
        ./shape score --engine spark --master "local[2]" --data "$data" --output "$work/out-spark-$largest" --quiet
    fi
    measure "shape spark stage fit+transform local[2]" "$largest" "$repeat" "$work/out-stage-spec" \
      env PYTHONPATH="$root/python" "$pyspark_python" bench/stage_transform.py --jars "$stage_jar" \
      --spec artifacts/pipeline.jsonc --data "$data" --output "$work/out-stage-spec" --row-id time \
      --master "local[2]" --driver-memory 2g --again 2
  fi
fi
# stage_vs_cli STAGE CLI CLI_OUTPUT: one sentence on the two rows' median wall times at the largest size
stage_vs_cli() {
  local s c
  s=$(awk -F'|' -v n="$largest" -v b="$1" '$1==b && $2==n && $6=="ok" {print $3}' "$work/results.txt")
  c=$(awk -F'|' -v n="$largest" -v b="$2" '$1==b && $2==n && $6=="ok" {print $3}' "$work/results.txt")
  if [ -n "$s" ] && [ -n "$c" ]; then
    # the stage's own split of its runs (bench/stage_transform.py's JSON): medians of session start, (fit+)transform+write
    local split
    split=$(for i in $(seq 1 "$repeat"); do cat "$work/log-$1-$largest-$i.txt" 2>/dev/null; done | "$python" -c '
import json, statistics, sys
runs = [json.loads(l) for l in sys.stdin if l.startswith("{")]
if runs:
    start, work = (statistics.median(r[k] for r in runs) for k in ("session_s", "transform_write_s"))
    what = "fit, transform and write" if runs[-1]["mode"] == "spec" else "transform and write"
    again = [t for r in runs for t in r.get("again_s", [])]
    warm = "; the same job run again in the session: %.1f s (median of %d)" % (statistics.median(again), len(again)) if again else ""
    print("; its runs: PySpark session start %.1f s, %s %.1f s (medians), %d scan partitions%s"
          % (start, what, work, runs[-1]["partitions"], warm))')
    # the CLI's own duration of its last run (metrics.json: the run from its Spark session's start, without the
    # JVM's), to set beside the stage's work without its PySpark session start
    local own
    own=$("$python" -c 'import json, sys; print("%.1f" % json.load(open(sys.argv[1]))["duration_s"])' \
      "$3/metrics.json" 2>/dev/null) && own="; the CLI's last run took $own s by its metrics.json (its Spark session start included, its JVM start not)"
    echo "\"$1\" $s s against \"$2\" $c s on $largest rows: the stage takes $(awk -v a="$s" -v b="$c" 'BEGIN{printf "%.2f", a/b}')× the CLI's wall time (issue 23 wants at most 1.20×)$split$own."
  else
    echo "\"$1\" against \"$2\": not measured (see bench/work/log-*)."
  fi
}

# Parity at scale: scikit-learn and shape on the same 1M-row file, QuantileTransformer subsample >= rows.
parity="not run"
if [ -n "$first" ] && [ "$seed_rows" = 1 ]; then
  sed "s/\"output_distribution\":\"normal\"/\"output_distribution\":\"normal\", \"subsample\": $first/" \
    artifacts/pipeline.jsonc > "$work/pipeline-full-sample.jsonc"
  cp artifacts/model.pkl "$work/model.pkl"
  sed -i "s#\"artifacts/model.pkl\"#\"$work/model.pkl\"#" "$work/pipeline-full-sample.jsonc"
  on=(--spec "$work/pipeline-full-sample.jsonc" --data "$work/data-$first.parquet")
  parity=$(parity_of seed bench/baseline.py "${on[@]}" -- "${on[@]}")
fi

{
  echo "# Benchmark results"
  echo
  echo "One run of \`bench/run.sh\` on $(date -u +%Y-%m-%d), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(java -version 2>&1 | head -1)."
  echo "Load average when the run ended: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine slows both sides)."
  echo "Pipeline: the seed spec (PolynomialFeatures(2) → QuantileTransformer(normal) → PolynomialFeatures(2) → StandardScaler → OneClassSVM, 39 SVs × 66)."
  echo "The \"fitted pipeline\" rows score the same chain fitted once on the seed table and pickled whole (\`bench/fitted_pipeline.py\`): nothing is fitted on the data, scikit-learn runs \`Pipeline.decision_function\` and \`predict\`, shape \`score --model\` without a spec; their ratio is to that scikit-learn row."
  echo "The \"iforest pipeline\" and \"forest pipeline\" rows (issue 22) score two fitted Pipelines of scikit-learn 1.6.1 (\`bench/tree_pipelines.py\`, pickle protocol 4) over vibration_x, vibration_y, vibration_z: StandardScaler → IsolationForest(n_estimators=100, random_state=0), and StandardScaler → RandomForestClassifier(n_estimators=100, max_depth=12, random_state=0), both fitted on a 200,000-row table (\`./shape generate --rows 200000 --seed 7\`, another draw than the scored tables); the forest's label is 1 where sin(3·zx) + cos(2·zy)·zz > 0.3 (z: the features standardized by the seed table's mean and deviation), with 10% of the labels flipped by numpy's \`default_rng(0)\` (about a quarter positive; the trees reach depth 12 with ~1,000 leaves each). scikit-learn runs \`decision_function\` and \`predict\` (IsolationForest) or \`predict_proba\` and \`predict\` (forest) on the table read with pyarrow into pandas; shape runs \`score --model\` (local with \`-Xmx512m\`, Spark at \`local[2]\` with \`-Xmx2g\`) and writes row, prediction and decision_function or probability_0/probability_1. Their ratio is to the scikit-learn row of the same pickle."
  echo "The \"text encoder spec\" rows (issue 21) run the challenge job with \`reference/fixtures/spec-encoders/onehot_texts_logreg/spec.json\`: a OneHotEncoder fitted on the scored table's color (10 texts, None), size (a pandas categorical, NaN) and k (ints 0-4) columns, then the spec's pickled LogisticRegression; the tables are \`bench/spec_encoders.py make\` (the fixture's distribution, in row groups of 1M). scikit-learn reads the three columns with pyarrow into pandas, runs \`fit_transform\`, \`predict_proba\` and \`predict\` (its wall time is its own \`total_s\`, without Python's start); shape runs \`score --spec\` (local with \`-Xmx512m\`, Spark at \`local[2]\` with \`-Xmx2g\`), which reads the text columns once to gather their distinct texts, then fits and scores, and writes row, prediction, probability_0/probability_1."
  echo "The \"stage\" rows (issue 23) run shape's Spark ML stages from PySpark 4.0.1 (\`bench/stage_transform.py\`, \`dist/shape-spark-<version>.jar\` on the driver classpath, \`local[2]\`, \`spark.driver.memory\` 2g, the table read by \`spark.read.parquet\` in 3 splits per core, \`spark.sql.files.minPartitionNum\` as the CLI sets it): \"stage transform\" is \`ShapeModel.from_pickle(fitted pipeline).setRowIdCol(\"time\").transform(df)\` written as parquet, to be read against \"shape spark local[2] fitted pipeline\" (\`./shape score --engine spark --master local[2] --model\` on the same pickle and file, \`-Xmx2g\`); \"stage fit+transform\" is \`ShapeEstimator().setSpecPath(seed spec).fit(df).transform(df)\`, against \"shape spark local[2]\" (the CLI with the seed spec). Both sides' wall time includes starting the JVM (and Python for the stage), reading, scoring and writing; their × scikit-learn is to the scikit-learn row doing the same job (fitted pipeline, seed spec). A stage row's peak RSS is its JVM's plus its Python's (PySpark does not wait for the JVM it starts, so \`/usr/bin/time\` sees only Python). The sentences under the table give each stage's wall time over its CLI counterpart's (issue 23 wants the stage within 20% of the CLI), and the same job run twice more in the stage's session after the timed one (JIT compiled, classes loaded: an application scoring table after table), outside the row's wall time but inside its peak RSS."
  echo "Data: \`./shape generate --seed 42\` (seed distribution, resampled with noise). Wall time includes JVM/Python start, read, fit passes, scoring and writing predictions (shape) or predict (scikit-learn); each run starts with its input file in the page cache."
  echo
  echo "Shape's runs at $sizes rows are repeated $repeat times: wall s is their median, peak RSS the highest, the last column every run's wall time."
  echo
  echo "| run | rows | wall s | rows/s | peak RSS MiB | × scikit-learn | outcome | runs (wall s) |"
  echo "|---|---:|---:|---:|---:|---:|---|---|"
  while IFS='|' read -r name rows wall rate rss status walls; do
    # each contender against scikit-learn doing the same job: a "<kind> pipeline" row against "scikit-learn
    # <kind> pipeline" (the same pickle), the pickle's stage against the fitted pipeline's, the rest (the seed
    # spec fitted on the data) against the baseline
    against="scikit-learn"
    case "$name" in
      *" pipeline") against="scikit-learn $(echo "$name" | awk '{print $(NF-1), $NF}')" ;;
      "shape spark stage transform"*) against="scikit-learn fitted pipeline" ;;
      *" text encoder spec") against="scikit-learn text encoder spec" ;;
    esac
    base=$(awk -F'|' -v n="$rows" -v b="$against" '$1==b && $2==n && $6=="ok" {print $4}' "$work/results.txt")
    ratio="-"
    [ -n "$base" ] && [ "$rate" != "-" ] && ratio=$(awk -v a="$rate" -v b="$base" 'BEGIN{printf "%.1f", a/b}')
    echo "| $name | $rows | $wall | $rate | $rss | $ratio | $status | $walls |"
  done < "$work/results.txt"
  echo
  echo "Parity on the ${first:-?}-row file (subsample ≥ rows), shape vs scikit-learn 1.6.1: $parity"
  if [ "${#tree_parity[@]}" -gt 0 ]; then
    echo
    echo "Parity of the tree pipelines on the ${first}-row file, \`shape score --model\` (local) vs scikit-learn 1.6.1 (\`bench/compare.py\`):"
    echo
    for line in "${tree_parity[@]}"; do echo "- $line"; done
  fi
  if [ "$texts" = 1 ] && [ -n "$largest" ]; then
    echo
    echo "Parity of the text encoder spec on the ${first}-row text table, \`shape score --spec\` (local) vs scikit-learn 1.6.1 (\`bench/compare.py\`): $text_parity"
  fi
  if [ "$stages" = 1 ] && [ -n "$largest" ]; then
    echo
    echo "Spark ML stages against the CLI (median wall times, ratio stage / CLI):"
    echo
    echo "- $(stage_vs_cli "shape spark stage transform local[2]" "shape spark local[2] fitted pipeline" "$work/out-spark-fitted")"
    [ "$stage_spec" = 1 ] && echo "- $(stage_vs_cli "shape spark stage fit+transform local[2]" "shape spark local[2]" "$work/out-spark-$largest")"
  fi
} > "$results"
[ "${SERVICES:-1}" = 1 ] && RESULTS="$results" bench/services.sh >/dev/null
cat "$results"
