package io.edgepublisher.bench.ledger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A realistic ledger of a given size for benchmarks, shaped like an EdgeLake network's: per group one root cluster,
 * two operators, one table policy per table and one child cluster listing two tables (6 policies); the rest are
 * {@code config} policies, which every reader must skip. Table names are unique, so the number of (dbms, table)
 * keys grows with the ledger.
 */
final class SyntheticLedger {
    static final int POLICIES_PER_GROUP = 6;

    private SyntheticLedger() {
    }

    /** The number of groups (clusters) in a ledger of {@code policies} policies. */
    static int groups(int policies) {
        return Math.max(1, policies / POLICIES_PER_GROUP);
    }

    /** The ledger text: {@code policies} lines (at least one group of six). */
    static String text(int policies) {
        StringBuilder sb = new StringBuilder(policies * 300);
        int groups = groups(policies);
        int written = 0;
        for (int g = 0; g < groups; g++) {
            String cluster = hex(g, 'c');
            line(sb, "cluster", "\"name\": \"cluster" + g + "\", \"company\": \"Bench\"", cluster, "\"status\": \"active\"");
            for (int o = 0; o < 2; o++) {
                int port = 20000 + (g * 2 + o) % 40000;
                line(sb, "operator", "\"name\": \"op" + g + "_" + o + "\", \"company\": \"Bench\", \"ip\": \"10."
                    + (g / 250 % 250) + "." + (g % 250) + "." + (o + 1) + "\", \"port\": " + port
                    + ", \"rest_port\": " + (port + 1) + ", \"cluster\": \"" + cluster + "\"", hex(g, 'o' + o), null);
            }
            for (int t = 0; t < 2; t++) {
                line(sb, "table", "\"name\": \"t" + g + "_" + t + "\", \"dbms\": \"bench\", \"create\": "
                    + "\"CREATE TABLE t" + g + "_" + t + "(ts timestamp, value float)\"", hex(g, 't' + t), null);
            }
            line(sb, "cluster", "\"parent\": \"" + cluster + "\", \"name\": \"cluster" + g + "\", \"company\": "
                + "\"Bench\", \"table\": [{\"dbms\": \"bench\", \"name\": \"t" + g + "_0\", \"status\": \"active\"}, "
                + "{\"dbms\": \"bench\", \"name\": \"t" + g + "_1\", \"status\": \"active\"}], \"source\": "
                + "\"Node at 10.0.0.1:32148\"", hex(g, 'p'), "\"status\": \"active\"");
            written += POLICIES_PER_GROUP;
        }
        for (int i = written; i < policies; i++) {
            line(sb, "config", "\"name\": \"cfg" + i + "\", \"company\": \"Bench\", \"script\": [\"set x = 1\"]",
                hex(i, 'f'), null);
        }
        return sb.toString();
    }

    /** Writes {@link #text} to {@code file}. */
    static Path write(Path file, int policies) throws IOException {
        Files.writeString(file, text(policies), StandardCharsets.UTF_8);
        return file;
    }

    private static void line(StringBuilder sb, String type, String attrs, String id, String after) {
        sb.append("{\"").append(type).append("\": {").append(attrs).append(", \"id\": \"").append(id)
            .append("\", \"date\": \"2026-11-28T11:06:56.878271Z\"");
        if (after != null) {
            sb.append(", ").append(after);
        }
        sb.append(", \"ledger\": \"global\"}}\n");
    }

    private static String hex(int n, int kind) {
        return String.format("%08x%08x%016x", kind, n, (long) n * 2654435761L);
    }
}
