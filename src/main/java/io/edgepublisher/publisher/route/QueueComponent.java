package io.edgepublisher.publisher.route;

import io.edgepublisher.publisher.PublisherHeaders;
import io.edgepublisher.publisher.PublisherRun;
import io.edgepublisher.publisher.naming.PreparedFile;
import io.edgepublisher.publisher.queue.DeliveryQueue;
import io.edgepublisher.publisher.queue.QueuedFile;
import java.util.Map;
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
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code publisher-queue:<what>}: the current run's {@link DeliveryQueue} as Camel endpoints.
 * <ul>
 *   <li>{@code deliver} (consumer): one exchange per delivery attempt, for each file the queue claims (per-table
 *       order, {@code threads}, claims ahead, backoff and waits are the queue's, §5.6);</li>
 *   <li>{@code accept} (consumer): one exchange per file whose {@code ack_wait} ended, or that an operator's echo
 *       named while it waited (§5.4);</li>
 *   <li>{@code slot} (producer): waits, without holding a thread, until the file may start its transfer (its
 *       table's earlier files started, one of {@code threads} slots is free), then continues on the transfer pool
 *       {@code ep-publisher-send}.</li>
 * </ul>
 * Exchanges carry the file as body, the headers of {@link PublisherHeaders}, and the queue's entry in the property
 * {@value #FILE}.
 */
public final class QueueComponent extends DefaultComponent {
    public static final String SCHEME = "publisher-queue";
    /** Exchange property: the {@link QueuedFile} the exchange works on (the queue's bookkeeping, not data). */
    public static final String FILE = "publisherFile";

    private final Supplier<PublisherRun> runs;

    public QueueComponent(Supplier<PublisherRun> runs) {
        this.runs = runs;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        if (!remaining.equals("deliver") && !remaining.equals("accept") && !remaining.equals("slot")) {
            throw new IllegalArgumentException("Unknown publisher-queue endpoint '" + remaining
                + "': use deliver, accept or slot");
        }
        return new QueueEndpoint(uri, this, remaining);
    }

    /** Puts the file on an exchange: body, headers, and the queue entry. */
    public static void describe(Exchange ex, QueuedFile f) {
        PreparedFile p = f.file();
        Message m = ex.getIn();
        m.setBody(p.path());
        m.setHeader(PublisherHeaders.DBMS, p.dbms());
        m.setHeader(PublisherHeaders.TABLE, p.table());
        m.setHeader(PublisherHeaders.HASH, p.hash());
        m.setHeader(PublisherHeaders.SIZE, p.bytes());
        m.setHeader(PublisherHeaders.ROWS, p.rows());
        m.setHeader(PublisherHeaders.SOURCE, p.source());
        m.setHeader(PublisherHeaders.INSTRUCTIONS, p.instructions());
        m.setHeader(PublisherHeaders.FILE_NAME, p.name());
        m.setHeader(PublisherHeaders.TYPE, p.type());
        m.setHeader(PublisherHeaders.COMPRESSED, p.compressed());
        if (f.autoCluster() != null) {
            m.setHeader(PublisherHeaders.AUTO_CLUSTER, f.autoCluster());
        }
        ex.setProperty(FILE, f);
    }

    public static QueuedFile file(Exchange ex) {
        return ex.getProperty(FILE, QueuedFile.class);
    }

    static final class QueueEndpoint extends DefaultEndpoint {
        private final String what;

        QueueEndpoint(String uri, QueueComponent component, String what) {
            super(uri, component);
            this.what = what;
        }

        Supplier<PublisherRun> runs() {
            return ((QueueComponent) getComponent()).runs;
        }

        @Override
        public Producer createProducer() {
            if (!what.equals("slot")) {
                throw new UnsupportedOperationException("publisher-queue:" + what + " is a consumer");
            }
            return new SlotProducer(this);
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            if (what.equals("slot")) {
                throw new UnsupportedOperationException("publisher-queue:slot is a producer");
            }
            QueueConsumer c = new QueueConsumer(this, processor);
            configureConsumer(c);
            return c;
        }
    }

    static final class QueueConsumer extends DefaultConsumer {
        private final QueueEndpoint endpoint;
        private DeliveryQueue queue;

        QueueConsumer(QueueEndpoint endpoint, Processor processor) {
            super(endpoint, processor);
            this.endpoint = endpoint;
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            PublisherRun run = endpoint.runs().get();
            if (run == null) {
                return;
            }
            queue = run.queue();
            if (endpoint.what.equals("deliver")) {
                queue.onClaim(this::emit);
            } else {
                java.util.concurrent.Executor worker = run.pools().worker;
                queue.onAccept(f -> worker.execute(() -> emit(f)));
            }
        }

        private void emit(QueuedFile f) {
            Exchange ex = createExchange(false);
            describe(ex, f);
            getAsyncProcessor().process(ex, doneSync -> {
                if (ex.getException() != null) {
                    getExceptionHandler().handleException("Publisher file " + f.name() + " failed", ex,
                        ex.getException());
                }
                releaseExchange(ex, false);
            });
        }

        @Override
        protected void doStop() throws Exception {
            if (queue != null) {
                if (endpoint.what.equals("deliver")) {
                    queue.onClaim(null);
                } else {
                    queue.onAccept(null);
                }
                queue = null;
            }
            super.doStop();
        }
    }

    static final class SlotProducer extends DefaultAsyncProducer {
        private final QueueEndpoint endpoint;

        SlotProducer(QueueEndpoint endpoint) {
            super(endpoint);
            this.endpoint = endpoint;
        }

        @Override
        public boolean process(Exchange exchange, AsyncCallback callback) {
            PublisherRun run = endpoint.runs().get();
            QueuedFile f = file(exchange);
            if (run == null || f == null) {
                exchange.setException(new PublisherStoppedException("the publisher is not running"));
                callback.done(true);
                return true;
            }
            DeliveryQueue q = run.queue();
            boolean waiting = q.committed(f, () -> {
                try {
                    run.pools().send.execute(() -> go(q, f, exchange, callback));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    exchange.setException(new PublisherStoppedException("the publisher stops"));
                    callback.done(false);
                }
            });
            if (!waiting) {
                exchange.setRouteStop(true);
                callback.done(true);
                return true;
            }
            return false;
        }

        private static void go(DeliveryQueue q, QueuedFile f, Exchange exchange, AsyncCallback callback) {
            if (q.stopping()) {
                exchange.setException(new PublisherStoppedException("the publisher stops"));
            } else if (q.destinationCooling(f)) {
                exchange.setException(new DestinationCoolingException(f.dest() + " went into cooldown"));
            }
            callback.done(false);
        }
    }
}
