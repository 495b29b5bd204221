#!/usr/bin/env bash
# Where the MQTT consumer's time goes: boots the real jar with one `run msg client` (QoS 0, one-row messages) on the
# machine's Mosquitto, floods N messages with one `mosquitto_pub -l`, takes thread dumps of the node during the flood
# (jstack, every second) and reports rows received against rows sent, the node's CPU over the flood, and the states of
# the paho and intake threads in the dumps. Indicative only: not a benchmark (use mqtt.sh for figures).
# Usage: bench/intake/mqtt-profile.sh [messages=100000] [jar=target/edge-publisher.jar]
# Environment: MQTT_HOST (127.0.0.1), MQTT_PORT (1883), BENCH_PORT (47110: REST; TCP is the next one), EP_JAVA_OPTS.
set -euo pipefail
N=${1:-100000}; JAR=${2:-target/edge-publisher.jar}
HOST=${MQTT_HOST:-127.0.0.1}; PORT=${MQTT_PORT:-1883}; P=${BENCH_PORT:-47110}
home=$(mktemp -d /tmp/ep-mqtt-profile.XXXX); run=$(date +%s%N); topic="epprof/$run"
cat > "$home/boot.al" <<AL
set node name epprof
run msg client where broker = $HOST and port = $PORT and client_id = epprof-$run and topic = (name = $topic and qos = 0 and dbms = prof and table = mqtt and column.ts.timestamp = bring [ts] and column.v.float = bring [v] and column.id.int = bring [id])
run rest server where internal_ip = 127.0.0.1 and internal_port = $P and bind = true
AL
seq 1 "$N" | awk '{printf "{\"ts\": \"2024-01-01T00:00:00Z\", \"v\": 1.5, \"id\": %d}\n", $1}' > "$home/msgs"
EP_HOME="$home" LOCAL_IP=127.0.0.1 ANYLOG_REST_PORT=$P ANYLOG_SERVER_PORT=$((P + 1)) EP_JOURNAL_SYNC=${EP_JOURNAL_SYNC:-always} \
  java ${EP_JAVA_OPTS:-} -jar "$JAR" --no-cli --LEDGER_CONN= --script "$home/boot.al" > "$home/node.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
cmd() { curl -s -H 'User-Agent: AnyLog/1.23' -H "command: $1" "http://127.0.0.1:$P/"; }
for i in $(seq 1 120); do cmd "get msg client" 2>/dev/null | grep -q "Connected to" && break; sleep 0.5; done
cpu0=$(awk '{print $14 + $15}' /proc/$pid/stat); t0=$(date +%s.%N)
mosquitto_pub -h "$HOST" -p "$PORT" -q 0 -t "$topic" -l < "$home/msgs" &
pub=$!
k=0
while kill -0 $pub 2>/dev/null; do jstack $pid > "$home/jstack.$k" 2>/dev/null || true; k=$((k + 1)); sleep 1; done
last=-1
while true; do
  got=$(cmd "get msg client where id = 1 and format = json" | grep -o '"messages": [0-9]*' | head -1 | grep -o '[0-9]*$')
  [ "$got" = "$last" ] && break; last=$got
  jstack $pid > "$home/jstack.$k" 2>/dev/null || true; k=$((k + 1)); sleep 1
done
t1=$(date +%s.%N); cpu1=$(awk '{print $14 + $15}' /proc/$pid/stat)
echo "sent $N, received $got ($(awk -v a="$got" -v b="$N" 'BEGIN{printf "%.1f", 100*a/b}') %), window $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a-2}') s (incl. ~2 s idle check), node CPU $(awk -v a="$cpu0" -v b="$cpu1" -v t0="$t0" -v t1="$t1" 'BEGIN{printf "%.2f s", (b-a)/100}')"
echo "thread states in $k dumps (paho receiver 'MQTT Rec', paho callback 'MQTT Call', ep-intake-mqtt, journal commit):"
for f in "$home"/jstack.*; do
  awk '/^"/{name=$0} /java.lang.Thread.State/{st=$2} /^\tat /{ if (!top) {top=$2} } /^$/{ if (name ~ /MQTT Rec|MQTT Call|ep-intake-mqtt|group-commit/) { sub(/ #.*/, "", name); print substr(name, 1, 60) " | " st " | " top } name=""; st=""; top="" }' "$f"
done | sort | uniq -c | sort -rn | head -20
echo "home: $home"
