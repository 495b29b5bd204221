package io.edgepublisher.streamer.journal;

/**
 * The optional delivery mark of a journal record (our extension of INTAKE.md §6.2). A message client that must not
 * store a redelivered message twice passes a small opaque mark (which client, which packet, which payload) with the
 * rows; it is written in the <b>same</b> record, so the mark is on disk exactly when the rows are. Encoding of such a
 * payload: byte {@code 0x00} (a row batch never starts with it: rows are JSON objects), the mark length as two bytes
 * big-endian, the mark, then the UTF-8 row text as in an unmarked record.
 */
public final class DeliveryMarks {
    private DeliveryMarks() {
    }

    /** The record payload for {@code text} with {@code mark} (null: the plain text). */
    public static byte[] payload(byte[] text, int len, byte[] mark) {
        if (mark == null) {
            return len == text.length ? text : java.util.Arrays.copyOf(text, len);
        }
        byte[] p = new byte[3 + mark.length + len];
        p[1] = (byte) (mark.length >>> 8);
        p[2] = (byte) mark.length;
        System.arraycopy(mark, 0, p, 3, mark.length);
        System.arraycopy(text, 0, p, 3 + mark.length, len);
        return p;
    }

    /** Bytes before the row text in a payload at {@code data[off]}: 0 for an unmarked record. */
    static int textOffset(byte[] data, int off, int len) {
        if (len < 3 || data[off] != 0) {
            return 0;
        }
        return 3 + (((data[off + 1] & 0xff) << 8) | (data[off + 2] & 0xff));
    }
}
