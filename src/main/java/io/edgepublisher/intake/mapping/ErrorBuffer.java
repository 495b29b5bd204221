package io.edgepublisher.intake.mapping;

import io.edgepublisher.streamer.BufferKey;
import io.edgepublisher.streamer.FileNameLimit;

/**
 * The {@code log_error} buffer of a message client (INTAKE.md §3.8): dbms {@code err_<broker>} and table
 * {@code <topic>}, both normalised (§3.4); flushed into the error dir. Each failed message is one line.
 */
public final class ErrorBuffer {
    private ErrorBuffer() {
    }

    /**
     * @param broker the client's broker: a host name or IP, {@code local} or {@code rest}
     * @param topic the topic the message arrived on
     */
    public static BufferKey key(String broker, String topic) {
        String t = NameNormalizer.normalize(topic);
        String d = "err_" + NameNormalizer.normalize(broker);
        BufferKey key = BufferKey.error(d, t.isEmpty() ? "0" : t);
        int over = FileNameLimit.dataNameBytes(key) - FileNameLimit.MAX_DATA_NAME;
        if (over <= 0) {
            return key;
        }
        // A long topic (MQTT allows 64 KB) would give a file name no file system accepts and failed messages that
        // could never be kept: shorten the names, ending them with a digest of the full ones so they stay distinct.
        String digest = Integer.toHexString((d + "/" + t).hashCode() & 0x7fffffff);
        int tableRoom = Math.max(8, t.length() - over - digest.length() - 1);
        String shortTable = t.substring(0, Math.min(t.length(), tableRoom)) + "_" + digest;
        key = BufferKey.error(d, shortTable);
        over = FileNameLimit.dataNameBytes(key) - FileNameLimit.MAX_DATA_NAME;
        if (over > 0) {
            String shortDbms = d.substring(0, Math.max(8, d.length() - over - digest.length() - 1)) + "_" + digest;
            key = BufferKey.error(shortDbms, shortTable);
        }
        return key;
    }

    /** The raw message as one line: line breaks become spaces, so one message stays one line. */
    public static String line(String rawMessage) {
        if (rawMessage.indexOf('\n') < 0 && rawMessage.indexOf('\r') < 0) {
            return rawMessage;
        }
        return rawMessage.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
