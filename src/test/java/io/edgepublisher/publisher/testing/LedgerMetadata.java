package io.edgepublisher.publisher.testing;

import io.edgepublisher.testing.TestNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The node's ledger for routing tests: {@link #ledger} writes policies (JSON with single quotes) as the node's
 * ledger file and runs {@code blockchain reload metadata}, so the node's metadata service rebuilds its routing index
 * and tells the publisher, as after a synchronisation.
 */
public final class LedgerMetadata {
    private final TestNode node;

    public LedgerMetadata(TestNode node) {
        this.node = node;
    }

    public LedgerMetadata ledger(String... policies) {
        StringBuilder text = new StringBuilder();
        for (String p : policies) {
            text.append(p.replace('\'', '"')).append('\n');
        }
        Path file = Path.of(node.node().dictionary().get("blockchain_file"));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        node.ok("blockchain reload metadata");
        return this;
    }

    /** A cluster policy with a table list (child cluster form). */
    public static String cluster(String id, String company, String dbms, String... tables) {
        StringBuilder t = new StringBuilder();
        for (String table : tables) {
            t.append(t.length() == 0 ? "" : ", ").append("{'dbms': '").append(dbms).append("', 'name': '")
                .append(table).append("'}");
        }
        return "{'cluster': {'parent': '" + id + "', 'name': 'c-" + id + "', 'company': '" + company
            + "', 'table': [" + t + "], 'id': 'child-" + id + "'}}";
    }

    public static String operator(String name, String cluster, int port) {
        return "{'operator': {'name': '" + name + "', 'ip': '127.0.0.1', 'port': " + port + ", 'cluster': '"
            + cluster + "', 'id': 'op-" + name + "'}}";
    }
}
