package io.edgepublisher.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.TestNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code get routes where format = yaml}: the routes as they run now, those added by commands after start included. */
class RoutesDumpTest {
    @TempDir
    Path home;

    @Test
    void theDumpHoldsTheRoutesThatCommandsAddedAndCanBeNarrowedById() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of(),
            "run rest server where internal_ip = 127.0.0.1 and internal_port = !anylog_rest_port\n")) {
            String all = n.ok("get routes where format = yaml");
            for (String id : new String[] {"ingest", "rest-api", "rest-put", "publisher", "publisher-watch",
                "blockchain-sync", "ledger-merge"}) {
                assertTrue(all.contains("id: " + id + "\n"), "route " + id + " in\n" + all);
            }
            assertTrue(all.contains("uri: direct:ingest"), all);
            assertTrue(all.contains("split:") && all.contains("ref: ledgerRepush"), "the re-push is a split step\n" + all);
            assertTrue(all.contains("choice:"), "the REST and ingest dispatch show as choice steps\n" + all);
            assertTrue(all.contains("${header.msgClient} != null"), "the ingest branch condition is written\n" + all);
            assertTrue(all.contains("${header.kafkaConsumer} != null"), "the Kafka branch condition is written\n" + all);
            String rest = n.ok("get routes where format = yaml and id = rest-api");
            assertTrue(rest.contains("${header.CamelHttpMethod} == 'PUT'") && rest.contains("uri: direct:rest-put"), rest);

            String publisher = n.ok("get routes where format = yaml and id = publisher");
            assertTrue(publisher.contains("id: publisher-watch\n") && publisher.contains("uri: publisher-watch:watch-dir"),
                publisher);
            assertFalse(publisher.contains("id: rest-api\n"), publisher);

            assertEquals(3, n.exec("get routes where format = yaml and id = nosuchroute").code());
            assertEquals(2, n.exec("get routes where format = xml").code());
        }
    }
}
