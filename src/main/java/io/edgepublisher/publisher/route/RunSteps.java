package io.edgepublisher.publisher.route;

import io.edgepublisher.publisher.PublisherRun;
import io.edgepublisher.publisher.queue.QueuedFile;
import java.util.function.Supplier;
import org.apache.camel.Exchange;

/** Shared by the route step beans: the current run and the exchange's queue entry. */
final class RunSteps {
    private RunSteps() {
    }

    static PublisherRun run(Supplier<PublisherRun> runs) {
        PublisherRun r = runs.get();
        if (r == null) {
            throw new PublisherStoppedException("the publisher is not running");
        }
        return r;
    }

    static QueuedFile file(Exchange exchange) {
        QueuedFile f = QueueComponent.file(exchange);
        if (f == null) {
            throw new IllegalStateException("exchange " + exchange.getExchangeId() + " carries no queued file");
        }
        return f;
    }
}
