package io.edgepublisher.ledger.routing;

/**
 * The private and local IPv4 ranges of PROTOCOL.md §9.3: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 127.0.0.0/8 and
 * 100.64.0.0/10 (carrier-grade NAT).
 */
public final class IpRanges {
    private IpRanges() {
    }

    /** True for a dotted IPv4 address in one of the ranges; false for anything else (names, IPv6, garbage). */
    public static boolean isPrivateOrLocal(String ip) {
        int[] o = parseIpv4(ip);
        if (o == null) {
            return false;
        }
        return o[0] == 10 || o[0] == 127
            || (o[0] == 172 && o[1] >= 16 && o[1] <= 31)
            || (o[0] == 192 && o[1] == 168)
            || (o[0] == 100 && o[1] >= 64 && o[1] <= 127);
    }

    /** The four octets of a dotted-decimal IPv4 address, or null. */
    static int[] parseIpv4(String ip) {
        if (ip == null) {
            return null;
        }
        String[] parts = ip.trim().split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] out = new int[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            for (int k = 0; k < p.length(); k++) {
                if (p.charAt(k) < '0' || p.charAt(k) > '9') {
                    return null;
                }
            }
            out[i] = Integer.parseInt(p);
            if (out[i] > 255) {
                return null;
            }
        }
        return out;
    }
}
