package io.edgepublisher.intake.client;

import java.util.List;
import java.util.function.Supplier;

/**
 * One registered message client ({@code run msg client}, INTAKE.md §3): its number, broker, options, topics and
 * counters. The transport behind it (a paho session, a subscription on this node's broker, or REST POSTs) is
 * attached by the command that created it and detached by {@code exit msg client}.
 */
public final class MsgClient {
    /** Where the messages come from. */
    public enum Kind { EXTERNAL, LOCAL, REST }

    private final int id;
    private final Kind kind;
    private final String host;
    private final int port;
    private final String userAgent;
    private final String user;
    private final boolean log;
    private final boolean logError;
    private final List<ClientTopic> topics;
    private final ClientStats stats = new ClientStats();
    private volatile Supplier<String> connection = () -> "";
    private volatile Runnable stop = () -> { };

    public MsgClient(int id, Kind kind, String host, int port, String userAgent, String user, boolean log,
            boolean logError, List<ClientTopic> topics) {
        this.id = id;
        this.kind = kind;
        this.host = host;
        this.port = port;
        this.userAgent = userAgent;
        this.user = user;
        this.log = log;
        this.logError = logError;
        this.topics = List.copyOf(topics);
    }

    public int id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    /** {@code host:port}, {@code local} or {@code rest}: what {@code get msg client} shows. */
    public String brokerLabel() {
        return kind == Kind.EXTERNAL ? host + ":" + port : kind == Kind.LOCAL ? "local" : "rest";
    }

    /** The broker as it names the error buffer {@code err_<broker>} (INTAKE.md §3.8). */
    public String brokerName() {
        return kind == Kind.EXTERNAL ? host : kind == Kind.LOCAL ? "local" : "rest";
    }

    /** The registry key under which each topic may be subscribed only once. */
    public String brokerKey() {
        return brokerLabel();
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** The User-Agent product this {@code broker = rest} client serves; null for the others. */
    public String userAgent() {
        return userAgent;
    }

    public String user() {
        return user;
    }

    public boolean log() {
        return log;
    }

    public boolean logError() {
        return logError;
    }

    public List<ClientTopic> topics() {
        return topics;
    }

    public ClientStats stats() {
        return stats;
    }

    /** The highest QoS of the topics: a persistent session is used when it is at least 1. */
    public int maxQos() {
        int q = 0;
        for (ClientTopic t : topics) {
            q = Math.max(q, t.qos());
        }
        return q;
    }

    /** The first topic whose filter matches {@code topicName}, or null. */
    public ClientTopic topicFor(String topicName) {
        for (ClientTopic t : topics) {
            if (t.filter().matches(topicName)) {
                return t;
            }
        }
        return null;
    }

    /** The topic declared with exactly this name (REST POST {@code topic} header), or null. */
    public ClientTopic topicNamed(String name) {
        for (ClientTopic t : topics) {
            if (t.mapping().topic().equals(name)) {
                return t;
            }
        }
        return null;
    }

    public String connection() {
        return connection.get();
    }

    public void connection(Supplier<String> state) {
        this.connection = state;
    }

    /** What {@code exit msg client} runs: stops the transport; accepted rows stay in the buffers. */
    public void onStop(Runnable r) {
        this.stop = r;
    }

    void stop() {
        stop.run();
    }
}
