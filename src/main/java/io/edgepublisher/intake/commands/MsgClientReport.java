package io.edgepublisher.intake.commands;

import io.edgepublisher.format.TableFormatter;
import io.edgepublisher.intake.client.ClientStats;
import io.edgepublisher.intake.client.ClientTopic;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.intake.mapping.ColumnSpec;
import io.edgepublisher.intake.mapping.TopicSpec;
import io.edgepublisher.json.PyJson;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code get msg client} layout (our design, COMMANDS.md §4.26): per client a one-row table with header
 * {@code Message Client <id>} (broker, connection, counters, last message and error), then its topics, one row each
 * (QoS, dbms, table, column mappings, messages). Times are UTC {@code YYYY-MM-DD HH:MM:SS}.
 */
final class MsgClientReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);
    static final List<String> CLIENT_TITLES = List.of("Broker", "Connection", "User-Agent", "Messages", "Success",
            "Errors", "Duplicates", "Last message time", "Last error time", "Last Error");
    static final List<String> TOPIC_TITLES = List.of("Topic", "QoS", "DBMS", "Table", "Columns", "Messages", "Errors");

    private MsgClientReport() {
    }

    static String table(List<MsgClient> clients, long nowMs) {
        StringBuilder sb = new StringBuilder();
        for (MsgClient c : clients) {
            ClientStats s = c.stats();
            sb.append(TableFormatter.of(CLIENT_TITLES).withHeader("Message Client " + c.id()).format(List.of(List.of(
                    c.brokerLabel(), c.connection(), c.userAgent() == null ? "" : c.userAgent(), s.received(),
                    s.mapped(), s.errors(), s.duplicates(), time(s.lastMessageMs()), time(s.lastErrorMs()),
                    s.lastError()))));
            List<List<Object>> rows = new ArrayList<>();
            for (ClientTopic t : c.topics()) {
                TopicSpec spec = t.mapping().spec();
                rows.add(List.of(spec.name(), (long) spec.qos(), spec.dbms(), spec.table(), columns(spec),
                        t.stats().received(), t.stats().errors()));
            }
            sb.append(TableFormatter.of(TOPIC_TITLES).format(rows));
        }
        return sb.toString();
    }

    static String json(List<MsgClient> clients) {
        List<Object> out = new ArrayList<>();
        for (MsgClient c : clients) {
            ClientStats s = c.stats();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", (long) c.id());
            m.put("broker", c.brokerLabel());
            m.put("connection", c.connection());
            m.put("user_agent", c.userAgent());
            m.put("messages", s.received());
            m.put("success", s.mapped());
            m.put("errors", s.errors());
            m.put("duplicates", s.duplicates());
            m.put("last_message_time", time(s.lastMessageMs()));
            m.put("last_error_time", time(s.lastErrorMs()));
            m.put("last_error", s.lastError());
            List<Object> topics = new ArrayList<>();
            for (ClientTopic t : c.topics()) {
                TopicSpec spec = t.mapping().spec();
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("topic", spec.name());
                tm.put("qos", (long) spec.qos());
                tm.put("dbms", spec.dbms());
                tm.put("table", spec.table());
                List<Object> cols = new ArrayList<>();
                for (ColumnSpec col : spec.columns()) {
                    Map<String, Object> cm = new LinkedHashMap<>();
                    cm.put("name", col.name());
                    cm.put("type", col.type());
                    cm.put("value", col.value());
                    cm.put("optional", col.optional());
                    cols.add(cm);
                }
                tm.put("columns", cols);
                tm.put("messages", t.stats().received());
                tm.put("errors", t.stats().errors());
                topics.add(tm);
            }
            m.put("topics", topics);
            out.add(m);
        }
        return PyJson.dumps(out);
    }

    /** {@code name:type = value}, comma separated; {@code (optional)} marks optional columns. */
    static String columns(TopicSpec spec) {
        StringBuilder sb = new StringBuilder();
        for (ColumnSpec c : spec.columns()) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(c.name()).append(':').append(c.type()).append(" = ").append(c.value());
            if (c.optional()) {
                sb.append(" (optional)");
            }
        }
        return sb.toString();
    }

    private static String time(long ms) {
        return ms == 0 ? "" : TIME.format(Instant.ofEpochMilli(ms));
    }
}
