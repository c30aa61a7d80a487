#!/usr/bin/env bash
# A real single-node KRaft Kafka 4.3.1 broker from Maven jars (no Docker).
#   bash .ci/kafka.sh libs         lay out the broker's runtime jars in .ci/kafka/libs (what the tests need;
#                                  the tests start and stop their own broker processes) and print the folder
#   bash .ci/kafka.sh start [PORT] libs + format storage + start a broker on 127.0.0.1:PORT (default 9092),
#                                  wait for "Kafka Server started", write its PID to .ci/kafka/work/broker.pid
#   bash .ci/kafka.sh stop         stop the broker started by `start` (by its PID)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
libs="$here/kafka/libs"
work="$here/kafka/work"
pidfile="$work/broker.pid"

prepare_libs() {
  if [[ ! -f "$libs/kafka_2.13-4.3.1.jar" ]]; then
    echo "copying Kafka broker jars to $libs" >&2
    "$root/mvnw" -q -f "$here/kafka/pom.xml" dependency:copy-dependencies \
      -DoutputDirectory="$libs" -DincludeScope=runtime >&2
  fi
}

case "${1:-}" in
  libs)
    prepare_libs
    echo "$libs"
    ;;
  start)
    prepare_libs
    port="${2:-9092}"
    controller=$((port + 1))
    rm -rf "$work" && mkdir -p "$work/data"
    cat > "$work/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$work/data
num.partitions=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
    log4j="-Dlog4j2.configurationFile=$here/kafka/log4j2.properties"
    id="$(java -cp "$libs/*" "$log4j" kafka.tools.StorageTool random-uuid | tail -1)"
    java -cp "$libs/*" "$log4j" kafka.tools.StorageTool format -t "$id" -c "$work/server.properties" >&2
    nohup java -Xmx512m -cp "$libs/*" "$log4j" kafka.Kafka "$work/server.properties" > "$work/broker.log" 2>&1 &
    echo $! > "$pidfile"
    for _ in $(seq 1 150); do
      if grep -q 'Kafka Server started' "$work/broker.log"; then
        echo "Kafka broker on 127.0.0.1:$port (pid $(cat "$pidfile"))" >&2
        exit 0
      fi
      kill -0 "$(cat "$pidfile")" 2>/dev/null || break
      sleep 0.2
    done
    echo "Kafka broker did not start; see $work/broker.log" >&2
    tail -20 "$work/broker.log" >&2 || true
    exit 1
    ;;
  stop)
    if [[ -f "$pidfile" ]]; then
      pid="$(cat "$pidfile")"
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$pidfile"
    fi
    ;;
  *)
    echo "usage: $0 libs|start [PORT]|stop" >&2
    exit 2
    ;;
esac
