package io.edgepublisher.publisher.delivery;

import io.edgepublisher.publisher.naming.PreparedFile;
import io.edgepublisher.wire.TransferResult;

/** Sends one queued file to one operator (PUBLISHER.md §5.1); blocking, never throws for network problems. */
@FunctionalInterface
public interface Transport {
    TransferResult send(String dest, PreparedFile file);
}
