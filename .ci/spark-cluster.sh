#!/usr/bin/env bash
# A real Spark standalone cluster on loopback from Maven Central jars (no Spark download, no Docker):
# one master and two workers (1 core, 1 GiB each), every one its own JVM, executors launched by the workers.
#   bash .ci/spark-cluster.sh home     lay out SPARK_HOME (.ci/spark/home/jars = Spark's runtime jars, no shape
#                                      jar) and print it
#   bash .ci/spark-cluster.sh start    home + start master and workers, wait until the master's JSON status
#                                      shows 2 ALIVE workers; prints the master URL (spark://127.0.0.1:PORT)
#   bash .ci/spark-cluster.sh status   the master's JSON status (exit 1 when it does not answer)
#   bash .ci/spark-cluster.sh stop     stop what `start` started, by the PIDs it wrote
#   bash .ci/spark-cluster.sh submit ARGS...   spark-submit ARGS with this SPARK_HOME (what bin/spark-submit
#                                      does: Spark's launcher library builds the command), e.g. to check README's
#                                      spark-submit recipe against the cluster
# Ports (environment): SPARK_MASTER_PORT (7077), SPARK_MASTER_WEBUI_PORT (8080), SPARK_WORKER1_WEBUI_PORT (8081),
# SPARK_WORKER2_WEBUI_PORT (8082). State (PIDs, logs, worker dirs): SPARK_CLUSTER_WORK (.ci/spark/work).
# The PID of worker N is in $SPARK_CLUSTER_WORK/workerN.pid (the cluster test kills one mid-run).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
home="${SPARK_CLUSTER_HOME:-$here/spark/home}"
work="${SPARK_CLUSTER_WORK:-$here/spark/work}"
port="${SPARK_MASTER_PORT:-7077}"
webui="${SPARK_MASTER_WEBUI_PORT:-8080}"
worker_webuis=("${SPARK_WORKER1_WEBUI_PORT:-8081}" "${SPARK_WORKER2_WEBUI_PORT:-8082}")
master="spark://127.0.0.1:$port"

# What Spark's own launcher passes on Java 17 (same list as ./shape); executors get theirs from the driver.
opens=(--add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false)

prepare_home() {
  if [[ ! -f "$home/jars/spark-mllib_2.13-4.0.1.jar" ]]; then
    echo "copying Spark's runtime jars to $home/jars" >&2
    rm -rf "$home/jars" && mkdir -p "$home/jars"
    "$root/mvnw" -q -B -f "$here/spark/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$home/jars" -DincludeScope=runtime >&2
  fi
}

# Everything a daemon needs: SPARK_HOME so workers find $SPARK_HOME/jars for executors' classpath,
# loopback only, the scala version (the launcher library asks for it).
daemon_env() {
  export SPARK_HOME="$home" SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=127.0.0.1 SPARK_SCALA_VERSION=2.13
}

alive_workers() {
  curl -fsS "http://127.0.0.1:$webui/json/" 2>/dev/null | tr -d ' \n' | grep -o '"state":"ALIVE"' | wc -l || true
}

launch() { # name class args...
  local name="$1"; shift
  nohup java -Xmx512m "${opens[@]}" -cp "$home/jars/*" "$@" > "$work/$name.log" 2>&1 &
  echo $! > "$work/$name.pid"
}

stop_pid() {
  local file="$1"
  [[ -f "$file" ]] || return 0
  local pid; pid="$(cat "$file")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$file"
}

case "${1:-}" in
  home)
    prepare_home
    echo "$home"
    ;;
  start)
    prepare_home
    if [[ -f "$work/master.pid" ]] && kill -0 "$(cat "$work/master.pid")" 2>/dev/null; then
      echo "a cluster started from $work is running; stop it first" >&2
      exit 1
    fi
    rm -rf "$work" && mkdir -p "$work"
    daemon_env
    launch master org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$port" --webui-port "$webui"
    for _ in $(seq 1 150); do
      curl -fsS "http://127.0.0.1:$webui/json/" >/dev/null 2>&1 && break
      kill -0 "$(cat "$work/master.pid")" 2>/dev/null || break
      sleep 0.2
    done
    for n in 1 2; do
      mkdir -p "$work/worker$n"
      launch "worker$n" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory 1g \
        --work-dir "$work/worker$n" --webui-port "${worker_webuis[$((n - 1))]}" "$master"
    done
    for _ in $(seq 1 300); do
      if [[ "$(alive_workers)" -ge 2 ]]; then
        echo "Spark standalone master $master (web UI http://127.0.0.1:$webui, 2 workers) from $work" >&2
        echo "$master"
        exit 0
      fi
      for name in master worker1 worker2; do
        if ! kill -0 "$(cat "$work/$name.pid")" 2>/dev/null; then
          echo "$name exited; see $work/$name.log" >&2
          tail -20 "$work/$name.log" >&2 || true
          "$0" stop
          exit 1
        fi
      done
      sleep 0.2
    done
    echo "the cluster did not get 2 ALIVE workers in 60 s; see $work/*.log" >&2
    "$0" stop
    exit 1
    ;;
  status)
    curl -fsS "http://127.0.0.1:$webui/json/"
    echo
    ;;
  stop)
    for name in worker1 worker2 master; do
      stop_pid "$work/$name.pid"
    done
    ;;
  submit)
    shift
    prepare_home
    export SPARK_HOME="$home" SPARK_SCALA_VERSION=2.13
    # The launcher prints its own messages, then a NUL and a newline, then the command NUL-separated.
    cmd=()
    while IFS= read -d "" -r arg; do
      arg=${arg#$'\n'}
      [[ -n "$arg" ]] && cmd+=("$arg")
    done < <(java -cp "$home/jars/*" org.apache.spark.launcher.Main org.apache.spark.deploy.SparkSubmit "$@")
    exec "${cmd[@]}"
    ;;
  *)
    echo "usage: $0 home|start|status|stop|submit ARGS..." >&2
    exit 2
    ;;
esac
