package io.edgepublisher.intake.kafka;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Options;
import java.util.Locale;
import java.util.Set;
import org.apache.camel.component.kafka.KafkaConfiguration;

/**
 * How a consumer authenticates to a real cluster: Kafka's {@code security.protocol}, the SASL mechanism with a user and
 * password (PLAIN or SCRAM), and the TLS trust and key stores. The password never appears in a route URI or a report.
 */
public record KafkaSecurity(String protocol, String mechanism, String user, String password, String truststore,
        String truststorePassword, String keystore, String keystorePassword) {

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Set<String> MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");

    static KafkaSecurity parse(Options o) {
        String protocol = o.text("security_protocol", o.has("user") ? "SASL_PLAINTEXT" : "PLAINTEXT")
            .trim().toUpperCase(Locale.ROOT);
        if (!PROTOCOLS.contains(protocol)) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "Wrong value for 'security_protocol' in"
                + " 'run kafka consumer': '" + protocol + "' (use PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL)");
        }
        String mechanism = o.text("sasl_mechanism", "PLAIN").trim().toUpperCase(Locale.ROOT);
        if (!MECHANISMS.contains(mechanism)) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "Wrong value for 'sasl_mechanism' in"
                + " 'run kafka consumer': '" + mechanism + "' (use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)");
        }
        String user = o.text("user", null);
        if (protocol.startsWith("SASL") && (user == null || !o.has("password"))) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                "'run kafka consumer' with " + protocol + " needs user = <name> and password = <password>");
        }
        return new KafkaSecurity(protocol, mechanism, user, o.text("password", null), o.text("truststore", null),
            o.text("truststore_password", null), o.text("keystore", null), o.text("keystore_password", null));
    }

    void applyTo(KafkaConfiguration c) {
        c.setSecurityProtocol(protocol);
        if (protocol.startsWith("SASL")) {
            c.setSaslMechanism(mechanism);
            String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
                : "org.apache.kafka.common.security.scram.ScramLoginModule";
            c.setSaslJaasConfig(module + " required username=\"" + quote(user) + "\" password=\""
                + quote(password) + "\";");
        }
        if (truststore != null) {
            c.setSslTruststoreLocation(truststore);
            c.setSslTruststorePassword(truststorePassword);
        }
        if (keystore != null) {
            c.setSslKeystoreLocation(keystore);
            c.setSslKeystorePassword(keystorePassword);
        }
    }

    private static String quote(String s) {
        return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** What reports show: the protocol, and the user when there is one. */
    public String label() {
        return protocol + (user == null ? "" : " (" + mechanism + " user " + user + ")");
    }
}
