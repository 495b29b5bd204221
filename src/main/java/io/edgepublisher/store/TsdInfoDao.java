package io.edgepublisher.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The publisher's statements on {@code almgm.tsd_info} (PUBLISHER.md §6.2), on SQLite and PostgreSQL. Every value is a
 * bound parameter. The methods work on a caller's connection so that {@link TsdInfoWriter} can group statements of
 * several files into one transaction; {@code file_time} is bound as a timestamp on PostgreSQL and as the canonical
 * text on SQLite (the column affinity there is text, as EdgeLake writes it).
 */
public final class TsdInfoDao {
    /** Longest status text stored (§6.2). */
    public static final int MAX_TEXT = 512;
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

    private static final String COLUMNS = "file_id, dbms_name, table_name, source, file_hash, instructions, file_time,"
        + " rows, status1, status2";
    private static final String INSERT = "insert into tsd_info (dbms_name, table_name, source, file_hash,"
        + " instructions, file_time, rows, status1, status2) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    // One statement shape for every status change so that a batch of mixed updates is one JDBC batch.
    private static final String UPDATE = "update tsd_info set status1 = coalesce(?, status1), status2 = ?,"
        + " file_time = coalesce(?, file_time) where file_hash = ?";

    private final Dialect dialect;

    public TsdInfoDao(Dialect dialect) {
        this.dialect = dialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** UTC now as {@code YYYY-MM-DD HH:MM:SS.ffffff}. */
    public static String timeText(Instant t) {
        LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        if (d.getYear() < 1000 || d.getYear() > 9999) {
            return TIME.format(d);
        }
        // what TIME writes, without its formatter's per-field machinery (written for every file the publisher takes)
        StringBuilder b = new StringBuilder(26).append(d.getYear());
        two(b.append('-'), d.getMonthValue());
        two(b.append('-'), d.getDayOfMonth());
        two(b.append(' '), d.getHour());
        two(b.append(':'), d.getMinute());
        two(b.append(':'), d.getSecond());
        String micros = Integer.toString(d.getNano() / 1000);
        b.append('.');
        for (int i = micros.length(); i < 6; i++) {
            b.append('0');
        }
        return b.append(micros).toString();
    }

    private static void two(StringBuilder b, int v) {
        b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }

    public static Instant parseTime(String text) {
        return LocalDateTime.parse(text.length() > 26 ? text.substring(0, 26) : pad(text), TIME)
            .toInstant(ZoneOffset.UTC);
    }

    private static String pad(String t) {
        if (t.length() == 19) {
            return t + ".000000";
        }
        StringBuilder sb = new StringBuilder(t);
        while (sb.length() < 26) {
            sb.append('0');
        }
        return sb.toString();
    }

    public static String clip(String s) {
        return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT);
    }

    /** The rows of these hashes, by hash. */
    public Map<String, TsdRow> find(Connection c, Collection<String> hashes) throws SQLException {
        Map<String, TsdRow> out = new HashMap<>();
        if (hashes.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from tsd_info where file_hash in (");
        for (int i = 0; i < hashes.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        sql.append(')');
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            for (String h : hashes) {
                ps.setString(i++, h);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TsdRow r = row(rs);
                    out.put(r.hash(), r);
                }
            }
        }
        return out;
    }

    /** Every row, in file_id order (tests, {@code get publisher} diagnostics). */
    public List<TsdRow> all(Connection c) throws SQLException {
        List<TsdRow> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from tsd_info order by file_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    public void insert(Connection c, List<TsdRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (TsdRow r : rows) {
                ps.setString(1, r.dbms());
                ps.setString(2, r.table());
                ps.setString(3, r.source());
                ps.setString(4, r.hash());
                ps.setString(5, r.instructions());
                bindTime(ps, 6, r.fileTime());
                ps.setInt(7, r.rows());
                ps.setString(8, clip(r.status1()));
                ps.setString(9, clip(r.status2()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A status change: {@code status1}/{@code fileTime} null keep the stored value. */
    public record Update(String hash, String status1, String status2, String fileTime) {
    }

    public void update(Connection c, List<Update> updates) throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(UPDATE)) {
            for (Update u : updates) {
                if (u.status1() == null) {
                    ps.setNull(1, Types.VARCHAR);
                } else {
                    ps.setString(1, clip(u.status1()));
                }
                ps.setString(2, clip(u.status2()));
                if (u.fileTime() == null) {
                    ps.setNull(3, dialect == Dialect.PSQL ? Types.TIMESTAMP : Types.VARCHAR);
                } else {
                    bindTime(ps, 3, u.fileTime());
                }
                ps.setString(4, u.hash());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void bindTime(PreparedStatement ps, int i, String text) throws SQLException {
        if (dialect == Dialect.PSQL) {
            ps.setTimestamp(i, Timestamp.valueOf(LocalDateTime.parse(text, TIME)));
        } else {
            ps.setString(i, text);
        }
    }

    private TsdRow row(ResultSet rs) throws SQLException {
        String time;
        if (dialect == Dialect.PSQL) {
            Timestamp ts = rs.getTimestamp(7);
            time = ts == null ? null : TIME.format(ts.toLocalDateTime());
        } else {
            time = rs.getString(7);
        }
        return new TsdRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), time, rs.getInt(8), rs.getString(9), rs.getString(10));
    }
}
