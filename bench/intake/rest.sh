#!/usr/bin/env bash
# REST PUT streaming, side by side in one run: a real EdgeLake 1.4 node, Edge Publisher (the jar, started as a user
# starts it) and the ceiling (DiscardHttpServer: reads each body and throws it away), one after the other, each
# driven by the same Java client (TimedRestLoad: batches of ROWS rows, THREADS connections, no pause). Per server:
# boot, then COLD seconds measured as "cold" (the first seconds after boot), WARM seconds of untimed warm-up, then
# TIMED seconds measured as "timed". Each window reports rows/s and the server's CPU per row (utime+stime from
# /proc/<pid>/stat over the window, boot excluded). At the end rows stored are counted against rows acknowledged
# (watch files after `flush buffers`; the discard server's own count).
#
# Usage (root: everything runs in a loopback-only network namespace; jar built; EdgeLake prepared with
# ../shared/edgelake-peer/prepare.sh unless NODES leaves it out):
#   bench/intake/rest.sh [timed=30] [cold=30] [warm=10] [rows=2000] [threads=4] [rounds=1]
# Environment: NODES (el,ep,discard), EP_JAVA_OPTS (e.g. -Xmx128m), EP_JOURNAL_SYNC (always), BENCH_NETNS (epbench;
# empty = no namespace, then EdgeLake is left out), BENCH_PORT (46010: uses it and the next 5), EL_PEER.
# Prints one line per window and server, a SUMMARY per round (ratios), and appends everything to
# bench/results/rest-<UTC date>.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
TIMED=${1:-30}; COLD=${2:-30}; WARM=${3:-10}; ROWS=${4:-2000}; THREADS=${5:-4}; ROUNDS=${6:-1}
NODES=${NODES:-el,ep,discard}
NS=${BENCH_NETNS-epbench}
P=${BENCH_PORT:-46010}
EL_REST=$P; EL_TCP=$((P + 1)); EP_REST=$((P + 2)); EP_TCP=$((P + 3)); DISCARD=$((P + 4))
PEER=${EL_PEER:-$root/../shared/edgelake-peer}
[ -f target/edge-publisher.jar ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
if [[ ,$NODES, == *,el,* ]]; then
  [ -n "$NS" ] || { echo "EdgeLake needs the network namespace (BENCH_NETNS); or run with NODES=ep,discard" >&2; exit 1; }
  # the peer scripts, with our own namespace and run folder, so other users of ../shared/edgelake-peer are untouched
  export EL_NETNS=$NS EL_RUN=/var/tmp/ep-bench-rest/run
  . "$PEER/env.sh"
  [ -f "$EL_SRC/edge_lake/edgelake.py" ] || { echo "EdgeLake not prepared: $PEER/prepare.sh <EdgeLake git dir>" >&2; exit 1; }
fi
mvn -B -q -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
cp="$root/target/classes:$root/target/test-classes:$(cat target/bench.cp)"
mkdir -p bench/results
results="$root/bench/results/rest-$(date -u +%F).txt"
work=$(mktemp -d)
ns() { if [ -n "$NS" ]; then ip netns exec "$NS" "$@"; else "$@"; fi; }
# for servers started in the background: `ip netns exec` execs, so $! is then the server's own pid (not a subshell's)
nsx=(); [ -n "$NS" ] && nsx=(ip netns exec "$NS")
cleanup() {
  [ -n "${srv_pid:-}" ] && kill "$srv_pid" 2>/dev/null || true
  if [[ ,$NODES, == *,el,* ]]; then "$PEER/stop-nodes.sh" elrest >/dev/null 2>&1 || true; rm -rf "$EL_RUN/elrest"; fi
  if [ -n "$NS" ] && ip netns list | grep -qw "$NS"; then ip netns del "$NS" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
if [ -n "$NS" ]; then
  ip netns list | grep -qw "$NS" || ip netns add "$NS"
  ip netns exec "$NS" ip link set lo up
fi
log() { echo "$*" | tee -a "$results"; }

# answers when a server on port $1 replies to `get status` with a text matching $2
wait_ready() {
  for _ in $(seq 1 600); do
    ns curl -s -m 1 -H "User-Agent: AnyLog/1.23" -H "command: get status" "http://127.0.0.1:$1" 2>/dev/null \
      | grep -Eq "$2" && return 0
    sleep 0.05
  done
  echo "nothing answers on port $1" >&2; return 1
}
post() { ns curl -s -m 60 -X POST -H "User-Agent: AnyLog/1.23" -H "command: $2" "http://127.0.0.1:$1" || true; }
# data rows (the marker row of each batch left out) in the files of a watch folder
rows_in() {
  find "$1" -type f -print0 | xargs -0 -r awk '!/"batch"/ {n++} END {print n + 0}' | awk '{s += $1} END {print s + 0}'
}

# load <label> <port> <pid>: runs the client, prints its lines, leaves TOTAL/RESULT lines in $work/<label>.out
load() {
  ns java -cp "$cp" io.edgepublisher.bench.intake.TimedRestLoad 127.0.0.1 "$2" "$1" "$ROWS" "$THREADS" "$COLD" \
    "$WARM" "$TIMED" "$1:$3" > "$work/$1.out"
  grep -v -e '^RESULT ' -e '^TOTAL ' "$work/$1.out" | while IFS= read -r l; do log "  $l"; done
}
acked_rows() { awk '/^TOTAL/ {print $5}' "$work/$1.out"; }
loss_line() { # label stored
  local acked; acked=$(acked_rows "$1")
  log "  $1 rows stored: $2 of $acked acknowledged ($((acked - $2)) missing)"
}

run_el() {
  sed -e "s/\$EL_PUB_TCP/$EL_TCP/g" -e "s/\$EL_PUB_REST/$EL_REST/g" bench/intake/edgelake-rest.al > "$work/el.al"
  rm -rf "$EL_RUN/elrest"
  local t0; t0=$(date +%s%N)
  "$PEER/start-node.sh" elrest "$work/el.al" "$EL_REST" "$EL_TCP" >/dev/null
  wait_ready "$EL_REST" "(AnyLog|elrest)@.* running"
  log "  el booted in $(( ($(date +%s%N) - t0) / 1000000 )) ms"
  load el "$EL_REST" "$(cat "$EL_RUN/elrest/node.pid")"
  post "$EL_REST" "flush buffers" >/dev/null; sleep 2
  loss_line el "$(rows_in "$EL_RUN/elrest/EdgeLake/data/watch")"
  "$PEER/stop-nodes.sh" elrest >/dev/null 2>&1 || true
  # stop-nodes.sh deletes the namespace once its last node is down (that clears TIME_WAIT); bring it back
  ip netns list | grep -qw "$NS" || { ip netns add "$NS"; ip netns exec "$NS" ip link set lo up; }
}

run_ep() {
  rm -rf "$work/ep"; mkdir -p "$work/ep"
  local t0; t0=$(date +%s%N)
  EP_HOME="$work/ep" LOCAL_IP=127.0.0.1 ANYLOG_REST_PORT=$EP_REST ANYLOG_SERVER_PORT=$EP_TCP \
    EP_JOURNAL_SYNC=${EP_JOURNAL_SYNC:-always} "${nsx[@]}" java ${EP_JAVA_OPTS:-} -jar target/edge-publisher.jar --no-cli \
    --LEDGER_CONN= --script bench/intake/ep-rest.al > "$work/ep.log" 2>&1 &
  srv_pid=$!
  wait_ready "$EP_REST" "eprest@.* running" || { tail -20 "$work/ep.log" >&2; exit 1; }
  log "  ep booted in $(( ($(date +%s%N) - t0) / 1000000 )) ms (journal ${EP_JOURNAL_SYNC:-always}${EP_JAVA_OPTS:+, $EP_JAVA_OPTS})"
  load ep "$EP_REST" "$srv_pid"
  post "$EP_REST" "flush buffers" >/dev/null
  loss_line ep "$(rows_in "$work/ep/AnyLog-Network/data/watch")"
  post "$EP_REST" "exit node" >/dev/null
  wait "$srv_pid" || true; srv_pid=
}

run_discard() {
  "${nsx[@]}" java -cp "$cp" io.edgepublisher.bench.intake.DiscardHttpServer 127.0.0.1 "$DISCARD" 6 > "$work/discard.log" 2>&1 &
  srv_pid=$!
  wait_ready "$DISCARD" "discard running"
  load discard "$DISCARD" "$srv_pid"
  local c objects requests
  c=$(ns curl -s -H "command: get count" "http://127.0.0.1:$DISCARD")
  objects=$(sed 's/.*objects=//' <<< "$c"); requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<< "$c")
  loss_line discard $((objects - requests))
  kill "$srv_pid"; wait "$srv_pid" 2>/dev/null || true; srv_pid=
}

rate() { awk -v l="$1" -v w="$2" '$1 == "RESULT" && $2 == l && $3 == w {print $4}' "$work/$1.out" 2>/dev/null; }
cpu() { awk -v l="$1" -v w="$2" '$1 == "RESULT" && $2 == l && $3 == w {print $5}' "$work/$1.out" 2>/dev/null; }
ratio() { if [ -n "$1" ] && [ -n "$2" ] && [ "$2" != 0 ]; then awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f\n", a / b}'; else echo "n/a"; fi; }

log "== bench/intake/rest.sh $(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(hostname), nproc $(nproc),$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
log "   commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (src modified)'); $(java -version 2>&1 | head -1)"
log "   windows: cold ${COLD} s, warm-up ${WARM} s, timed ${TIMED} s; ${ROWS}-row batches, ${THREADS} threads; nodes $NODES"
log "   uptime before: $(uptime)"
IFS=, read -r -a order <<< "$NODES"
all_et=(); all_lt=(); all_dt=(); all_ec=(); all_lc=()
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {printf "%.0f\n", (NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
for r in $(seq 1 "$ROUNDS"); do
  log "round $r"
  for n in "${order[@]}"; do "run_$n"; done
  e_t=$(rate ep timed); l_t=$(rate el timed); d_t=$(rate discard timed); e_c=$(rate ep cold); l_c=$(rate el cold)
  all_et+=("${e_t:-0}"); all_lt+=("${l_t:-0}"); all_dt+=("${d_t:-0}"); all_ec+=("${e_c:-0}"); all_lc+=("${l_c:-0}")
  log "SUMMARY round $r timed: ep ${e_t:-n/a} el ${l_t:-n/a} discard ${d_t:-n/a} rows/s; ep/el $(ratio "$e_t" "$l_t")x, ep/discard $(ratio "$e_t" "$d_t"), el/discard $(ratio "$l_t" "$d_t"); CPU µs/row ep $(cpu ep timed) el $(cpu el timed) discard $(cpu discard timed)"
  log "SUMMARY round $r cold:  ep ${e_c:-n/a} el ${l_c:-n/a} rows/s; ep/el $(ratio "$e_c" "$l_c")x; CPU µs/row ep $(cpu ep cold) el $(cpu el cold)"
  # reverse the order for the next round, so no server always runs first
  for ((i = 0, j = ${#order[@]} - 1; i < j; i++, j--)); do t=${order[i]}; order[i]=${order[j]}; order[j]=$t; done
done
if [ "$ROUNDS" -gt 1 ]; then
  m_et=$(median "${all_et[@]}"); m_lt=$(median "${all_lt[@]}"); m_dt=$(median "${all_dt[@]}")
  m_ec=$(median "${all_ec[@]}"); m_lc=$(median "${all_lc[@]}")
  log "SUMMARY median of $ROUNDS rounds, timed: ep $m_et el $m_lt discard $m_dt rows/s; ep/el $(ratio "$m_et" "$m_lt")x, ep/discard $(ratio "$m_et" "$m_dt"); cold: ep $m_ec el $m_lc rows/s, ep/el $(ratio "$m_ec" "$m_lc")x"
fi
log "   uptime after: $(uptime)"
