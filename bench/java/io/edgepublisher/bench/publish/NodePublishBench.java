package io.edgepublisher.bench.publish;

import io.edgepublisher.bench.intake.BenchNode;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.testing.Ports;
import io.edgepublisher.wire.testing.OperatorSink;
import io.edgepublisher.wire.testing.ReceivedFile;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The publisher of the real node ({@code java -jar target/edge-publisher.jar}, a separate process, with its Camel
 * routes, health checks and metrics) draining a backlog of 10 KB files to the in-repo {@link OperatorSink}, with
 * health and metrics on (the shipped defaults) and off ({@code -Dcamel.metrics.enabled=false
 * -Dcamel.health.enabled=false}), alternating, to measure what they cost (issue: at most 2 % of publisher throughput).
 *
 * <pre>NodePublishBench [files=200000] [tables=8] [pairs=3] [warm=20000]</pre>
 *
 * <p>Per node process (one per mode and pair), following the bench rules (the real jar started as a user would,
 * warm-up first, at least 20 s timed):
 * <ol>
 *   <li><b>cold</b> round: a fresh node home with {@code warm} files already in the watch folder; the node boots
 *       without a publisher; REST {@code run publisher} starts the clock, which stops when the sink has every file.
 *       This is the figure of a freshly started JVM (interpreter and JIT compilation included).</li>
 *   <li>the bench waits until the node has accepted and deleted every warm-up file (their {@code ack_wait} ended),
 *       so that none is sent again, then sends {@code exit publisher} and waits until {@code get publisher summary}
 *       says {@code Not Active};</li>
 *   <li><b>timed</b> round: {@code files} new files (distinct contents) are placed in the watch folder, {@code run
 *       publisher} again starts the clock, which stops when the sink has every one of them. 200,000 files last
 *       27 s at 7,300 files/s (the best seen on 2 shared cores, 2026-12-05); a timed window under 20 s is flagged
 *       with a {@code WARN} line: give more files.</li>
 * </ol>
 * With {@code warm = 0} there is only one round, of {@code files} files, from a cold JVM: the earlier mode of this
 * bench (its figures in BENCHMARKS.md, {@code NodePublishBench 20000 8 <pairs>}, are {@code … 20000 8 <pairs> 0} now).
 *
 * <p>Each round reports files/s and the node's CPU (user + system, from /proc via {@link ProcessHandle.Info}) per file
 * over its window, and the same net of the idle node's CPU rate: before each round the idle node's CPU is sampled for
 * {@code bench.idleMillis} (5 s) and that rate times the window is subtracted, so background work (health checks,
 * timers) of a slow run is not counted as the files' cost. What a window's CPU holds: the start-up scan of the watch
 * folder, {@code tsd_info}, routing, transfer, and the acceptance ({@code tsd_info} {@code delivered}) and deletion of
 * the files whose {@code ack_wait} (default 10 s) ended within the window, i.e. of the files sent in its first
 * (length − 10 s); the rest are accepted after the clock stopped. So the window's CPU per file depends on the window's
 * length (a 25 s window holds the acceptance of about 60 % of its files, a 50 s one 80 %; all of them with {@code
 * ack_wait = 0 seconds}, see below), and acceptance running alongside the transfers also slows the drain. Therefore
 * each round also waits until the node has accepted and deleted every file and reports the CPU per file from {@code
 * run publisher} to then, net of the idle rate ("until all accepted and deleted"): all of the files' work, whatever
 * the window's length. The sink runs in this JVM, not in the node's figure.
 *
 * <p>Disk: at most {@code max(warm, files)} × 10 KB at a time in the watch folder (2 GB for 200,000); the warm-up files
 * are gone before the timed ones are written, and the node home is deleted after each node process.
 *
 * <p>System properties for profiling (none of them changes the default run): {@code bench.nodeJvm} (extra JVM options
 * of the node, space-separated, e.g. a JFR recording), {@code bench.publisher} (appended to both {@code run publisher},
 * e.g. {@code and ack_wait = 0 seconds}), {@code bench.modes} ({@code on}, {@code off} or {@code both}, the default),
 * {@code bench.idleMillis} (5000), {@code bench.jar} (the node's jar, {@code target/edge-publisher.jar}: one
 * harness can run a baseline's jar in the same session), {@code bench.portBase} (the node's REST and TCP ports and the
 * sink's are this port and the next two, for a by-hand run in a port range of its own; default: free ephemeral ports).
 */
public final class NodePublishBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration WAIT = Duration.ofMinutes(10);

    /**
     * One round's figures: files/s, node CPU µs per file in the window and the same net of the idle node's rate; the
     * node's CPU per file net of idle until every file was accepted and deleted (all the work of the files).
     */
    private record Round(double fps, double cpuUs, double netUs, double allNetUs) {
    }

    /** One node process: the cold round and, with a warm-up, the timed round (else null). */
    private record NodeRun(Round cold, Round timed) {
    }

    public static void main(String[] a) throws Exception {
        int files = a.length > 0 ? Integer.parseInt(a[0]) : 200_000;
        int tables = a.length > 1 ? Integer.parseInt(a[1]) : 8;
        int pairs = a.length > 2 ? Integer.parseInt(a[2]) : 3;
        int warm = a.length > 3 ? Integer.parseInt(a[3]) : 20_000;
        Path jar = Path.of(System.getProperty("bench.jar", "target/edge-publisher.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first: mvn -B package -DskipTests");
        }
        List<NodeRun> on = new ArrayList<>();
        List<NodeRun> off = new ArrayList<>();
        String modes = System.getProperty("bench.modes", "both");
        for (int p = 0; p < pairs; p++) {
            if (!modes.equals("off")) {
                on.add(run(jar, warm, files, tables, true));
            }
            if (!modes.equals("on")) {
                off.add(run(jar, warm, files, tables, false));
            }
        }
        if (warm > 0) {
            summary("timed", files + " files after a warm-up of " + warm, tables, timed(on), timed(off));
        }
        summary("cold", (warm > 0 ? warm : files) + " files from a fresh JVM", tables, cold(on), cold(off));
        System.exit(0);
    }

    private static List<Round> cold(List<NodeRun> runs) {
        return runs.stream().map(NodeRun::cold).toList();
    }

    private static List<Round> timed(List<NodeRun> runs) {
        return runs.stream().map(NodeRun::timed).toList();
    }

    private static void summary(String label, String what, int tables, List<Round> on, List<Round> off) {
        if (on.isEmpty() || off.isEmpty()) {
            List<Round> r = on.isEmpty() ? off : on;
            System.out.printf(Locale.ROOT, "SUMMARY %s: %s, 10 KB over %d tables, metrics+health %s: median %.0f"
                + " files/s %s; node CPU per file median %.1f µs %s, net %.1f µs; until all accepted and deleted, net"
                + " %.1f µs %s%n", label, what, tables, on.isEmpty() ? "off" : "on", median(r, Round::fps),
                list(r, Round::fps), median(r, Round::cpuUs), list(r, Round::cpuUs), median(r, Round::netUs),
                median(r, Round::allNetUs), list(r, Round::allNetUs));
            return;
        }
        double fOn = median(on, Round::fps);
        double fOff = median(off, Round::fps);
        System.out.printf(Locale.ROOT, "SUMMARY %s: %s, 10 KB over %d tables: metrics+health on median %.0f files/s"
            + " %s, off median %.0f files/s %s; cost %.1f %%%n", label, what, tables, fOn, list(on, Round::fps), fOff,
            list(off, Round::fps), 100 * (fOff - fOn) / fOff);
        double cOn = median(on, Round::cpuUs);
        double cOff = median(off, Round::cpuUs);
        double nOn = median(on, Round::netUs);
        double nOff = median(off, Round::netUs);
        double aOn = median(on, Round::allNetUs);
        double aOff = median(off, Round::allNetUs);
        System.out.printf(Locale.ROOT, "SUMMARY %s node CPU per file: on median %.1f µs %s, off median %.1f µs %s;"
            + " cost %.1f %%; net of idle: on %.1f µs, off %.1f µs, cost %.1f %%; until all accepted and deleted, net:"
            + " on %.1f µs %s, off %.1f µs %s, cost %.1f %%%n", label, cOn, list(on, Round::cpuUs), cOff,
            list(off, Round::cpuUs), 100 * (cOn - cOff) / cOff, nOn, nOff, 100 * (nOn - nOff) / nOff, aOn,
            list(on, Round::allNetUs), aOff, list(off, Round::allNetUs), 100 * (aOn - aOff) / aOff);
    }

    private static NodeRun run(Path jar, int warm, int files, int tables, boolean observe) throws Exception {
        Path home = Files.createTempDirectory("ep-node-publish");
        Path watch = home.resolve("AnyLog-Network/data/watch");
        Files.createDirectories(watch);
        int first = warm > 0 ? warm : files;
        place(watch, 0, first, tables);
        int base = Integer.getInteger("bench.portBase", 0);
        int rest = base > 0 ? base : Ports.free();
        int tcp = base > 0 ? base + 1 : Ports.free();
        Path script = home.resolve("bench.al");
        String mode = observe ? "on " : "off";
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
            pb.environment().putAll(Map.of("EP_HOME", home.toString(), "LOCAL_IP", "127.0.0.1",
                "ANYLOG_SERVER_PORT", Integer.toString(tcp), "ANYLOG_REST_PORT", Integer.toString(rest),
                "LEDGER_CONN", ""));
            Process node = pb.start();
            try {
                String status = "";
                for (long end = System.nanoTime() + 60_000_000_000L; !status.endsWith("running")
                        && System.nanoTime() < end; Thread.sleep(50)) {
                    status = rest(rest, "GET", "get status");
                }
                if (!status.endsWith("running")) {
                    throw new IllegalStateException("the node did not answer 'running' within 60 s: " + status);
                }
                Round cold = round(node, rest, sink, watch, first, first, "metrics+health " + mode + " cold");
                if (warm == 0) {
                    return new NodeRun(cold, null);
                }
                // every warm-up file was accepted and deleted (round): none is sent again by the next run
                String r = rest(rest, "POST", "exit publisher");
                if (r.contains("err_code")) {
                    throw new IllegalStateException("exit publisher failed: " + r);
                }
                String summary = "";
                for (long end = System.nanoTime() + 60_000_000_000L; !summary.contains("Not Active"); Thread.sleep(100)) {
                    if (System.nanoTime() > end) {
                        throw new IllegalStateException("the publisher did not stop within 60 s: " + summary);
                    }
                    summary = rest(rest, "GET", "get publisher summary where format = json");
                }
                if (sink.files().size() != warm) {
                    throw new IllegalStateException("the sink got " + sink.files().size() + " files for " + warm
                        + " warm-up files");
                }
                place(watch, warm, files, tables);
                Round timed = round(node, rest, sink, watch, warm + files, files, "metrics+health " + mode + " timed");
                long distinct = sink.files().stream().map(ReceivedFile::name).distinct().count();
                if (distinct != sink.files().size()) {
                    System.out.printf(Locale.ROOT, "WARN the sink got %d files, %d distinct%n", sink.files().size(),
                        distinct);
                }
                return new NodeRun(cold, timed);
            } finally {
                rest(rest, "POST", "exit node");
                if (!node.waitFor(30, TimeUnit.SECONDS)) {
                    node.destroyForcibly();
                }
                BenchNode.delete(home);
            }
        }
    }

    /**
     * Samples the idle node, then {@code run publisher} until the sink has {@code total} files ({@code files} new): the
     * window; then waits until the node accepted and deleted every file (the watch folder holds no {@code .json}).
     */
    private static Round round(Process node, int rest, OperatorSink sink, Path watch, int total, int files,
            String label) throws Exception {
        // the node's CPU while idle (health checks, timers): subtracted for the net CPU per file
        Duration idle0 = cpu(node);
        long i0 = System.nanoTime();
        Thread.sleep(Long.getLong("bench.idleMillis", 5000));
        double idlePerSec = cpu(node).minus(idle0).toNanos() / ((System.nanoTime() - i0) / 1e9);
        Duration cpu0 = cpu(node);
        long t0 = System.nanoTime();
        String r = rest(rest, "POST", "run publisher where compress_json = false and delete_json = true and"
            + " dbms_name = file_name[0] and table_name = file_name[1] " + System.getProperty("bench.publisher", ""));
        if (r.contains("err_code")) {
            throw new IllegalStateException("run publisher failed: " + r);
        }
        if (!sink.awaitFiles(total, WAIT)) {
            throw new IllegalStateException("the sink got " + sink.files().size() + " of " + total
                + " files; run publisher said: " + r);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        double fps = files / secs;
        double cpuUs = cpu(node).minus(cpu0).toNanos() / 1e3 / files;
        double netUs = cpuUs - idlePerSec * secs / 1e3 / files;
        for (long end = System.nanoTime() + WAIT.toNanos(); jsonFiles(watch) > 0; Thread.sleep(500)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException(jsonFiles(watch) + " files still in the watch folder " + WAIT
                    + " after the sink had them all");
            }
        }
        double allSecs = (System.nanoTime() - t0) / 1e9;
        double allNetUs = (cpu(node).minus(cpu0).toNanos() / 1e3 - idlePerSec * allSecs / 1e3) / files;
        System.out.printf(Locale.ROOT, "%s: %d files in %.2f s = %.0f files/s; node CPU %.1f µs per file (%.1f µs net"
            + " of the idle node's %.0f ms/s); until all accepted and deleted (%.1f s): %.1f µs net%n", label, files,
            secs, fps, cpuUs, netUs, idlePerSec / 1e6, allSecs, allNetUs);
        if (secs < 20 && label.endsWith("timed")) {
            System.out.printf(Locale.ROOT, "WARN the timed window lasted %.1f s, less than 20 s: give more files%n",
                secs);
        }
        return new Round(fps, cpuUs, netUs, allNetUs);
    }

    /** Writes {@code count} 10 KB files numbered from {@code from} (distinct contents, so distinct hashes). */
    private static void place(Path watch, int from, int count, int tables) throws IOException {
        for (int i = from; i < from + count; i++) {
            int t = i % tables;
            byte[] c = PublishBench.content(t, i);
            Files.write(watch.resolve("bench.t" + t + ".0." + DataHash.md5("bench", "t" + t, c) + ".0.json"), c);
        }
    }

    private static long jsonFiles(Path watch) throws IOException {
        try (Stream<Path> s = Files.list(watch)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).count();
        }
    }

    private static Duration cpu(Process node) {
        return node.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static String rest(int port, String method, String command) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(30)).header("User-Agent", "AnyLog/1.23").header("command", command);
            b = method.equals("GET") ? b.GET() : b.POST(HttpRequest.BodyPublishers.noBody());
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).body().trim();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static double median(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
        List<Double> s = new ArrayList<>(list(rounds, f));
        s.sort(null);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static List<Double> list(List<Round> rounds, java.util.function.ToDoubleFunction<Round> f) {
        return rounds.stream().map(r -> Math.round(f.applyAsDouble(r) * 10) / 10.0).toList();
    }
}
