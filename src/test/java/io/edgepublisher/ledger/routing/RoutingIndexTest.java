package io.edgepublisher.ledger.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.json.JsonParser;
import io.edgepublisher.ledger.LedgerFile;
import io.edgepublisher.ledger.Policy;
import io.edgepublisher.ledger.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class RoutingIndexTest {
    static final NodeAddressRule RULE = new NodeAddressRule("203.0.113.10", "10.0.0.5");
    static final Predicate<String> NONE = a -> false;

    /** A synthetic ledger from JSON lines. */
    static List<Policy> ledger(String... lines) {
        List<Policy> out = new ArrayList<>();
        for (String l : lines) {
            try {
                out.add(Policy.of(JsonParser.parse(l.replace('\'', '"'))));
            } catch (Exception e) {
                throw new IllegalStateException(l, e);
            }
        }
        return out;
    }

    static String root(String id, String company) {
        return "{'cluster': {'name': 'c-" + id + "', 'company': '" + company + "', 'id': '" + id + "'}}";
    }

    static String child(String parent, String company, String tables) {
        return "{'cluster': {'parent': '" + parent + "', 'name': 'c-" + parent + "', 'company': '" + company
            + "', 'table': [" + tables + "], 'id': 'child-" + parent + "-" + tables.hashCode() + "'}}";
    }

    static String op(String name, String cluster, String ip, int port, String extra) {
        return "{'operator': {'name': '" + name + "', 'ip': '" + ip + "', 'port': " + port + ", 'cluster': '"
            + cluster + "'" + extra + ", 'id': 'op-" + name + "'}}";
    }

    static String dest(RouteResult r) {
        return ((RouteResult.Routed) r).destination();
    }

    static List<String> route(RoutingIndex idx, int times, Predicate<String> cooldown) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            out.add(dest(idx.nextDestination(null, "db", "t", cooldown)));
        }
        return out;
    }

    @Test
    void exampleLedgerRoutesTestConformanceToOperator1() {
        RoutingIndex idx = RoutingIndex.build(LedgerFile.parse(Vectors.bytes("ledger/blockchain.json"), true), RULE,
            new RoundRobinState());
        assertEquals("BarsTest", idx.companyOf("test"));
        assertEquals(List.of("a348b78d517d27861715310c7d57a7ef"), idx.clusters("BarsTest", "test", "conformance"));
        RouteResult r = idx.nextDestination(null, "test", "conformance", NONE);
        assertEquals(new RouteResult.Routed("127.0.0.1:32148", "a348b78d517d27861715310c7d57a7ef", "operator1",
            "a72bbf020bce3cf8bba9dbc19d259a32"), r);
        assertEquals(r, idx.nextDestination("barstest", "TEST", "Conformance", NONE), "names ignore case");
        assertEquals(Set.of("127.0.0.1:32148"), idx.candidates(null, "test", "conformance"));
        assertEquals(new RouteResult.AllInCooldown(Set.of("127.0.0.1:32148")),
            idx.nextDestination(null, "test", "conformance", "127.0.0.1:32148"::equals));
        assertEquals(ErrorCode.MISSING_OPERATORS,
            ((RouteResult.NoRoute) idx.nextDestination(null, "test", "other", NONE)).code());
        assertEquals(ErrorCode.MISSING_OPERATORS,
            ((RouteResult.NoRoute) idx.nextDestination(null, "nodb", "conformance", NONE)).code());
        assertEquals(ErrorCode.MISSING_OPERATORS,
            ((RouteResult.NoRoute) idx.nextDestination("Other Co", "test", "conformance", NONE)).code());
        assertEquals(List.of(), idx.warnings());
    }

    @Test
    void oneClusterWithTwoOperatorsAlternates() {
        RoutingIndex idx = RoutingIndex.build(ledger(root("c1", "Co"), child("c1", "Co", "{'dbms': 'db', 'name': 't'}"),
            op("a", "c1", "10.0.0.1", 1, ""), op("b", "c1", "10.0.0.2", 1, "")), RULE, new RoundRobinState());
        assertEquals(List.of("10.0.0.1:1", "10.0.0.2:1", "10.0.0.1:1", "10.0.0.2:1"), route(idx, 4, NONE));
    }

    @Test
    void twoClustersAlternateAndEachClusterRotatesItsOperators() {
        RoutingIndex idx = RoutingIndex.build(ledger(
            child("c1", "Co", "{'dbms': 'db', 'name': 't'}"), child("c2", "Co", "{'dbms': 'db', 'name': 't'}"),
            op("a1", "c1", "10.0.0.1", 1, ""), op("a2", "c1", "10.0.0.2", 1, ""),
            op("b1", "c2", "10.0.1.1", 1, ""), op("b2", "c2", "10.0.1.2", 1, "")), RULE, new RoundRobinState());
        assertEquals(List.of("c1", "c2"), idx.clusters("Co", "db", "t"));
        assertEquals(List.of("10.0.0.1:1", "10.0.1.1:1", "10.0.0.2:1", "10.0.1.2:1", "10.0.0.1:1"),
            route(idx, 5, NONE));
    }

    @Test
    void cooldownSkipsOperatorsAndClusters() {
        RoutingIndex idx = RoutingIndex.build(ledger(
            child("c1", "Co", "{'dbms': 'db', 'name': 't'}"), child("c2", "Co", "{'dbms': 'db', 'name': 't'}"),
            op("a1", "c1", "10.0.0.1", 1, ""), op("a2", "c1", "10.0.0.2", 1, ""),
            op("b1", "c2", "10.0.1.1", 1, "")), RULE, new RoundRobinState());
        assertEquals(List.of("10.0.0.2:1", "10.0.1.1:1", "10.0.0.2:1"), route(idx, 3, "10.0.0.1:1"::equals));
        Predicate<String> clusterOneDown = a -> a.startsWith("10.0.0.");
        assertEquals(List.of("10.0.1.1:1", "10.0.1.1:1"), route(idx, 2, clusterOneDown));
        RouteResult all = idx.nextDestination(null, "db", "t", a -> true);
        assertEquals(new RouteResult.AllInCooldown(Set.of("10.0.0.1:1", "10.0.0.2:1", "10.0.1.1:1")), all);
    }

    @Test
    void inactiveDataSourceAndAddresslessOperatorsAreNotUsable() {
        List<Policy> l = ledger(child("c1", "Co", "{'dbms': 'db', 'name': 't'}"),
            op("off", "c1", "10.0.0.1", 1, ", 'status': 'inactive'"),
            op("foreign", "c1", "10.0.0.2", 1, ", 'type': 'Data Source'"),
            "{'operator': {'name': 'noport', 'ip': '10.0.0.3', 'cluster': 'c1'}}",
            op("on", "c1", "10.0.0.4", 1, ", 'status': 'Active'"));
        RoutingIndex idx = RoutingIndex.build(l, RULE, new RoundRobinState());
        assertEquals(List.of("10.0.0.4:1", "10.0.0.4:1"), route(idx, 2, NONE));

        RoutingIndex none = RoutingIndex.build(l.subList(0, 4), RULE, new RoundRobinState());
        RouteResult.NoRoute r = (RouteResult.NoRoute) none.nextDestination(null, "db", "t", NONE);
        assertEquals(ErrorCode.OPERATOR_NOT_AVAILABLE, r.code());
        assertTrue(r.detail().contains("c1"), r.detail());
        assertEquals(Set.of(), none.candidates(null, "db", "t"));
    }

    @Test
    void childClusterTablesAndStatusFilters() {
        RoutingIndex idx = RoutingIndex.build(ledger(
            child("c1", "Co", "{'dbms': 'db', 'name': 't'}, {'dbms': 'db', 'name': 'old', 'status': 'inactive'},"
                + " {'dbms': 'db'}, 'junk'"),
            "{'cluster': {'parent': 'c2', 'name': 'c-c2', 'company': 'Co', 'status': 'disabled', 'table': "
                + "[{'dbms': 'db', 'name': 'gone'}], 'id': 'x2'}}",
            "{'cluster': {'parent': 'c3', 'name': 'c-c3', 'company': 'Co', 'status': 'static', 'table': "
                + "[{'dbms': 'db', 'name': 't'}], 'id': 'x3'}}",
            op("a", "c1", "10.0.0.1", 1, ""), op("c", "c3", "10.0.0.3", 1, ""), op("g", "c2", "10.0.0.2", 1, "")),
            RULE, new RoundRobinState());
        assertEquals(List.of("c1", "c3"), idx.clusters("Co", "db", "t"));
        assertEquals(List.of(), idx.clusters("Co", "db", "old"));
        assertEquals(List.of(), idx.clusters("Co", "db", "gone"));
        assertEquals(List.of("10.0.0.1:1", "10.0.0.3:1"), route(idx, 2, NONE));
    }

    @Test
    void companyIsNoneWhenAbsentAndTheLaterDbmsOwnerWins() {
        RoutingIndex idx = RoutingIndex.build(ledger(
            "{'cluster': {'parent': 'c1', 'name': 'n', 'table': [{'dbms': 'db', 'name': 't'}], 'id': 'x1'}}",
            op("a", "c1", "10.0.0.1", 1, "")), RULE, new RoundRobinState());
        assertEquals("none", idx.companyOf("db"));
        assertEquals("10.0.0.1:1", dest(idx.nextDestination(null, "db", "t", NONE)));

        RoutingIndex two = RoutingIndex.build(ledger(child("c1", "First", "{'dbms': 'db', 'name': 't'}"),
            child("c2", "Second", "{'dbms': 'db', 'name': 'u'}")), RULE, new RoundRobinState());
        assertEquals("Second", two.companyOf("db"));
        assertEquals("First", two.companyOf("First", "db"), "the run publisher option wins");
    }

    @Test
    void inconsistentClusterPoliciesAreIgnoredWithAWarning() {
        RoutingIndex idx = RoutingIndex.build(ledger(root("c1", "Co"),
            "{'cluster': {'parent': 'c1', 'name': 'c-c1', 'company': 'Evil', 'table': [{'dbms': 'db', 'name': 't'}], "
                + "'id': 'x9'}}"), RULE, new RoundRobinState());
        assertEquals(1, idx.warnings().size());
        assertTrue(idx.warnings().get(0).contains("x9"), idx.warnings().get(0));
        assertEquals(List.of(), idx.clusters("Evil", "db", "t"));
    }

    @Test
    void operatorsBehindOurPublicAddressAreReachedLocally() {
        RoutingIndex idx = RoutingIndex.build(ledger(child("c1", "Co", "{'dbms': 'db', 'name': 't'}"),
            op("a", "c1", "203.0.113.10", 32148, ", 'local_ip': '10.0.0.7', 'local_port': 32158"),
            op("b", "c1", "203.0.113.10", 32148, ""),
            op("c", "c1", "198.51.100.7", 32148, ", 'local_ip': '10.9.9.9'")), RULE, new RoundRobinState());
        assertEquals(List.of("10.0.0.7:32158", "10.0.0.5:32148", "198.51.100.7:32148"), route(idx, 3, NONE));
    }

    @Test
    void positionsSurviveRebuildsAndWrap() {
        RoundRobinState state = new RoundRobinState();
        List<Policy> l = ledger(child("c1", "Co", "{'dbms': 'db', 'name': 't'}, {'dbms': 'db', 'name': 'u'}"),
            op("a", "c1", "10.0.0.1", 1, ""), op("b", "c1", "10.0.0.2", 1, ""), op("c", "c1", "10.0.0.3", 1, ""));
        RoutingIndex first = RoutingIndex.build(l, RULE, state);
        assertEquals(List.of("10.0.0.1:1", "10.0.0.2:1"), route(first, 2, NONE));
        RoutingIndex rebuilt = RoutingIndex.build(l, RULE, state);
        assertEquals(List.of("10.0.0.3:1"), route(rebuilt, 1, NONE));
        // the cluster's position is shared by its tables
        assertEquals("10.0.0.1:1", dest(rebuilt.nextDestination(null, "db", "u", NONE)));
        assertEquals("10.0.0.2:1", dest(rebuilt.nextDestination(null, "db", "t", NONE)));
        // a shorter list: position 2 wraps to 0
        RoutingIndex shrunk = RoutingIndex.build(l.subList(0, 3), RULE, state);
        assertEquals(List.of("10.0.0.1:1", "10.0.0.2:1"), route(shrunk, 2, NONE));
    }

    @Test
    void resultTypes() {
        RoutingIndex empty = RoutingIndex.build(List.of(), RULE, new RoundRobinState());
        assertInstanceOf(RouteResult.NoRoute.class, empty.nextDestination(null, "db", "t", NONE));
        assertEquals(null, empty.companyOf("db"));
    }

    @Test
    void rootClustersAreTheActiveClusterPoliciesWithoutParent() {
        RoutingIndex idx = RoutingIndex.build(ledger(
            child("c0", "Co", "{'dbms': 'db', 'name': 't'}"), root("c2", "Co"), root("c0", "Co"),
            "{'cluster': {'name': 'c-c3', 'company': 'Co', 'status': 'removed', 'id': 'c3'}}",
            "{'cluster': {'name': 'c-c4', 'status': 'static', 'id': 'c4'}}", root("c2", "Co"),
            "{'cluster': {'name': 'c-c5', 'company': 'Evil', 'id': 'c2'}}"), RULE, new RoundRobinState());
        assertEquals(List.of(new RoutingIndex.Cluster("c2", "c-c2", "Co"), new RoutingIndex.Cluster("c0", "c-c0", "Co"),
            new RoutingIndex.Cluster("c4", "c-c4", "none")), idx.rootClusters(),
            "ledger order, with or without operators, once per id; not children, not inactive, not inconsistent");
        assertEquals(1, idx.warnings().size(), idx.warnings().toString());
        RoutingIndex example = RoutingIndex.build(LedgerFile.parse(Vectors.bytes("ledger/blockchain.json"), true),
            RULE, new RoundRobinState());
        assertEquals(List.of(new RoutingIndex.Cluster("a348b78d517d27861715310c7d57a7ef", "cluster1", "BarsTest")),
            example.rootClusters());
    }

    @Test
    void nextOperatorRotatesOneClusterWithTheTablesPosition() {
        RoutingIndex idx = RoutingIndex.build(ledger(child("c1", "Co", "{'dbms': 'db', 'name': 't'}"),
            root("c2", "Co"), op("a", "c1", "10.0.0.1", 1, ""), op("b", "c1", "10.0.0.2", 1, ""),
            op("c", "c1", "10.0.0.3", 1, "")), RULE, new RoundRobinState());
        assertEquals("10.0.0.1:1", dest(idx.nextOperator("c1", NONE)));
        assertEquals("10.0.0.2:1", dest(idx.nextDestination(null, "db", "t", NONE)), "one position per cluster");
        assertEquals(new RouteResult.Routed("10.0.0.1:1", "c1", "a", "op-a"),
            idx.nextOperator("c1", "10.0.0.3:1"::equals), "skips an operator in cooldown");
        assertEquals(new RouteResult.AllInCooldown(Set.of("10.0.0.1:1", "10.0.0.2:1", "10.0.0.3:1")),
            idx.nextOperator("c1", a -> true));
        assertEquals("10.0.0.2:1", dest(idx.nextOperator("c1", NONE)), "a wait does not move the position");
        RouteResult.NoRoute none = (RouteResult.NoRoute) idx.nextOperator("c2", NONE);
        assertEquals(ErrorCode.OPERATOR_NOT_AVAILABLE, none.code());
        assertEquals("no active operator in cluster c2", none.detail());
    }
}
