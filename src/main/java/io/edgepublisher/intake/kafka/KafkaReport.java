package io.edgepublisher.intake.kafka;

import io.edgepublisher.format.TableFormatter;
import io.edgepublisher.intake.client.ClientTopic;
import io.edgepublisher.json.PyJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code get kafka consumer} layout (our design): per consumer a one-row table headed {@code Kafka Consumer <n>}
 * (brokers, group, connection, this node's partitions, lag, records, rows, errors, commits, last error), then its
 * topics with their dbms, table and counters.
 */
final class KafkaReport {
    static final List<String> TITLES = List.of("Brokers", "Group", "Reset", "Threads", "Connection", "Partitions",
        "Lag", "Records", "Messages", "Rows", "Errors", "Commits", "Last Error");
    static final List<String> TOPIC_TITLES = List.of("Topic", "DBMS", "Table", "Records", "Errors");

    private KafkaReport() {
    }

    static String table(List<KafkaConsumerHandle> consumers) {
        StringBuilder sb = new StringBuilder();
        for (KafkaConsumerHandle c : consumers) {
            KafkaGroupProbe.Snapshot s = c.snapshot();
            sb.append(TableFormatter.of(TITLES).withHeader("Kafka Consumer " + c.id()).format(List.of(List.of(
                c.options().brokers(), c.options().groupId(), c.options().reset(), (long) c.options().threads(),
                connection(s), s == null ? "" : s.partitionsText(), s == null || s.lag() < 0 ? "" : s.lag(),
                c.records(), c.messages(), c.rows(), c.errors(), c.commits(), c.lastError()))));
            List<List<Object>> rows = new ArrayList<>();
            for (ClientTopic t : c.client().topics()) {
                rows.add(List.of(t.mapping().topic(), t.mapping().spec().dbms(), t.mapping().spec().table(),
                    t.stats().received(), t.stats().errors()));
            }
            sb.append(TableFormatter.of(TOPIC_TITLES).format(rows));
        }
        return sb.toString();
    }

    static String json(List<KafkaConsumerHandle> consumers) {
        List<Object> out = new ArrayList<>();
        for (KafkaConsumerHandle c : consumers) {
            KafkaGroupProbe.Snapshot s = c.snapshot();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", (long) c.id());
            m.put("brokers", c.options().brokers());
            m.put("group", c.options().groupId());
            m.put("reset", c.options().reset());
            m.put("threads", (long) c.options().threads());
            m.put("security", c.options().security().label());
            m.put("connection", connection(s));
            m.put("cluster", s == null ? List.of() : s.brokers());
            m.put("partitions", s == null ? List.of() : List.of(s.partitionsText().isEmpty() ? new String[0]
                : s.partitionsText().split(",")));
            m.put("lag", s == null ? -1L : s.lag());
            m.put("records", c.records());
            m.put("messages", c.messages());
            m.put("rows", c.rows());
            m.put("errors", c.errors());
            m.put("commits", c.commits());
            m.put("skipped", c.skipped());
            m.put("dropped", c.dropped());
            Map<String, Object> atStart = new LinkedHashMap<>(c.journaledAtStart());
            m.put("journaled_at_start", atStart);
            m.put("held", c.held());
            m.put("last_error", c.lastError());
            m.put("last_commit_error", c.lastCommitError());
            List<Object> topics = new ArrayList<>();
            for (ClientTopic t : c.client().topics()) {
                Map<String, Object> tm = new LinkedHashMap<>();
                tm.put("topic", t.mapping().topic());
                tm.put("dbms", t.mapping().spec().dbms());
                tm.put("table", t.mapping().spec().table());
                tm.put("records", t.stats().received());
                tm.put("errors", t.stats().errors());
                topics.add(tm);
            }
            m.put("topics", topics);
            out.add(m);
        }
        return PyJson.dumps(out);
    }

    /** {@code Connected to <n> broker(s)} or why not. */
    static String connection(KafkaGroupProbe.Snapshot s) {
        if (s == null) {
            return "Starting";
        }
        if (!s.connected()) {
            return s.error();
        }
        return "Connected to " + s.brokers().size() + (s.brokers().size() == 1 ? " broker" : " brokers");
    }
}
