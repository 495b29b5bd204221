#!/usr/bin/env bash
# REST PUT streaming, side by side in one run: a real EdgeLake 1.4 node and Edge Publisher, the same Java client
# (RestPutClient), the same payloads and threads, one after the other, alternating, on the same port in the
# loopback-only namespace of ../shared/edgelake-peer. Both nodes: REST + streamer, default thresholds, no master.
# Usage (root, EdgeLake prepared with shared/edgelake-peer/prepare.sh, jar built):
#   bench/intake/rest-vs-edgelake.sh [batches=300] [rows=2000] [threads=4] [rounds=3]
# Extra JVM options for Edge Publisher in EP_JAVA_OPTS (e.g. -Xmx128m); its journal in EP_JOURNAL_SYNC (always).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
PEER=${EL_PEER:-$root/../shared/edgelake-peer}
. "$PEER/env.sh"
B=${1:-300}; R=${2:-2000}; T=${3:-4}; ROUNDS=${4:-3}
[ -f target/edge-publisher.jar ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
mvn -B -q -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
cp="$root/target/classes:$root/target/test-classes:$(cat target/bench.cp)"
work=$(mktemp -d); trap 'rm -rf "$work"; "$PEER/stop-nodes.sh" elrest >/dev/null 2>&1 || true' EXIT
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'); nproc $(nproc); $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
echo "uptime before: $(uptime)"
client() { el_ns java -cp "$cp" io.edgepublisher.bench.intake.RestPutClient "$EL_IP" "$EL_PUB_REST" "$B" "$R" "$T" \
  bench "$1" | grep -o '[0-9,]* rows/s' | tr -d ,; }
# waits until the node named $1 answers get status on the REST port (not a previous node still shutting down)
wait_rest() {
  for i in $(seq 1 300); do
    el_ns curl -s -m 1 -H "User-Agent: AnyLog/1.23" -H "command: get status" "http://$EL_IP:$EL_PUB_REST" \
      2>/dev/null | grep -Eq "$1@.* running" && return 0
    sleep 0.1
  done
  echo "$1 not answering on $EL_PUB_REST" >&2; [ -f "$work/ep.log" ] && tail -20 "$work/ep.log" >&2; return 1
}
# waits until nothing listens on the REST and TCP ports any more
wait_closed() {
  for i in $(seq 1 300); do
    [ -z "$(el_ns ss -Hltn "( sport = :$EL_PUB_REST or sport = :$EL_PUB_TCP )" 2>/dev/null)" ] && return 0
    sleep 0.1
  done
  echo "ports still in use" >&2; return 1
}
el=(); ep=()
for r in $(seq 1 "$ROUNDS"); do
  "$PEER/start-node.sh" elrest "$root/bench/intake/edgelake-rest.al" "$EL_PUB_REST" "$EL_PUB_TCP" >/dev/null
  wait_rest "(AnyLog|elrest)"
  elpid=$(cat "$EL_RUN/elrest/node.pid")
  x=$(client "el_$r$$"); el+=("${x% rows/s}")
  read -r u s < <(awk '{print $14, $15}' /proc/$elpid/stat)
  echo "round $r EdgeLake:       $x (node CPU since boot: user $((u / 100)).$((u % 100)) s, sys $((s / 100)).$((s % 100)) s)"
  "$PEER/stop-nodes.sh" elrest >/dev/null 2>&1; wait_closed
  rm -rf "$work/ep"; mkdir -p "$work/ep"
  "$PEER/netns-up.sh" >/dev/null
  EP_HOME="$work/ep" LOCAL_IP=$EL_IP ANYLOG_REST_PORT=$EL_PUB_REST ANYLOG_SERVER_PORT=$EL_PUB_TCP \
    EP_JOURNAL_SYNC=${EP_JOURNAL_SYNC:-always} el_ns java ${EP_JAVA_OPTS:-} -jar target/edge-publisher.jar --no-cli \
    --LEDGER_CONN= --script bench/intake/ep-rest.al > "$work/ep.log" 2>&1 &
  pid=$!
  wait_rest eprest
  jpid=$(pgrep -n -f 'edge-publisher.jar --no-cli')
    x=$(client "ep_$r$$"); ep+=("${x% rows/s}")
  read -r u s < <(awk '{print $14, $15}' /proc/$jpid/stat)
  echo "round $r Edge Publisher: $x (node CPU since boot: user $((u / 100)).$((u % 100)) s, sys $((s / 100)).$((s % 100)) s)"
  el_ns curl -s -X POST -H "User-Agent: AnyLog/1.23" -H "command: exit node" "http://$EL_IP:$EL_PUB_REST" >/dev/null || true
  wait $pid || true
  n=$(cat "$work"/ep/AnyLog-Network/data/watch/* 2>/dev/null | grep -c '"batch"' || true)
  [ "$n" = "$B" ] || echo "Edge Publisher: $n of $B batches in its watch folder" >&2
  "$PEER/stop-nodes.sh" elrest >/dev/null 2>&1 || true; wait_closed
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mel=$(median "${el[@]}"); mep=$(median "${ep[@]}")
echo "uptime after: $(uptime)"
echo "SUMMARY $B x $R rows, $T threads: EdgeLake median $mel rows/s, Edge Publisher median $mep rows/s, ratio $(echo "scale=2; $mep / $mel" | bc)"
