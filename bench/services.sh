#!/usr/bin/env bash
# The services part of the benchmark, appended to bench/RESULTS.md (or $RESULTS) by bench/run.sh (or run alone after it):
# COPY of 10M predictions into the local PostgreSQL (issue 8) and 200 gRPC submissions from 20 clients (issue 11).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
work="$root/bench/work"
mkdir -p "$work"
rows=${COPY_ROWS:-10000000}
results=${RESULTS:-bench/RESULTS.md}

eval "$(.ci/postgres.sh)"
SHAPE_BENCH_COPY_ROWS=$rows ./mvnw -q -B -pl adapters-out-persistence -am verify -Dtest=CopyThroughputBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false > "$work/copy.log" 2>&1
copy=$(grep -ho "COPY of .*" "$work/copy.log" adapters-out-persistence/target/surefire-reports/*CopyThroughput*-output.txt 2>/dev/null | head -1)

./mvnw -q -B -pl adapters-in-grpc -am verify -Dtest=RunServiceLoadTest -Dsurefire.failIfNoSpecifiedTests=false \
  > "$work/grpc.log" 2>&1
grpc=$(grep -ho "grpc load: .*" "$work/grpc.log" adapters-in-grpc/target/surefire-reports/*RunServiceLoad*-output.txt 2>/dev/null | head -1)

{
  echo
  echo "## Services ($(date -u +%Y-%m-%d), load $(cut -d' ' -f1-3 /proc/loadavg))"
  echo
  echo "| what | result |"
  echo "|---|---|"
  echo "| PostgreSQL predictions sink, COPY in one transaction into local PostgreSQL 15 (\`CopyThroughputBenchmark\`) | ${copy:-not measured (see bench/work/copy.log)} |"
  echo "| gRPC \`SubmitRun\`, 200 submissions from 20 concurrent clients, loopback (\`RunServiceLoadTest\`) | ${grpc:-not measured (see bench/work/grpc.log)} |"
} >> "$results"
tail -6 "$results"
