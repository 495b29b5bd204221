package io.edgepublisher.publisher.tsdinfo;

/** A {@code tsd_info} statement failed while the database answers (outages are waited out by the writer, §6.3). */
public final class TsdInfoException extends RuntimeException {
    public TsdInfoException(String message) {
        super(message);
    }

    public TsdInfoException(String message, Throwable cause) {
        super(message, cause);
    }
}
