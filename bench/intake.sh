#!/usr/bin/env bash
# Intake benchmarks (bench/README.md): compiles bench/java with -Pbench and runs one of
#   MqttIntakeBench [messages] [rowsPerMessage] [qos list] [journal]
#   RestIntakeBench [batches] [rows] [threads] [journal modes]
#   RestPutClient <host> <port> [batches] [rows] [threads] [dbms] [table]   (also against an EdgeLake node)
# Extra JVM options in JAVA_OPTS (e.g. JAVA_OPTS=-Xmx128m). Needs mosquitto installed for the MQTT bench.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Pbench test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp -Dmdep.includeScope=test
main=$1; shift
exec java ${JAVA_OPTS:-} -cp "target/classes:target/test-classes:$(cat target/bench.cp)" \
  "io.edgepublisher.bench.intake.$main" "$@"
