package io.edgepublisher.publisher;

import io.edgepublisher.node.Beans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.publisher.route.PublisherRoutes;
import io.edgepublisher.streamer.DataHash;
import io.edgepublisher.testing.TestNode;
import io.edgepublisher.wire.testing.OperatorSink;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The publisher's routes in the booted node: declared at boot and stopped, started by {@code run publisher} and
 * stopped by {@code exit publisher}; one file's journey through them; a route stopped over JMX shows in
 * {@code get processes}.
 */
class PublisherRoutesTest {
    @TempDir
    Path home;

    @Test
    void routesAreDeclaredAtBootStartedByRunPublisherAndStoppedByExit() throws Exception {
        try (OperatorSink sink = OperatorSink.builder().build().start();
             TestNode n = TestNode.start(home, Map.of(), "run tcp server where internal_ip = 127.0.0.1 and"
                 + " internal_port = !anylog_server_port\nconnect dbms almgm where type = sqlite\n")) {
            CamelContext ctx = n.node().camel();
            for (String id : PublisherRoutes.IDS) {
                assertEquals("Stopped", ctx.getRouteController().getRouteStatus(id).name(), id + " before the run");
                assertEquals("publisher", ((org.apache.camel.model.ModelCamelContext) ctx).getRouteDefinition(id).getGroup());
            }
            assertTrue(n.ok("get processes").contains("Publisher      |Not declared|"));
            n.ok("set data distribution where dbms = * and table = * and dest = " + sink.address());
            n.ok("run publisher where ack_wait = 0 seconds");
            for (String id : PublisherRoutes.IDS) {
                assertTrue(ctx.getRouteController().getRouteStatus(id).isStarted(), id + " started by run publisher");
            }
            // One file's journey, route by route: discovery, delivery attempt, acceptance, disposal.
            NotifyBuilder journey = new NotifyBuilder(ctx).fromRoute(PublisherRoutes.ACCEPT).whenCompleted(1).create();
            NotifyBuilder discovered = new NotifyBuilder(ctx).fromRoute(PublisherRoutes.WATCH).whenCompleted(1)
                .create();
            NotifyBuilder attempted = new NotifyBuilder(ctx).fromRoute(PublisherRoutes.DELIVER).whenCompleted(1)
                .create();
            String content = "{\"v\": 1}";
            String name = "mydb.t.0." + DataHash.md5("mydb", "t", content.getBytes(StandardCharsets.UTF_8)) + ".0.json";
            Path watch = Path.of(n.node().dictionary().get("watch_dir"));
            Files.writeString(watch.resolve(name), content);
            Beans.get(n.node(), PublisherService.class).nodeFile(watch.resolve(name), 1);
            assertTrue(discovered.matches(10, TimeUnit.SECONDS), "publisher-watch took the file");
            assertTrue(attempted.matches(10, TimeUnit.SECONDS), "publisher sent it");
            assertTrue(journey.matches(10, TimeUnit.SECONDS), "publisher-accept accepted and disposed of it");
            assertEquals(List.of(name), sink.files().stream().map(f -> f.name()).toList());
            assertTrue(Files.exists(Path.of(n.node().dictionary().get("bkup_dir")).resolve(name)), "moved to bkup");

            // A route stopped over JMX shows in get processes; started again, the Publisher runs again.
            MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
            ObjectName route = new ObjectName("org.apache.camel:context=" + ctx.getManagementName()
                + ",type=routes,name=\"publisher\"");
            jmx.invoke(route, "stop", null, null);
            assertTrue(n.ok("get processes").contains("Publisher      |Not declared|Route publisher is Stopped"),
                n.ok("get processes"));
            jmx.invoke(route, "start", null, null);
            assertTrue(n.ok("get processes").contains("Publisher      |Running     |"), n.ok("get processes"));

            n.ok("exit publisher");
            for (String id : PublisherRoutes.IDS) {
                assertEquals("Stopped", ctx.getRouteController().getRouteStatus(id).name(), id + " after exit");
            }
            n.ok("run publisher where ack_wait = 0 seconds");
            assertTrue(ctx.getRouteController().getRouteStatus(PublisherRoutes.WATCH).isStarted(), "a second run");
        }
    }
}
