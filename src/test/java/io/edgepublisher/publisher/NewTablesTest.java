package io.edgepublisher.publisher;

import io.edgepublisher.node.Beans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.json.JsonParser;
import io.edgepublisher.ledger.Metadata;
import io.edgepublisher.ledger.testing.MasterDouble;
import io.edgepublisher.ops.NodeMetrics;
import io.edgepublisher.publisher.queue.QueueEvents;
import io.edgepublisher.publisher.routing.auto.AutoPinFile;
import io.edgepublisher.publisher.routing.auto.NewTableCluster;
import io.edgepublisher.publisher.routing.auto.Rendezvous;
import io.edgepublisher.publisher.testing.Harness;
import io.edgepublisher.store.Dialect;
import io.edgepublisher.store.TsdRow;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.wire.testing.OperatorSink;
import io.edgepublisher.wire.testing.ReceivedFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code new_table_cluster} (issue 16) on the real node with the in-repo master and operator doubles: the ledger
 * comes from a {@link MasterDouble} through {@code run blockchain sync}, files go to {@link OperatorSink}s. With
 * {@code auto}, a table no cluster lists goes to the rendezvous cluster's operators until the master's ledger holds
 * a child cluster policy for it; with {@code wait} it waits, as in AnyLog.
 */
class NewTablesTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;
    final List<OperatorSink> sinks = new ArrayList<>();
    MasterDouble master;
    Harness h;

    @AfterEach
    void tearDown() throws Exception {
        if (h != null) {
            h.close();
        }
        sinks.forEach(OperatorSink::close);
        if (master != null) {
            master.close();
        }
    }

    static String content(int i) {
        return "{\"i\": " + i + "}";
    }

    static String hash(String dbms, String table, int i) {
        return DataHash.md5(dbms, table, content(i).getBytes(StandardCharsets.UTF_8));
    }

    static String name(String dbms, String table, int i) {
        return dbms + "." + table + ".0." + hash(dbms, table, i) + ".0.json";
    }

    static String rootCluster(String id, String name, String company) {
        return "{\"cluster\": {\"name\": \"" + name + "\", \"company\": \"" + company + "\", \"id\": \"" + id
            + "\", \"date\": \"2026-12-05T10:00:00.000000Z\", \"status\": \"active\", \"ledger\": \"global\"}}";
    }

    static String operator(String name, String cluster, int port) {
        return "{\"operator\": {\"name\": \"" + name + "\", \"company\": \"acme\", \"ip\": \"127.0.0.1\", \"port\": "
            + port + ", \"cluster\": \"" + cluster + "\", \"id\": \"op-" + name
            + "\", \"date\": \"2026-12-05T10:00:01.000000Z\", \"ledger\": \"global\"}}";
    }

    /** The child cluster policy an operator declares when it has stored a table's first file. */
    static String childCluster(String parent, String name, String dbms, String table) {
        return "{\"cluster\": {\"parent\": \"" + parent + "\", \"name\": \"" + name + "\", \"company\": \"acme\","
            + " \"table\": [{\"dbms\": \"" + dbms + "\", \"name\": \"" + table + "\", \"status\": \"active\"}],"
            + " \"source\": \"Node at 127.0.0.1:1\", \"id\": \"child-" + parent + "-" + table
            + "\", \"date\": \"2026-12-05T10:05:00.000000Z\", \"status\": \"active\", \"ledger\": \"global\"}}";
    }

    static byte[] ledger(String... policies) {
        return (String.join("\n", policies) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Cluster ca (operators sink 0 and 1), cluster cb (operator sink 2), and a table 'listed' in cb. */
    List<String> baseLedger() {
        return new ArrayList<>(List.of(rootCluster("ca", "cluster-a", "acme"), rootCluster("cb", "cluster-b", "acme"),
            operator("op0", "ca", sinks.get(0).port()), operator("op1", "ca", sinks.get(1).port()),
            operator("op2", "cb", sinks.get(2).port()), childCluster("cb", "cluster-b", "test", "listed")));
    }

    void start(NewTableCluster mode, int sinkCount, byte[] firstLedger) throws Exception {
        for (int i = 0; i < sinkCount; i++) {
            sinks.add(OperatorSink.builder().build().start());
        }
        master = MasterDouble.start();
        h = new Harness(tmp, Dialect.SQLITE, c -> c.withNewTableCluster(mode), QueueEvents.NONE);
        if (firstLedger != null) {
            serve(firstLedger);
        }
    }

    void serve(byte[] ledger) throws Exception {
        master.serve(ledger);
    }

    /** Starts the synchronisation with the master; returns once the first ledger is merged and routable. */
    void sync(int rootClusters) throws Exception {
        h.node.ok("run blockchain sync where source = master and time = 1 seconds and dest = file and connection = "
            + master.connection());
        assertTrue(Harness.await(() -> io.edgepublisher.node.Beans.get(h.node.node(), Metadata.class).index().rootClusters().size()
            == rootClusters, WAIT), "the ledger's root clusters are known");
    }

    /** Every sink that received the file, by index. */
    List<Integer> receivers(String name) {
        List<Integer> out = new ArrayList<>();
        for (int s = 0; s < sinks.size(); s++) {
            for (ReceivedFile f : sinks.get(s).files()) {
                if (f.name().equals(name)) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    int receiver(String name) throws Exception {
        assertTrue(Harness.await(() -> receivers(name).size() == 1, WAIT), name + " reached no operator");
        return receivers(name).get(0);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> assignments() throws Exception {
        return (List<Map<String, Object>>) (List<?>) JsonParser.parse(
            h.node.ok("get publisher auto where format = json"));
    }

    double autoMetric() {
        var c = NodeMetrics.of(h.node.node()).registry().find("ep_publisher_auto_assigned_files").functionCounter();
        return c == null ? -1 : c.count();
    }

    @Test
    void autoDeliversANewTableToItsClusterUntilTheOperatorsChildPolicyArrives() throws Exception {
        start(NewTableCluster.AUTO, 3, null);
        serve(ledger(baseLedger().toArray(String[]::new)));
        sync(2);
        h.start();
        // The cluster every publisher picks for test.newtab from these two candidates, and its operators' sinks.
        String winner = Rendezvous.winner(List.of("ca", "cb"), "test", "newtab");
        List<Integer> winnerSinks = winner.equals("ca") ? List.of(0, 1) : List.of(2);
        String winnerName = winner.equals("ca") ? "cluster-a" : "cluster-b";

        for (int i = 0; i < 4; i++) {
            h.drop(name("test", "newtab", i), content(i));
        }
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            got.add(receiver(name("test", "newtab", i)));
        }
        assertTrue(winnerSinks.containsAll(got), "all to " + winnerName + "'s operators " + winnerSinks + ": " + got);
        if (winnerSinks.size() == 2) {
            assertEquals(List.of(0, 1, 0, 1), got, "round robin over the cluster's operators");
        }
        for (int i = 0; i < 4; i++) {
            int n = i;
            assertTrue(Harness.await(() -> "delivered".equals(h.status2(hash("test", "newtab", n))), WAIT));
        }
        // A table the ledger lists keeps its metadata route.
        h.drop(name("test", "listed", 9), content(9));
        assertEquals(2, receiver(name("test", "listed", 9)));

        List<Map<String, Object>> a = assignments();
        assertEquals(1, a.size(), a.toString());
        assertEquals("newtab", a.get(0).get("table"));
        assertEquals(winnerName, a.get(0).get("cluster"));
        assertEquals(winner, a.get(0).get("cluster_id"));
        assertNull(a.get(0).get("metadata_took_over"));
        assertEquals(4L, ((Number) a.get(0).get("files")).longValue());
        assertTrue(Harness.await(() -> autoMetric() == 4.0, WAIT), "metric: " + autoMetric());
        String table = h.node.ok("get publisher");
        assertTrue(table.contains("Automatic cluster assignments") && table.contains(winnerName), table);
        assertTrue(h.node.ok("get publisher distribution").contains(winnerName));
        Path state = Path.of(h.node.node().dictionary().get("state_dir")).resolve(AutoPinFile.NAME);
        assertTrue(Files.readString(state).contains("\"cluster\": \"" + winner + "\""), Files.readString(state));

        // The operators of the OTHER cluster declare the table: the ledger now routes it there, the pin is dropped.
        String other = winner.equals("ca") ? "cb" : "ca";
        List<Integer> otherSinks = other.equals("ca") ? List.of(0, 1) : List.of(2);
        List<String> next = baseLedger();
        next.add(childCluster(other, other.equals("ca") ? "cluster-a" : "cluster-b", "test", "newtab"));
        serve(ledger(next.toArray(String[]::new)));
        assertTrue(Harness.await(() -> assignments().get(0).get("metadata_took_over") != null, WAIT),
            "metadata took over: " + assignments());
        for (int i = 10; i < 12; i++) {
            h.drop(name("test", "newtab", i), content(i));
            assertTrue(otherSinks.contains(receiver(name("test", "newtab", i))), "by metadata to " + other);
        }
        assertTrue(Harness.await(() -> "delivered".equals(h.status2(hash("test", "newtab", 11))), WAIT));
        assertEquals(4.0, autoMetric(), "files routed by the ledger are not counted as automatic");
        assertEquals(4L, ((Number) assignments().get(0).get("files")).longValue());
        assertTrue(Files.readString(state).contains("\"taken_over\": \"20"), Files.readString(state));
    }

    @Test
    void waitKeepsTheFileInTheWatchDirAsAnyLogDoes() throws Exception {
        start(NewTableCluster.WAIT, 3, null);
        serve(ledger(baseLedger().toArray(String[]::new)));
        sync(2);
        h.start();
        h.drop(name("test", "newtab", 1), content(1));
        String hash = hash("test", "newtab", 1);
        assertTrue(Harness.await(() -> h.status2(hash).startsWith("no route"), WAIT));
        assertEquals("no route: Missing Operators for a Table", h.status2(hash));
        // A later file of a listed table is delivered: the publisher moved on, the new table's file still waits.
        h.drop(name("test", "listed", 2), content(2));
        assertEquals(2, receiver(name("test", "listed", 2)));
        assertTrue(Harness.await(() -> "delivered".equals(h.status2(hash("test", "listed", 2))), WAIT));
        assertEquals(List.of(), receivers(name("test", "newtab", 1)));
        assertTrue(Files.exists(h.watch.resolve(name("test", "newtab", 1))), "stays in the watch dir");
        assertEquals("no route: Missing Operators for a Table", h.status2(hash));
        assertEquals(List.of(), assignments());
    }

    @Test
    void aDistributionEntryWinsOverTheAutomaticChoice() throws Exception {
        start(NewTableCluster.AUTO, 4, null);
        serve(ledger(baseLedger().toArray(String[]::new)));
        sync(2);
        h.distribution.set("test", "*", List.of(sinks.get(3).address().toString()));
        h.start();
        h.drop(name("test", "newtab", 1), content(1));
        assertEquals(3, receiver(name("test", "newtab", 1)));
        assertTrue(Harness.await(() -> "delivered".equals(h.status2(hash("test", "newtab", 1))), WAIT));
        assertEquals(List.of(), assignments(), "no automatic assignment was made");
    }

    @Test
    void tsdInfoSaysAutoAssignedWhileTheTransferIsOnItsWay() throws Exception {
        // An 'operator' that takes the connection and then holds it: the transfer stays on its way.
        try (ServerSocket hold = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            hold.setSoTimeout((int) WAIT.toMillis());
            start(NewTableCluster.AUTO, 0, null);
            serve(ledger(rootCluster("ch", "cluster-h", "acme"), operator("oph", "ch", hold.getLocalPort())));
            sync(1);
            h.start();
            h.drop(name("test", "held", 1), content(1));
            try (Socket s = hold.accept()) {
                String hash = hash("test", "held", 1);
                assertTrue(Harness.await(() -> h.status2(hash).startsWith("auto"), WAIT), h.status2(hash));
                TsdRow r = h.row(hash);
                assertEquals("auto-assigned to cluster cluster-h", r.status2());
                assertEquals("127.0.0.1:" + hold.getLocalPort(), r.status1());
                assertTrue(r.pinned(), "the row pins the file like 'sending'");
                assertNotNull(s);
            }
        }
    }
}
