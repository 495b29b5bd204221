package io.edgepublisher.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.Source;
import io.edgepublisher.ledger.commands.InsertPolicyCommand;
import io.edgepublisher.ledger.testing.LedgerTestNode;
import io.edgepublisher.testing.LogCapture;
import io.edgepublisher.ledger.testing.MasterDouble;
import io.edgepublisher.testing.Ports;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code blockchain prepare policy}, {@code blockchain insert} and {@code blockchain push} through the commands. */
class PolicyCommandsTest {
    private static final String PUBLISHER = "{\"publisher\": {\"hostname\": \"edge-pub-1\", \"name\": "
        + "\"anylog-publisher\", \"ip\": \"203.0.113.10\", \"local_ip\": \"10.0.0.5\", \"company\": \"AnyLog Co.\", "
        + "\"port\": 32248, \"rest_port\": 32249, \"loc\": \"37.3394,-121.8950\", \"country\": \"US\", "
        + "\"state\": \"California\", \"city\": \"San Jose\"}}";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path home;
    private LedgerTestNode node;
    private MasterDouble master;

    @BeforeEach
    void setUp() throws Exception {
        node = LedgerTestNode.create(home, Clock.systemUTC()).withTcp().boot();
        master = MasterDouble.start();
    }

    @AfterEach
    void tearDown() throws Exception {
        master.close();
        node.close();
    }

    private Path ledgerFile() {
        return node.node().dirs().blockchainFile();
    }

