package io.edgepublisher.streamer;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The thresholds set by {@code set buffer threshold} (INTAKE.md §5.2): global values, per-dbms entries and per-table
 * entries. A buffer takes the table entry, else the dbms entry, else the global values — looked up once, when the
 * buffer opens. Thread-safe.
 */
public final class ThresholdTable {
    private Thresholds global = Thresholds.ENGINE_DEFAULTS;
    private final Map<String, Thresholds> scoped = new TreeMap<>(); // "dbms" or "dbms.table"

    /**
     * Applies one {@code set buffer threshold} call. {@code dbms}/{@code table} select the scope (aliases resolved
     * by the caller); {@code timeSeconds}/{@code volumeBytes} are null when not given. A partial call keeps the other
     * value (a new scoped entry starts from the global values). Both given as 0: a scoped entry is removed, the global
     * values return to the engine defaults.
     *
     * @throws CommandException 2 when a table is given without a dbms
     */
    public synchronized void set(String dbms, String table, Long timeSeconds, Long volumeBytes) {
        boolean reset = timeSeconds != null && volumeBytes != null && timeSeconds == 0 && volumeBytes == 0;
        if (dbms == null) {
            if (table != null) {
                throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "A table threshold needs the dbms name");
            }
            global = reset ? Thresholds.ENGINE_DEFAULTS : merge(global, timeSeconds, volumeBytes);
            return;
        }
        String scope = scope(dbms, table);
        if (reset) {
            scoped.remove(scope);
        } else {
            scoped.put(scope, merge(scoped.getOrDefault(scope, global), timeSeconds, volumeBytes));
        }
    }

    /** The thresholds for a buffer of {@code dbms.table}. */
    public synchronized Thresholds lookup(String dbms, String table) {
        Thresholds t = scoped.get(scope(dbms, table));
        if (t == null) {
            t = scoped.get(scope(dbms, null));
        }
        return t != null ? t : global;
    }

    public synchronized Thresholds global() {
        return global;
    }

    /** The scoped entries, keyed {@code dbms} or {@code dbms.table}, sorted (for {@code get streaming config}). */
    public synchronized Map<String, Thresholds> scoped() {
        return new TreeMap<>(scoped);
    }

    private static Thresholds merge(Thresholds base, Long time, Long volume) {
        return new Thresholds(time != null ? time : base.timeSeconds(), volume != null ? volume : base.volumeBytes());
    }

    private static String scope(String dbms, String table) {
        String d = dbms.toLowerCase(Locale.ROOT);
        return table == null ? d : d + '.' + table.toLowerCase(Locale.ROOT);
    }
}
