#!/usr/bin/env bash
# Startup benchmark: time from `java -jar` until REST answers `get status`, and RSS after boot.
# Usage: bench/startup.sh [runs] [extra java options…]   (default 7 runs). Prints each run and the medians.
# ENV: JAR (default target/edge-publisher.jar), BENCH_REST_PORT / BENCH_TCP_PORT (default 32949 / 32948).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-7}; shift || true
JAR=${JAR:-target/edge-publisher.jar}
[ -f "$JAR" ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
port_rest=${BENCH_REST_PORT:-32949}; port_tcp=${BENCH_TCP_PORT:-32948}
times=(); rss=(); cpus=()
tck=$(getconf CLK_TCK)
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
  cpu=$(awk -v t="$tck" '{print int(($14 + $15) * 1000 / t)}' /proc/$pid/stat)
  sleep 1
  r=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  ms=$(( (end - start) / 1000000 ))
  times+=("$ms"); rss+=("$r"); cpus+=("$cpu")
  echo "run $i: ready in ${ms} ms, CPU ${cpu} ms, RSS $((r / 1024)) MB"
  curl -s -X POST -H "User-Agent: AnyLog/1.23" -H "command: exit node" "127.0.0.1:$port_rest" > /dev/null || true
  wait $pid || true
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo "median startup: $(median "${times[@]}") ms; median CPU to ready: $(median "${cpus[@]}") ms; median RSS after boot: $(( $(median "${rss[@]}") / 1024 )) MB (runs: $RUNS; load: $(cut -d' ' -f1-3 /proc/loadavg))"
