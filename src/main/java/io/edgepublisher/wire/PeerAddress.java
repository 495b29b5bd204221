package io.edgepublisher.wire;

/**
 * A node's TCP server address as written in frame headers and policies: an IP (or host) text and a port.
 *
 * @param ip   IPv4 text such as {@code 10.0.0.5}; at most 128 ASCII characters because it travels in the header
 * @param port 0–65535
 */
public record PeerAddress(String ip, int port) {

    public PeerAddress {
        if (ip == null || ip.isEmpty()) {
            throw new IllegalArgumentException("peer IP is empty");
        }
        if (ip.length() > FrameLayout.MAX_SOURCE_IP_LENGTH) {
            throw new IllegalArgumentException("peer IP longer than 128 characters: " + ip);
        }
        for (int i = 0; i < ip.length(); i++) {
            char c = ip.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                throw new IllegalArgumentException("peer IP must be printable ASCII without spaces: " + ip);
            }
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range 0..65535: " + port);
        }
    }

    /** Parses {@code ip:port} (the last colon separates the port). */
    public static PeerAddress parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("expected ip:port, got: " + text);
        }
        try {
            return new PeerAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected ip:port with a numeric port, got: " + text, e);
        }
    }

    @Override
    public String toString() {
        return ip + ":" + port;
    }
}
