package io.edgepublisher.bench.soak;

import io.edgepublisher.bench.intake.RestPutClient;
import io.edgepublisher.bench.proc.ProcStat;
import io.edgepublisher.wire.testing.OperatorSink;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The soak test of {@code bench/soak/run.sh}: the real node ({@code java -jar target/edge-publisher.jar}) under a
 * steady mixed load for a long time — REST PUT streaming batches and MQTT QoS 1 messages (through a broker, to the
 * node's {@code run msg client}), each row with its own id — publishing to the in-repo operator double
 * ({@link OperatorSink}), which goes away for {@code outageFor} seconds every {@code outageEvery} seconds; at
 * {@code killAt} the node is killed with SIGKILL and started again on the same home.
 *
 * <p>Every row is followed by id: sent, acknowledged (HTTP 200; the broker's PUBACK), delivered (found in a file the
 * operator double received), missing (acknowledged, never delivered) and duplicated (delivered more than once). The
 * node's RSS and open files are sampled with the counters into {@code soak.csv}. At the end: the counts, and whether
 * RSS or open files grew once a node process was {@code growthFrom} seconds old (least-squares slope over those
 * samples, each process apart). Exit code 0 when nothing is missing or duplicated and nothing grew.
 *
 * <pre>Soak work=&lt;dir&gt; [duration=1800] [outageEvery=300] [outageFor=60] [killAt=720] [sample=10] [growthFrom=300]
 *     [restRate=20] [restRows=25] [mqttRate=200] [drain=600] [port=46030] [broker=127.0.0.1] [brokerPort=1883]
 *     [rssLimitMb=16] [fdLimit=5]</pre>
 * Times in seconds; rates per second. {@code port}: the node's REST port; TCP is port+1 and the operator double
 * port+2. Extra node JVM options: environment {@code EP_JAVA_OPTS}.
 */
public final class Soak {
    private final Map<String, String> cfg;
    private final Path work;
    private final Path home;
    private final int restPort;
    private final int tcpPort;
    private final String broker;
    private final int brokerPort;
    private final String run = Long.toString(System.currentTimeMillis() % 100_000_000L);
    private final String topic = "epsoak/" + run;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final RowLedger rest = new RowLedger("rest");
    private final RowLedger mqtt = new RowLedger("mqtt");
    private final RowLedger.Reader reader = new RowLedger.Reader(List.of(rest, mqtt));
    private final AtomicLong restFailures = new AtomicLong();
    private final AtomicLong mqttFailures = new AtomicLong();
    private final long t0 = System.nanoTime();
    private volatile Process node;
    private volatile long nodeStart;
    private volatile boolean loading = true;
    private int starts;

    private Soak(Map<String, String> cfg) throws IOException {
        this.cfg = cfg;
        this.work = Path.of(cfg.get("work"));
        this.home = work.resolve("node");
        this.restPort = num("port", 46030);
        this.tcpPort = restPort + 1;
        this.broker = cfg.getOrDefault("broker", "127.0.0.1");
        this.brokerPort = num("brokerPort", 1883);
        Files.createDirectories(home);
        Files.createDirectories(work.resolve("operator"));
    }

    private int num(String key, int def) {
        return cfg.containsKey(key) ? Integer.parseInt(cfg.get(key)) : def;
    }

    public static void main(String[] a) throws Exception {
        Map<String, String> cfg = new LinkedHashMap<>();
        for (String s : a) {
            int i = s.indexOf('=');
            if (i < 0) {
                throw new IllegalArgumentException("arguments are key=value: " + s);
            }
            cfg.put(s.substring(0, i), s.substring(i + 1));
        }
        System.exit(new Soak(cfg).soak());
    }

    private double secs() {
        return (System.nanoTime() - t0) / 1e9;
    }

    private void say(String s) {
        System.out.printf(Locale.ROOT, "[%6.0f s] %s%n", secs(), s);
    }

    private int soak() throws Exception {
        int duration = num("duration", 1800);
        int outageEvery = num("outageEvery", 300);
        int outageFor = num("outageFor", 60);
        int killAt = num("killAt", duration * 2 / 5);
        int sample = num("sample", 10);
        int growthFrom = num("growthFrom", 300);
        int restRate = num("restRate", 20);
        int restRows = num("restRows", 25);
        int mqttRate = num("mqttRate", 200);
        int drain = num("drain", 600);
        say(String.format(Locale.ROOT, "soak: %d s; REST %d PUTs/s x %d rows; MQTT QoS 1 %d msg/s via %s:%d; operator "
                + "double away %d s every %d s; kill -9 at %d s; samples every %d s; growth checked from %d s of a "
                + "process's age", duration, restRate, restRows, mqttRate, broker, brokerPort, outageFor, outageEvery,
                killAt, sample, growthFrom));
        try (OperatorSink sink = OperatorSink.builder().port(restPort + 2).watchDir(work.resolve("operator"))
                .threads(8).build()) {
            bind(sink);
            startNode(sink);
            ScheduledExecutorService timers = Executors.newScheduledThreadPool(3);
            ExecutorService putters = Executors.newFixedThreadPool(8);
            MqttAsyncClient pub = mqttPublisher();
            AtomicLong nextBatch = new AtomicLong();
            AtomicLong nextMsg = new AtomicLong();
            timers.scheduleAtFixedRate(() -> {
                if (loading) {
                    long b = nextBatch.getAndIncrement();
                    putters.execute(() -> put(b * restRows, restRows));
                }
            }, 0, 1_000_000 / restRate, TimeUnit.MICROSECONDS);
            timers.scheduleAtFixedRate(() -> {
                if (loading) {
                    publish(pub, nextMsg.getAndIncrement());
                }
            }, 0, 1_000_000 / mqttRate, TimeUnit.MICROSECONDS);
            List<long[]> samples = new ArrayList<>();
            try (PrintWriter csv = new PrintWriter(Files.newBufferedWriter(work.resolve("soak.csv")))) {
                csv.println("seconds,pid,process_age,rss_mb,open_files,sent,acknowledged,delivered,waiting,sink_up");
                long nextSample = 0;
                long nextOutage = outageEvery;
                boolean killed = false;
                while (secs() < duration) {
                    double now = secs();
                    if (now >= nextOutage && outageFor > 0 && outageEvery > 0) {
                        say("operator double goes away for " + outageFor + " s");
                        sink.stop();
                        timers.schedule(() -> {
                            try {
                                bind(sink);
                                say("operator double is back");
                            } catch (IOException e) {
                                say("operator double could not restart: " + e);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }, outageFor, TimeUnit.SECONDS);
                        nextOutage += outageEvery;
                    }
                    if (!killed && now >= killAt && killAt > 0) {
                        killed = true;
                        long pid = node.pid();
                        node.destroyForcibly(); // SIGKILL
                        node.waitFor();
                        say("node (pid " + pid + ") killed with SIGKILL; starting it again");
                        startNode(sink);
                    }
                    if (now >= nextSample) {
                        samples.add(sample(csv, sink));
                        nextSample += sample;
                    }
                    Thread.sleep(200);
                }
                loading = false;
                timers.shutdown();
                putters.shutdown();
                putters.awaitTermination(60, TimeUnit.SECONDS);
                waitPublished(pub);
                say("load stopped; flushing the node's buffers and waiting for delivery (at most " + drain + " s)");
                if (!sink.isRunning()) {
                    bind(sink);
                }
                rest("POST", "flush buffers");
                long until = System.nanoTime() + drain * 1_000_000_000L;
                long lastFlush = System.nanoTime();
                while (System.nanoTime() < until) {
                    reader.read(sink.files());
                    if (rest.missing() + mqtt.missing() == 0 && watchEmpty()) {
                        break;
                    }
                    if (System.nanoTime() - lastFlush > 5_000_000_000L) {
                        // rows of an MQTT message the broker redelivered after the kill may sit in a buffer
                        rest("POST", "flush buffers");
                        lastFlush = System.nanoTime();
                    }
                    Thread.sleep(1000);
                }
                Thread.sleep(2000); // late re-sends, if any, are counted too
                reader.read(sink.files());
                samples.add(sample(csv, sink));
            }
            pub.disconnect().waitForCompletion(10_000);
            pub.close();
            return report(samples, growthFrom);
        } finally {
            stopNode();
            // the node's persistent session on the broker: connect once with a clean session to drop it
            new ProcessBuilder("mosquitto_pub", "-h", broker, "-p", Integer.toString(brokerPort), "-i", "epsoak-"
                    + run, "-t", "epsoak/cleanup", "-n").redirectErrorStream(true).start().waitFor(10,
                    TimeUnit.SECONDS);
        }
    }

    /**
     * Starts the operator double on its port. The port can be briefly in use as the local end of some other
     * process's outgoing connection (it lies in the ephemeral range), so binding is retried for up to 30 s.
     */
    private void bind(OperatorSink sink) throws IOException, InterruptedException {
        for (int i = 0; ; i++) {
            try {
                sink.start();
                return;
            } catch (java.net.BindException e) {
                if (i == 60) {
                    throw e;
                }
                if (i == 0) {
                    say("port " + sink.port() + " is in use; retrying");
                }
                Thread.sleep(500);
            }
        }
    }

    // ---- the node ------------------------------------------------------------------------------------------------

    private void startNode(OperatorSink sink) throws Exception {
        Path script = work.resolve("soak.al");
        Files.writeString(script, "set node name soak\n"
                + "run tcp server where external_ip = !ip and external_port = !anylog_server_port and internal_ip = !ip"
                + " and internal_port = !anylog_server_port and bind = true and threads = 6\n"
                + "connect dbms almgm where type = sqlite\n"
                + "create table tsd_info where dbms = almgm\n"
                + "set data distribution where dbms = soak and table = * and dest = " + sink.address() + "\n"
                + "run streamer\n"
                + "run publisher where delete_json = true and dbms_name = file_name[0] and table_name = file_name[1]\n"
                + "run msg client where broker = " + broker + " and port = " + brokerPort + " and client_id = epsoak-"
                + run + " and topic = (name = " + topic + " and qos = 1 and dbms = soak and table = mqtt and"
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
                .redirectOutput(work.resolve("node-" + (++starts) + ".log").toFile());
        pb.environment().put("EP_HOME", home.toString());
        pb.environment().put("LOCAL_IP", "127.0.0.1");
        pb.environment().put("ANYLOG_REST_PORT", Integer.toString(restPort));
        pb.environment().put("ANYLOG_SERVER_PORT", Integer.toString(tcpPort));
        long start = System.nanoTime();
        node = pb.start();
        nodeStart = start;
        String status = "";
        for (long end = start + 120_000_000_000L; !status.contains("Connected"); Thread.sleep(50)) {
            if (!node.isAlive() || System.nanoTime() > end) {
                throw new IllegalStateException("the node did not start; see node-" + starts + ".log");
            }
            status = rest("GET", "get msg client where id = 1 and format = json");
        }
        say(String.format(Locale.ROOT, "node pid %d up and connected to the broker in %.1f s", node.pid(),
                (System.nanoTime() - start) / 1e9));
    }

    private void stopNode() throws InterruptedException {
        Process p = node;
        if (p != null && p.isAlive()) {
            rest("POST", "exit node");
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private boolean watchEmpty() throws IOException {
        Path watch = home.resolve("AnyLog-Network/data/watch");
        try (var s = Files.list(watch)) {
            return s.findAny().isEmpty();
        }
    }

    private String rest(String method, String command) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/"))
                    .timeout(Duration.ofSeconds(30)).header("User-Agent", "AnyLog/1.23").header("command", command);
            b = method.equals("GET") ? b.GET() : b.POST(HttpRequest.BodyPublishers.noBody());
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    // ---- the load ------------------------------------------------------------------------------------------------

    private static String row(long id) {
        return "{\"ts\":\"2024-04-17T10:" + String.format(Locale.ROOT, "%02d:%02d", id / 60 % 60, id % 60)
                + ".000000Z\",\"v\":" + id % 1000 / 10.0 + ",\"id\":" + id + "}";
    }

    /** One REST PUT of rows {@code from … from+n-1}; no retry: a batch without a 200 stays unacknowledged. */
    private void put(long from, int n) {
        StringBuilder body = new StringBuilder(n * 64).append('[');
        for (int i = 0; i < n; i++) {
            body.append(i == 0 ? "" : ",").append(row(from + i));
        }
        rest.sent(from, n);
        try {
            // a fresh connection per PUT and no hidden retries, so a 200 is the only acknowledgement
            int status = new RestPutClient("127.0.0.1", restPort).put("soak", "rest",
                    body.append(']').toString().getBytes(StandardCharsets.UTF_8));
            if (status == 200) {
                rest.acknowledged(from, n);
            } else {
                restFailures.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            restFailures.incrementAndGet();
        }
    }

    private MqttAsyncClient mqttPublisher() throws MqttException {
        MqttAsyncClient c = new MqttAsyncClient("tcp://" + broker + ":" + brokerPort, "epsoak-pub-" + run,
                new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setMaxInflight(10_000);
        o.setAutomaticReconnect(true);
        c.connect(o).waitForCompletion(10_000);
        return c;
    }

    /** One QoS 1 message of one row; acknowledged when the broker's PUBACK arrives. */
    private void publish(MqttAsyncClient c, long id) {
        mqtt.sent(id, 1);
        MqttMessage m = new MqttMessage(row(id).getBytes(StandardCharsets.UTF_8));
        m.setQos(1);
        try {
            c.publish(topic, m, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken t) {
                    mqtt.acknowledged(id, 1);
                }

                @Override
                public void onFailure(IMqttToken t, Throwable e) {
                    mqttFailures.incrementAndGet();
                }
            });
        } catch (MqttException e) {
            mqttFailures.incrementAndGet();
        }
    }

    private static void waitPublished(MqttAsyncClient c) throws InterruptedException {
        for (long end = System.nanoTime() + 60_000_000_000L; c.getPendingDeliveryTokens().length > 0
                && System.nanoTime() < end; ) {
            Thread.sleep(100);
        }
    }

    // ---- samples and the report ----------------------------------------------------------------------------------

    /** {seconds, pid, age, rss kB, fds} */
    private long[] sample(PrintWriter csv, OperatorSink sink) throws IOException {
        reader.read(sink.files());
        long pid = node.pid();
        long age = (System.nanoTime() - nodeStart) / 1_000_000_000L;
        long rss = ProcStat.rssKb(pid);
        int fds = ProcStat.openFiles(pid);
        long[] r = rest.counts();
        long[] m = mqtt.counts();
        long secs = Math.round(secs());
        csv.printf(Locale.ROOT, "%d,%d,%d,%.1f,%d,%d,%d,%d,%d,%d%n", secs, pid, age, rss / 1024.0, fds, r[0] + m[0],
                r[1] + m[1], r[2] + m[2], r[3] + m[3], sink.isRunning() ? 1 : 0);
        csv.flush();
        return new long[] {secs, pid, age, rss, fds};
    }

    private int report(List<long[]> samples, int growthFrom) {
        long[] r = rest.counts();
        long[] m = mqtt.counts();
        for (String[] line : new String[][] {{"REST", ""}, {"MQTT", ""}}) {
            long[] c = line[0].equals("REST") ? r : m;
            System.out.printf(Locale.ROOT, "SOAK %s rows: sent %,d, acknowledged %,d, delivered %,d, missing %,d, "
                    + "duplicated %,d; delivered without acknowledgement %,d; unknown ids %,d; failed %s %,d%n",
                    line[0], c[0], c[1], c[2], c[3], c[4], c[5], c[6], line[0].equals("REST") ? "PUTs" : "publishes",
                    line[0].equals("REST") ? restFailures.get() : mqttFailures.get());
        }
        long missing = r[3] + m[3];
        long dup = r[4] + m[4];
        System.out.printf(Locale.ROOT, "SOAK identical files received again (same name and hash, refused by an EdgeLake "
                + "operator): %,d files, %,d rows; unreadable lines %,d%n", reader.resentFiles(), reader.resentRows(),
                reader.badLines());
        double rssLimit = num("rssLimitMb", 16);
        double fdLimit = num("fdLimit", 5);
        boolean rssGrew = false;
        boolean fdGrew = false;
        for (long pid : samples.stream().mapToLong(s -> s[1]).distinct().toArray()) {
            List<long[]> seg = samples.stream().filter(s -> s[1] == pid && s[2] >= growthFrom && s[3] > 0).toList();
            if (seg.size() < 3) {
                System.out.printf(Locale.ROOT, "SOAK node pid %d: %d samples after %d s of age, too few for a growth "
                        + "check%n", pid, seg.size(), growthFrom);
                continue;
            }
            double span = seg.get(seg.size() - 1)[0] - seg.get(0)[0];
            double rssSlope = slope(seg, 3) / 1024.0; // MB per second
            double fdSlope = slope(seg, 4);
            boolean rg = rssSlope * span > rssLimit;
            boolean fg = fdSlope * span > fdLimit;
            rssGrew |= rg;
            fdGrew |= fg;
            System.out.printf(Locale.ROOT, "SOAK node pid %d, %d samples over %.0f s from %d s of age: RSS %.0f → %.0f MB,"
                    + " fitted %+.1f MB over the window (%+.1f MB/h): %s; open files %d → %d, fitted %+.1f: %s%n",
                    pid, seg.size(), span, growthFrom, seg.get(0)[3] / 1024.0, seg.get(seg.size() - 1)[3] / 1024.0,
                    rssSlope * span, rssSlope * 3600, rg ? "GREW (limit " + rssLimit + " MB)" : "no growth",
                    seg.get(0)[4], seg.get(seg.size() - 1)[4], fdSlope * span, fg ? "GREW (limit " + fdLimit + ")"
                            : "no growth");
        }
        System.out.printf(Locale.ROOT, "SOAK RESULT: %,d missing / %,d duplicated; RSS %s; open files %s%n", missing,
                dup, rssGrew ? "GREW" : "no growth", fdGrew ? "GREW" : "no growth");
        return missing == 0 && dup == 0 && !rssGrew && !fdGrew ? 0 : 1;
    }

    /** Least-squares slope of column {@code col} over time (column 0), per second. */
    private static double slope(List<long[]> s, int col) {
        double n = s.size();
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (long[] v : s) {
            sx += v[0];
            sy += v[col];
            sxx += (double) v[0] * v[0];
            sxy += (double) v[0] * v[col];
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : (n * sxy - sx * sy) / d;
    }
}
