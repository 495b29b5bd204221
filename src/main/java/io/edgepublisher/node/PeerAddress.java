package io.edgepublisher.node;

/**
 * The TCP server's address pairs, registered by the running TCP server. Replies and {@code get status} use them;
 * the external pair is what peers outside the local network see.
 */
public record PeerAddress(String externalIp, int externalPort, String internalIp, int internalPort) {
    public String external() {
        return externalIp + ":" + externalPort;
    }

    public String internal() {
        return internalIp + ":" + internalPort;
    }
}
