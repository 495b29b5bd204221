package io.edgepublisher.testing;

import java.io.IOException;
import java.net.ServerSocket;

/** Free loopback ports for tests. */
public final class Ports {
    private Ports() {
    }

    public static int free() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
