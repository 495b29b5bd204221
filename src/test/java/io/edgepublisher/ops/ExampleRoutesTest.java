package io.edgepublisher.ops;

import io.edgepublisher.node.Beans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.json.JsonParser;
import io.edgepublisher.testing.TestNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelExecutionException;
import io.edgepublisher.wire.testing.OperatorSink;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** direct:ingest and the example user routes shipped in routes/examples/, each loaded by the real node. */
class ExampleRoutesTest {
    @TempDir
    Path home;

    private static final String BOOT = "set buffer threshold where time = 1 hour and volume = 1MB\nrun streamer\n";

    private TestNode node(Path routes, String... examples) throws Exception {
        Files.createDirectories(routes);
        for (String e : examples) {
            Files.copy(Path.of("routes/examples", e), routes.resolve(e));
        }
        return TestNode.start(home, Map.of("EP_ROUTES_DIR", routes.toString()), BOOT);
    }

    private List<String> watchFiles(String prefix) throws Exception {
        try (Stream<Path> s = Files.list(home.resolve("AnyLog-Network/data/watch"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).sorted().toList();
        }
    }

    private String watchFile(String name) throws Exception {
        return Files.readString(home.resolve("AnyLog-Network/data/watch").resolve(name), StandardCharsets.UTF_8);
    }

    @Test
    void directIngestTakesRowsFromAnyRoute() throws Exception {
        try (TestNode n = node(home.resolve("routes"))) {
            ProducerTemplate t = n.node().camel().createProducerTemplate();
            t.sendBodyAndHeaders("direct:ingest", "[{\"ts\": \"2026-11-28 10:00:00\", \"v\": 1.5}, {\"ts\": \"2026-11-28 10:00:01\", \"v\": 2}]",
                Map.of("dbms", "Plant", "table", "Line1", "source", "route7"));
            t.sendBodyAndHeaders("direct:ingest", Map.of("v", 3), Map.of("dbms", "plant", "table", "line1", "source", "route7"));
            CamelExecutionException bad = org.junit.jupiter.api.Assertions.assertThrows(CamelExecutionException.class,
                () -> t.sendBodyAndHeaders("direct:ingest", "{\"v\": 4}", Map.of("table", "line1")));
            assertTrue(bad.getCause().getMessage().contains("Missing 'dbms' name"), bad.getCause().getMessage());
            n.ok("flush buffers");
            List<String> files = watchFiles("plant.line1.route7.");
            assertEquals(1, files.size(), files.toString());
            assertEquals("{\"ts\": \"2026-11-28 10:00:00\", \"v\": 1.5}\n{\"ts\": \"2026-11-28 10:00:01\", \"v\": 2}\n{\"v\": 3}",
                watchFile(files.get(0)));
            assertTrue(n.ok("get streaming").contains("plant.line1"));
        }
    }

    @Test
    void randDataGeneratorProducesAnyLogDemoRows() throws Exception {
        try (TestNode n = node(home.resolve("routes"), "rand-data-generator.camel.yaml")) {
            UserRoutesTest.await(() -> {
                var r = n.node().camel().getRoute("example-rand-data");
                return r != null && io.edgepublisher.node.Beans.get(n.node(), io.edgepublisher.streamer.StreamerService.class).buffers().bufferedRows() >= 2;
            }, "two generated rows");
            n.ok("flush buffers");
            List<String> files = watchFiles("test.rand_data.0.");
            assertEquals(1, files.size());
            for (String line : watchFile(files.get(0)).split("\n")) {
                Map<String, Object> row = JsonParser.parseObject(line);
                assertEquals(List.of("timestamp", "value"), new ArrayList<>(row.keySet()));
                assertTrue(((String) row.get("timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), line);
                assertTrue(row.get("value") instanceof Double, line);
            }
        }
    }

    @Test
    void csvDropBecomesRows() throws Exception {
        Path routes = home.resolve("routes");
        Path drop = Files.createDirectories(home.resolve("csv-in"));
        Files.createDirectories(routes);
        Files.writeString(home.resolve("application.properties"), "");
        try (TestNode n = node(routes, "csv-drop.camel.yaml")) {
            // the example's folder is a property placeholder; point it at the test folder and reload
            String yaml = Files.readString(routes.resolve("csv-drop.camel.yaml")).replace("{{ep.csv.folder:data/csv-drop}}", drop.toString());
            Files.writeString(routes.resolve("csv-drop.camel.yaml"), yaml);
            Beans.find(n.node(), UserRoutes.class).reload(routes.resolve("csv-drop.camel.yaml"));
            Files.writeString(drop.resolve("readings.csv"), "sensor,temp\nA,21.5\nB,19\n");
            UserRoutesTest.await(() -> Files.exists(drop.resolve(".done/readings.csv")), "CSV file consumed");
            n.ok("flush buffers");
            List<String> files = watchFiles("csv.readings.csv.");
            assertEquals(1, files.size());
            assertEquals("{\"sensor\": \"A\", \"temp\": \"21.5\"}\n{\"sensor\": \"B\", \"temp\": \"19\"}", watchFile(files.get(0)));
        }
    }

    @Test
    void contentBasedRouterSendsOneTableToTheChosenOperator() throws Exception {
        Path routes = Files.createDirectories(home.resolve("routes"));
        try (OperatorSink usual = OperatorSink.builder().watchDir(Files.createDirectories(home.resolve("op-a"))).build().start();
             OperatorSink chosen = OperatorSink.builder().watchDir(Files.createDirectories(home.resolve("op-b"))).build().start()) {
            Files.writeString(routes.resolve("route-table-to-operator.camel.yaml"),
                Files.readString(Path.of("routes/examples/route-table-to-operator.camel.yaml"))
                    .replace("{{ep.example.operator:10.0.0.7:32148}}", chosen.address().toString()));
            String script = BOOT + "run tcp server where internal_ip = 127.0.0.1 and internal_port = !anylog_server_port\n"
                + "connect dbms almgm where type = sqlite\n"
                + "set data distribution where dbms = * and table = * and dest = " + usual.address() + "\n"
                + "run publisher where ack_wait = 0 seconds\n";
            try (TestNode n = TestNode.start(home, Map.of("EP_ROUTES_DIR", routes.toString()), script)) {
                var buffers = io.edgepublisher.node.Beans.get(n.node(), io.edgepublisher.streamer.StreamerService.class).buffers();
                buffers.append(io.edgepublisher.streamer.BufferKey.of("lsl", "ping_sensor"), "{\"v\": 1}", 1);
                buffers.append(io.edgepublisher.streamer.BufferKey.of("lsl", "temp"), "{\"v\": 2}", 1);
                buffers.flushAll();
                assertTrue(chosen.awaitFiles(1, java.time.Duration.ofSeconds(20)), "the chosen operator got ping_sensor");
                assertTrue(usual.awaitFiles(1, java.time.Duration.ofSeconds(20)), "the distribution entry got temp");
                assertTrue(chosen.files().get(0).name().startsWith("lsl.ping_sensor."), chosen.files().toString());
                assertTrue(usual.files().get(0).name().startsWith("lsl.temp."), usual.files().toString());
                assertEquals(1, chosen.files().size());
                assertEquals(1, usual.files().size());
            }
        }
    }

    /** Files waiting in the watch folder at boot are routed after the user routes are loaded, not around them. */
    @Test
    void backlogFoundAtBootWaitsForTheUserRoute() throws Exception {
        Path routes = Files.createDirectories(home.resolve("routes"));
        Path watch = Files.createDirectories(home.resolve("AnyLog-Network/data/watch"));
        try (OperatorSink usual = OperatorSink.builder().watchDir(Files.createDirectories(home.resolve("op-a"))).build().start();
             OperatorSink chosen = OperatorSink.builder().watchDir(Files.createDirectories(home.resolve("op-b"))).build().start()) {
            Files.writeString(routes.resolve("route-table-to-operator.camel.yaml"),
                Files.readString(Path.of("routes/examples/route-table-to-operator.camel.yaml"))
                    .replace("{{ep.example.operator:10.0.0.7:32148}}", chosen.address().toString()));
            byte[] row = "{\"v\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String name = "lsl.ping_sensor.0." + io.edgepublisher.streamer.DataHash.md5("lsl", "ping_sensor", row) + ".0.json";
            Files.write(watch.resolve(name), row);
            Files.setLastModifiedTime(watch.resolve(name), java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 5_000));
            // the publisher starts before the boot script ends; a slow step after it keeps the user routes unloaded
            String script = BOOT + "run tcp server where internal_ip = 127.0.0.1 and internal_port = !anylog_server_port\n"
                + "connect dbms almgm where type = sqlite\n"
                + "set data distribution where dbms = * and table = * and dest = " + usual.address() + "\n"
                + "run publisher where ack_wait = 0 seconds\n"
                + "wait 2\n";
            try (TestNode n = TestNode.start(home, Map.of("EP_ROUTES_DIR", routes.toString()), script)) {
                assertTrue(chosen.awaitFiles(1, java.time.Duration.ofSeconds(20)), "the user route chose the operator");
                assertEquals(name, chosen.files().get(0).name());
                assertEquals(0, usual.files().size(), "nothing was routed around the user route during the boot");
            }
        }
    }

    /**
     * A file that waits for a route (no distribution entry, no ledger) is routed as soon as a user route that chooses
     * its destination is loaded (here by the live reload of a new file; 'reload routes' takes the same path).
     */
    @Test
    void waitingFilesAreRoutedWhenUserRoutesChange() throws Exception {
        Path routes = Files.createDirectories(home.resolve("routes"));
        try (OperatorSink chosen = OperatorSink.builder().watchDir(Files.createDirectories(home.resolve("op"))).build().start()) {
            String script = BOOT + "run tcp server where internal_ip = 127.0.0.1 and internal_port = !anylog_server_port\n"
                + "connect dbms almgm where type = sqlite\n"
                + "run publisher where ack_wait = 0 seconds\n";
            try (TestNode n = TestNode.start(home, Map.of("EP_ROUTES_DIR", routes.toString()), script)) {
                var buffers = io.edgepublisher.node.Beans.get(n.node(), io.edgepublisher.streamer.StreamerService.class).buffers();
                var queue = io.edgepublisher.node.Beans.get(n.node(), io.edgepublisher.publisher.PublisherService.class).run().queue();
                buffers.append(io.edgepublisher.streamer.BufferKey.of("lsl", "ping_sensor"), "{\"v\": 1}", 1);
                buffers.flushAll();
                UserRoutesTest.await(() -> queue.snapshot().stream().anyMatch(r -> r.waitingRoute() == 1),
                    "the file waits for a route");
                String example = Files.readString(Path.of("routes/examples/route-table-to-operator.camel.yaml"))
                    .replace("{{ep.example.operator:10.0.0.7:32148}}", chosen.address().toString());
                Files.writeString(routes.resolve("route-table-to-operator.camel.yaml"), example); // live reload
                assertTrue(chosen.awaitFiles(1, java.time.Duration.ofSeconds(20)), "routed after the route was loaded");
                assertTrue(chosen.files().get(0).name().startsWith("lsl.ping_sensor."), chosen.files().toString());
            }
        }
    }
}
