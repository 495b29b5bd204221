package io.edgepublisher.intake.route;

import java.util.function.Consumer;
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
     * Sends one message through the route. {@code done} receives null when the message's rows are durable (acknowledge
     * it), or the failure (do not acknowledge); it may run on another thread (the journal's commit thread).
     */
    public void submit(IntakeWork work, Consumer<Throwable> done) {
        Exchange ex = createExchange(false);
        ex.getIn().setBody(work);
        getAsyncProcessor().process(ex, doneSync -> {
            Throwable failure = ex.getException();
            releaseExchange(ex, false);
            done.accept(failure);
        });
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
