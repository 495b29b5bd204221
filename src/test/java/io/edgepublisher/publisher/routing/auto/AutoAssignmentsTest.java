package io.edgepublisher.publisher.routing.auto;

import static io.edgepublisher.publisher.routing.auto.AutoLedger.CLUSTER1;
import static io.edgepublisher.publisher.routing.auto.AutoLedger.OPERATOR1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.ledger.routing.RouteResult;
import io.edgepublisher.ledger.routing.RoutingIndex;
import io.edgepublisher.testing.LogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The choice, the pins and the takeover of {@code new_table_cluster = auto} on routing indexes built from EdgeLake
 * ledgers: the example ledger's cluster1/operator1 plus clusters and operators in the same policy shapes.
 */
class AutoAssignmentsTest {
    static final AutoCompany BARS = new AutoCompany(null, "BarsTest");
    static final Predicate<String> NONE = a -> false;
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final Instant T1 = Instant.parse("2026-12-01T11:00:00Z");
    static final Instant T2 = Instant.parse("2026-12-01T12:00:00Z");
    static final String C2 = AutoLedger.rootId("cluster2", "BarsTest");
    static final String C3 = AutoLedger.rootId("cluster3", "BarsTest");
    static final String C4 = AutoLedger.rootId("cluster4", "BarsTest");
    static final Map<String, String> OPERATOR_OF = Map.of(CLUSTER1, OPERATOR1, C2, "127.0.0.1:32158",
        C3, "127.0.0.1:32168", C4, "127.0.0.1:32178");

    @TempDir
    Path state;

    /** The example ledger with cluster2 and cluster3 of BarsTest, one operator each. */
    static AutoLedger threeClusters() {
        AutoLedger l = AutoLedger.example();
        l.operator("operator2", "BarsTest", l.root("cluster2", "BarsTest"), "127.0.0.1", 32158, "");
        l.operator("operator3", "BarsTest", l.root("cluster3", "BarsTest"), "127.0.0.1", 32168, "");
        return l;
    }

    static void addCluster4(AutoLedger l) {
        l.operator("operator4", "BarsTest", l.root("cluster4", "BarsTest"), "127.0.0.1", 32178, "");
    }

    AutoAssignments fresh(String name) {
        return new AutoAssignments(state.resolve(name));
    }

    static String cluster(Optional<AutoRoute> r) {
        assertTrue(r.isPresent(), "an automatic route");
        return r.get().clusterId();
    }

    static String dest(Optional<AutoRoute> r) {
        return assertInstanceOf(RouteResult.Routed.class, r.orElseThrow().result()).destination();
    }

    /** A table whose rendezvous ranking over the clusters starts with {@code first}. */
    static String tableWon(String first, List<String> clusters) {
        for (int i = 0; ; i++) {
            if (Rendezvous.winner(clusters, "test", "t" + i).equals(first)) {
                return "t" + i;
            }
        }
    }

