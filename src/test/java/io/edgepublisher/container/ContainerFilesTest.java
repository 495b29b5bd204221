package io.edgepublisher.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** What docker-compose.yml and the Dockerfile open to the network, and how the image checks its health. */
class ContainerFilesTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) throws Exception {
        String text = Files.readString(Path.of("docker-compose.yml"), StandardCharsets.UTF_8);
        Map<String, Object> compose = (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(text);
        return (Map<String, Object>) ((Map<String, Object>) compose.get("services")).get(name);
    }

    /** The anonymous Mosquitto is not published on the host's interfaces (at most on its loopback). */
    @Test
    @SuppressWarnings("unchecked")
    void mosquittoIsNotOpenToTheNetwork() throws Exception {
        List<Object> ports = (List<Object>) service("mosquitto").getOrDefault("ports", List.of());
        for (Object p : ports) {
            assertTrue(String.valueOf(p).startsWith("127.0.0.1:"), "published beyond loopback: " + p);
        }
        Map<String, Object> env = (Map<String, Object>) service("publisher").get("environment");
        assertEquals("mosquitto", env.get("MQTT_BROKER"), "the publisher reaches it on the compose network");
    }

    /** The HEALTHCHECK asks 127.0.0.1, where REST answers with either REST_BIND. */
    @Test
    void theHealthcheckAsksLoopback() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"), StandardCharsets.UTF_8).replace("\\\n", " ");
        String check = dockerfile.lines().filter(l -> l.startsWith("HEALTHCHECK")).findFirst().orElseThrow();
        assertTrue(check.contains("exec 3<>/dev/tcp/127.0.0.1/${ANYLOG_REST_PORT}"), check);
        assertFalse(check.contains("hostname -i"), check);
    }
}
