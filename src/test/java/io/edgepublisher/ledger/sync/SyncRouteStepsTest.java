package io.edgepublisher.ledger.sync;

import io.edgepublisher.node.Beans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.ledger.LedgerConfiguration;
import io.edgepublisher.ledger.LedgerModule;
import io.edgepublisher.ledger.testing.LedgerTestNode;
import io.edgepublisher.ledger.testing.MasterDouble;
import io.edgepublisher.ledger.Vectors;
import io.edgepublisher.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.MainConfigurationProperties;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.apache.camel.test.main.junit5.CamelMainTestSupport;
import org.junit.jupiter.api.Test;

/**
 * The {@code blockchain-sync} route as {@link LedgerConfiguration} declares it, booted by camel-main with the
 * bundled {@code application.properties}; AdviceWith replaces the quartz trigger with {@code direct:tick}, so each
 * test decides when a cycle runs. The master is a real TCP double; the synchroniser is a command-test node's.
 */
class SyncRouteStepsTest extends CamelMainTestSupport {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Path home;
    private LedgerTestNode node;
    private MasterDouble master;
    private final AtomicInteger listenerRuns = new AtomicInteger();

    @Override
    protected void setupResources() throws Exception {
        home = Files.createTempDirectory("sync-route-steps");
        node = LedgerTestNode.create(home, Clock.systemUTC()).withTcp().boot();
        node.metadata().onChange(listenerRuns::incrementAndGet);
        master = MasterDouble.start().serve(Vectors.bytes("ledger/blockchain.json"));
    }

