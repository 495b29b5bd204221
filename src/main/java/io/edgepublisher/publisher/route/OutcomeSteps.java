package io.edgepublisher.publisher.route;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.publisher.PublisherHeaders;
import io.edgepublisher.publisher.PublisherRun;
import io.edgepublisher.publisher.delivery.TransferFailedException;
import io.edgepublisher.publisher.naming.IntakeResult;
import io.edgepublisher.publisher.naming.PreparedFile;
import io.edgepublisher.publisher.queue.DeliveryQueue;
import io.edgepublisher.publisher.queue.Outcome;
import io.edgepublisher.publisher.queue.QueuedFile;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps {@code publisherRejected}, {@code publisherNotRouted}, {@code publisherAttemptFailed}, {@code publisherUnexpected}: what the error handlers of the publisher routes do with a failed attempt
 * (PUBLISHER.md §3.3, §4.4, §5.3–5.5). Each method asks the run's queue to decide (pin, cooldown, backoff, retry
 * limit, no-route timeout) and puts the result on the exchange: the {@code tsd_info} status to record
 * ({@code tsdStatus1}/{@code tsdStatus2}, absent when there is none) and {@code next} = {@code error-dir} (with
 * {@code errorCode}, {@code errorText}) when the file goes to the error dir. The file is then back in the queue with
 * its next attempt scheduled: retries are new exchanges, not redeliveries, so a file backing off for minutes holds
 * no exchange.
 */
public final class OutcomeSteps {
    private static final Logger LOG = LoggerFactory.getLogger("io.edgepublisher.publisher");

    private final Supplier<PublisherRun> runs;

    public OutcomeSteps(Supplier<PublisherRun> runs) {
        this.runs = runs;
    }

    /** §3.3: a permanent reject, already moved to the error dir by the intake; its row when its hash is known. */
    public void rejected(Exchange exchange) {
        PublisherRun run = RunSteps.run(runs);
        IntakeResult.Rejected r = exchange.getProperty(IntakeSteps.PREPARED + "Rejected", IntakeResult.Rejected.class);
        run.queue().forget(r.originalName());
        run.queue().forget(r.currentName());
        String where = r.movedTo() == null ? "could not be moved to the error dir" : "moved to " + r.movedTo();
        LOG.warn("File {} rejected with {} ({}): {}; {}", r.originalName(), r.code(), ErrorCode.textOf(r.code()),
            r.text(), where);
        PreparedFile p = r.file();
        run.stats().error(p != null ? p.dbms() : "", p != null ? p.table() : "", null, r.text());
        Message m = exchange.getMessage();
        if (p == null) {
            m.removeHeader(PublisherHeaders.HASH);
            return;
        }
        m.setHeader(PublisherHeaders.FILE_TIME, io.edgepublisher.store.TsdInfoDao.timeText(Instant.now()));
        m.setHeader(PublisherHeaders.STATUS1, "pending");
        m.setHeader(PublisherHeaders.STATUS2, "error " + r.code() + ": " + ErrorCode.textOf(r.code()));
    }

    /** §4.4 / §4.1: no destination now, or every destination in cooldown. */
    public void notRouted(Exchange exchange) {
        Throwable e = caught(exchange);
        DeliveryQueue q = RunSteps.run(runs).queue();
        QueuedFile f = RunSteps.file(exchange);
        if (e instanceof NoRouteException nr) {
            put(exchange, q.noRoute(f, nr.decision()));
        } else if (e instanceof RouteWaitException w) {
            put(exchange, q.routeWait(f, w.until()));
        } else {
            unexpected(exchange);
        }
    }

    /** §5.3–5.5: a transfer that failed, an echo naming the file, or a destination that cooled down meanwhile. */
    public void attemptFailed(Exchange exchange) {
        Throwable e = caught(exchange);
        DeliveryQueue q = RunSteps.run(runs).queue();
        QueuedFile f = RunSteps.file(exchange);
        if (e instanceof TransferFailedException t) {
            put(exchange, q.transferFailed(f, t.result()));
        } else if (e instanceof EchoFailedException) {
            put(exchange, q.echoFailed(f));
        } else if (e instanceof DestinationCoolingException) {
            put(exchange, q.reroute(f));
        } else {
            unexpected(exchange);
        }
    }

    /** Anything else (a database statement error, a bug): the file is tried again later; nothing is lost. */
    public void unexpected(Exchange exchange) {
        Throwable e = caught(exchange);
        PublisherRun run = runs.get();
        QueuedFile f = QueueComponent.file(exchange);
        if (run == null || f == null || e instanceof PublisherStoppedException) {
            put(exchange, null);
            return;
        }
        put(exchange, run.queue().unexpected(f, e));
    }

    private static Throwable caught(Exchange exchange) {
        Throwable e = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        while (e != null && e.getCause() != null && !(e instanceof TransferFailedException
            || e instanceof EchoFailedException || e instanceof NoRouteException || e instanceof RouteWaitException
            || e instanceof DestinationCoolingException || e instanceof PublisherStoppedException)) {
            e = e.getCause();
        }
        return e;
    }

    private static void put(Exchange exchange, Outcome o) {
        Message m = exchange.getMessage();
        m.removeHeader(PublisherHeaders.STATUS1);
        m.removeHeader(PublisherHeaders.STATUS2);
        m.setHeader(PublisherHeaders.NEXT, PublisherHeaders.Next.NONE);
        if (o == null) {
            return;
        }
        if (o.status2() != null) {
            m.setHeader(PublisherHeaders.STATUS1, o.status1());
            m.setHeader(PublisherHeaders.STATUS2, o.status2());
        }
        if (o.errorDir()) {
            m.setHeader(PublisherHeaders.NEXT, PublisherHeaders.Next.ERROR_DIR);
            m.setHeader(PublisherHeaders.ERROR_CODE, o.code());
            m.setHeader(PublisherHeaders.ERROR_TEXT, o.text());
        }
    }
}