    @Test
    void prepareStoresTheIdOfLedgerSection34() {
        node.ok("new_policy = " + PUBLISHER);
        node.ok("blockchain prepare policy !new_policy");
        Policy p = PolicyText.parse(node.node().dictionary().get("new_policy"), io.edgepublisher.command.ErrorCode.JSON_STRUCTURE);
        assertEquals("45162b36ea8d41769be33466a1b7c63e", p.id());
        assertTrue(node.node().dictionary().get("new_policy").startsWith(PUBLISHER.substring(0, PUBLISHER.length() - 2)
            + ", \"id\": \"45162b36ea8d41769be33466a1b7c63e\", \"date\": \""));
        assertTrue(p.date().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"), p.date());
    }

    @Test
    void prepareRenamesTheSeedsMasterRootWhenItDeclaresThisNode() {
        node.ok("p = {\"master\": {\"name\": \"n\", \"ip\": \"127.0.0.1\", \"port\": 32248}}");
        node.ok("blockchain prepare policy !p");
        Policy p = PolicyText.parse(node.node().dictionary().get("p"), io.edgepublisher.command.ErrorCode.JSON_STRUCTURE);
        assertEquals("publisher", p.type());
        assertEquals(Md5.hex("{'publisher': {'name': 'n', 'ip': '127.0.0.1', 'port': 32248}}"
            .getBytes(StandardCharsets.UTF_8)), p.id());

        node.ok("q = {\"master\": {\"name\": \"m\", \"ip\": \"127.0.0.1\", \"port\": 32048}}");
        node.ok("blockchain prepare policy !q");
        assertEquals("master", PolicyText.parse(node.node().dictionary().get("q"),
            io.edgepublisher.command.ErrorCode.JSON_STRUCTURE).type());
    }

    @Test
    void prepareAppliesTheTextRewriteOfTheRoute() {
        // Over TCP or a script the text is UTF-8: one space per character (vector raw_utf8, tcp route).
        node.node().dictionary().put("v", "{\"publisher\": {\"city\": \"Z\u00fcrich\", \"jp\": \"\u6771\u4eac\"}}");
        node.ok("blockchain prepare policy !v");
        assertTrue(node.node().dictionary().get("v").contains("\"id\": \"ecd74fc8a98b5240cd950265ac91f667\""));
        // Over REST the header was decoded as ISO-8859-1: one space per UTF-8 byte (rest route).
        String rest = new String("{\"publisher\": {\"city\": \"Z\u00fcrich\", \"jp\": \"\u6771\u4eac\"}}"
            .getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        node.node().dictionary().put("w", rest);
        node.ok("blockchain prepare policy !w");
        assertTrue(node.node().dictionary().get("w").contains("\"id\": \"526b77a4efeb73a9aa132b9de7d5dd69\""));
    }

    @Test
    void prepareErrors() {
        node.ok("a = [1, 2]");
        assertEquals(87, node.exec("blockchain prepare policy !a").code());
        node.node().dictionary().put("b", "{\"publisher\": {\"p\": \"a|b\"}}");
        assertEquals(87, node.exec("blockchain prepare policy !b").code());
        node.ok("c = {\"x\": 1, \"y\": {}}");
        assertEquals(87, node.exec("blockchain prepare policy !c").code());
        assertEquals(138, node.exec("blockchain prepare policy !undefined_key").code());
        assertEquals(2, node.exec("blockchain prepare policy new_policy").code());
    }

    @Test
    void insertLocalAndPushSendsWhatEdgeLakeSends() throws Exception {
        String asSet = Vectors.text("frames/push/data/policy-as-set.json").trim();
        // The captured date, given with the policy: it is kept (LEDGER.md §3.1 step 4), so the text is comparable.
        String withDate = asSet.substring(0, asSet.length() - 2) + ", \"date\": \"2026-11-28T11:07:16.424329Z\"}}";
        node.ok("new_policy = " + withDate);
        node.ok("blockchain insert where policy = !new_policy and local = true and master = " + master.connection());

        String expected = Vectors.json("frames/push/blockchain_push.json").get("frames").get(0).get("command")
            .asText();
        assertEquals(expected, master.awaitCommand(c -> c.startsWith("blockchain push"), 1, WAIT).orElseThrow());
        assertEquals(Vectors.text("frames/push/data/local-ledger-line.json").trim() + "\n",
            Files.readString(ledgerFile()));
        assertEquals("3be009e28d02aaafe5b5a6c8a1a26d07", node.metadata().snapshot().policies().get(0).id());
    }

    @Test
    void duplicateIdIs70AndNothingIsSent() throws Exception {
        node.ok("new_policy = " + PUBLISHER);
        node.ok("blockchain insert where policy = !new_policy and local = true");
        byte[] before = Files.readAllBytes(ledgerFile());
        CommandResult r = node.exec("blockchain insert where policy = !new_policy and local = true and master = "
            + master.connection());
        assertEquals(70, r.code());
        assertEquals("45162b36ea8d41769be33466a1b7c63e", r.detail());
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(ledgerFile()));
        assertNothingReachedTheMasterBefore();
    }

    /**
     * Proves that the master received nothing so far: a later push from this node arrives, and it is the first
     * command the master has. The master takes connections one at a time, in the order they were opened.
     */
    private void assertNothingReachedTheMasterBefore() throws Exception {
        node.ok("marker = {\"publisher\": {\"name\": \"marker\"}}");
        node.ok("blockchain insert where policy = !marker and master = " + master.connection());
        String marker = master.awaitCommand(c -> c.contains("\"name\": \"marker\""), 1, WAIT).orElseThrow();
        assertEquals(List.of(marker), master.commands());
    }

    @Test
    void insertErrors() {
        node.ok("new_policy = " + PUBLISHER);
        CommandResult r = node.exec("blockchain insert where policy = !new_policy");
        assertEquals(2, r.code());
        assertEquals("Missing ledger location information (local, master or blockchain)", r.detail());
        assertEquals(2, node.exec("blockchain insert where local = true").code());
        assertEquals(237, node.exec("blockchain insert where policy = !new_policy and blockchain = ethereum").code());
        node.node().dictionary().put("bad", "{\"publisher\": {\"a\": }}");
        assertEquals(6, node.exec("blockchain insert where policy = !bad and local = true").code());
        assertEquals(87, node.exec("blockchain insert where policy = {\"a\": 1} and local = true").code());
        assertEquals(2, node.exec("blockchain insert where policy = !new_policy and local = maybe").code());
        assertFalse(Files.exists(ledgerFile()));
    }

    @Test
    void operatorsMustBeUniqueBy180() {
        node.ok("o1 = {\"operator\": {\"name\": \"op1\", \"ip\": \"10.0.0.1\", \"port\": 32148, \"cluster\": \"c1\"}}");
        node.ok("o2 = {\"operator\": {\"name\": \"op2\", \"ip\": \"10.0.0.1\", \"port\": 32148, \"cluster\": \"c1\"}}");
        node.ok("blockchain insert where policy = !o1 and local = true");
        CommandResult r = node.exec("blockchain insert where policy = !o2 and local = true");
        assertEquals(180, r.code());
        assertEquals(1, node.metadata().snapshot().size());
    }

    @Test
    void unreachableMasterWarnsWhenLocalAndFailsWith81Otherwise() throws Exception {
        String dead = "127.0.0.1:" + Ports.free();
        node.ok("new_policy = " + PUBLISHER);
        try (LogCapture log = new LogCapture(InsertPolicyCommand.class)) {
            node.ok("blockchain insert where policy = !new_policy and local = true and master = " + dead);
            assertTrue(log.lines().stream().anyMatch(l -> l.startsWith(
                "Failed to push policy 45162b36ea8d41769be33466a1b7c63e to master " + dead)), log.lines().toString());
        }
        assertEquals(1, node.metadata().snapshot().size());

        node.ok("other = {\"publisher\": {\"name\": \"other\"}}");
        CommandResult r = node.exec("blockchain insert where policy = !other and master = " + dead);
        assertEquals(81, r.code());
        assertEquals(1, node.metadata().snapshot().size());
    }

    @Test
    void withoutTcpServerTheLocalInsertWarnsAndTheMasterOnlyInsertFails() throws Exception {
        try (LedgerTestNode plain = LedgerTestNode.create(home.resolve("plain"), Clock.systemUTC()).boot()) {
            plain.ok("new_policy = " + PUBLISHER);
            plain.ok("blockchain insert where policy = !new_policy and local = true and master = "
                + master.connection());
            assertEquals(1, plain.metadata().snapshot().size());
            plain.ok("other = {\"publisher\": {\"name\": \"other\"}}");
            assertEquals(21, plain.exec("blockchain insert where policy = !other and master = "
                + master.connection()).code());
        }
        assertNothingReachedTheMasterBefore();
    }

    @Test
    void aLargePolicyGoesAsALargeMessage() throws Exception {
        String big = "x".repeat(3000);
        node.ok("big = {\"config\": {\"name\": \"big\", \"script\": \"" + big + "\"}}");
        node.ok("blockchain insert where policy = !big and master = " + master.connection());
        String cmd = master.awaitCommand(c -> c.startsWith("blockchain push"), 1, WAIT).orElseThrow();
        assertTrue(master.received().get(0).large());
        Policy sent = PolicyText.parse(cmd.substring("blockchain push ".length()),
            io.edgepublisher.command.ErrorCode.JSON_STRUCTURE);
        assertEquals("global", sent.text("ledger"));
        assertEquals(big, sent.text("script"));
        assertFalse(Files.exists(ledgerFile()), "master-only insert writes nothing locally");
    }

    @Test
    void pushIsNotExecutedHere() {
        CommandResult local = node.exec("blockchain push {\"publisher\": {\"name\": \"x\"}}");
        assertEquals(109, local.code());
        assertEquals(212, node.exec("blockchain push {\"publisher\": {\"name\": \"x\"}}", Source.PEER).code());
    }
}
