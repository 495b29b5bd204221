#!/usr/bin/env bash
# Makes a class-data sharing (AppCDS) archive for the node's jar: one training boot that records every class loaded
# until REST answers `get status`, then `exit node`. Start the node with -XX:SharedArchiveFile=<archive> to map those
# classes instead of loading and verifying them again: about a third of the CPU of a boot (docs/OPERATIONS.md#start-up-and-memory).
#
# Usage: scripts/cds-archive.sh [JAR] [ARCHIVE]   (defaults: target/edge-publisher.jar, <JAR without .jar>.jsa)
# ENV: CDS_REST_PORT / CDS_TCP_PORT (default 32979 / 32978: free ports for the training node), JAVA (default java),
#      and JAVA_TOOL_OPTIONS as usual (the container's GC options belong in the training run too).
# The archive is only valid for the same JDK and the same jar file (path, size, time): make it again after every
# build or upgrade. A stale or missing archive is not fatal: the JVM says so once and loads classes as usual.
# Needs bash only (the REST calls use /dev/tcp), so it also runs in the JRE image at build time.
set -euo pipefail
JAR=$(readlink -f "${1:-target/edge-publisher.jar}")
ARCHIVE=${2:-${JAR%.jar}.jsa}
JAVA=${JAVA:-java}
rest=${CDS_REST_PORT:-32979}; tcp=${CDS_TCP_PORT:-32978}
[ -f "$JAR" ] || { echo "no jar at $JAR (build first: mvn -B package -DskipTests)" >&2; exit 1; }
home=$(mktemp -d); trap 'rm -rf "$home"' EXIT
rm -f "$ARCHIVE"

# One AnyLog REST request over /dev/tcp; prints the response body.
rest_call() { # METHOD COMMAND
  exec 3<>"/dev/tcp/127.0.0.1/$rest" || return 1
  printf '%s / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: AnyLog/1.23\r\ncommand: %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n' \
    "$1" "$2" >&3
  timeout 5 cat <&3 || true
  exec 3<&-
}

EP_HOME="$home" LOCAL_IP=127.0.0.1 ANYLOG_REST_PORT=$rest ANYLOG_SERVER_PORT=$tcp \
  "$JAVA" -XX:ArchiveClassesAtExit="$ARCHIVE" -jar "$JAR" --no-cli --LEDGER_CONN= > "$home/train.log" 2>&1 &
pid=$!
deadline=$((SECONDS + 300))
until rest_call GET "get status" 2>/dev/null | grep -q running; do
  if ! kill -0 $pid 2>/dev/null; then echo "training node died:" >&2; cat "$home/train.log" >&2; exit 1; fi
  if [ $SECONDS -ge $deadline ]; then echo "training node not ready in 300 s" >&2; kill $pid; exit 1; fi
  sleep 0.2
done
rest_call POST "exit node" > /dev/null || true
wait $pid || true
[ -s "$ARCHIVE" ] || { echo "no archive written:" >&2; tail -20 "$home/train.log" >&2; exit 1; }
echo "CDS archive: $ARCHIVE ($(( $(stat -c %s "$ARCHIVE") / 1048576 )) MB); start with: java -XX:SharedArchiveFile=$ARCHIVE -jar $JAR"
