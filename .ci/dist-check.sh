#!/usr/bin/env bash
# The distribution as a user gets it: build dist/shape-<version>.tar.gz, unpack it into an empty folder and
# score the seed with its bin/shape alone (a clean environment, away from the repository), on both engines; then
# dist/shape-spark-<version>.jar as a PySpark user passes it, with PySpark from PyPI (python/tests/check_stages.py:
# the Spark ML stages, a saved Pipeline, the SQL function, each against the unpacked local engine's predictions).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo"
./mvnw -B -q -Pdist -DskipTests package
version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
tarball="$repo/dist/shape-$version.tar.gz"
[ -f "$tarball" ] || { echo "dist-check: no $tarball" >&2; exit 1; }
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
tar -xzf "$tarball" -C "$scratch"
home="$scratch/shape-$version"
clean_env=(env -i "PATH=$(dirname "$(command -v java)"):/usr/bin:/bin" "HOME=$scratch")
expect="predictions: 31 × -1, 264 × 1"
# the defaults from the unpacked folder (artifacts/, data/ are the seed), then from elsewhere with paths given
out1=$(cd "$home" && "${clean_env[@]}" bin/shape score --output "$scratch/local" 2>&1) || { echo "$out1" >&2; exit 1; }
mkdir "$scratch/elsewhere"
out2=$(cd "$scratch/elsewhere" && "${clean_env[@]}" "$home/bin/shape" score --engine spark --master 'local[2]' \
  --spec "$home/artifacts/pipeline.jsonc" --model "$home/artifacts/model.pkl" --data "$home/data/dataset.parquet" \
  --output "$scratch/elsewhere/out" 2>&1) || { echo "$out2" >&2; exit 1; }
for out in "$out1" "$out2"; do
  grep -qF "$expect" <<< "$out" || { echo "dist-check: expected '$expect', got:" >&2; echo "$out" >&2; exit 1; }
done
[ -f "$scratch/elsewhere/out/predictions/_SUCCESS" ] || { echo "dist-check: no _SUCCESS in the spark run's output" >&2; exit 1; }
jar="$repo/dist/shape-spark-$version.jar"
python=$(bash "$repo/.ci/pyspark-venv.sh")
mkdir "$scratch/pyspark"
chain="$repo/reference/fixtures/pipelines/seed_chain/model.pkl"
out3=$(cd "$home" && "${clean_env[@]}" bin/shape score --model "$chain" --data "$home/data/dataset.parquet" --output "$scratch/local-chain" 2>&1) \
  || { echo "$out3" >&2; exit 1; }
(cd "$scratch/pyspark" && PYTHONPATH="$repo/python" "$python" "$repo/python/tests/check_stages.py" --classpath "$jar" \
  --spec "$home/artifacts/pipeline.jsonc" --model "$home/artifacts/model.pkl" --data "$home/data/dataset.parquet" \
  --expected "$scratch/local/predictions" --pickle "$chain" --pickle-expected "$scratch/local-chain/predictions" \
  --work "$scratch/pyspark" > "$scratch/pyspark.log" 2>&1) \
  || { cat "$scratch/pyspark.log" >&2; echo "dist-check: the PySpark check with $(basename "$jar") failed" >&2; exit 1; }
grep '^ok ' "$scratch/pyspark.log"
echo "dist-check: $(basename "$jar") ($(du -k "$jar" | cut -f1) KiB) runs the stages from PySpark as the local engine scores"
echo "dist-check: $(basename "$tarball") ($(du -m "$tarball" | cut -f1) MiB) scores the seed on both engines: $expect"
