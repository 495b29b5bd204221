package io.edgepublisher.ops;

import io.edgepublisher.node.Beans;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User YAML routes: loaded at boot one file at a time, broken files quarantined, live reload on change. */
class UserRoutesTest {
    @TempDir
    Path home;

    private static String timerRoute(String id) {
        return "- route:\n    id: " + id + "\n    from:\n      uri: timer:" + id + "?period=50\n      steps:\n"
            + "        - setBody:\n            constant: tick\n";
    }

    @Test
    void brokenFilesAreQuarantinedAndChangesReloadLive() throws Exception {
        Path routes = Files.createDirectories(home.resolve("my-routes"));
        Files.writeString(routes.resolve("a-good.yaml"), timerRoute("user-good"));
        Files.writeString(routes.resolve("b-bad-yaml.yaml"), "- route: [ this is : not : yaml\n");
        Files.writeString(routes.resolve("c-unknown-step.yaml"),
            "- route:\n    id: user-step\n    from:\n      uri: timer:x\n      steps:\n        - nosuchstep: {}\n");
        Files.writeString(routes.resolve("d-unknown-component.yaml"),
            "- route:\n    id: user-comp\n    from:\n      uri: nosuchcomp:x\n      steps:\n        - log: hi\n");
        Files.writeString(routes.resolve("e-duplicate.yaml"), timerRoute("rest-api"));
        Files.writeString(routes.resolve("notes.txt"), "not a route file");
        try (TestNode n = TestNode.start(home, Map.of("EP_ROUTES_DIR", routes.toString()),
            "run rest server where internal_ip = 127.0.0.1 and internal_port = !anylog_rest_port\n")) {
            CamelContext ctx = n.node().camel();
            assertTrue(ctx.getRouteController().getRouteStatus("user-good").isStarted());
            assertNull(ctx.getRoute("user-step"));
            assertNull(ctx.getRoute("user-comp"));
            assertEquals("platform-http", ctx.getRoute("rest-api").getEndpoint().getEndpointBaseUri().split(":")[0],
                "the built-in route survives a user file that reuses its id");
            Map<Path, UserRoutes.Loaded> files = Beans.find(n.node(), UserRoutes.class).files();
            assertEquals(5, files.size());
            assertNotNull(files.get(routes.resolve("b-bad-yaml.yaml")).error());
            assertTrue(files.get(routes.resolve("c-unknown-step.yaml")).error().contains("nosuchstep"),
                files.get(routes.resolve("c-unknown-step.yaml")).error());
            assertTrue(files.get(routes.resolve("d-unknown-component.yaml")).error().contains("nosuchcomp"),
                files.get(routes.resolve("d-unknown-component.yaml")).error());
            assertTrue(files.get(routes.resolve("e-duplicate.yaml")).error().contains("rest-api"),
                files.get(routes.resolve("e-duplicate.yaml")).error());
            String table = n.ok("get routes");
            assertTrue(table.contains("user-good") && table.contains("a-good.yaml"), table);
            assertTrue(table.contains("Not loaded: d-unknown-component.yaml"), table);

            Files.writeString(routes.resolve("a-good.yaml"), timerRoute("user-renamed"));
            await(() -> ctx.getRoute("user-renamed") != null && ctx.getRoute("user-good") == null, "reload on change");
            Files.writeString(routes.resolve("a-good.yaml"), "- route: [ broken\n");
            await(() -> files(n).get(routes.resolve("a-good.yaml")).error() != null, "broken edit noticed");
            assertNotNull(ctx.getRoute("user-renamed"), "the previous version keeps running after a broken edit");
            Files.writeString(routes.resolve("f-new.yaml"), timerRoute("user-new"));
            await(() -> ctx.getRoute("user-new") != null, "a new file is loaded");
            Files.delete(routes.resolve("f-new.yaml"));
            await(() -> ctx.getRoute("user-new") == null, "a deleted file's routes are removed");
            assertEquals("AnyLog@127.0.0.1:" + n.tcpPort() + " running", n.ok("get status"), "the node keeps serving");
            assertFalse(n.exec("reload routes").isError());
        }
    }

    @Test
    void aFolderCreatedAfterTheBootIsLoadedAndWatched() throws Exception {
        Path routes = home.resolve("later-routes");
        try (TestNode n = TestNode.start(home, Map.of("EP_ROUTES_DIR", routes.toString()), "")) {
            CamelContext ctx = n.node().camel();
            Path tmp = Files.createDirectories(home.resolve("staging"));
            Files.writeString(tmp.resolve("a.yaml"), timerRoute("user-late"));
            Files.move(tmp, routes);
            await(() -> ctx.getRoute("user-late") != null, "the folder's routes are loaded when it appears");
            Files.writeString(routes.resolve("b.yaml"), timerRoute("user-later"));
            await(() -> ctx.getRoute("user-later") != null, "and the folder is watched from then on");
            Files.delete(routes.resolve("a.yaml"));
            assertFalse(n.exec("reload routes").isError());
            await(() -> ctx.getRoute("user-late") == null, "a deleted file's routes go");
        }
    }

    /** A file's routes are the ones it defines (generated ids too), not whatever else the node added meanwhile. */
    @Test
    void aFileOwnsExactlyItsRoutesEvenWithoutIds() throws Exception {
        Path routes = Files.createDirectories(home.resolve("own-routes"));
        Files.writeString(routes.resolve("anon.yaml"), "- route:\n    from:\n      uri: timer:anon?period=1000\n"
            + "      steps:\n        - log: tick\n");
        try (TestNode n = TestNode.start(home, Map.of("EP_ROUTES_DIR", routes.toString()), "run scheduler 1\n")) {
            CamelContext ctx = n.node().camel();
            java.util.Set<String> ids = files(n).get(routes.resolve("anon.yaml")).routeIds();
            assertEquals(1, ids.size(), ids.toString());
            String id = ids.iterator().next();
            assertEquals("timer://anon", ctx.getRoute(id).getEndpoint().getEndpointBaseUri());
            Files.delete(routes.resolve("anon.yaml"));
            await(() -> ctx.getRoute(id) == null, "the anonymous route goes with its file");
            assertNotNull(ctx.getRoute("scheduler-1"), "the node's own routes stay");
            assertNotNull(ctx.getRoute("scheduler-0"));
        }
    }

    private static Map<Path, UserRoutes.Loaded> files(TestNode n) {
        return Beans.find(n.node(), UserRoutes.class).files();
    }

    static void await(BooleanSupplier cond, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            if (cond.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
