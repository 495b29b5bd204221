package io.edgepublisher.publisher.tsdinfo;

import io.edgepublisher.publisher.PublisherHeaders;
import io.edgepublisher.store.TsdInfoWriter;
import io.edgepublisher.store.TsdRow;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultAsyncProducer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code tsdinfo:<statement>}: the publisher's {@code almgm.tsd_info} statements (PUBLISHER.md §6.2) as route steps,
 * written by the run's group-committing {@link TsdInfoWriter}. A step completes its exchange only once the statement
 * is committed, without holding a thread meanwhile, so the route never acts on a state that is not durable. The
 * exchange continues where the writer completes the transaction's statements (the run's worker, one task for all the
 * statements of a transaction), not with a thread hand-off of its own.
 *
 * <p>Statements, from the headers of {@link PublisherHeaders}:
 * <ul>
 *   <li>{@code register}: first sight (§3.4), inserts the row ({@code pending}/{@code queued}) unless the hash has one;
 *       the stored row's status1/status2/file_time come back in the {@code tsdStored*} headers;</li>
 *   <li>{@code sending} ({@code destination}, {@code sending}; {@code auto-assigned to cluster <name>} when the
 *       header {@code autoCluster} is set), {@code sent}, {@code delivered}
 *       ({@code destination}, {@code delivered});</li>
 *   <li>{@code status}: {@code tsdStatus1} (absent: kept) and {@code tsdStatus2}; nothing when {@code tsdStatus2} is
 *       absent;</li>
 *   <li>{@code error}: a rejected file whose hash is known (inserted, or its status2 updated); nothing without a
 *       hash.</li>
 * </ul>
 *
 * <p>Why not camel-sql or camel-jdbc: they run and commit one statement per exchange. A file needs four or five
 * statements; at 4,000 files/s that is 16,000–20,000 commits/s, where PostgreSQL on this class of machine flushes its
 * WAL a few thousand times a second and SQLite in WAL mode syncs on every commit. The writer groups the statements
 * that are waiting into one transaction (typically hundreds), and each exchange still continues only after its own
 * statement is committed.
 */
public final class TsdInfoComponent extends DefaultComponent {
    public static final String SCHEME = "tsdinfo";

    private final Supplier<TsdInfoWriter> writer;

    /** @param writer the current run's writer (null when the publisher does not run: the step fails) */
    public TsdInfoComponent(Supplier<TsdInfoWriter> writer) {
        this.writer = writer;
    }

    enum Statement { REGISTER, SENDING, SENT, DELIVERED, STATUS, ERROR }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        Statement s;
        try {
            s = Statement.valueOf(remaining.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown tsd_info statement '" + remaining
                + "': use register, sending, sent, delivered, status or error");
        }
        return new TsdInfoEndpoint(uri, this, s);
    }

    static final class TsdInfoEndpoint extends DefaultEndpoint {
        private final Statement statement;

        TsdInfoEndpoint(String uri, TsdInfoComponent component, Statement statement) {
            super(uri, component);
            this.statement = statement;
        }

        @Override
        public Producer createProducer() {
            return new TsdInfoProducer(this, (TsdInfoComponent) getComponent(), statement);
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            throw new UnsupportedOperationException("tsdinfo: is a producer only");
        }
    }

    static final class TsdInfoProducer extends DefaultAsyncProducer {
        private final TsdInfoComponent component;
        private final Statement statement;

        TsdInfoProducer(Endpoint endpoint, TsdInfoComponent component, Statement statement) {
            super(endpoint);
            this.component = component;
            this.statement = statement;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            TsdInfoWriter w = component.writer.get();
            if (w == null) {
                exchange.setException(new TsdInfoException("the publisher is not running"));
                callback.done(true);
                return true;
            }
            Message m = exchange.getMessage();
            String hash = m.getHeader(PublisherHeaders.HASH, String.class);
            CompletableFuture<?> done = switch (statement) {
                case REGISTER -> w.register(row(m, "pending", "queued"));
                case SENDING -> w.update(hash, m.getHeader(PublisherHeaders.DESTINATION, String.class),
                    sendingStatus(m.getHeader(PublisherHeaders.AUTO_CLUSTER, String.class)), null);
                case SENT -> w.update(hash, null, "sent", null);
                case DELIVERED -> w.update(hash, m.getHeader(PublisherHeaders.DESTINATION, String.class),
                    "delivered", null);
                case STATUS -> {
                    String s2 = m.getHeader(PublisherHeaders.STATUS2, String.class);
                    yield s2 == null ? null : w.update(hash, m.getHeader(PublisherHeaders.STATUS1, String.class), s2,
                        null);
                }
                case ERROR -> hash == null ? null : w.recordError(row(m,
                    m.getHeader(PublisherHeaders.STATUS1, String.class),
                    m.getHeader(PublisherHeaders.STATUS2, String.class)));
            };
            if (done == null) {
                callback.done(true);
                return true;
            }
            done.whenComplete((result, err) -> {
                if (err != null) {
                    Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                        ? err.getCause() : err;
                    exchange.setException(new TsdInfoException("tsd_info " + statement.name().toLowerCase(
                        java.util.Locale.ROOT) + " of " + hash + " not written: " + cause.getMessage(), cause));
                } else if (result instanceof TsdRow stored) {
                    m.setHeader(PublisherHeaders.STORED_STATUS1, stored.status1());
                    m.setHeader(PublisherHeaders.STORED_STATUS2, stored.status2());
                    m.setHeader(PublisherHeaders.STORED_FILE_TIME, stored.fileTime());
                }
                callback.done(false);
            });
            return false;
        }

        /** {@code sending}, or for a file its table's automatic cluster takes: {@code auto-assigned to cluster <name>}. */
        private static String sendingStatus(String autoCluster) {
            return autoCluster == null ? "sending" : TsdRow.AUTO_ASSIGNED + autoCluster;
        }

        private static TsdRow row(Message m, String status1, String status2) {
            Integer rows = m.getHeader(PublisherHeaders.ROWS, Integer.class);
            return new TsdRow(0, m.getHeader(PublisherHeaders.DBMS, String.class),
                m.getHeader(PublisherHeaders.TABLE, String.class), m.getHeader(PublisherHeaders.SOURCE, String.class),
                m.getHeader(PublisherHeaders.HASH, String.class),
                m.getHeader(PublisherHeaders.INSTRUCTIONS, String.class),
                m.getHeader(PublisherHeaders.FILE_TIME, String.class), rows == null ? 0 : rows, status1, status2);
        }
    }
}