    @Override
    protected void cleanupResources() throws Exception {
        master.close();
        node.close();
        try (Stream<Path> s = Files.walk(home)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public void configureTest(TestExecutionConfiguration t) {
        super.configureTest(t);
        t.withUseAdviceWith(true);
    }

    @Override
    protected void configure(MainConfigurationProperties main) {
        main.addConfiguration(new LedgerConfiguration(node.sync(), node.metadata(),
            Beans.get(node.node(), LedgerMerger.class), LedgerModule.syncMillis(node.node().dictionary())));
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties p = new Properties();
        p.setProperty("camel.main.jmx-enabled", "false");
        return p;
    }

    /** Replaces the trigger, starts the context and the route (declared stopped). */
    private void startRoute() throws Exception {
        AdviceWith.adviceWith(context, SyncRoute.ROUTE_ID, a -> a.replaceFromWith("direct:tick"));
        context.start();
        assertFalse(context.getRouteController().getRouteStatus(SyncRoute.ROUTE_ID).isStarted(),
            "declared stopped: run blockchain sync starts it");
        context.getRouteController().startRoute(SyncRoute.ROUTE_ID);
    }

    @Test
    void aCycleSendsTheLedgerRequestThenRunsTheListeners() throws Exception {
        node.sync().start(new SyncConfig(master.connection(), 30));
        startRoute();
        int before = listenerRuns.get();
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(SyncRoute.ROUTE_ID).whenCompleted(1).create();
        Exchange e = template.send("direct:tick", x -> { });
        assertTrue(done.matches(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertNull(e.getException());
        assertEquals("event get_blockchain " + node.node().dirs().blockchainNew().toAbsolutePath() + " 0 0",
            master.awaitCommand(c -> c.startsWith("event"), 1, WAIT).orElseThrow());
        assertTrue(listenerRuns.get() > before, "the metadata listeners ran after the request");
        assertFalse(node.sync().state().lastAttemptFailed());
    }

    @Test
    void anUnreachableMasterIsHandledLoggedOnceAndRetriedByTheNextCycle() throws Exception {
        node.sync().start(new SyncConfig(master.connection(), 30));
        master.stop();
        startRoute();
        int before = listenerRuns.get();
        try (LogCapture log = new LogCapture(Synchronizer.class)) {
            NotifyBuilder three = new NotifyBuilder(context).fromRoute(SyncRoute.ROUTE_ID).whenCompleted(3).create();
            for (int i = 0; i < 3; i++) {
                Exchange e = template.send("direct:tick", x -> { });
                assertNull(e.getException(), "onException handles it: the route does not fail");
                assertTrue(e.getProperty(Exchange.EXCEPTION_CAUGHT) instanceof MasterUnreachableException);
            }
            assertTrue(three.matches(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(node.sync().state().lastAttemptFailed());
            assertEquals(1, log.lines().stream().filter(l -> l.contains("Failed to connect to master using: "
                + master.connection())).count(), "one line per change of state: " + log.lines());
            assertEquals(before + 3, listenerRuns.get(), "the listeners run after a failed cycle too");

            master.restart();
            template.send("direct:tick", x -> { });
            assertFalse(node.sync().state().lastAttemptFailed(), "the next cycle is the retry");
            master.stop();
            template.send("direct:tick", x -> { });
            assertEquals(2, log.lines().stream().filter(l -> l.contains("Failed to connect to master")).count(),
                "a new failure after a success is logged again: " + log.lines());
        }
    }

    @Test
    void aMergedFileRePushesEachMissingLocalPolicyAsARouteStep() throws Exception {
        node.ok("p = {\"publisher\": {\"name\": \"mine\", \"ip\": \"127.0.0.1\", \"port\": 32248}}");
        node.ok("blockchain insert where policy = !p and local = true");
        node.ok("q = {\"publisher\": {\"name\": \"other\", \"ip\": \"127.0.0.1\", \"port\": 32258}}");
        node.ok("blockchain insert where policy = !q and local = true");
        List<String> local = Files.readAllLines(node.node().dirs().blockchainFile());
        node.sync().start(new SyncConfig(master.connection(), 30));
        AdviceWith.adviceWith(context, MergeRoute.ROUTE_ID,
            a -> a.weaveById("repush-to-master").after().to("mock:repushed"));
        MockEndpoint repushed = getMockEndpoint("mock:repushed");
        repushed.expectedMessageCount(2);
        startRoute();
        NotifyBuilder merged = new NotifyBuilder(context).fromRoute(MergeRoute.ROUTE_ID).whenCompleted(1).create();
        template.send("direct:tick", x -> { });
        assertTrue(merged.matches(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the received file went through "
            + MergeRoute.ROUTE_ID);
        master.awaitCommand(c -> c.startsWith("blockchain push"), 2, WAIT).orElseThrow();
        List<String> pushes = master.commands().stream().filter(c -> c.startsWith("blockchain push")).toList();
        assertEquals(local.stream().map(l -> "blockchain push\tignore "
            + l.replace("\"ledger\": \"local\"", "\"ledger\": \"global\"")).toList(), pushes);
        repushed.assertIsSatisfied(WAIT.toMillis());
        assertEquals(List.of("mine", "other"), repushed.getExchanges().stream()
            .map(x -> x.getMessage().getBody(LedgerMerger.Repush.class).command())
            .map(c -> c.contains("\"mine\"") ? "mine" : "other").toList());
    }

    @Test
    void aRejectedFileStopsAtTheMergeStepAndPushesNothing() throws Exception {
        node.ok("p = {\"publisher\": {\"name\": \"mine\", \"ip\": \"127.0.0.1\", \"port\": 32248}}");
        node.ok("blockchain insert where policy = !p and local = true");
        byte[] before = Files.readAllBytes(node.node().dirs().blockchainFile());
        master.serve("not a ledger".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        node.sync().start(new SyncConfig(master.connection(), 30));
        startRoute();
        NotifyBuilder merged = new NotifyBuilder(context).fromRoute(MergeRoute.ROUTE_ID).whenCompleted(1).create();
        template.send("direct:tick", x -> { });
        assertTrue(merged.matches(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(new String(before, java.nio.charset.StandardCharsets.UTF_8),
            Files.readString(node.node().dirs().blockchainFile()), "the current ledger stays");
        assertEquals(List.of(), master.commands().stream().filter(c -> c.startsWith("blockchain push")).toList());
    }
}
