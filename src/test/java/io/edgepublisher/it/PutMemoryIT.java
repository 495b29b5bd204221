package io.edgepublisher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.JarProcess;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 defect 5: the packaged node with {@code -Xmx256m} takes five concurrent 60 MB PUTs (three streaming, two
 * file mode) and stores every row: request bodies stream through the node instead of being held several times over.
 */
class PutMemoryIT {
    private static final int ROWS = 600_000; // about 60 MB per body
    private static final int BODIES = 5;

    @TempDir
    Path dir;

    /** A JSON list of {@code ROWS} rows whose ids start at {@code base}. */
    private static byte[] body(int base) {
        StringBuilder sb = new StringBuilder(ROWS * 101 + 2).append('[');
        for (int i = 0; i < ROWS; i++) {
            sb.append(i == 0 ? "" : ", ").append("{\"id\": ").append(base + i)
                    .append(", \"ts\": \"2024-04-17T10:00:00.000000Z\", \"value\": 12.5, \"pad\": \"")
                    .append("abcdefghijklmnopqrstuvwxyz0123").append("\"}");
        }
        return sb.append(']').toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void fiveConcurrent60MbPutsStayWithin256MbOfHeap() throws Exception {
        int rest = Ports.free();
        Path script = dir.resolve("boot.al");
        Files.writeString(script, "set buffer threshold where time = 1 hour and volume = 10KB\nrun streamer\n"
                + "run rest server where internal_ip = 127.0.0.1 and internal_port = " + rest + "\n");
        Map<String, String> env = Map.of("EP_HOME", dir.toString(), "LOCAL_IP", "127.0.0.1", "ANYLOG_SERVER_PORT",
                Integer.toString(Ports.free()), "ANYLOG_REST_PORT", Integer.toString(rest), "NODE_NAME", "mem-test");
        List<byte[]> bodies = new ArrayList<>();
        for (int b = 0; b < BODIES; b++) {
            bodies.add(body(b * ROWS));
        }
        assertTrue(bodies.get(0).length > 60_000_000, "bodies of 60 MB: " + bodies.get(0).length);
        try (JarProcess node = JarProcess.start(dir, env, List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
                List.of("--no-cli", "--LEDGER_CONN=", "--script", script.toString()))) {
            JarStartIT.waitForRest(rest, node);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            List<CompletableFuture<HttpResponse<String>>> replies = new ArrayList<>();
            for (int b = 0; b < BODIES; b++) {
                HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + rest + "/"))
                        .timeout(Duration.ofMinutes(3)).header("dbms", "mem").header("table", "t" + b)
                        .header("mode", b < 3 ? "streaming" : "file").header("Content-Type", "text/plain")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(bodies.get(b))).build();
                replies.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
            }
            bodies.clear();
            for (int b = 0; b < BODIES; b++) {
                HttpResponse<String> r = replies.get(b).join();
                assertEquals(200, r.statusCode(), "PUT " + b + ": " + r.body() + "\n" + tail(node));
                assertTrue(r.body().startsWith("{\"AnyLog.status\":\"Success\", \"AnyLog.hash\": \""), r.body());
            }
            assertTrue(node.process().isAlive(), "the node survived\n" + tail(node));
            assertFalse(node.log().contains("OutOfMemoryError"), tail(node));
            System.out.println("PutMemoryIT: peak RSS of the node " + node.peakRssBytes() / (1 << 20) + " MB");
            RawHttp.post(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "flush buffers"), null);
            for (int b = 0; b < BODIES; b++) {
                assertEquals(ROWS, rows(dir.resolve("AnyLog-Network/data/watch"), "mem.t" + b + "."), "table t" + b);
            }
            try (Stream<Path> s = Files.list(dir.resolve("AnyLog-Network/data/journal/spool"))) {
                assertEquals(0, s.count(), "no spooled body left behind");
            }
            RawHttp.post(rest, Map.of("User-Agent", "AnyLog/1.23", "command", "exit node"), null);
            node.waitFor(30);
        }
    }

    private static long rows(Path watch, String prefix) throws IOException {
        long n = 0;
        try (Stream<Path> s = Files.list(watch)) {
            for (Path p : s.filter(f -> f.getFileName().toString().startsWith(prefix)).toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    byte[] buf = new byte[1 << 16];
                    int r;
                    int last = '\n';
                    while ((r = in.read(buf)) > 0) {
                        for (int i = 0; i < r; i++) {
                            if (buf[i] == '\n') {
                                n++;
                            }
                        }
                        last = buf[r - 1];
                    }
                    if (last != '\n') {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static String tail(JarProcess p) throws IOException {
        String log = p.log();
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }
}
