package io.edgepublisher.intake.mapping;

import io.edgepublisher.streamer.BufferKey;
import io.edgepublisher.streamer.FileNameLimit;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The validated mapping of one topic (INTAKE.md §3.3–3.7): turns a message (a parsed JSON object) into rows grouped
 * by buffer key {@code <dbms>.<table>.0.0.json}. Immutable and thread-safe; build it once per {@code topic = (…)}
 * with {@link #compile}.
 *
 * <p>Rows: {@code now} columns first, then the declared columns in order, compact JSON. With {@code []} list
 * expansion a message gives one row per list element and per-message columns are repeated in every row (EdgeLake
 * puts them only into the first row; INTAKE.md §3.7.1).
 */
public final class TopicMapping {
    private final TopicSpec spec;
    private final NameSource dbms;
    private final NameSource table;
    private final CompiledColumn[] nowColumns;
    private final CompiledColumn[] columns;
    private final boolean hasList;
    private final Clock clock;
    private final BufferKey constantKey;
    private volatile KeyCache lastKey = new KeyCache("", "", null);

    private TopicMapping(TopicSpec spec, NameSource dbms, NameSource table, List<CompiledColumn> cols, Clock clock) {
        this.spec = spec;
        this.dbms = dbms;
        this.table = table;
        this.nowColumns = cols.stream().filter(c -> c.now).toArray(CompiledColumn[]::new);
        this.columns = cols.stream().filter(c -> !c.now).toArray(CompiledColumn[]::new);
        boolean list = dbms.hasList() || table.hasList();
        for (CompiledColumn c : cols) {
            list |= c.hasList();
        }
        this.hasList = list;
        this.clock = clock;
        this.constantKey = dbms.constant() != null && table.constant() != null
                ? BufferKey.of(dbms.constant(), table.constant()) : null;
    }

    /**
     * Validates a topic spec (INTAKE.md §3.9).
     *
     * @param clock source of {@code now} values (UTC)
     * @throws io.edgepublisher.command.CommandException 124 with the registration detail
     */
    public static TopicMapping compile(TopicSpec spec, Clock clock) {
        if (spec.name() == null || spec.name().isBlank()) {
            throw MappingErrors.error(MappingErrors.MISSING_TOPIC);
        }
        NameSource dbms = NameSource.compile(spec.dbms(), MappingErrors.MISSING_DBMS, MappingErrors.NO_DBMS_NAME);
        NameSource table = NameSource.compile(spec.table(), MappingErrors.MISSING_TABLE, MappingErrors.NO_TABLE_NAME);
        if (spec.columns().isEmpty()) {
            throw MappingErrors.error(MappingErrors.MISSING_TOPIC);
        }
        if (spec.qos() < 0 || spec.qos() > 2) {
            throw MappingErrors.error("Wrong QoS value in MQTT mapping: " + spec.qos());
        }
        List<CompiledColumn> cols = new ArrayList<>(spec.columns().size());
        for (ColumnSpec c : spec.columns()) {
            cols.add(CompiledColumn.compile(c));
        }
        if (dbms.constant() != null && table.constant() != null) {
            String tooLong = FileNameLimit.problem(BufferKey.of(dbms.constant(), table.constant()));
            if (tooLong != null) {
                throw MappingErrors.error(tooLong);
            }
        }
        return new TopicMapping(spec, dbms, table, cols, clock);
    }

    /** The spec this mapping was built from (for {@code get msg client}). */
    public TopicSpec spec() {
        return spec;
    }

    public String topic() {
        return spec.name();
    }

    public int qos() {
        return spec.qos();
    }

    /** Maps one message (a JSON object). Never throws for bad data: failures are results. */
    public MessageResult map(Map<String, Object> msg) {
        try {
            return MessageResult.ok(rows(msg));
        } catch (MappingFailure f) {
            return MessageResult.failure(f.getMessage(), null);
        }
    }

    private List<RowBatch> rows(Map<String, Object> msg) throws MappingFailure {
        int n = hasList ? Math.max(1, listLength(msg)) : 1;
        String now = nowColumns.length > 0 ? Timestamps.nowQuoted(clock.instant()) : null;
        Batch first = null; // the usual case: every row of the message goes to one buffer
        Map<BufferKey, Batch> others = null; // list expansion with per-row dbms or table
        for (int row = 0; row < n; row++) {
            BufferKey key = key(msg, row);
            Batch b;
            if (first == null) {
                b = first = new Batch(key);
            } else if (first.key.equals(key)) {
                b = first;
            } else {
                if (others == null) {
                    others = new LinkedHashMap<>();
                }
                b = others.computeIfAbsent(key, Batch::new);
            }
            if (writeRow(b.text, msg, row, now)) {
                b.rows++;
            }
        }
        if (others == null) {
            return first.rows == 0 ? List.of() : List.of(first.toRowBatch());
        }
        List<RowBatch> out = new ArrayList<>(others.size() + 1);
        if (first.rows > 0) {
            out.add(first.toRowBatch());
        }
        for (Batch b : others.values()) {
            if (b.rows > 0) {
                out.add(b.toRowBatch());
            }
        }
        return out;
    }

    /** Rows of one message for one buffer, while they are being written. */
    private static final class Batch {
        final BufferKey key;
        final StringBuilder text = new StringBuilder(128);
        int rows;

        Batch(BufferKey key) {
            this.key = key;
        }

        RowBatch toRowBatch() {
            return new RowBatch(key, text.toString(), rows);
        }
    }

    /** Appends one row (preceded by {@code \n} when the batch is not empty); false when it has no column. */
    private boolean writeRow(StringBuilder sb, Map<String, Object> msg, int row, String now) throws MappingFailure {
        int mark = sb.length();
        if (mark > 0) {
            sb.append('\n');
        }
        sb.append('{');
        boolean first = true;
        for (CompiledColumn c : nowColumns) {
            if (!first) {
                sb.append(',');
            }
            sb.append(c.prefix).append(now);
            first = false;
        }
        for (CompiledColumn c : columns) {
            if (c.write(sb, msg, row, first)) {
                first = false;
            }
        }
        if (first) {
            sb.setLength(mark); // every column optional and missing: no row
            return false;
        }
        sb.append('}');
        return true;
    }

    private int listLength(Map<String, Object> msg) {
        int n = Math.max(dbms.listLength(msg), table.listLength(msg));
        for (CompiledColumn c : columns) {
            n = Math.max(n, c.listLength(msg));
        }
        return n;
    }

    private BufferKey key(Map<String, Object> msg, int row) throws MappingFailure {
        if (constantKey != null) {
            return constantKey;
        }
        String rawDbms = dbms.constant() != null ? dbms.constant() : dbms.raw(msg, row);
        String rawTable = table.constant() != null ? table.constant() : table.raw(msg, row);
        KeyCache c = lastKey;
        if (c.rawDbms.equals(rawDbms) && c.rawTable.equals(rawTable)) {
            return c.key;
        }
        String d = dbms.constant() != null ? rawDbms : NameNormalizer.normalize(rawDbms);
        if (d.isEmpty()) {
            throw new MappingFailure(dbms.failureDetail());
        }
        String t = table.constant() != null ? rawTable : NameNormalizer.normalize(rawTable);
        if (t.isEmpty()) {
            throw new MappingFailure(table.failureDetail());
        }
        BufferKey key = BufferKey.of(d, t);
        String tooLong = FileNameLimit.problem(key);
        if (tooLong != null) {
            throw new MappingFailure(tooLong);
        }
        lastKey = new KeyCache(rawDbms, rawTable, key);
        return key;
    }

    /** The last resolved key; raw names differ per message only when they come from the message. */
    private record KeyCache(String rawDbms, String rawTable, BufferKey key) {
    }
}
