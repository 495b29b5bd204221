#!/usr/bin/env bash
# Startup benchmark: time from `java -jar` until REST answers `get status`, and RSS after boot.
# Usage: bench/startup.sh [runs] [extra java options…]   (default 7 runs). Prints each run and the medians.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}; shift || true
JAR=target/edge-publisher.jar
[ -f "$JAR" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
port_rest=32949; port_tcp=32948
times=(); rss=()
for i in $(seq 1 "$RUNS"); do
  rm -rf "$work/home"; mkdir -p "$work/home"
  start=$(date +%s%N)
  EP_HOME="$work/home" LOCAL_IP=127.0.0.1 ANYLOG_REST_PORT=$port_rest ANYLOG_SERVER_PORT=$port_tcp \
    java "$@" -jar "$JAR" --no-cli --LEDGER_CONN= > "$work/node.log" 2>&1 &
  pid=$!
  until out=$(curl -s -m 1 -H "User-Agent: AnyLog/1.23" -H "command: get status" "127.0.0.1:$port_rest" 2>/dev/null) && [[ "$out" == *running ]]; do
    kill -0 $pid 2>/dev/null || { echo "node died"; cat "$work/node.log"; exit 1; }
    sleep 0.02
  done
  end=$(date +%s%N)
  sleep 1
  r=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms"); rss+=("$r")
  echo "run $i: ready in ${ms} ms, RSS $((r / 1024)) MB"
  curl -s -X POST -H "User-Agent: AnyLog/1.23" -H "command: exit node" "127.0.0.1:$port_rest" > /dev/null || true
  wait $pid || true
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "median startup: $(median "${times[@]}") ms; median RSS after boot: $(( $(median "${rss[@]}") / 1024 )) MB (runs: $RUNS)"
