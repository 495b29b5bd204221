package io.edgepublisher.intake.mapping;

import io.edgepublisher.streamer.BufferKey;

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
        return BufferKey.error("err_" + NameNormalizer.normalize(broker), t.isEmpty() ? "0" : t);
    }

    /** The raw message as one line: line breaks become spaces, so one message stays one line. */
    public static String line(String rawMessage) {
        if (rawMessage.indexOf('\n') < 0 && rawMessage.indexOf('\r') < 0) {
            return rawMessage;
        }
        return rawMessage.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ');
    }
}
