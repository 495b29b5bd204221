package io.edgepublisher.wire;

/**
 * This node's TCP server addresses and the rules that pick one of them per destination.
 *
 * <p>§9.3: a peer in a private or local range is told our internal address, anyone else our external one; a node
 * without an external address always uses the internal one. §9.4: a peer that shares our external IP (another node
 * behind the same public address) is reached through our internal IP instead, because hairpin NAT often fails.
 *
 * @param internal the address the TCP server listens on inside the local network
 * @param external the public address, or null when the node has none
 */
public record SourceAddress(PeerAddress internal, PeerAddress external) {

    public SourceAddress {
        if (internal == null) {
            throw new IllegalArgumentException("internal address is required");
        }
    }

    /** A node with only an internal address. */
    public static SourceAddress internalOnly(PeerAddress internal) {
        return new SourceAddress(internal, null);
    }

    /** The address to write into the source fields of a message to {@code destIp} (PROTOCOL.md §9.3). */
    public PeerAddress choose(String destIp) {
        return choose(destIp, internal, external);
    }

    /** PROTOCOL.md §9.3 for explicit pairs; {@code external} may be null. */
    public static PeerAddress choose(String destIp, PeerAddress internal, PeerAddress external) {
        if (external == null || isPrivateOrLocal(destIp)) {
            return internal;
        }
        return external;
    }

    /** Where to open the connection for {@code destination} (PROTOCOL.md §9.4). */
    public PeerAddress connectAddress(PeerAddress destination) {
        if (external != null && external.ip().equals(destination.ip())) {
            return new PeerAddress(internal.ip(), destination.port());
        }
        return destination;
    }

    /** The IP that names this node in large-message file names: the external one, else the internal one. */
    public String nameIp() {
        return external != null ? external.ip() : internal.ip();
    }

    /**
     * True for dotted-quad IPv4 text in 10/8, 172.16/12, 192.168/16, 127/8 or 100.64/10. Anything else (host names,
     * IPv6, malformed text) counts as public; no name is ever resolved here, so the check never blocks.
     */
    public static boolean isPrivateOrLocal(String ip) {
        int[] q = parseIpv4(ip);
        if (q == null) {
            return false;
        }
        return q[0] == 10
                || q[0] == 127
                || (q[0] == 172 && q[1] >= 16 && q[1] <= 31)
                || (q[0] == 192 && q[1] == 168)
                || (q[0] == 100 && q[1] >= 64 && q[1] <= 127);
    }

    private static int[] parseIpv4(String ip) {
        if (ip == null) {
            return null;
        }
        int[] q = new int[4];
        int part = 0;
        int digits = 0;
        int value = 0;
        for (int i = 0; i < ip.length(); i++) {
            char c = ip.charAt(i);
            if (c == '.') {
                if (digits == 0 || part == 3) {
                    return null;
                }
                q[part++] = value;
                digits = 0;
                value = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
            } else {
                return null;
            }
        }
        if (digits == 0 || part != 3) {
            return null;
        }
        q[3] = value;
        for (int v : q) {
            if (v > 255) {
                return null;
            }
        }
        return q;
    }
}
