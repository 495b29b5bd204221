#!/usr/bin/env bash
# A single-node Kafka (KRaft: one JVM is both broker and controller) on 127.0.0.1, run from Maven artifacts, for the
# tests, benchmarks and anyone trying `run kafka consumer` without a cluster. Not for production.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: scripts/kafka-local.sh COMMAND [options]

Commands:
  start            start the broker in the background and wait until it accepts clients
  stop             stop it (SIGTERM, then SIGKILL after --stop-timeout seconds)
  status           say whether it runs (exit 0) or not (exit 3)
  classpath        print the Java classpath of the Kafka artifacts (resolved through Maven on first use)
  tool NAME ARGS   run a Kafka command-line tool from the same artifacts; NAME is topics, console-producer,
                   console-consumer, consumer-groups, producer-perf-test, consumer-perf-test or a class name

Options (each also read from the environment variable in brackets):
  --port N             client port on 127.0.0.1 [KAFKA_PORT], default 9092
  --controller-port N  KRaft controller port on 127.0.0.1 [KAFKA_CONTROLLER_PORT], default 9093
  --data-dir DIR       topics, log, pid file and server.properties [KAFKA_DATA_DIR],
                       default ${TMPDIR:-/tmp}/edge-publisher-kafka-<port>
  --fresh              start: delete the topics kept in the data dir from an earlier run
  --delete-data        stop: delete the data dir once the broker has stopped
  --start-timeout S    start: seconds to wait for the broker [KAFKA_START_TIMEOUT], default 120
  --stop-timeout S     stop: seconds to wait before SIGKILL [KAFKA_STOP_TIMEOUT], default 30
Environment: KAFKA_VERSION (default: the one in scripts/kafka/pom.xml), KAFKA_HEAP_OPTS (default -Xms256m -Xmx512m),
KAFKA_JVM_OPTS (extra JVM options), KAFKA_CLUSTER_ID (for a new data dir; default random), JAVA_HOME,
EP_CACHE_DIR (where the resolved classpath is kept, default ~/.cache/edge-publisher).

Example:
  scripts/kafka-local.sh start
  scripts/kafka-local.sh tool topics --bootstrap-server 127.0.0.1:9092 --create --topic t --partitions 12
  scripts/kafka-local.sh stop
EOF
}

here="$(cd "$(dirname "$0")" && pwd)"
pom="$here/kafka/pom.xml"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-9093}"
data_dir="${KAFKA_DATA_DIR:-}"
start_timeout="${KAFKA_START_TIMEOUT:-120}"
stop_timeout="${KAFKA_STOP_TIMEOUT:-30}"
fresh=false
delete_data=false
command=""
tool_args=()

die() { echo "kafka-local: $*" >&2; exit 1; }
need_value() { if [ $# -lt 2 ] || [ -z "$2" ]; then die "option $1 needs a value (see --help)"; fi; }

while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help|help) usage; exit 0 ;;
    --port) need_value "$@"; port="$2"; shift 2 ;;
    --controller-port) need_value "$@"; controller_port="$2"; shift 2 ;;
    --data-dir) need_value "$@"; data_dir="$2"; shift 2 ;;
    --start-timeout) need_value "$@"; start_timeout="$2"; shift 2 ;;
    --stop-timeout) need_value "$@"; stop_timeout="$2"; shift 2 ;;
    --fresh) fresh=true; shift ;;
    --delete-data) delete_data=true; shift ;;
    -*) die "unknown option $1 (see --help)" ;;
    *)
      [ -z "$command" ] || die "unexpected argument $1 (see --help)"
      command="$1"; shift
      if [ "$command" = tool ]; then tool_args=("$@"); break; fi ;;
  esac
done
[ -n "$command" ] || { usage >&2; exit 2; }
for n in "$port" "$controller_port" "$start_timeout" "$stop_timeout"; do
  [[ "$n" =~ ^[0-9]+$ ]] || die "'$n' is not a number"
