# Edge Publisher: build the jar in one stage, run it on a JRE in the next.
# The build needs pom.xml, application.properties (bundled into the jar by pom.xml) and src/; bench/ is used only by
# the bench profile; scripts/cds-archive.sh makes the class-data sharing archive in the runtime stage.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml application.properties ./
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --create-home --home-dir /opt/node node \
    && mkdir -p /var/lib/edge-publisher /opt/node/routes \
    && chown -R node /var/lib/edge-publisher /opt/node
WORKDIR /opt/node
COPY --from=build /src/target/edge-publisher.jar /opt/node/edge-publisher.jar
# User Camel YAML routes: with no EP_ROUTES_DIR the node uses routes/ next to the jar, i.e. /opt/node/routes
# (also the working directory's routes/). Only files directly in it load; examples/ is for copying from.
COPY routes/ /opt/node/routes/
USER node
# The node home (ledger, tsd_info, queue, journal, archive) lives on a volume.
ENV EP_HOME=/var/lib/edge-publisher \
    NODE_TYPE=publisher \
    ANYLOG_SERVER_PORT=32248 \
    ANYLOG_REST_PORT=32249 \
    DISABLE_CLI=true \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC"
# Class-data sharing: one training boot of this jar records the classes a boot loads into edge-publisher.jsa; the
# node maps them at start instead of loading them again (about a third of the CPU of a boot, docs/OPERATIONS.md#start-up-and-memory).
# Valid for this JRE and this jar only; if it does not match, the JVM says so once and boots without it.
COPY --chown=node scripts/cds-archive.sh /opt/node/cds-archive.sh
RUN /opt/node/cds-archive.sh /opt/node/edge-publisher.jar /opt/node/edge-publisher.jsa
VOLUME ["/var/lib/edge-publisher"]
# 32248 peer protocol (TCP), 32249 REST, 32250 MQTT broker (when ANYLOG_BROKER_PORT is set)
EXPOSE 32248 32249 32250
# REST answers on 127.0.0.1 in the container with REST_BIND=true (the container's address and loopback) and with
# REST_BIND=false (all interfaces). Plain HTTP: with REST_SSL=true, override or disable this HEALTHCHECK.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 CMD bash -c \
  'exec 3<>/dev/tcp/127.0.0.1/${ANYLOG_REST_PORT} && printf "GET /health HTTP/1.1\r\nHost: node\r\n\r\n" >&3 && grep -q healthy <&3'
# exec form: java is PID 1 and receives SIGTERM for a graceful shutdown
ENTRYPOINT ["java", "-XX:SharedArchiveFile=/opt/node/edge-publisher.jsa", "-jar", "/opt/node/edge-publisher.jar", "--no-cli"]
