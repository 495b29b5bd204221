package io.edgepublisher.streamer;

import java.util.Objects;

/**
 * Identifies a streaming buffer (INTAKE.md §5.1): {@code <dbms>.<table>.<source>.<instructions>.<type>}. Error
 * buffers (INTAKE.md §3.8, rows of failed messages) are distinct keys that flush into the error dir.
 *
 * <p>The parts must already be valid file-name sections (no {@code .}); callers normalise dbms and table first.
 */
public final class BufferKey {
    private final String dbms;
    private final String table;
    private final String source;
    private final String instructions;
    private final String type;
    private final boolean error;
    private final String text;
    private final String dbmsTable;

    private BufferKey(String dbms, String table, String source, String instructions, String type, boolean error) {
        this.dbms = Objects.requireNonNull(dbms);
        this.table = Objects.requireNonNull(table);
        this.source = Objects.requireNonNull(source);
        this.instructions = Objects.requireNonNull(instructions);
        this.type = Objects.requireNonNull(type);
        this.error = error;
        this.dbmsTable = dbms + '.' + table;
        this.text = dbmsTable + '.' + source + '.' + instructions + '.' + type;
    }

    /** A REST PUT streaming buffer: {@code <dbms>.<table>.<source>.<instructions>.json}. */
    public static BufferKey of(String dbms, String table, String source, String instructions) {
        return new BufferKey(dbms, table, source, instructions, "json", false);
    }

    /** A message-client buffer: {@code <dbms>.<table>.0.0.json}. */
    public static BufferKey of(String dbms, String table) {
        return new BufferKey(dbms, table, "0", "0", "json", false);
    }

    /** The error buffer of failed messages, flushed to {@code !err_dir} (INTAKE.md §3.8). */
    public static BufferKey error(String dbms, String table) {
        return new BufferKey(dbms, table, "0", "0", "json", true);
    }

    /** Rebuilds a key from its text form {@code a.b.c.d.e} (journal recovery). Returns null when malformed. */
    static BufferKey parse(String text, boolean error) {
        String[] p = text.split("\\.", -1);
        if (p.length != 5) {
            return null;
        }
        for (String s : p) {
            if (s.isEmpty()) {
                return null;
            }
        }
        return new BufferKey(p[0], p[1], p[2], p[3], p[4], error);
    }

    public String dbms() {
        return dbms;
    }

    public String table() {
        return table;
    }

    public String source() {
        return source;
    }

    public String instructions() {
        return instructions;
    }

    public String type() {
        return type;
    }

    /** True for error buffers, which flush into the error dir. */
    public boolean isError() {
        return error;
    }

    /** {@code <dbms>.<table>}, the statistics and threshold scope. */
    public String dbmsTable() {
        return dbmsTable;
    }

    /** {@code <dbms>.<table>.<source>.<instructions>.<type>}. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BufferKey && ((BufferKey) o).error == error && ((BufferKey) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode() * 31 + (error ? 1 : 0);
    }
}
