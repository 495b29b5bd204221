package io.edgepublisher.config;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;

/**
 * Local facts about the host, found without contacting anybody (CONFIG.md §5.1): no "what is my IP" service, no
 * geolocation. A connected UDP socket sends nothing; it only asks the OS which source address it would use.
 */
public final class NetworkInfo {
    private NetworkInfo() {
    }

    public static String discoverLocalIp() {
        try (DatagramSocket s = new DatagramSocket()) {
            s.connect(new InetSocketAddress(InetAddress.getByAddress(new byte[] {8, 8, 8, 8}), 53));
            InetAddress a = s.getLocalAddress();
            if (a instanceof Inet4Address && !a.isAnyLocalAddress()) {
                return a.getHostAddress();
            }
        } catch (IOException | RuntimeException e) {
            // No route to a public address (e.g. a namespace with only lo): fall back to loopback.
        }
        return "127.0.0.1";
    }

    /** The first IPv4 address of a named interface, or null when it does not exist or has none. */
    public static String interfaceIp(String name) {
        try {
            NetworkInterface nic = NetworkInterface.getByName(name);
            if (nic == null) {
                return null;
            }
            Enumeration<InetAddress> addrs = nic.getInetAddresses();
            while (addrs.hasMoreElements()) {
                InetAddress a = addrs.nextElement();
                if (a instanceof Inet4Address) {
                    return a.getHostAddress();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }

    /** The OS host name; reads the kernel's value first because {@code getLocalHost} may wait on DNS. */
    public static String hostname() {
        try {
            Path p = Path.of("/proc/sys/kernel/hostname");
            if (Files.isReadable(p)) {
                String h = Files.readString(p, StandardCharsets.US_ASCII).trim();
                if (!h.isEmpty()) {
                    return h;
                }
            }
        } catch (IOException e) {
            // fall through
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return null;
        }
    }
}