done
[ "$port" != "$controller_port" ] || die "--port and --controller-port must differ (both are $port)"
data_dir="${data_dir:-${TMPDIR:-/tmp}/edge-publisher-kafka-$port}"
data_dir="$(realpath -m "$data_dir")"
pid_file="$data_dir/kafka.pid"
log_file="$data_dir/kafka.log"
properties="$data_dir/server.properties"

java_bin="java"
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && java_bin="$JAVA_HOME/bin/java"
command -v "$java_bin" >/dev/null || die "java not found: Kafka needs a Java 17 or newer runtime"

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The broker's classpath: resolved once through Maven (the jars stay in the local Maven repository), then cached in a
# file named after the pom's content and the Kafka version, so a change to either resolves again.
classpath() {
  local version="${KAFKA_VERSION:-}" key cache cp_file tmp
  key="$(cat "$pom" - <<<"$version" | sha256sum | cut -c1-16)"
  cache="${EP_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/edge-publisher}/kafka"
  cp_file="$cache/classpath-$key.txt"
  if [ -s "$cp_file" ] && all_exist "$cp_file"; then cat "$cp_file"; return; fi
  command -v mvn >/dev/null || die "mvn not found: Maven resolves the Kafka artifacts"
  mkdir -p "$cache"
  tmp="$(mktemp "$cache/resolve.XXXXXX")"
  echo "kafka-local: resolving Kafka ${version:-(pom default)} through Maven (first use only)" >&2
  if ! mvn -B -q -f "$pom" ${version:+-Dkafka.version="$version"} dependency:build-classpath \
      -Dmdep.includeScope=runtime -Dmdep.outputFile="$tmp" >"$tmp.log" 2>&1; then
    cat "$tmp.log" >&2
    rm -f "$tmp" "$tmp.log"
    die "Maven could not resolve org.apache.kafka:kafka_2.13 ${version:-(pom default)} (its output is above)"
  fi
  rm -f "$tmp.log"
  mv "$tmp" "$cp_file"
  cat "$cp_file"
}

all_exist() {
  local jar
  while IFS= read -r -d: jar || [ -n "$jar" ]; do
    [ -z "$jar" ] || [ -f "$jar" ] || return 1
  done <"$1"
}

# Our pid file alone is not proof: after a reboot the number can belong to another process.
running_pid() {
  local pid
  [ -f "$pid_file" ] || return 1
  pid="$(cat "$pid_file")"
  [[ "$pid" =~ ^[0-9]+$ ]] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "kafka.Kafka $properties" || return 1
  echo "$pid"
}

write_config() {
  cat >"$properties" <<EOF
# Written by scripts/kafka-local.sh at each start; edits are lost.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$data_dir/topics
num.partitions=1
# One node: the internal topics cannot have more than one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Tests and benchmarks start consumer groups right away; the default 3 s delay would only slow them.
group.initial.rebalance.delay.ms=0
EOF
  cat >"$data_dir/log4j2.xml" <<'EOF'
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by scripts/kafka-local.sh: the broker logs to stdout, which the script sends to kafka.log -->
<Configuration>
  <Appenders>
    <Console name="out" target="SYSTEM_OUT"><PatternLayout pattern="[%d] %p %m (%c)%n"/></Console>
  </Appenders>
  <Loggers>
    <Logger name="kafka.request.logger" level="warn"/>
    <Logger name="org.apache.kafka.clients" level="warn"/>
    <Root level="info"><AppenderRef ref="out"/></Root>
  </Loggers>
</Configuration>
EOF
}

