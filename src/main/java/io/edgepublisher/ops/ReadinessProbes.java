package io.edgepublisher.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * Readiness conditions contributed by capabilities (a node service): the master is reachable, the MQTT brokers are
 * connected, the database answers. Each becomes a Camel readiness health check.
 */
public final class ReadinessProbes {
    /** A probe result: up, or down with the reason. */
    public record State(boolean up, String reason) {
        public static State ok() {
            return new State(true, null);
        }

        public static State down(String reason) {
            return new State(false, reason);
        }
    }

    private final Map<String, Supplier<State>> probes = new ConcurrentSkipListMap<>();

    public void add(String name, Supplier<State> probe) {
        probes.put(name, probe);
    }

    public Map<String, Supplier<State>> probes() {
        return probes;
    }
}
