#!/usr/bin/env bash
# Remakes src/main/resources/boot/prewarm-classes.txt, the classes node.ClassPrewarm loads on a background thread
# while the main thread boots: one training boot of the built jar with -Xlog:class+load until REST answers
# `get status`, then `exit node`; kept are the classes read from the jar or from the JDK's modules (not the ones the
# JDK maps from its own CDS archive, and no generated lambda or proxy classes), in the order they were loaded.
# Run it after a change of dependencies or of what the boot starts, then rebuild; a stale list is harmless (names
# that no longer exist are skipped), it only prepares fewer classes ahead.
#
# Usage: scripts/prewarm-classes.sh [JAR]   (default target/edge-publisher.jar)
# ENV: PREWARM_REST_PORT / PREWARM_TCP_PORT (default 32977 / 32976), JAVA (default java).
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=$(readlink -f "${1:-target/edge-publisher.jar}")
OUT=src/main/resources/boot/prewarm-classes.txt
JAVA=${JAVA:-java}
rest=${PREWARM_REST_PORT:-32977}; tcp=${PREWARM_TCP_PORT:-32976}
[ -f "$JAR" ] || { echo "no jar at $JAR (build first: mvn -B package -DskipTests)" >&2; exit 1; }
home=$(mktemp -d); trap 'rm -rf "$home"' EXIT

EP_HOME="$home" LOCAL_IP=127.0.0.1 ANYLOG_REST_PORT=$rest ANYLOG_SERVER_PORT=$tcp \
  "$JAVA" -Dedgepublisher.class-prewarm=false -Xlog:class+load=info:file="$home/classes.log" -jar "$JAR" --no-cli --LEDGER_CONN= > "$home/train.log" 2>&1 &
pid=$!
deadline=$((SECONDS + 300))
until curl -s -m 1 -H "User-Agent: AnyLog/1.23" -H "command: get status" "127.0.0.1:$rest" 2>/dev/null | grep -q running; do
  if ! kill -0 $pid 2>/dev/null; then echo "training node died:" >&2; cat "$home/train.log" >&2; exit 1; fi
  if [ $SECONDS -ge $deadline ]; then echo "training node not ready in 300 s" >&2; kill $pid; exit 1; fi
  sleep 0.1
done
cp "$home/classes.log" "$home/at-ready.log"
curl -s -X POST -H "User-Agent: AnyLog/1.23" -H "command: exit node" "127.0.0.1:$rest" > /dev/null || true
wait $pid || true
{
  echo "# Classes a boot loads before ready, in load order (scripts/prewarm-classes.sh; read by node.ClassPrewarm)."
  # lines: [..][info][class,load] NAME source: SOURCE
  awk '$0 ~ /source: (jar:|file:|jrt:)/ {for (i = 1; i <= NF; i++) if ($i == "source:") print $(i - 1)}' "$home/at-ready.log" \
    | grep -v -e '\$\$Lambda' -e '\$Proxy' -e 'LambdaForm\$' -e '/0x' -e '^io\.edgepublisher\.node\.ClassPrewarm$' \
    | awk '!seen[$0]++'
} > "$OUT"
echo "$(grep -vc '^#' "$OUT") classes in $OUT"
