#!/usr/bin/env bash
# Publisher benchmark: watch folder -> in-repo operator sink (the node in-process, then the jar), on SQLite and on the local PostgreSQL (127.0.0.1:5432,
# user postgres, trust auth). Usage: [NODE_FILES=200000] bench/publish/run.sh [files=20000]. Prints the machine facts and
# every figure.
set -euo pipefail
cd "$(dirname "$0")/../.."
FILES=${1:-20000}
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"; echo "nproc: $(nproc)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')"
java -version 2>&1 | head -1; echo "uptime: $(uptime)"
mvn -B -q -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
cp="target/classes:target/test-classes:$(cat target/bench.cp)"
run() { java -cp "$cp" io.edgepublisher.bench.publish.PublishBench "$@" 2>&1 | grep -E '^(PublishBench|throughput|latency|WARN)'; }
for db in sqlite psql; do
  run $db $FILES 16 8 0 200 10     # threads 8 over 16 tables, ack_wait 0; latency at 200 files/s
  run $db $FILES 8 4 0 200 1       # the default threads = 4, 8 tables
  run $db 2000 8 4 1000 100 10     # latency with ack_wait = 1 s: 'delivered' = transfer + ack_wait
done
# the real node (java -jar, Camel routes) with health and metrics on and off: what observing costs; per node process
# a cold round of 20,000 files, then a timed round of NODE_FILES (200,000: 2 GB of watch files at a time)
[ -f target/edge-publisher.jar ] && java -cp "$cp" io.edgepublisher.bench.publish.NodePublishBench \
  "${NODE_FILES:-200000}" 8 3 20000 2>&1 | grep -E '^(metrics|SUMMARY|WARN|Exception)'
echo "uptime after: $(uptime)"