start() {
  local pid cp cluster_id started deadline
  if pid="$(running_pid)"; then
    echo "kafka-local: already running on 127.0.0.1:$port (pid $pid, data $data_dir)"
    return 0
  fi
  for p in "$port" "$controller_port"; do
    port_open "$p" && die "127.0.0.1:$p is already in use by another process: choose other ports with --port and --controller-port"
  done
  cp="$(classpath)"
  started=$SECONDS
  $fresh && rm -rf "$data_dir/topics"
  mkdir -p "$data_dir"
  write_config
  if [ ! -f "$data_dir/topics/meta.properties" ]; then
    # A cluster id is 16 random bytes in URL-safe base64, what `kafka-storage random-uuid` prints. It can start with
    # "-", hence --cluster-id=… in one word below.
    cluster_id="${KAFKA_CLUSTER_ID:-$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')}"
    # A short-lived JVM: the quick compiler and the serial collector start it in half the time.
    "$java_bin" -Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" \
      -Dlog4j2.configurationFile="$data_dir/log4j2.xml" kafka.tools.StorageTool \
      format --cluster-id="$cluster_id" --config "$properties" >"$data_dir/format.log" 2>&1 \
      || { cat "$data_dir/format.log" >&2; die "formatting the storage in $data_dir/topics failed (output above)"; }
  fi
  # setsid: the broker outlives this shell and a Ctrl-C in its terminal; `stop` ends it.
  # shellcheck disable=SC2086
  setsid "$java_bin" ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true ${KAFKA_JVM_OPTS:-} \
    -Dlog4j2.configurationFile="$data_dir/log4j2.xml" -cp "$cp" kafka.Kafka "$properties" \
    </dev/null >"$log_file" 2>&1 &
  pid=$!
  echo "$pid" >"$pid_file"
  deadline=$((SECONDS + start_timeout))
  # Ready means the client port answers and the server has finished its start-up, not only opened the socket.
  until port_open "$port" && grep -q "Kafka Server started" "$log_file"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pid_file"
      echo "---- last lines of $log_file" >&2; tail -n 40 "$log_file" >&2
      die "Kafka exited during start-up (log above)"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "---- last lines of $log_file" >&2; tail -n 40 "$log_file" >&2
      stop >/dev/null || true
      die "Kafka did not accept clients on 127.0.0.1:$port within ${start_timeout}s (log above); it was stopped"
    fi
    sleep 0.2
  done
  echo "kafka-local: Kafka ready on 127.0.0.1:$port (pid $pid, data $data_dir, log $log_file, $((SECONDS - started))s)"
}

stop() {
  local pid deadline
  if ! pid="$(running_pid)"; then
    rm -f "$pid_file"
    echo "kafka-local: not running (data $data_dir)"
  else
    kill -TERM "$pid"
    deadline=$((SECONDS + stop_timeout))
    while kill -0 "$pid" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "kafka-local: Kafka (pid $pid) did not stop within ${stop_timeout}s; killing it" >&2
      kill -KILL "$pid" 2>/dev/null || true
      while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
    fi
    rm -f "$pid_file"
    echo "kafka-local: stopped (pid $pid)"
  fi
  if $delete_data; then rm -rf "$data_dir"; fi
}

status() {
  local pid
  if pid="$(running_pid)"; then
    echo "kafka-local: running on 127.0.0.1:$port (pid $pid, data $data_dir)"
  else
    echo "kafka-local: not running (data $data_dir)"
    return 3
  fi
}

tool() {
  [ ${#tool_args[@]} -gt 0 ] || die "tool needs a NAME (see --help)"
  local name="${tool_args[0]}" class cp
  case "$name" in
    topics) class=org.apache.kafka.tools.TopicCommand ;;
    console-producer) class=org.apache.kafka.tools.ConsoleProducer ;;
    console-consumer) class=org.apache.kafka.tools.consumer.ConsoleConsumer ;;
    consumer-groups) class=org.apache.kafka.tools.consumer.group.ConsumerGroupCommand ;;
    producer-perf-test) class=org.apache.kafka.tools.ProducerPerformance ;;
    consumer-perf-test) class=org.apache.kafka.tools.ConsumerPerformance ;;
    *.*) class="$name" ;;
    *) die "unknown tool '$name' (see --help)" ;;
  esac
  cp="$(classpath)"
  # The tools are chatty at INFO; a missing configuration makes log4j2 print ERROR only, which is what we want.
  exec "$java_bin" -Xmx512m -cp "$cp" "$class" "${tool_args[@]:1}"
}

case "$command" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  classpath) classpath ;;
  tool) tool ;;
  *) usage >&2; exit 2 ;;
esac
