package io.edgepublisher.intake.mapping;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.util.List;

/**
 * The outcome of mapping one message: its rows grouped by buffer (usually one batch), or a 124 failure with the
 * detail text of INTAKE.md §3 and the raw message text (for {@code log_error}, §3.8).
 */
public final class MessageResult {
    private final List<RowBatch> batches;
    private final String detail;
    private final String raw;

    private MessageResult(List<RowBatch> batches, String detail, String raw) {
        this.batches = batches;
        this.detail = detail;
        this.raw = raw;
    }

    static MessageResult ok(List<RowBatch> batches) {
        return new MessageResult(batches, null, null);
    }

    static MessageResult failure(String detail, String raw) {
        return new MessageResult(List.of(), detail, raw);
    }

    MessageResult withRaw(String rawText) {
        return new MessageResult(batches, detail, rawText);
    }

    public boolean ok() {
        return detail == null;
    }

    /** Rows per buffer key, in the order the keys first appeared; empty for a failure. */
    public List<RowBatch> batches() {
        return batches;
    }

    public int rows() {
        int n = 0;
        for (RowBatch b : batches) {
            n += b.rows();
        }
        return n;
    }

    /** 0 on success, else 124. */
    public int code() {
        return ok() ? 0 : ErrorCode.MQTT_INFO.code();
    }

    /** The failure detail, null on success. */
    public String detail() {
        return detail;
    }

    /** The message text as received (for the error buffer); null on success. */
    public String rawMessage() {
        return raw;
    }

    /** The failure as an exception (124 with the detail); null on success. */
    public CommandException toException() {
        return ok() ? null : new CommandException(ErrorCode.MQTT_INFO, detail);
    }

    @Override
    public String toString() {
        return ok() ? "ok " + batches : "124 " + detail;
    }
}
