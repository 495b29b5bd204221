package io.edgepublisher.intake.route;

import java.util.concurrent.CompletableFuture;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;

/** The consumer of an {@code ep-intake:} route: starts its {@link IntakeSource} and feeds the route. */
public final class IntakeConsumer extends DefaultConsumer {
    private final IntakeSource source;

    IntakeConsumer(IntakeEndpoint endpoint, Processor processor, IntakeSource source) {
        super(endpoint, processor);
        this.source = source;
    }

    /**
     * Sends one message through the route. The future completes when the message's rows are durable (acknowledge it),
     * or fails with the reason (do not acknowledge); it may complete on another thread (the journal's commit thread).
     */
    public CompletableFuture<Void> submit(IntakeWork work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Exchange ex = createExchange(false);
        ex.getIn().setBody(work);
        getAsyncProcessor().process(ex, doneSync -> {
            Throwable failure = ex.getException();
            releaseExchange(ex, false);
            if (failure == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(failure);
            }
        });
        return done;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        source.start(this);
    }

    @Override
    protected void doStop() throws Exception {
        source.stop();
        super.doStop();
    }
}
