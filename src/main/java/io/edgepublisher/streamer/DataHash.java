package io.edgepublisher.streamer;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The network-wide identity of a data file (INTAKE.md §7.2): md5 of the ASCII text {@code <dbms>.<table>} followed by
 * the file's (uncompressed) bytes, as 32 lower-case hex digits.
 */
public final class DataHash {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private DataHash() {
    }

    public static String md5(String dbms, String table, byte[] content) {
        return md5(dbms, table, content, 0, content.length);
    }

    public static String md5(String dbms, String table, byte[] content, int off, int len) {
        MessageDigest md = start(dbms, table);
        md.update(content, off, len);
        return hex(md.digest());
    }

    /** Hash of a file on disk, streamed; {@code gz} files are hashed over their decompressed bytes. */
    public static String md5(String dbms, String table, Path file, boolean gz) throws IOException {
        MessageDigest md = start(dbms, table);
        try (InputStream raw = Files.newInputStream(file);
                InputStream in = gz ? new GZIPInputStream(raw, 65536) : raw) {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (ZipException | EOFException e) {
            if (!gz) {
                throw e;
            }
            throw new CommandException(ErrorCode.DECOMPRESSION, "File '" + file.getFileName() + "': " + e.getMessage(), e);
        }
        return hex(md.digest());
    }

    /**
     * An md5 already fed with {@code <dbms>.<table>}: update it with the file's bytes as they are produced, and
     * {@link #hex} its digest.
     */
    public static MessageDigest start(String dbms, String table) {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every Java platform", e);
        }
        md.update(dbms.getBytes(StandardCharsets.US_ASCII));
        md.update((byte) '.');
        md.update(table.getBytes(StandardCharsets.US_ASCII));
        return md;
    }

    public static String hex(byte[] digest) {
        char[] out = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[digest[i] & 0xf];
        }
        return new String(out);
    }
}
