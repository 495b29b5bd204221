package io.edgepublisher.bench.ledger;

import io.edgepublisher.ledger.LedgerFile;
import io.edgepublisher.ledger.routing.NodeAddressRule;
import io.edgepublisher.ledger.routing.RoundRobinState;
import io.edgepublisher.ledger.routing.RouteResult;
import io.edgepublisher.ledger.routing.RoutingIndex;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * ns per {@code nextDestination} (LEDGER.md §6.6) for ledgers of 100, 1,000 and 10,000 policies. The lookup must
 * not depend on the ledger size (hash maps, round robin over a cluster's operators): the three figures should be
 * flat. Each call asks for the next of 32 tables spread evenly over the ledger (every table of the 100-policy
 * ledger), so the measurement is not one hot map entry, and the same number of distinct keys is touched at every
 * size: what varies is only the size of the maps, not the cache footprint of the lookups.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DestinationLookupBenchmark {
    private static final Predicate<String> NO_COOLDOWN = a -> false;
    private static final int TABLES = 32;

    @Param({"100", "1000", "10000"})
    public int policies;

    private RoutingIndex index;
    private String[] tables;
    private int next;

    @Setup
    public void setUp() {
        byte[] bytes = SyntheticLedger.text(policies).getBytes(StandardCharsets.UTF_8);
        index = RoutingIndex.build(LedgerFile.parse(bytes, false),
            new NodeAddressRule("203.0.113.10", "10.0.0.5"), new RoundRobinState());
        int groups = SyntheticLedger.groups(policies);
        tables = new String[TABLES];
        for (int i = 0; i < TABLES; i++) {
            int g = (int) ((long) (i / 2) * groups / (TABLES / 2));
            tables[i] = "t" + g + "_" + (i & 1);
        }
        if (!(index.nextDestination(null, "bench", tables[0], NO_COOLDOWN) instanceof RouteResult.Routed)) {
            throw new IllegalStateException("synthetic ledger does not route " + tables[0]);
        }
    }

    @Benchmark
    public RouteResult nextDestination() {
        String table = tables[next++ & (TABLES - 1)];
        return index.nextDestination(null, "bench", table, NO_COOLDOWN);
    }
}
