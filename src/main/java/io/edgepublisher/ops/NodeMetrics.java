package io.edgepublisher.ops;

import io.edgepublisher.node.Beans;
import io.edgepublisher.node.Node;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The node's own Prometheus metrics (served at {@code /observe/metrics} with Camel's route metrics). Meters are
 * cached per tag value, so recording costs a map lookup and an atomic add on the hot paths.
 */
public final class NodeMetrics {
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> summaries = new ConcurrentHashMap<>();

    public NodeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    private static final NodeMetrics DETACHED = new NodeMetrics(new SimpleMeterRegistry());

    /**
     * The node's metrics (registered at boot phase 0 when {@code camel.metrics.enabled}), or a detached instance
     * that records nowhere. Look it up when recording starts (e.g. when a process starts), not at install time.
     */
    public static NodeMetrics of(Node node) {
        NodeMetrics m = Beans.find(node, NodeMetrics.class);
        return m == null ? DETACHED : m;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Rows accepted by intake, by path ({@code mqtt}, {@code rest}, {@code kafka}, {@code route}). */
    public void rowsIn(String path, long rows) {
        counter("ep_rows_in", "Rows accepted by intake", "path", path).increment(rows);
    }

    public void filesWritten(long files) {
        counter("ep_files_written", "Data files written to the watch folder", null, null).increment(files);
    }

    public void fileDelivered(String destination, long bytes, Duration latency) {
        counter("ep_files_delivered", "Files accepted by an operator", "destination", destination).increment();
        counter("ep_bytes_sent", "Bytes of delivered files", "destination", destination).increment(bytes);
        timer(latency);
    }

    public void fileFailed(String destination) {
        counter("ep_files_failed", "Failed delivery attempts", "destination", destination).increment();
    }

    public void retry() {
        counter("ep_delivery_retries", "Delivery attempts scheduled after a failure", null, null).increment();
    }

    /** Registers a gauge read on each scrape (queue depth, ledger sync age). */
    public <T> void gauge(String name, String help, T obj, ToDoubleFunction<T> fn) {
        Gauge.builder(name, obj, fn).description(help).register(registry);
    }

    public void gauge(String name, String help, Supplier<Number> value) {
        Gauge.builder(name, value).description(help).register(registry);
    }

    /** A counter read on each scrape from a monotonic count the owner keeps. */
    public <T> void functionCounter(String name, String help, T obj, ToDoubleFunction<T> fn) {
        FunctionCounter.builder(name, obj, fn).description(help).register(registry);
    }

    private Counter counter(String name, String help, String tag, String value) {
        String key = tag == null ? name : name + '\u0000' + value;
        Counter c = counters.get(key);
        if (c == null) {
            c = counters.computeIfAbsent(key, k -> {
                Counter.Builder b = Counter.builder(name).description(help);
                if (tag != null) {
                    b.tag(tag, value == null ? "" : value);
                }
                return b.register(registry);
            });
        }
        return c;
    }

    private void timer(Duration latency) {
        Timer t = timers.computeIfAbsent("latency", k -> Timer.builder("ep_delivery_latency")
            .description("From a file's arrival in the watch folder to its acceptance by an operator")
            .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(10)).register(registry));
        t.record(latency);
    }

    /** A size distribution (e.g. rows per file). */
    public void summary(String name, String help, double value) {
        summaries.computeIfAbsent(name, k -> DistributionSummary.builder(name).description(help).register(registry))
            .record(value);
    }
}
