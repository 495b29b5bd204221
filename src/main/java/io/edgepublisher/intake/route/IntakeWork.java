package io.edgepublisher.intake.route;

import java.util.concurrent.CompletableFuture;

/** One received message as it travels through its intake route: running it maps and stores the message. */
@FunctionalInterface
public interface IntakeWork {
    /** Maps and stores; the future completes when the rows are durable and fails when they could not be stored. */
    CompletableFuture<?> run();
}
