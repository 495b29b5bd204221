package io.edgepublisher.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** HTTP Basic credentials (REST.md §8.1), compared in constant time. */
public final class BasicAuth {
    private final byte[] expected;

    public BasicAuth(String user, String password) {
        this.expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
    }

    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, expected);
    }

    public static RestResponse challenge() {
        return new RestResponse(401, "Failed AnyLog Client Authentication", "text",
            "Failed AnyLog Client Authentication".getBytes(StandardCharsets.UTF_8))
            .header("WWW-Authenticate", "Basic realm=\"AnyLog\"");
    }
}
