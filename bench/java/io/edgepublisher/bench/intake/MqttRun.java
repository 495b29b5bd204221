package io.edgepublisher.bench.intake;

import io.edgepublisher.bench.proc.ProcStat;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One case of {@code bench/intake/mqtt.sh}: the same publisher ({@code mosquitto_pub -l}, fed lines by this class at a
 * given rate or as fast as it takes them) against, first, the ceiling — a raw {@code mosquitto_sub} whose output lines
 * are counted — and then the real node ({@code java -jar target/edge-publisher.jar}, {@code run msg client} on the
 * same broker, rows counted by {@code get msg client}). Both read from the broker the bench is given (by default the
 * machine's Mosquitto on 127.0.0.1:1883).
 *
 * <p>Windows: the ceiling gets {@code warm} seconds of untimed publishing, then {@code timed} seconds; the node gets
 * {@code cold} seconds right after boot (reported as cold), {@code warm} untimed, then {@code timed}. A window starts
 * when publishing starts and ends when the receiver's count last changed, once the publisher is done and the count has
 * stood still for 2 s (or everything arrived): rows/s = rows received in the window / its length. Loss = rows sent −
 * rows received in the window. CPU per row: utime + stime of the receiver over the window / rows received. At the end
 * the node's buffers are flushed and the rows in its watch files are counted against the rows it received.
 *
 * <pre>MqttRun &lt;broker host&gt; &lt;broker port&gt; &lt;qos&gt; &lt;rows per message&gt; &lt;rate msg/s, 0 = flat out&gt;
 *     &lt;cold s&gt; &lt;warm s&gt; &lt;timed s&gt; &lt;REST port&gt; &lt;TCP port&gt;</pre>
 * Environment: {@code EP_JAVA_OPTS}, {@code EP_JOURNAL_SYNC} (always), {@code PUB_OPTS} (extra mosquitto_pub options,
 * e.g. {@code -M 100}), {@code SIDES} (sub,node). Prints one line per window, then a {@code SUMMARY} line.
 */
public final class MqttRun {
    private static final Pattern SUCCESS = Pattern.compile("\"success\": (\\d+)");
    private static final Pattern ERRORS = Pattern.compile("\"errors\": (\\d+)");
    private static final long QUIET_NANOS = 2_000_000_000L;

    private final String host;
    private final int port;
    private final int qos;
    private final int rows;
    private final int rate;
    private final String label;
    private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L);
    private long nextId; // of messages, across windows: used by the feeder thread of one window at a time

    /** What a window measured. */
    private record Window(double secs, long sent, long received, double pubRate, long cpuMicros) {
        double rowsPerSec() {
            return received / secs;
        }

        double cpuPerRow() {
            return received == 0 || cpuMicros < 0 ? Double.NaN : (double) cpuMicros / received;
        }
    }

    /** A receiver: rows counted so far and the pid whose CPU is measured. */
    private interface Receiver {
        long rows();

        long pid();
    }

    private MqttRun(String host, int port, int qos, int rows, int rate) {
        this.host = host;
        this.port = port;
        this.qos = qos;
        this.rows = rows;
        this.rate = rate;
        this.label = String.format(Locale.ROOT, "MQTT qos=%d rows/msg=%d rate=%s", qos, rows,
                rate == 0 ? "max" : rate + "msg/s");
    }

    public static void main(String[] a) throws Exception {
        MqttRun r = new MqttRun(a[0], Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]),
                Integer.parseInt(a[4]));
        double cold = Double.parseDouble(a[5]);
        double warm = Double.parseDouble(a[6]);
        double timed = Double.parseDouble(a[7]);
        int restPort = Integer.parseInt(a[8]);
        int tcpPort = Integer.parseInt(a[9]);
        String sides = System.getenv().getOrDefault("SIDES", "sub,node");
        Window sub = sides.contains("sub") ? r.ceiling(warm, timed) : null;
        Window[] node = sides.contains("node") ? r.node(cold, warm, timed, restPort, tcpPort) : null;
        StringBuilder s = new StringBuilder("SUMMARY ").append(r.label).append(':');
        if (node != null) {
            s.append(String.format(Locale.ROOT, " node %,.0f rows/s (loss %s, CPU %.2f µs/row)",
                    node[1].rowsPerSec(), loss(node[1]), node[1].cpuPerRow()));
        }
        if (sub != null) {
            s.append(String.format(Locale.ROOT, " mosquitto_sub %,.0f rows/s (loss %s, CPU %.2f µs/row)",
                    sub.rowsPerSec(), loss(sub), sub.cpuPerRow()));
        }
        if (node != null && sub != null) {
            s.append(String.format(Locale.ROOT, "; node/sub %.0f %%", 100 * node[1].rowsPerSec() / sub.rowsPerSec()));
        }
        if (node != null && node[0] != null) {
            s.append(String.format(Locale.ROOT, "; node cold %,.0f rows/s (loss %s)", node[0].rowsPerSec(),
                    loss(node[0])));
        }
        System.out.println(s);
        System.exit(0);
    }

    private static String loss(Window w) {
        return String.format(Locale.ROOT, "%.2f %%", w.sent == 0 ? 0 : 100.0 * (w.sent - w.received) / w.sent);
    }

    // ---- the ceiling: mosquitto_sub ------------------------------------------------------------------------------

    private Window ceiling(double warm, double timed) throws Exception {
        String topic = "epbench/" + run + "/sub";
        Process sub = new ProcessBuilder("mosquitto_sub", "-h", host, "-p", Integer.toString(port), "-q",
                Integer.toString(qos), "-t", topic).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        AtomicLong lines = new AtomicLong();
        Thread reader = new Thread(() -> countLines(sub.getInputStream(), lines), "sub-lines");
        reader.setDaemon(true);
        reader.start();
        Receiver rx = new Receiver() {
            @Override
            public long rows() {
                return lines.get() * rows;
            }

            @Override
            public long pid() {
                return sub.pid();
            }
        };
        try {
            Thread.sleep(500); // subscribed: mosquitto_sub has no other sign of it
            if (warm > 0) {
                window(topic, rx, warm);
            }
            Window w = window(topic, rx, timed);
            print("mosquitto_sub timed", w);
            return w;
        } finally {
            sub.destroy();
            sub.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void countLines(InputStream in, AtomicLong lines) {
        byte[] buf = new byte[64 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                long c = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        c++;
                    }
                }
                lines.addAndGet(c);
            }
        } catch (IOException e) {
            // mosquitto_sub ended
        }
    }

    // ---- the node ------------------------------------------------------------------------------------------------

    private Window[] node(double cold, double warm, double timed, int restPort, int tcpPort) throws Exception {
        String topic = "epbench/" + run + "/node";
        String clientId = "epbench-" + run;
        Path home = Files.createTempDirectory("ep-bench-mqtt");
        Path script = home.resolve("mqtt.al");
        Files.writeString(script, "set node name epmqtt\n"
                + "run tcp server where external_ip = !ip and external_port = !anylog_server_port and internal_ip = !ip"
                + " and internal_port = !anylog_server_port and bind = true and threads = 6\n"
                + "run streamer\n"
                + "run msg client where broker = " + host + " and port = " + port + " and client_id = " + clientId
                + " and topic = (name = " + topic + " and qos = " + qos + " and dbms = bench and table = mqtt and"
                + " column.ts.timestamp = bring [ts] and column.v.float = bring [v] and column.id.int = bring [id])\n"
                + "run rest server where external_ip = !ip and external_port = !anylog_rest_port and internal_ip = !ip"
                + " and internal_port = !anylog_rest_port and bind = true and timeout = 30 and threads = 6\n");
        List<String> cmd = new ArrayList<>(List.of("java"));
        String opts = System.getenv().getOrDefault("EP_JAVA_OPTS", "").trim();
        if (!opts.isEmpty()) {
            cmd.addAll(List.of(opts.split("\\s+")));
        }
        cmd.addAll(List.of("-jar", "target/edge-publisher.jar", "--no-cli", "--LEDGER_CONN=", "--script",
                script.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve("node.log").toFile());
        pb.environment().put("EP_HOME", home.toString());
        pb.environment().put("LOCAL_IP", "127.0.0.1");
        pb.environment().put("ANYLOG_REST_PORT", Integer.toString(restPort));
        pb.environment().put("ANYLOG_SERVER_PORT", Integer.toString(tcpPort));
        pb.environment().putIfAbsent("EP_JOURNAL_SYNC", "always");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        Process node = pb.start();
        try {
            String status = "";
            for (long end = System.nanoTime() + 120_000_000_000L; !status.contains("Connected")
                    && System.nanoTime() < end; Thread.sleep(20)) {
                if (!node.isAlive()) {
                    String log = Files.readString(home.resolve("node.log"));
                    throw new IllegalStateException("the node exited during boot; its log ends:\n"
                            + log.substring(Math.max(0, log.length() - 3000)));
                }
                status = rest(http, restPort, "GET", "get msg client where id = 1 and format = json");
            }
            System.out.printf(Locale.ROOT, "%s | node booted and connected in %.0f ms (journal %s%s)%n", label,
                    (System.nanoTime() - t0) / 1e6, pb.environment().get("EP_JOURNAL_SYNC"),
                    opts.isEmpty() ? "" : ", " + opts);
            Receiver rx = new Receiver() {
                @Override
                public long rows() {
                    String s = rest(http, restPort, "GET", "get msg client where id = 1 and format = json");
                    Matcher ok = SUCCESS.matcher(s);
                    Matcher err = ERRORS.matcher(s);
                    return ok.find() && err.find() ? Long.parseLong(ok.group(1)) + Long.parseLong(err.group(1)) : -1;
                }

                @Override
                public long pid() {
                    return node.pid();
                }
            };
            Window c = null;
            if (cold > 0) {
                c = window(topic, rx, cold);
                print("node cold", c);
            }
            if (warm > 0) {
                window(topic, rx, warm);
            }
            Window w = window(topic, rx, timed);
            print("node timed", w);
            long received = rx.rows();
            // a row counted by the client may still be on its way to the buffers: wait until they hold every one
            long buffered = -1;
            long changed = System.nanoTime();
            for (long b; (b = streamingRows(http, restPort)) < received; Thread.sleep(100)) {
                if (b != buffered) {
                    buffered = b;
                    changed = System.nanoTime();
                } else if (System.nanoTime() - changed > 10_000_000_000L) {
                    System.out.printf(Locale.ROOT, "%s | node: the buffers hold %,d rows of the %,d the client "
                            + "received, and no more for 10 s%n", label, b, received);
                    break;
                }
            }
            rest(http, restPort, "POST", "flush buffers");
            long stored = rowsIn(home.resolve("AnyLog-Network/data/watch"));
            String errors = rest(http, restPort, "GET", "get msg client where id = 1 and format = json");
            Matcher err = ERRORS.matcher(errors);
            System.out.printf(Locale.ROOT, "%s | node stored %,d rows in its watch files, of %,d received (%,d missing);"
                    + " mapping errors %s%n", label, stored, received, received - stored, err.find() ? err.group(1)
                    : "?");
            return new Window[] {c, w};
        } finally {
            rest(http, restPort, "POST", "exit node");
            if (!node.waitFor(30, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
            if (qos > 0) {
                // drop the persistent session the node left on the broker
                new ProcessBuilder("mosquitto_pub", "-h", host, "-p", Integer.toString(port), "-i", clientId, "-t",
                        "epbench/cleanup", "-n").redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
            }
            delete(home);
        }
    }

    private static final Pattern STREAMING_ROWS = Pattern.compile("\"Streaming Rows\": (\\d+)");

    /** Rows the node's streaming buffers took so far (`get streaming`), or -1. */
    private static long streamingRows(HttpClient http, int port) {
        Matcher m = STREAMING_ROWS.matcher(rest(http, port, "GET", "get streaming where format = json"));
        long n = -1;
        while (m.find()) {
            n = Math.max(n, 0) + Long.parseLong(m.group(1));
        }
        return n;
    }

    /** The reply's body, or "" when three tries failed (a kept-alive connection the server closed fails once). */
    private static String rest(HttpClient http, int port, String method, String command) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(60)).header("User-Agent", "AnyLog/1.23").header("command", command);
        HttpRequest req = (method.equals("GET") ? b.GET() : b.POST(HttpRequest.BodyPublishers.noBody())).build();
        for (int i = 0; i < 3; i++) {
            try {
                return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                // next try
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
        return "";
    }

    // ---- one window ----------------------------------------------------------------------------------------------

    /**
     * Publishes for {@code seconds} and follows the receiver until it has everything or its count stood still for
     * 2 s after the publisher ended. The window ends at the last change of the count.
     */
    private Window window(String topic, Receiver rx, double seconds) throws Exception {
        long c0 = rx.rows();
        long cpu0 = ProcStat.cpuMicros(rx.pid());
        long t0 = System.nanoTime();
        long[] pub = new long[2]; // messages written, nanos until mosquitto_pub exited
        Thread feeder = new Thread(() -> {
            try {
                pub[0] = feed(topic, seconds);
                pub[1] = System.nanoTime() - t0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "feeder");
        feeder.start();
        long last = c0;
        long lastChange = t0;
        long lastCpu = cpu0;
        while (true) {
            Thread.sleep(100);
            long c = rx.rows();
            long now = System.nanoTime();
            if (c != last && c >= 0) {
                last = c;
                lastChange = now;
                lastCpu = ProcStat.cpuMicros(rx.pid());
            }
            if (!feeder.isAlive()) {
                long expected = c0 + pub[0] * rows;
                if (last >= expected || now - lastChange > QUIET_NANOS && now - t0 - pub[1] > QUIET_NANOS) {
                    break;
                }
            }
        }
        feeder.join();
        double secs = Math.max(lastChange - t0, 1) / 1e9;
        return new Window(secs, pub[0] * rows, last - c0, pub[0] / (pub[1] / 1e9), lastCpu - cpu0);
    }

    /** Runs {@code mosquitto_pub -l} and writes it one message per line for {@code seconds}; the messages written. */
    private long feed(String topic, double seconds) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mosquitto_pub", "-h", host, "-p", Integer.toString(port), "-q",
                Integer.toString(qos), "-t", topic, "-l"));
        String extra = System.getenv().getOrDefault("PUB_OPTS", "").trim();
        if (!extra.isEmpty()) {
            cmd.addAll(List.of(extra.split("\\s+")));
        }
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long n = 0;
        long t0 = System.nanoTime();
        long end = t0 + (long) (seconds * 1e9);
        try (OutputStream out = new BufferedOutputStream(p.getOutputStream(), 64 * 1024)) {
            for (long now = t0; now < end; now = System.nanoTime()) {
                long due = rate == 0 ? n + 1000 : (long) ((now - t0) / 1e9 * rate);
                for (; n < due; n++) {
                    // every row distinct: identical buffer contents would give identical (same-hash) file names
                    out.write(payload(nextId++).getBytes(StandardCharsets.UTF_8));
                }
                if (rate != 0) {
                    out.flush();
                    Thread.sleep(1);
                }
            }
        }
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("mosquitto_pub did not finish within 300 s of its input");
        }
        return n;
    }

    /** One message and its line end: one row as a JSON object, or several as a JSON list. */
    private String payload(long id) {
        StringBuilder sb = new StringBuilder(rows * 64);
        if (rows > 1) {
            sb.append('[');
        }
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sb.append(',');
            }
            long k = id * rows + i;
            sb.append("{\"ts\":\"2024-04-17T10:").append(String.format(Locale.ROOT, "%02d:%02d", k / 60 % 60, k % 60))
                    .append(".000000Z\",\"v\":").append(k % 1000 / 10.0).append(",\"id\":").append(k).append('}');
        }
        if (rows > 1) {
            sb.append(']');
        }
        return sb.append('\n').toString();
    }

    private void print(String what, Window w) {
        System.out.printf(Locale.ROOT, "%s | %s: %.1f s, sent %,d rows (published at %,.0f msg/s), received %,d "
                + "(loss %,d = %s), %,.0f rows/s; CPU %.2f µs/row (%.0f %% of a core)%n", label, what, w.secs, w.sent,
                w.pubRate, w.received, w.sent - w.received, loss(w), w.rowsPerSec(), w.cpuPerRow(),
                100 * w.cpuMicros / 1e6 / w.secs);
    }

    static long rowsIn(Path dir) throws IOException {
        long n = 0;
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                byte[] b = Files.readAllBytes(p);
                for (byte x : b) {
                    n += x == '\n' ? 1 : 0;
                }
                n += b.length > 0 && b[b.length - 1] != '\n' ? 1 : 0;
            }
        }
        return n;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
