package io.edgepublisher.rest;

import java.util.Locale;

/** The User-Agent rules of REST.md §2. */
public final class UserAgent {
    private UserAgent() {
    }

    /** The product part of the effective User-Agent ({@code AnyLog-Agent} first), lower case; "" when absent. */
    public static String product(RestRequest req) {
        String ua = req.header("AnyLog-Agent");
        if (ua == null || ua.isEmpty()) {
            ua = req.header("User-Agent");
        }
        if (ua == null) {
            return "";
        }
        int slash = ua.indexOf('/');
        return (slash < 0 ? ua : ua.substring(0, slash)).trim().toLowerCase(Locale.ROOT);
    }

    public static String raw(RestRequest req) {
        String ua = req.header("AnyLog-Agent");
        if (ua == null || ua.isEmpty()) {
            ua = req.header("User-Agent");
        }
        return ua == null ? "" : ua;
    }

    public static boolean isAnyLogClient(String product) {
        return product.equals("anylog") || product.equals("curl");
    }
}
