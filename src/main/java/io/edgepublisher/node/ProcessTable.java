package io.edgepublisher.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rows of {@code get processes} in the seed's order (COMMANDS.md §4.23). Capabilities register a reporter for
 * their row; a row without one shows {@code Not declared} with the row's "not running" details.
 */
public final class ProcessTable {
    public static final List<String> ROWS = List.of("TCP", "REST", "Operator", "Publisher", "Blockchain Sync",
        "Scheduler", "Distributor", "Blobs Archiver", "Consumer", "MQTT", "Message Broker", "SMTP", "Streamer",
        "Query Pool", "Kafka Consumer");

    private static final Map<String, String> IDLE_DETAILS = Map.of(
        "TCP", "No active connection",
        "REST", "No active connection",
        "Message Broker", "No active connection");

    private final Map<String, ProcessReporter> reporters = new ConcurrentHashMap<>();

    public void register(String row, ProcessReporter reporter) {
        if (!ROWS.contains(row)) {
            throw new IllegalArgumentException("No get processes row named " + row);
        }
        reporters.put(row, reporter);
    }

    /** The current status of every row, in order. */
    public Map<String, ProcessStatus> snapshot() {
        Map<String, ProcessStatus> out = new LinkedHashMap<>();
        for (String row : ROWS) {
            ProcessReporter r = reporters.get(row);
            ProcessStatus s = null;
            if (r != null) {
                try {
                    s = r.status();
                } catch (RuntimeException e) {
                    s = ProcessStatus.notDeclared("Status not available: " + e.getMessage());
                }
            }
            out.put(row, s != null ? s : ProcessStatus.notDeclared(IDLE_DETAILS.getOrDefault(row, "")));
        }
        return out;
    }

    public ProcessStatus status(String row) {
        return snapshot().get(row);
    }
}
