package io.edgepublisher.bench.ledger;

import io.edgepublisher.ledger.Ledger;
import io.edgepublisher.ledger.LedgerSnapshot;
import io.edgepublisher.ledger.routing.NodeAddressRule;
import io.edgepublisher.ledger.routing.RoundRobinState;
import io.edgepublisher.ledger.routing.RoutingIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Load + index time of a ledger file (LEDGER.md §4.1, §6): what boot, {@code blockchain reload metadata} and every
 * merge pay. Target: a 10,000-policy ledger in under 1 s. Each call reads and parses the file and builds the routing
 * index, as the node does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LedgerLoadBenchmark {
    @Param({"10000"})
    public int policies;

    private Path dir;
    private Path file;
    private final NodeAddressRule rule = new NodeAddressRule("203.0.113.10", "10.0.0.5");

    @Setup
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("ledger-bench");
        file = SyntheticLedger.write(dir.resolve("blockchain.json"), policies);
    }

    @TearDown
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    @Benchmark
    public RoutingIndex loadAndIndex() {
        Ledger ledger = new Ledger(file);
        LedgerSnapshot s = ledger.reload();
        return RoutingIndex.build(s, rule, new RoundRobinState());
    }
}
