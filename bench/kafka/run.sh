#!/usr/bin/env bash
# Kafka intake, the real jar against the raw ceiling in one run (issue 15):
#  1. a 12-partition topic is filled with RECORDS records, each a JSON list of 10 rows (kafka producer-perf-test);
#  2. ceiling: kafka consumer-perf-test reads the same records in a fresh group (records/s, x10 = rows/s);
#  3. one node: `java -jar target/edge-publisher.jar` as a user runs it, boot script with `run kafka consumer … reset =
#     earliest` in a fresh group; WARM seconds untimed, then TIMED seconds measured with the consumer's `rows` counter
#     (rows mapped, journaled and committed; they reach watch files at the buffer threshold);
#  4. two nodes in one fresh group on the same topic, rows/s summed.
# The node's rows/s are only meaningful while it still has a backlog: the script says when the topic ran dry.
#
# Usage (jar built: mvn -B package -DskipTests):
#   bench/kafka/run.sh [timed=20] [warm=10] [records=1000000]
# Environment: KAFKA_BOOTSTRAP (host:port of a broker; default: start one with scripts/kafka-local.sh on
# BENCH_KAFKA_PORT, 46092), BENCH_PORT (46120: first REST port of the nodes), EP_JAVA_OPTS (e.g. -Xmx512m),
# NODES (1,2: which set-ups to run). Appends its lines to bench/results/kafka-<UTC date>.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
TIMED=${1:-20}; WARM=${2:-10}; RECORDS=${3:-1000000}
P=${BENCH_PORT:-46120}; KPORT=${BENCH_KAFKA_PORT:-46092}; NODES=${NODES:-1,2}
[ -f target/edge-publisher.jar ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
command -v curl >/dev/null || { echo "needs curl" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/ep-bench-kafka.XXXXXX")
started_kafka=false
pids=()
cleanup() {
  set +e
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
  $started_kafka && bash scripts/kafka-local.sh stop --port "$KPORT" --controller-port $((KPORT + 1)) \
    --data-dir "$work/kafka" --delete-data >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
if [ -z "${KAFKA_BOOTSTRAP:-}" ]; then
  bash scripts/kafka-local.sh start --port "$KPORT" --controller-port $((KPORT + 1)) --data-dir "$work/kafka"
  started_kafka=true
  KAFKA_BOOTSTRAP=127.0.0.1:$KPORT
fi
kt() { bash scripts/kafka-local.sh tool "$@"; }
mkdir -p bench/results
results="$root/bench/results/kafka-$(date -u +%F).txt"
log() { echo "$*" | tee -a "$results"; }
log "== bench/kafka/run.sh $(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(hostname), nproc $(nproc),$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
log "   commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (src modified)'); $(java -version 2>&1 | head -1)"
log "   broker $KAFKA_BOOTSTRAP; $RECORDS records x 10 rows; warm-up ${WARM} s, timed ${TIMED} s"
log "   uptime before: $(uptime)"

topic="ep-bench-$(date +%s)"
kt topics --bootstrap-server "$KAFKA_BOOTSTRAP" --create --topic "$topic" --partitions 12 --replication-factor 1 >/dev/null
# 1,000 different records of 10 rows each, sent round-robin
python3 - "$work/payload.txt" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(1000):
        rows = [{"ts": "2026-12-05 10:00:%02d.%06d" % (k, i), "dev": "d%d" % (i % 50), "seq": i * 10 + k,
                 "value": i * 0.5 + k} for k in range(10)]
        f.write(json.dumps(rows) + "\n")
PY
log "   filling $topic: $(kt producer-perf-test --topic "$topic" --num-records "$RECORDS" --throughput -1 \
  --payload-file "$work/payload.txt" --producer-props bootstrap.servers="$KAFKA_BOOTSTRAP" acks=1 linger.ms=20 \
  batch.size=262144 2>/dev/null | tail -1)"

# ---- ceiling: a bare consumer reading the same records
raw=$(kt consumer-perf-test --bootstrap-server "$KAFKA_BOOTSTRAP" --topic "$topic" --messages "$RECORDS" \
  --group "raw-$topic" --timeout 60000 --hide-header 2>/dev/null | tail -1)
# columns: start, end, MB consumed, MB/s, records consumed, records/s, rebalance ms, fetch ms, fetch MB/s, fetch rec/s
raw_rps=$(echo "$raw" | awk -F', *' '{ printf "%.0f", $6 }')
log "   CEILING consumer-perf-test: $(echo "$raw" | awk -F', *' '{ print $5 " records in " $3 " MB, " $6 " records/s" }') = $((raw_rps * 10)) rows/s"

cmd() { curl -s -H "User-Agent: AnyLog/1.23" -H "command: $2" "http://127.0.0.1:$1/"; }
rows_of() { cmd "$1" "get kafka consumer where format = json" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["rows"])'; }
lag_of() { cmd "$1" "get kafka consumer where format = json" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["lag"])'; }

start_node() { # index group
  local i=$1 group=$2 home="$work/node-$1-$2" rest=$((P + 10 * $1))
  mkdir -p "$home"
  cat >"$home/boot.al" <<AL
set buffer threshold where time = 10 seconds and volume = 4MB
run streamer
run rest server where internal_ip = 127.0.0.1 and internal_port = $rest
run kafka consumer where brokers = $KAFKA_BOOTSTRAP and reset = earliest and group_id = $group and topic = (name = $topic and dbms = bench and table = kafka and column.ts.timestamp = "bring [ts]" and column.dev.str = "bring [dev]" and column.seq.int = "bring [seq]" and column.value.float = "bring [value]")
AL
  (cd "$home" && EP_HOME="$home" LOCAL_IP=127.0.0.1 ANYLOG_REST_PORT=$rest ANYLOG_SERVER_PORT=$((rest + 1)) \
    NODE_NAME="bench-$i" exec java ${EP_JAVA_OPTS:-} -jar "$root/target/edge-publisher.jar" --no-cli --LEDGER_CONN= \
    --script "$home/boot.al" >"$home/node.log" 2>&1) &
  pids+=($!)
  for _ in $(seq 1 600); do cmd "$rest" "get status" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "node $i did not answer on $rest: $(tail -20 "$home/node.log")" >&2; exit 1
}

IFS=, read -r -a setups <<<"$NODES"
for n in "${setups[@]}"; do
  group="ep-$n-$topic"
  first=${#pids[@]}
  for i in $(seq 1 "$n"); do start_node "$i" "$group"; done
  sleep "$WARM"
  before=0; for i in $(seq 1 "$n"); do before=$((before + $(rows_of $((P + 10 * i))))); done
  sleep "$TIMED"
  after=0; lag=0
  for i in $(seq 1 "$n"); do
    after=$((after + $(rows_of $((P + 10 * i)))))
    lag=$((lag + $(lag_of $((P + 10 * i)))))
  done
  rps=$(( (after - before) / TIMED ))
  note=""; [ "$lag" -gt 0 ] || note=" (topic ran dry during the window: give more records)"
  log "   NODES=$n: $((after - before)) rows in ${TIMED} s = $rps rows/s ($(( raw_rps > 0 ? 100 * rps / (raw_rps * 10) : 0 ))% of the ceiling); lag at the end $lag records$note"
  for p in "${pids[@]:$first}"; do kill -TERM "$p"; wait "$p" || true; done
  pids=("${pids[@]:0:$first}")
done
log "   uptime after: $(uptime)"
