package io.edgepublisher.publisher.routing.auto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.config.ConfigException;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.config.EnvImport;
import io.edgepublisher.config.Settings;
import io.edgepublisher.testing.TestNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EP_NEW_TABLE_CLUSTER: imported into {@code !new_table_cluster} and passed to {@code run publisher} at boot. */
class NewTableClusterSettingTest {
    @TempDir
    Path home;

    private static String imported(Map<String, String> env) {
        Dictionary d = new Dictionary();
        EnvImport.apply(Settings.of(Map.of(), env, Map.of()), d, "host");
        return d.get("new_table_cluster");
    }

    @Test
    void defaultIsWaitAndABadValueStopsTheBoot() {
        assertEquals("wait", imported(Map.of()));
        assertEquals("auto", imported(Map.of("EP_NEW_TABLE_CLUSTER", " Auto ")));
        ConfigException e = assertThrows(ConfigException.class,
            () -> imported(Map.of("EP_NEW_TABLE_CLUSTER", "automatic")));
        assertEquals("Invalid EP_NEW_TABLE_CLUSTER 'automatic': use wait (files of a table no cluster lists wait for"
            + " a route) or auto (assign it to a cluster)", e.getMessage());
    }

    @Test
    void modeSpellings() {
        assertEquals(NewTableCluster.AUTO, NewTableCluster.of("AUTO"));
        assertEquals(NewTableCluster.WAIT, NewTableCluster.of(" wait"));
        assertNull(NewTableCluster.of("sometimes"));
        assertNull(NewTableCluster.of(null));
    }

    @Test
    void theBundledBootScriptPassesItToRunPublisher() throws Exception {
        try (TestNode n = TestNode.start(home, Map.of("EP_NEW_TABLE_CLUSTER", "auto"), null)) {
            String cfg = n.ok("get publisher config where format = json");
            assertTrue(cfg.endsWith("\"archive_days\": 30, \"new_table_cluster\": \"auto\"}"), cfg);
        }
    }
}
