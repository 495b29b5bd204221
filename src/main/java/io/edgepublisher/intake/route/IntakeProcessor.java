package io.edgepublisher.intake.route;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * Runs the {@link IntakeWork} in the exchange body and completes the exchange when its rows are durable, without
 * holding the receiving thread during the journal fsync (the next message is mapped meanwhile).
 */
public final class IntakeProcessor extends AsyncProcessorSupport {
    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        IntakeWork w = exchange.getIn().getBody(IntakeWork.class);
        CompletableFuture<?> f;
        try {
            f = w.run();
        } catch (RuntimeException e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
        if (f.isDone()) {
            fail(exchange, f);
            callback.done(true);
            return true;
        }
        f.whenComplete((v, e) -> {
            if (e != null) {
                exchange.setException(unwrap(e));
            }
            callback.done(false);
        });
        return false;
    }

    private static void fail(Exchange exchange, CompletableFuture<?> f) {
        if (f.isCompletedExceptionally()) {
            try {
                f.join();
            } catch (RuntimeException e) {
                exchange.setException(unwrap(e));
            }
        }
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
}
