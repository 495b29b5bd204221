#!/usr/bin/env bash
# MQTT intake, the real jar against the ceiling in one run: for each QoS and message size, the same publisher
# (mosquitto_pub -l, fed at RATE messages/s or flat out) first to a raw mosquitto_sub (lines counted), then to
# Edge Publisher (java -jar, `run msg client` on the same broker). The node gets COLD seconds measured right after
# boot, WARM untimed, then TIMED; the ceiling WARM then TIMED. Each window: rows sent and received (loss), rows/s,
# the receiver's CPU per row (/proc/<pid>/stat over the window). Details: MqttRun's Javadoc.
#
# Usage (jar built; mosquitto-clients installed; a broker, by default the machine's Mosquitto on 127.0.0.1:1883):
#   bench/intake/mqtt.sh [timed=30] [cold=30] [warm=10] [rates=0 (msg/s, 0 = flat out)] [qos=0,1] [rows=1,10]
# Lists are comma-separated; every combination is one case (e.g. rates 20000,40000,0 for a sweep).
# Flat out: mosquitto_pub reads its input faster than it sends and queues the rest in memory, so a window lasts until
# the receiver stops receiving, which can be well past TIMED; give a rate to bound it.
# Environment: MQTT_HOST (127.0.0.1), MQTT_PORT (1883), EP_JAVA_OPTS (e.g. -Xmx128m), EP_JOURNAL_SYNC (always),
# PUB_OPTS (extra mosquitto_pub options, e.g. "-M 100" for more QoS 1 messages in flight), SIDES (sub,node),
# BENCH_PORT (46020: the node's REST port; TCP is the next one).
# Prints one line per window, a SUMMARY line per case, and appends them to bench/results/mqtt-<UTC date>.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
TIMED=${1:-30}; COLD=${2:-30}; WARM=${3:-10}; RATE=${4:-0}; QOS=${5:-0,1}; ROWS=${6:-1,10}
HOST=${MQTT_HOST:-127.0.0.1}; PORT=${MQTT_PORT:-1883}; P=${BENCH_PORT:-46020}
[ -f target/edge-publisher.jar ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
command -v mosquitto_pub >/dev/null && command -v mosquitto_sub >/dev/null \
  || { echo "needs mosquitto_pub and mosquitto_sub: apt-get install mosquitto-clients" >&2; exit 1; }
mvn -B -q -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
cp="$root/target/classes:$root/target/test-classes:$(cat target/bench.cp)"
mkdir -p bench/results
results="$root/bench/results/mqtt-$(date -u +%F).txt"
log() { echo "$*" | tee -a "$results"; }
log "== bench/intake/mqtt.sh $(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(hostname), nproc $(nproc),$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
log "   commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (src modified)'); $(java -version 2>&1 | head -1); $(mosquitto_sub --help | sed -n 2p)"
log "   broker $HOST:$PORT; windows: node cold ${COLD} s, warm-up ${WARM} s, timed ${TIMED} s; rates $RATE msg/s (0 = flat out)${PUB_OPTS:+; mosquitto_pub $PUB_OPTS}"
log "   uptime before: $(uptime)"
IFS=, read -r -a qs <<< "$QOS"; IFS=, read -r -a rs <<< "$ROWS"; IFS=, read -r -a rates <<< "$RATE"
for q in "${qs[@]}"; do
  for r in "${rs[@]}"; do
    for rate in "${rates[@]}"; do
      java -cp "$cp" io.edgepublisher.bench.intake.MqttRun "$HOST" "$PORT" "$q" "$r" "$rate" "$COLD" "$WARM" \
        "$TIMED" "$P" $((P + 1)) 2>&1 | while IFS= read -r l; do log "$l"; done
    done
  done
done
log "   uptime after: $(uptime)"
