package io.edgepublisher.publisher.route;

/** The claim's destination went into cooldown after it was routed (another file's connection failure): the file is routed again. */
public final class DestinationCoolingException extends RuntimeException {
    public DestinationCoolingException(String message) {
        super(message, null, false, false);
    }
}
