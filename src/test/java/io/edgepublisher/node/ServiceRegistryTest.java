package io.edgepublisher.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.edgepublisher.config.Dictionary;
import io.edgepublisher.config.NodeDirectories;
import io.edgepublisher.publisher.PublisherService;
import io.edgepublisher.store.Databases;
import io.edgepublisher.streamer.StreamerService;
import io.edgepublisher.testing.TestNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.NoSuchBeanException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capabilities' services are beans of the Camel registry; a missing one stops the boot with an error naming it. */
class ServiceRegistryTest {
    private static Node installed(Path home) {
        Node node = new Node(new Dictionary(), NodeDirectories.at(home), Map.of(), Clock.systemUTC());
        Modules.install(node);
        return node;
    }

    @Test
    void everyCapabilityBindsItsServices(@TempDir Path home) {
        Node node = installed(home);
        Modules.verify(node);
        for (Class<?> type : Modules.SERVICES) {
            assertTrue(type.isInstance(node.registry().lookupByName(Beans.name(type))), type.getName());
        }
    }

    /** Each service the others rely on: without it, the boot check fails with Camel's error naming the bean. */
    @Test
    void aMissingServiceFailsTheBootNamingIt(@TempDir Path home) {
        Node node = installed(home);
        List<String> silent = new ArrayList<>();
        for (Class<?> type : Modules.SERVICES) {
            Object bean = node.registry().lookupByName(Beans.name(type));
            node.registry().unbind(Beans.name(type));
            try {
                NoSuchBeanException e = assertThrows(NoSuchBeanException.class, () -> Modules.verify(node),
                    type.getName());
                if (!e.getMessage().contains(Beans.name(type)) || !e.getMessage().contains(type.getName())) {
                    silent.add(type.getName() + ": " + e.getMessage());
                }
            } finally {
                node.registry().bind(Beans.name(type), type, bean);
            }
        }
        assertEquals(List.of(), silent, "errors that do not name the missing bean");
        Modules.verify(node);
    }

    @Test
    void aLookupOfAnUnboundServiceIsAnErrorNotANull() {
        Node node = new Node(new Dictionary(), null, Map.of(), Clock.systemUTC());
        NoSuchBeanException e = assertThrows(NoSuchBeanException.class, () -> Beans.get(node, Databases.class));
        assertTrue(e.getMessage().contains("databases") && e.getMessage().contains(Databases.class.getName()),
            e.getMessage());
        assertEquals(null, Beans.find(node, Databases.class), "find is for what a run command binds later");
    }

    /** On the running node the registry is the Camel context's: routes and Camel see the same beans. */
    @Test
    void theNodeRegistryIsTheCamelContextsRegistry(@TempDir Path home) throws Exception {
        try (TestNode n = TestNode.start(home, Map.of(), "")) {
            Node node = n.node();
            assertSame(node.registry(), node.camel().getRegistry());
            assertSame(Beans.get(node, StreamerService.class),
                node.camel().getRegistry().findSingleByType(StreamerService.class));
            assertSame(Beans.get(node, PublisherService.class),
                org.apache.camel.support.CamelContextHelper.mandatoryLookup(node.camel(), "publisherService",
                    PublisherService.class));
        }
    }
}
