package io.edgepublisher.intake.client.mqtt;

/**
 * How a message client connects to an external broker (INTAKE.md §3.2).
 *
 * @param serverUri {@code tcp://host:port}
 * @param clientId MQTT client id: {@code <node name>.<client number>} unless {@code client_id} was given
 * @param user broker user, or null
 * @param password broker password, or null
 * @param persistent clean start false and a session that outlives the connection (any topic with QoS ≥ 1)
 */
public record MqttSessionSettings(String serverUri, String clientId, String user, String password,
        boolean persistent) {
    /** Session expiry of persistent sessions: one week, so a node that is down for a while finds its messages. */
    public static final long SESSION_EXPIRY_SECONDS = 7L * 24 * 3600;
    /** First reconnect delay and its cap (INTAKE.md §3.2: 1 s doubling to 60 s, forever). */
    public static final long RETRY_MIN_MS = 1000;
    public static final long RETRY_MAX_MS = 60_000;

    @Override
    public String toString() {
        return serverUri + " as " + clientId + (persistent ? " (persistent session)" : "");
    }
}
