package io.edgepublisher.streamer.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Journal record encoding (INTAKE.md §6.2): 4-byte big-endian payload length, 4-byte big-endian CRC-32C of the
 * payload, the payload.
 */
public final class RecordCodec {
    /** Bytes before the payload. */
    public static final int OVERHEAD = 8;

    private RecordCodec() {
    }

    /** Writes the record for {@code payload[off, off+len)} at {@code dst[at]}; returns the position after it. */
    static int encode(byte[] dst, int at, byte[] payload, int off, int len) {
        CRC32C crc = new CRC32C();
        crc.update(payload, off, len);
        putInt(dst, at, len);
        putInt(dst, at + 4, (int) crc.getValue());
        System.arraycopy(payload, off, dst, at + OVERHEAD, len);
        return at + OVERHEAD + len;
    }

    /** One record: an encoded byte array. */
    public static byte[] encode(byte[] payload) {
        byte[] out = new byte[OVERHEAD + payload.length];
        encode(out, 0, payload, 0, payload.length);
        return out;
    }

    /** The complete, CRC-valid records from the start of {@code data} up to the first torn or corrupt one. */
    public static Decoded decode(byte[] data, int length) {
        List<int[]> ranges = new ArrayList<>();
        int at = 0;
        CRC32C crc = new CRC32C();
        while (length - at >= OVERHEAD) {
            int len = getInt(data, at);
            if (len < 0 || len > length - at - OVERHEAD) {
                break;
            }
            crc.reset();
            crc.update(data, at + OVERHEAD, len);
            if ((int) crc.getValue() != getInt(data, at + 4)) {
                break;
            }
            ranges.add(new int[] {at + OVERHEAD, len});
            at += OVERHEAD + len;
        }
        return new Decoded(ranges, at);
    }

    /**
     * @param payloads {offset, length} of each valid payload
     * @param validLength bytes covered by the valid records; the rest is a torn or corrupt tail
     */
    public record Decoded(List<int[]> payloads, int validLength) {
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    private static int getInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
