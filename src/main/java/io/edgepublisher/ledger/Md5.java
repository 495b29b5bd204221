package io.edgepublisher.ledger;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** md5 as 32 lower-case hex digits (policy ids, ledger file hashes). */
public final class Md5 {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Md5() {
    }

    /** The md5 of the bytes as 32 lower-case hex digits. */
    public static String hex(byte[] data) {
        return toHex(digest().digest(data));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
    }

    static String toHex(byte[] digest) {
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }
}
