package io.edgepublisher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.Ports;
import io.edgepublisher.testing.RawHttp;
import io.edgepublisher.testing.TestNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands that arrive while the boot script runs, and boot steps that find their process already running. */
class CommandsDuringBootTest {
    private static final String SERVERS = "run tcp server where internal_ip = 127.0.0.1 and internal_port = !anylog_server_port\n"
        + "run rest server where internal_ip = 127.0.0.1 and internal_port = !anylog_rest_port\n";

    @TempDir
    Path home;

    /** What the client saw: the readiness answer during the boot, then the reply to its run publisher. */
    record Seen(RawHttp.Response readyDuringBoot, RawHttp.Response runPublisher, boolean nodeReadyAtReply) {
    }

    /**
     * A run publisher sent over REST while the boot script is in a slow step before its own run publisher: the REST
     * command waits for the end of the script, so the script's step runs as written and the node comes up; the REST
     * command then finds the publisher running (136). Meanwhile /observe/health/ready said the node is not ready.
     */
    @Test
    void aRestCommandDuringTheBootWaitsForTheScript() throws Exception {
        int rest = Ports.free();
        Node[] node = new Node[1];
        CompletableFuture<Seen> client = CompletableFuture.supplyAsync(() -> {
            try {
                long deadline = System.currentTimeMillis() + 60_000;
                while (true) {
                    try {
                        RawHttp.Response ready = RawHttp.send(rest, "GET", "/observe/health/ready", Map.of(), null);
                        RawHttp.Response r = RawHttp.post(rest, Map.of("User-Agent", "AnyLog/1.23", "command",
                            "run publisher"), null);
                        return new Seen(ready, r, node[0] != null && node[0].ready());
                    } catch (IOException e) {
                        if (System.currentTimeMillis() > deadline) {
                            throw new AssertionError("REST never answered", e);
                        }
                        Thread.sleep(20);
                    }
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try (TestNode n = TestNode.start(home, Map.of("ANYLOG_REST_PORT", Integer.toString(rest)), SERVERS
            + "connect dbms almgm where type = sqlite\nwait 2\nrun publisher where ack_wait = 0 seconds\n")) {
            node[0] = n.node();
            Seen seen = client.get(60, TimeUnit.SECONDS);
            assertEquals(503, seen.readyDuringBoot().status(), seen.readyDuringBoot().text());
            assertTrue(seen.readyDuringBoot().text().contains("{\"name\": \"boot\", \"status\": \"DOWN\", \"message\":"
                + " \"the boot script is running\"}"), seen.readyDuringBoot().text());
            assertEquals(400, seen.runPublisher().status());
            assertTrue(seen.runPublisher().text().contains("\"err_code\": 136"), seen.runPublisher().text());
            assertTrue(seen.nodeReadyAtReply(), "the REST command ran after the boot script");
            assertEquals(0, io.edgepublisher.node.Beans.get(n.node(), io.edgepublisher.publisher.PublisherService.class).run().config()
                .ackWait().toMillis(), "the script's own run publisher is the one that runs");
            assertEquals(200, RawHttp.send(rest, "GET", "/observe/health/ready", Map.of(), null).status());
        }
    }

    /** Steps that find their process running as they ask are done; outside the boot they stay 136. */
    @Test
    void aBootStepThatFindsItsProcessRunningAsAskedIsNotAFailure() throws Exception {
        String twice = SERVERS + SERVERS + "connect dbms almgm where type = sqlite\n"
            + "run scheduler 1\nrun scheduler 1\nrun streamer\nrun streamer\nrun publisher\nrun publisher\n"
            + "set node name booted\n";
        try (TestNode n = TestNode.start(home, Map.of(), twice)) {
            assertEquals("booted", n.node().name());
            assertEquals(136, n.exec("run publisher").code(), "a command outside the boot");
            assertEquals(136, n.exec("run scheduler 1").code());
        }
    }

    /** A step that finds its process running in another state fails the boot, as before. */
    @Test
    void aBootStepThatFindsItsProcessRunningOtherwiseFails() {
        String differs = SERVERS + "connect dbms almgm where type = sqlite\nrun publisher\n"
            + "run publisher where ack_wait = 5 seconds\n";
        IllegalStateException e = assertThrows(IllegalStateException.class,
            () -> TestNode.start(home, Map.of(), differs).close());
        assertTrue(e.getMessage().startsWith("Node did not become ready (exit code 1)"), e.getMessage());
    }
}
