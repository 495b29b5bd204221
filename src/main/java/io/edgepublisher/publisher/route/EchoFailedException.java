package io.edgepublisher.publisher.route;

/** An operator's echo named the file during its transfer or {@code ack_wait} (PUBLISHER.md §5.4). */
public final class EchoFailedException extends RuntimeException {
    public EchoFailedException(String message) {
        super(message, null, false, false);
    }
}