    static Map<String, String> routeTables(AutoAssignments a, RoutingIndex idx, String prefix, int n, Instant now) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(prefix + i, cluster(a.route(idx, "test", prefix + i, BARS, NONE, now)));
        }
        return out;
    }

    @Test
    void choosesTheRendezvousWinnerAndTwoPublishersAgree() {
        RoutingIndex idx = threeClusters().index();
        List<String> ids = List.of(CLUSTER1, C2, C3);
        AutoAssignments a = fresh("a.json");
        AutoAssignments b = fresh("b.json");
        Set<String> used = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            Optional<AutoRoute> ra = a.route(idx, "test", "t" + i, BARS, NONE, T0);
            String expected = Rendezvous.winner(ids, "test", "t" + i);
            assertEquals(expected, cluster(ra));
            assertEquals(OPERATOR_OF.get(expected), dest(ra), "delivered to the chosen cluster's operator");
            assertEquals(expected, cluster(b.route(idx, "TEST", "T" + i, BARS, NONE, T1)), "the other publisher");
            used.add(expected);
        }
        assertEquals(Set.of(CLUSTER1, C2, C3), used, "tables spread over the clusters");

        String t = tableWon(CLUSTER1, ids);
        AutoRoute r = a.route(idx, "test", t, BARS, NONE, T1).orElseThrow();
        assertEquals(new AutoRoute(new RouteResult.Routed(OPERATOR1, CLUSTER1, "operator1",
            "a72bbf020bce3cf8bba9dbc19d259a32"), CLUSTER1, "cluster1", false), r);
        assertEquals("auto-assigned to cluster cluster1", r.status2());
        assertEquals(new AutoAssignment("test", t, CLUSTER1, "cluster1", "BarsTest", T0, null, 0),
            a.assignment("TEST", t.toUpperCase()).orElseThrow(), "assigned at the first file");
        assertEquals(Set.of(OPERATOR1), a.destinations(idx, "test", t));
    }

    @Test
    void pinnedTablesStayWhenClustersAreAdded() {
        AutoLedger l = threeClusters();
        AutoAssignments a = fresh("auto-clusters.json");
        Map<String, String> before = routeTables(a, l.index(), "t", 300, T0);
        addCluster4(l);
        RoutingIndex idx = l.index();
        List<String> four = List.of(CLUSTER1, C2, C3, C4);
        int wonByTheNewCluster = 0;
        for (Map.Entry<String, String> e : before.entrySet()) {
            assertEquals(e.getValue(), cluster(a.route(idx, "test", e.getKey(), BARS, NONE, T1)), e.getKey());
            assertEquals(T0, a.assignment("test", e.getKey()).orElseThrow().since());
            if (Rendezvous.winner(four, "test", e.getKey()).equals(C4)) {
                wonByTheNewCluster++;
            }
        }
        assertTrue(wonByTheNewCluster > 30, "the pins, not the hash, kept " + wonByTheNewCluster + " tables");
        Map<String, String> fresh = routeTables(a, idx, "n", 100, T1);
        fresh.forEach((t, c) -> assertEquals(Rendezvous.winner(four, "test", t), c, "a new table: " + t));
        assertTrue(fresh.containsValue(C4), "new tables use the new cluster");
    }

    @Test
    void removingAClusterMovesOnlyItsTables() {
        AutoLedger l = threeClusters();
        AutoAssignments a = fresh("auto-clusters.json");
        Map<String, String> before = routeTables(a, l.index(), "t", 300, T0);
        assertTrue(before.containsValue(C2));
        l.remove(C2);
        RoutingIndex idx = l.index();
        try (LogCapture log = new LogCapture(AutoAssignments.class)) {
            for (Map.Entry<String, String> e : before.entrySet()) {
                String now = cluster(a.route(idx, "test", e.getKey(), BARS, NONE, T1));
                AutoAssignment row = a.assignment("test", e.getKey()).orElseThrow();
                if (e.getValue().equals(C2)) {
                    assertEquals(Rendezvous.winner(List.of(CLUSTER1, C3), "test", e.getKey()), now);
                    assertEquals(T1, row.since());
                } else {
                    assertEquals(e.getValue(), now, e.getKey() + " moved although its cluster stayed");
                    assertEquals(T0, row.since());
                }
            }
            long moved = before.values().stream().filter(C2::equals).count();
            assertEquals(moved, log.lines().stream().filter(x -> x.contains("is no longer a candidate")).count());
        }
    }

    @Test
    void aClusterThatLosesItsLastActiveOperatorGivesUpItsTables() {
        AutoLedger l = threeClusters();
        AutoAssignments a = fresh("auto-clusters.json");
        Map<String, String> before = routeTables(a, l.index(), "t", 200, T0);
        l.remove("\"operator3\"")
            .operator("operator3", "BarsTest", C3, "127.0.0.1", 32168, ", \"status\": \"inactive\"");
        RoutingIndex idx = l.index();
        for (Map.Entry<String, String> e : before.entrySet()) {
            String now = cluster(a.route(idx, "test", e.getKey(), BARS, NONE, T1));
            assertEquals(e.getValue().equals(C3) ? Rendezvous.winner(List.of(CLUSTER1, C2), "test", e.getKey())
                : e.getValue(), now, e.getKey());
        }
    }

    @Test
    void clustersWithoutAnActiveOperatorAreIgnored() {
        AutoLedger l = AutoLedger.example();
        l.root("no-operator", "BarsTest");
        l.operator("op-off", "BarsTest", l.root("off", "BarsTest"), "127.0.0.1", 32200, ", \"status\": \"inactive\"");
        l.operator("op-foreign", "BarsTest", l.root("foreign", "BarsTest"), "127.0.0.1", 32210,
            ", \"type\": \"data source\"");
        l.operator("op-noport", "BarsTest", l.root("noport", "BarsTest"), "127.0.0.1", 0, "");
        l.operator("op-of-inactive", "BarsTest", l.root("retired", "BarsTest", "inactive"), "127.0.0.1", 32220, "");
        RoutingIndex idx = l.index();
        assertEquals(5, idx.rootClusters().size(), "cluster1 and the four active clusters added");
        assertEquals(List.of(CLUSTER1), AutoCandidates.of(idx, "BarsTest").ids());
        AutoAssignments a = fresh("auto-clusters.json");
        routeTables(a, idx, "t", 100, T0).forEach((t, c) -> assertEquals(CLUSTER1, c, t));
    }

    @Test
    void cooldownSkipsAClusterForANewTableButAPinnedTableWaitsForItsCluster() {
        RoutingIndex idx = threeClusters().index();
        List<String> ids = List.of(CLUSTER1, C2, C3);
        String t = tableWon(C2, ids);
        List<String> ranking = Rendezvous.ranking(ids, "test", t);
        String runnerUp = ranking.get(1);
        AutoAssignments a = fresh("auto-clusters.json");
        Predicate<String> winnerDown = OPERATOR_OF.get(C2)::equals;
        assertEquals(runnerUp, cluster(a.route(idx, "test", t, BARS, winnerDown, T0)));
        assertEquals(runnerUp, cluster(a.route(idx, "test", t, BARS, NONE, T1)), "pinned when the winner is back");
        Predicate<String> pinnedDown = OPERATOR_OF.get(runnerUp)::equals;
        AutoRoute waiting = a.route(idx, "test", t, BARS, pinnedDown, T1).orElseThrow();
        assertEquals(new RouteResult.AllInCooldown(Set.of(OPERATOR_OF.get(runnerUp))), waiting.result(),
            "waits for its cluster rather than moving");
        assertEquals(runnerUp, waiting.clusterId());

        AutoRoute allDown = a.route(idx, "test", "other", BARS, x -> true, T1).orElseThrow();
        assertEquals(new RouteResult.AllInCooldown(Set.of(OPERATOR1, OPERATOR_OF.get(C2), OPERATOR_OF.get(C3))),
            allDown.result());
        assertNull(allDown.clusterId());
        assertEquals(Optional.empty(), a.assignment("test", "other"), "nothing chosen while every operator is down");
    }

    @Test
    void theCompanysOwnClustersElseEveryCompanysAndSaidOnce() {
        AutoLedger l = AutoLedger.example();
        String acme = l.root("acme-cluster", "Acme");
        l.operator("acme-op", "Acme", acme, "10.0.0.9", 32148, "");
        RoutingIndex idx = l.index();
        AutoAssignments a = fresh("auto-clusters.json");
        for (int i = 0; i < 20; i++) {
            AutoRoute r = a.route(idx, "acme", "t" + i, new AutoCompany(null, "ACME"), NONE, T0).orElseThrow();
            assertEquals(acme, r.clusterId(), "the node's company, names ignore case");
            assertFalse(r.allCompanies());
            assertEquals(CLUSTER1, cluster(a.route(idx, "bars", "t" + i, new AutoCompany("BarsTest", "Acme"), NONE,
                T0)), "the company option wins over the node's company");
        }
        try (LogCapture log = new LogCapture(AutoAssignments.class)) {
            Set<String> used = new HashSet<>();
            for (int i = 0; i < 40; i++) {
                AutoRoute r = a.route(idx, "other", "t" + i, new AutoCompany(null, "Other Co"), NONE, T1)
                    .orElseThrow();
                assertTrue(r.allCompanies());
                assertEquals(Rendezvous.winner(List.of(CLUSTER1, acme), "other", "t" + i), r.clusterId());
                used.add(r.clusterId());
            }
            assertEquals(Set.of(CLUSTER1, acme), used);
            assertEquals(List.of("Company 'Other Co' has no root cluster with an active operator: new tables are"
                + " assigned among the root clusters of every company (cluster1 of 'BarsTest', acme-cluster of"
                + " 'Acme')"), log.lines(), "said once");
        }
    }

    @Test
    void pinsSurviveARestart() throws Exception {
        AutoLedger l = threeClusters();
        Path file = state.resolve("auto-clusters.json");
        AutoAssignments a = new AutoAssignments(file);
        String w = cluster(a.route(l.index(), "test", "newtab", BARS, NONE, T0));
        String name = w.equals(CLUSTER1) ? "cluster1" : w.equals(C2) ? "cluster2" : "cluster3";
        assertEquals("{\"auto_clusters\": [{\"dbms\": \"test\", \"table\": \"newtab\", \"cluster\": \"" + w
            + "\", \"cluster_name\": \"" + name + "\", \"company\": \"BarsTest\", \"since\": \"2026-12-01T10:00:00Z\","
            + " \"taken_over\": null}]}\n", Files.readString(file));
        Map<String, String> before = routeTables(a, l.index(), "t", 200, T0);
        try (Stream<Path> files = Files.list(state)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }

        AutoAssignments restarted = new AutoAssignments(file);
        restarted.load();
        assertEquals(a.assignments(), restarted.assignments());
        addCluster4(l);
        RoutingIndex idx = l.index();
        boolean hashWouldMoveOne = false;
        for (Map.Entry<String, String> e : before.entrySet()) {
            assertEquals(e.getValue(), cluster(restarted.route(idx, "test", e.getKey(), BARS, NONE, T1)));
            hashWouldMoveOne |= Rendezvous.winner(List.of(CLUSTER1, C2, C3, C4), "test", e.getKey()).equals(C4);
        }
        assertTrue(hashWouldMoveOne, "the restored pins, not the hash, kept the tables");
    }

    @Test
    void aDamagedStateFileIsSetAsideAndSaid() throws Exception {
        Path file = state.resolve("auto-clusters.json");
        Files.writeString(file, "{\"auto_clusters\": [{\"dbms\": \"test\"}]}\n");
        AutoAssignments a = new AutoAssignments(file);
        try (LogCapture log = new LogCapture(AutoAssignments.class)) {
            a.load();
            assertEquals(List.of("Automatic cluster assignments in " + file + " not restored: an entry has no"
                + " \"table\": {\"dbms\": \"test\"}; the file was moved to " + file + ".damaged. New tables are"
                + " assigned afresh"), log.lines());
        }
        assertEquals(List.of(), a.assignments());
        assertEquals("{\"auto_clusters\": [{\"dbms\": \"test\"}]}\n", Files.readString(state.resolve(
            "auto-clusters.json.damaged")));
        assertFalse(Files.exists(file));
    }

    @Test
    void metadataTakesOverWhenTheOperatorDeclaresTheTable() throws Exception {
        AutoLedger l = threeClusters();
        Path file = state.resolve("auto-clusters.json");
        AutoAssignments a = new AutoAssignments(file);
        String w = cluster(a.route(l.index(), "test", "newtab", BARS, NONE, T0));
        assertEquals(Set.of(OPERATOR_OF.get(w)), a.destinations(l.index(), "test", "newtab"));
        String name = a.assignment("test", "newtab").orElseThrow().clusterName();

        l.child(w, name, "BarsTest", "test", "newtab");
        RoutingIndex idx = l.index();
        assertEquals(OPERATOR_OF.get(w), ((RouteResult.Routed) idx.nextDestination(null, "test", "newtab", NONE))
            .destination(), "the metadata routes the table now");
        a.refresh(idx, BARS, T1);
        assertEquals(new AutoAssignment("test", "newtab", w, name, "BarsTest", T0, T1, 0),
            a.assignment("test", "newtab").orElseThrow());
        assertTrue(a.assignment("test", "newtab").orElseThrow().metadataTookOver());
        assertEquals(Optional.empty(), a.route(idx, "test", "newtab", BARS, NONE, T2));
        assertEquals(T1, a.assignment("test", "newtab").orElseThrow().takenOver(), "recorded once");
        assertEquals(Set.of(), a.destinations(idx, "test", "newtab"));
        assertTrue(Files.readString(file).contains("\"since\": \"2026-12-01T10:00:00Z\", \"taken_over\": "
            + "\"2026-12-01T11:00:00Z\"}"), Files.readString(file));

        // Without a refresh, the route itself sees the ledger: a table of a dbms the ledger did not know.
        String w2 = cluster(a.route(idx, "newdb", "readings", BARS, NONE, T0));
        String name2 = a.assignment("newdb", "readings").orElseThrow().clusterName();
        l.child(w2, name2, "BarsTest", "newdb", "readings");
        assertEquals(Optional.empty(), a.route(l.index(), "newdb", "readings", BARS, NONE, T2));
        assertEquals(T2, a.assignment("newdb", "readings").orElseThrow().takenOver());
    }

    @Test
    void aTableTheLedgerListsIsNeverAssigned() {
        AutoAssignments a = fresh("auto-clusters.json");
        RoutingIndex idx = threeClusters().index();
        assertEquals(Optional.empty(), a.route(idx, "test", "conformance", BARS, NONE, T0));
        assertEquals(List.of(), a.assignments());
    }

    @Test
    void withoutAnyCandidateTheFileWaitsAndThePinIsKept() {
        AutoLedger l = threeClusters();
        AutoAssignments a = fresh("auto-clusters.json");
        String w = cluster(a.route(l.index(), "test", "newtab", BARS, NONE, T0));
        assertEquals(Optional.empty(), a.route(AutoLedger.empty().index(), "test", "newtab", BARS, NONE, T1),
            "an empty ledger (not synced yet) routes nothing");
        assertEquals(Optional.empty(), a.route(AutoLedger.empty().index(), "test", "other", BARS, NONE, T1));
        assertEquals(w, cluster(a.route(l.index(), "test", "newtab", BARS, NONE, T2)), "the pin held");
        assertEquals(T0, a.assignment("test", "newtab").orElseThrow().since());
        assertEquals(Optional.empty(), a.assignment("test", "other"));
    }

    @Test
    void countsFilesDeliveredByAutomaticAssignment() {
        AutoAssignments a = fresh("auto-clusters.json");
        a.route(threeClusters().index(), "test", "newtab", BARS, NONE, T0);
        a.delivered("test", "newtab");
        a.delivered("TEST", "NEWTAB");
        assertEquals(2, a.deliveredFiles());
        assertEquals(2, a.assignments().get(0).files());
    }
}
