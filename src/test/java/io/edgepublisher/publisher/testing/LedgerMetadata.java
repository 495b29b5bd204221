package io.edgepublisher.publisher.testing;

import io.edgepublisher.config.Dictionary;
import io.edgepublisher.ledger.MetadataService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real {@link MetadataService} over a test ledger: {@link #ledger} writes policies (JSON with single quotes) as the
 * ledger file and reloads it, as {@code blockchain reload metadata} does, so the routing index is rebuilt with the
 * service's round-robin state and the publisher's listeners are told. This node's IPs are 203.0.113.10 (external)
 * and 127.0.0.1.
 */
public final class LedgerMetadata {
    private final Path file;
    private final MetadataService service;

    public LedgerMetadata(Path ledgerFile) {
        Dictionary dictionary = new Dictionary();
        dictionary.put("external_ip", "203.0.113.10");
        dictionary.put("ip", "127.0.0.1");
        this.file = ledgerFile;
        this.service = new MetadataService(ledgerFile, dictionary);
    }

    public MetadataService service() {
        return service;
    }

    public LedgerMetadata ledger(String... policies) {
        StringBuilder text = new StringBuilder();
        for (String p : policies) {
            text.append(p.replace('\'', '"')).append('\n');
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        service.reload();
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
