package io.edgepublisher.publisher.route;

import io.edgepublisher.publisher.PublisherHeaders;
import io.edgepublisher.publisher.PublisherRun;
import io.edgepublisher.publisher.naming.PreparedFile;
import io.edgepublisher.publisher.queue.DeliveryQueue;
import io.edgepublisher.publisher.queue.QueuedFile;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The steps (processors {@code publisherAdmit}, {@code publisherSent}, …) of a file's journey that change its state in the run's
 * {@link DeliveryQueue}. A step that finds its exchange stale (the file moved on, the publisher stops) ends the
 * exchange; an operator's echo found at a step fails it with {@link EchoFailedException}.
 */
public final class QueueSteps {
    private final Supplier<PublisherRun> runs;

    public QueueSteps(Supplier<PublisherRun> runs) {
        this.runs = runs;
    }

    private DeliveryQueue queue() {
        return RunSteps.run(runs).queue();
    }

    /** Takes the file into the queue (§3.4); ends the exchange when it is queued already. */
    public void admit(Exchange exchange) {
        DeliveryQueue q = queue();
        QueuedFile f = q.admit(exchange.getProperty(IntakeSteps.PREPARED, PreparedFile.class));
        if (f == null) {
            exchange.setRouteStop(true);
            return;
        }
        exchange.setProperty(QueueComponent.FILE, f);
        exchange.getMessage().setHeader(PublisherHeaders.FILE_TIME, q.fileTimeText(f));
    }

    /**
     * The row is registered: a file delivered before goes on to disposal (header {@code next} = dispose); any other
     * waits in the queue for its delivery attempt, and this exchange ends.
     */
    public void registered(Exchange exchange) {
        Message m = exchange.getMessage();
        DeliveryQueue.Registered r = queue().registered(RunSteps.file(exchange),
            m.getHeader(PublisherHeaders.STORED_STATUS1, String.class),
            m.getHeader(PublisherHeaders.STORED_STATUS2, String.class),
            m.getHeader(PublisherHeaders.STORED_FILE_TIME, String.class));
        if (r == DeliveryQueue.Registered.DELIVERED) {
            m.setHeader(PublisherHeaders.NEXT, PublisherHeaders.Next.DISPOSE);
            m.setHeader(PublisherHeaders.DESTINATION, m.getHeader(PublisherHeaders.STORED_STATUS1));
        } else {
            exchange.setRouteStop(true);
        }
    }

    /** The registration statement failed: the file leaves the queue and is taken again by a later scan. */
    public void registrationFailed(Exchange exchange) {
        QueuedFile f = QueueComponent.file(exchange);
        PublisherRun run = runs.get();
        if (run == null) {
            return;
        }
        if (f != null) {
            run.queue().registrationFailed(f);
        } else {
            run.queue().forget(exchange.getMessage().getHeader(PublisherHeaders.FILE_NAME, String.class));
        }
        org.slf4j.LoggerFactory.getLogger("io.edgepublisher.publisher").error(
            "tsd_info registration of {} failed ({}); the next scan takes it again",
            exchange.getMessage().getHeader(PublisherHeaders.FILE_NAME),
            exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
    }

    /** All frames were sent and the operator closed (§5.4 items 1–2): its table and transfer slot are free. */
    public void sent(Exchange exchange) {
        check(exchange, queue().sent(RunSteps.file(exchange)));
    }

    /** {@code sent} is committed: the {@code ack_wait} window opens and this exchange ends (§5.4 item 3). */
    public void awaitAck(Exchange exchange) {
        check(exchange, queue().awaitAck(RunSteps.file(exchange)));
    }

    /** The {@code ack_wait} window ended: the file is accepted unless an operator's echo named it. */
    public void accepting(Exchange exchange) {
        check(exchange, queue().accepting(RunSteps.file(exchange)));
    }

    /** {@code delivered} is committed: counted (§10); disposal follows. */
    public void accepted(Exchange exchange) {
        QueuedFile f = RunSteps.file(exchange);
        DeliveryQueue.Step step = queue().accepted(f);
        if (step == DeliveryQueue.Step.OK && f.autoCluster() != null) {
            RunSteps.run(runs).router().autoDelivered(f.file().dbms(), f.file().table());
        }
        check(exchange, step);
    }

    /** §7 done: the file leaves the queue. */
    public void disposed(Exchange exchange) {
        QueuedFile f = QueueComponent.file(exchange);
        if (f != null) {
            queue().disposed(f, exchange.getMessage().getHeader(PublisherHeaders.KEPT, Path.class));
        }
    }

    /** §7.1: the file stays in the watch dir with its {@code delivered} row; a later scan retries. */
    public void dispositionFailed(Exchange exchange) {
        QueuedFile f = QueueComponent.file(exchange);
        PublisherRun run = runs.get();
        if (f != null && run != null) {
            run.queue().dispositionFailed(f, exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class));
        }
    }

    private static void check(Exchange exchange, DeliveryQueue.Step step) {
        switch (step) {
            case ECHOED -> throw new EchoFailedException("an operator's echo named "
                + exchange.getMessage().getHeader(PublisherHeaders.FILE_NAME));
            case STALE -> exchange.setRouteStop(true);
            default -> {
            }
        }
    }
}
