package io.edgepublisher.intake.broker;

import io.edgepublisher.rest.TlsMaterial;

/**
 * {@code run message broker} options (COMMANDS.md §4.5): the advertised and the listening address, the number of
 * listener threads, optional credentials and optional TLS.
 *
 * @param tls the server certificate (and client CA) when the broker speaks MQTT over TLS, else null
 */
public record BrokerSettings(String externalIp, int externalPort, String internalIp, int internalPort, boolean bind,
        int threads, String user, String password, TlsMaterial tls) {
    /** Largest packet accepted (INTAKE.md §2); announced in the MQTT 5 CONNACK. */
    public static final int MAX_PACKET = 1 << 20;

    public String bindHost() {
        return bind ? internalIp : "0.0.0.0";
    }

    /** {@code Listening on: <ext>[ and <int>], Threads Pool: <n>} (COMMANDS.md §4.5). */
    public String details() {
        String ext = externalIp + ":" + externalPort;
        String in = internalIp + ":" + internalPort;
        return "Listening on: " + ext + (ext.equals(in) ? "" : " and " + in) + ", Threads Pool: " + threads;
    }

    public boolean requiresCredentials() {
        return user != null;
    }
}
