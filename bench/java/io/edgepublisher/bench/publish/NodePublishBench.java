package io.edgepublisher.bench.publish;

import io.edgepublisher.bench.intake.BenchNode;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.wire.testing.OperatorSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The publisher of the real node ({@code java -jar target/edge-publisher.jar}, a separate process, with its Camel
 * routes, health checks and metrics) draining a backlog of 10 KB files to the in-repo {@link OperatorSink}, with
 * health and metrics on (the shipped defaults) and off ({@code -Dcamel.metrics.enabled=false
 * -Dcamel.health.enabled=false}), alternating, to measure what they cost (issue: at most 2 % of publisher throughput).
 *
 * <p>Per run: a fresh node home with {@code files} files already in the watch folder; the node boots without a
 * publisher; then REST {@code run publisher} starts the clock, which stops when the sink has every file.
 *
 * <pre>NodePublishBench [files=20000] [tables=8] [pairs=3]</pre>
 * System properties for profiling (none of them changes the default run): {@code bench.nodeJvm} (extra JVM options
 * of the node, space-separated, e.g. a JFR recording), {@code bench.publisher} (appended to {@code run publisher},
 * e.g. {@code and ack_wait = 0 seconds}), {@code bench.modes} ({@code on}, {@code off} or {@code both}, the default),
 * {@code bench.idleMillis} (how long the idle node's CPU is sampled before {@code run publisher}, 5000; the net CPU per
 * file subtracts that rate, so background work of a slow run is not counted as the files' cost), {@code bench.jar}
 * (the node's jar, {@code target/edge-publisher.jar}: one harness can run a baseline's jar in the same session),
 * {@code bench.portBase} (the node's REST and TCP ports and the sink's are this port and the next two, for a by-hand
 * run in a port range of its own; default: free ephemeral ports).
 */
public final class NodePublishBench {
    private static final List<Double> CPU_ON = new ArrayList<>();
    private static final List<Double> CPU_OFF = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] a) throws Exception {
        int files = a.length > 0 ? Integer.parseInt(a[0]) : 20_000;
        int tables = a.length > 1 ? Integer.parseInt(a[1]) : 8;
        int pairs = a.length > 2 ? Integer.parseInt(a[2]) : 3;
        Path jar = Path.of(System.getProperty("bench.jar", "target/edge-publisher.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: mvn -B package -DskipTests");
        }
        List<Double> on = new ArrayList<>();
        List<Double> off = new ArrayList<>();
        String modes = System.getProperty("bench.modes", "both");
        for (int p = 0; p < pairs; p++) {
            if (!modes.equals("off")) {
                on.add(run(jar, files, tables, true));
            }
            if (!modes.equals("on")) {
                off.add(run(jar, files, tables, false));
            }
        }
        if (on.isEmpty() || off.isEmpty()) {
            List<Double> cpu = on.isEmpty() ? CPU_OFF : CPU_ON;
            System.out.printf(Locale.ROOT, "SUMMARY %d files of 10 KB over %d tables, metrics+health %s: median %.0f"
                + " files/s %s; node CPU per file median %.1f µs %s%n", files, tables, on.isEmpty() ? "off" : "on",
                median(on.isEmpty() ? off : on), on.isEmpty() ? off : on, median(cpu), cpu);
            System.exit(0);
        }
        double mOn = median(on);
        double mOff = median(off);
        System.out.printf(Locale.ROOT, "SUMMARY %d files of 10 KB over %d tables: metrics+health on median %.0f files/s"
            + " %s, off median %.0f files/s %s; cost %.1f %%%n", files, tables, mOn, on, mOff, off,
            100 * (mOff - mOn) / mOff);
        System.out.printf(Locale.ROOT, "SUMMARY node CPU per file: on median %.1f µs, off median %.1f µs; cost %.1f %%%n",
            median(CPU_ON), median(CPU_OFF), 100 * (median(CPU_ON) - median(CPU_OFF)) / median(CPU_OFF));
        System.exit(0);
    }

    private static double run(Path jar, int files, int tables, boolean observe) throws Exception {
        Path home = Files.createTempDirectory("ep-node-publish");
        Path watch = home.resolve("AnyLog-Network/data/watch");
        Files.createDirectories(watch);
        for (int i = 0; i < files; i++) {
            int t = i % tables;
            byte[] c = PublishBench.content(t, i);
            Files.write(watch.resolve("bench.t" + t + ".0." + DataHash.md5("bench", "t" + t, c) + ".0.json"), c);
        }
        int base = Integer.getInteger("bench.portBase", 0);
        int rest = base > 0 ? base : Ports.free();
        int tcp = base > 0 ? base + 1 : Ports.free();
        Path script = home.resolve("bench.al");
        try (OperatorSink sink = OperatorSink.builder().threads(8).port(base > 0 ? base + 2 : 0).build().start()) {
            // the REST server comes last: when it answers, the lines before it have run
            Files.writeString(script, "run tcp server where external_ip = !ip and external_port = !anylog_server_port"
                + " and internal_ip = !ip and internal_port = !anylog_server_port and threads = 6\n"
                + "connect dbms almgm where type = sqlite\ncreate table tsd_info where dbms = almgm\n"
                + "set data distribution where dbms = bench and table = * and dest = " + sink.address() + "\n"
                + "run rest server where external_ip = !ip and external_port = !anylog_rest_port and internal_ip = !ip"
                + " and internal_port = !anylog_rest_port and threads = 6\n");
            List<String> cmd = new ArrayList<>(List.of("java"));
            String jvm = System.getProperty("bench.nodeJvm", "").trim();
            if (!jvm.isEmpty()) {
                cmd.addAll(List.of(jvm.split("\\s+")));
            }
            if (!observe) {
                cmd.addAll(List.of("-Dcamel.metrics.enabled=false", "-Dcamel.health.enabled=false"));
            }
            cmd.addAll(List.of("-jar", jar.toString(), "--no-cli", "--script", script.toString()));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve("node.log").toFile());
            pb.environment().putAll(java.util.Map.of("EP_HOME", home.toString(), "LOCAL_IP", "127.0.0.1",
                "ANYLOG_SERVER_PORT", Integer.toString(tcp), "ANYLOG_REST_PORT", Integer.toString(rest),
                "LEDGER_CONN", ""));
            Process node = pb.start();
            try {
                String status = "";
                for (long end = System.nanoTime() + 60_000_000_000L; !status.endsWith("running")
                        && System.nanoTime() < end; Thread.sleep(50)) {
                    status = rest(rest, "GET", "get status");
                }
                // the node's CPU while idle (health checks, timers): subtracted for the net CPU per file
                Duration idle0 = node.info().totalCpuDuration().orElse(Duration.ZERO);
                long i0 = System.nanoTime();
                Thread.sleep(Long.getLong("bench.idleMillis", 5000));
                double idlePerSec = node.info().totalCpuDuration().orElse(Duration.ZERO).minus(idle0).toNanos()
                    / ((System.nanoTime() - i0) / 1e9);
                Duration cpu0 = node.info().totalCpuDuration().orElse(Duration.ZERO);
                long t0 = System.nanoTime();
                String r = rest(rest, "POST", "run publisher where compress_json = false and delete_json = true and"
                    + " dbms_name = file_name[0] and table_name = file_name[1] "
                    + System.getProperty("bench.publisher", ""));
                if (r.contains("err_code")) {
                    throw new IllegalStateException("run publisher failed: " + r);
                }
                if (!sink.awaitFiles(files, Duration.ofMinutes(10))) {
                    throw new IllegalStateException("the sink got " + sink.files().size() + " of " + files
                        + " files; run publisher said: " + r);
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                double fps = files / secs;
                double cpuUs = node.info().totalCpuDuration().orElse(Duration.ZERO).minus(cpu0).toNanos() / 1e3
                    / files;
                double netUs = cpuUs - idlePerSec * secs / 1e3 / files;
                System.out.printf(Locale.ROOT, "metrics+health %s: %d files in %.2f s = %.0f files/s; node CPU %.1f µs"
                    + " per file (%.1f µs net of the idle node's %.0f ms/s)%n", observe ? "on " : "off", files, secs, fps,
                    cpuUs, netUs, idlePerSec / 1e6);
                (observe ? CPU_ON : CPU_OFF).add(cpuUs);
                return fps;
            } finally {
                rest(rest, "POST", "exit node");
                if (!node.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
                BenchNode.delete(home);
            }
        }
    }

    private static String rest(int port, String method, String command) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(10)).header("User-Agent", "AnyLog/1.23").header("command", command);
            b = method.equals("GET") ? b.GET() : b.POST(HttpRequest.BodyPublishers.noBody());
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body().trim();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
