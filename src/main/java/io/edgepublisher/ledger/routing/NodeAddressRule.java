package io.edgepublisher.ledger.routing;

import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;

/**
 * The address to use for a node policy (LEDGER.md §6.4), also the rule of {@code bring.ip_port}. It depends on this
 * node's external and internal IPs: a peer behind our own public address is reached on its local address.
 * Immutable.
 */
public final class NodeAddressRule {
    private final String externalIp;
    private final String internalIp;

    /**
     * @param externalIp this node's external IP ({@code !external_ip}); null when it has none
     * @param internalIp this node's own IP ({@code !ip}); null when unknown
     */
    public NodeAddressRule(String externalIp, String internalIp) {
        this.externalIp = blankToNull(externalIp);
        this.internalIp = blankToNull(internalIp);
    }

    /**
     * {@code ip:port} for the policy's attributes, or empty when it has no usable address (no {@code ip}, no valid
     * {@code port}).
     */
    public Optional<String> address(Map<String, Object> attributes) {
        Integer port = port(attributes.get("port"));
        Object ipValue = attributes.get("ip");
        if (port == null || !(ipValue instanceof String) || ((String) ipValue).isBlank()) {
            return Optional.empty();
        }
        String ip = ((String) ipValue).trim();
        if (IpRanges.isPrivateOrLocal(ip) || externalIp == null || !ip.equals(externalIp)) {
            return Optional.of(ip + ":" + port);
        }
        // Both behind the same public address: use the peer's local address.
        Object localIp = attributes.get("local_ip");
        String host = localIp instanceof String && !((String) localIp).isBlank() ? ((String) localIp).trim()
            : internalIp != null ? internalIp : ip;
        Integer localPort = port(attributes.get("local_port"));
        return Optional.of(host + ":" + (localPort != null ? localPort : port));
    }

    /** A port from an int attribute or a decimal string; null unless 1–65535. */
    static Integer port(Object value) {
        long p;
        if (value instanceof Long || value instanceof Integer) {
            p = ((Number) value).longValue();
        } else if (value instanceof BigInteger) {
            return null;
        } else if (value instanceof String && ((String) value).trim().matches("[0-9]{1,5}")) {
            p = Long.parseLong(((String) value).trim());
        } else {
            return null;
        }
        return p >= 1 && p <= 65535 ? (int) p : null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
