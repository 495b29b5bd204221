#!/usr/bin/env bash
# Soak test (issue 12, "Also prove"): the real node under steady mixed load — REST PUT streaming and MQTT QoS 1 —
# publishing to the in-repo operator double, which goes away OUTAGE_FOR s every OUTAGE_EVERY s, with one kill -9 and
# restart of the node. Every row is followed by id from sending to the operator; the node's RSS and open files are
# sampled. Ends with "SOAK RESULT: <n> missing / <n> duplicated; RSS …; open files …" (exit 0 only when all are 0 /
# no growth) and a plot. Not part of `mvn verify`. Details: bench/java/io/edgepublisher/bench/soak/Soak.java.
#
# Usage (jar built; a broker, by default the machine's Mosquitto on 127.0.0.1:1883; gnuplot for the plot):
#   bench/soak/run.sh                      # 30 minutes: outage 60 s every 300 s, kill -9 at 720 s
#   DURATION=180 OUTAGE_EVERY=60 OUTAGE_FOR=15 KILL_AT=100 SAMPLE=5 GROWTH_FROM=30 bench/soak/run.sh   # 3-min smoke
# Environment (defaults): DURATION 1800, OUTAGE_EVERY 300, OUTAGE_FOR 60, KILL_AT 720, SAMPLE 10, GROWTH_FROM 300
# (growth is checked on samples taken once a node process is this many seconds old), REST_RATE 20 PUTs/s,
# REST_ROWS 25, MQTT_RATE 200 msg/s, DRAIN 600 (longest wait for delivery at the end), RSS_LIMIT_MB 16, FD_LIMIT 5
# (the fitted increase that counts as growth), BENCH_PORT 46030 (REST; TCP +1, operator double +2), MQTT_HOST,
# MQTT_PORT, EP_JAVA_OPTS.
# Output: bench/results/soak-<UTC stamp>/ with soak.csv, soak.png, soak.txt (the log) and node-<n>.log (one per
# start of the node).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
[ -f target/edge-publisher.jar ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 1; }
mvn -B -q -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
cp="$root/target/classes:$root/target/test-classes:$(cat target/bench.cp)"
out="$root/bench/results/soak-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$out"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
{
  echo "== bench/soak/run.sh $(date -u '+%Y-%m-%d %H:%M:%S UTC') on $(hostname), nproc $(nproc),$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2)"
  echo "   commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src || echo ' (src modified)'); $(java -version 2>&1 | head -1)${EP_JAVA_OPTS:+; node JVM options $EP_JAVA_OPTS}"
  echo "   uptime before: $(uptime)"
} | tee "$out/soak.txt"
rc=0
java -cp "$cp" io.edgepublisher.bench.soak.Soak work="$work" duration="${DURATION:-1800}" \
  outageEvery="${OUTAGE_EVERY:-300}" outageFor="${OUTAGE_FOR:-60}" killAt="${KILL_AT:-720}" sample="${SAMPLE:-10}" \
  growthFrom="${GROWTH_FROM:-300}" restRate="${REST_RATE:-20}" restRows="${REST_ROWS:-25}" \
  mqttRate="${MQTT_RATE:-200}" drain="${DRAIN:-600}" port="${BENCH_PORT:-46030}" broker="${MQTT_HOST:-127.0.0.1}" \
  brokerPort="${MQTT_PORT:-1883}" rssLimitMb="${RSS_LIMIT_MB:-16}" fdLimit="${FD_LIMIT:-5}" 2>&1 \
  | tee -a "$out/soak.txt" || rc=$?
echo "   uptime after: $(uptime)" | tee -a "$out/soak.txt"
cp "$work"/soak.csv "$work"/node-*.log "$out/" 2>/dev/null || true
if command -v gnuplot >/dev/null && [ -f "$out/soak.csv" ]; then
  gnuplot <<GP
set datafile separator ","
set terminal pngcairo size 1200,800 font ",10"
set output "$out/soak.png"
set multiplot layout 2,1 title "Edge Publisher soak, $(date -u +%F), $(nproc) cores"
set xlabel "seconds"
set ylabel "RSS (MB)"
set y2label "open files"
set y2tics
set ytics nomirror
set key top left
plot "$out/soak.csv" using 1:4 with linespoints pt 7 ps 0.4 title "RSS (MB)", \
     "" using 1:5 axes x1y2 with linespoints pt 7 ps 0.4 title "open files"
set ylabel "rows"
unset y2label
unset y2tics
plot "$out/soak.csv" using 1:6 with lines title "sent", "" using 1:7 with lines title "acknowledged", \
     "" using 1:8 with lines title "delivered", "" using 1:9 with lines title "acknowledged, not yet delivered", \
     "" using 1:(\$10 == 0 ? 0 : 1/0) with points pt 7 ps 1.2 lc rgb "red" title "operator double away (samples)"
unset multiplot
GP
  echo "plot: $out/soak.png" | tee -a "$out/soak.txt"
else
  echo "no plot: install gnuplot (apt-get install gnuplot-nox); the samples are in $out/soak.csv" | tee -a "$out/soak.txt"
fi
exit "$rc"
