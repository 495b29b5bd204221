package io.edgepublisher.publisher.route;

/** The publisher stops: an attempt that had not started its transfer ends; the file stays queued on disk (§9). */
public final class PublisherStoppedException extends RuntimeException {
    public PublisherStoppedException(String message) {
        super(message, null, false, false);
    }
}
