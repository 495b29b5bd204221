package io.edgepublisher.publisher.watch;

import io.edgepublisher.publisher.PublisherHeaders;
import io.edgepublisher.publisher.PublisherRun;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code publisher-watch:<name>}: discovery of the current publisher run (PUBLISHER.md §3.1) as a Camel consumer:
 * one exchange per discovered file, its {@link java.nio.file.Path} as the body, in order of arrival. Files the node
 * wrote itself carry the header {@code nodeCreated}, and their row count (when the writer told it) in {@code rows}.
 * At most {@value #IN_FLIGHT} files are in the route at once (their {@code tsd_info} registrations are committed in
 * groups); discovery waits for room, so a backlog of any size costs bounded memory. Stopping the route (also over
 * JMX) stops discovery.
 */
public final class WatchDirComponent extends DefaultComponent {
    public static final String SCHEME = "publisher-watch";
    public static final String NODE_CREATED = "nodeCreated";
    static final int IN_FLIGHT = 2_000;
    private static final Logger LOG = LoggerFactory.getLogger(WatchDirComponent.class);

    private final Supplier<PublisherRun> runs;

    public WatchDirComponent(Supplier<PublisherRun> runs) {
        this.runs = runs;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        return new WatchDirEndpoint(uri, this);
    }

    static final class WatchDirEndpoint extends DefaultEndpoint {
        WatchDirEndpoint(String uri, WatchDirComponent component) {
            super(uri, component);
        }

        @Override
        public Producer createProducer() {
            throw new UnsupportedOperationException("publisher-watch is a consumer only");
        }

        @Override
        public Consumer createConsumer(Processor processor) throws Exception {
            WatchDirConsumer c = new WatchDirConsumer(this, processor, ((WatchDirComponent) getComponent()).runs);
            configureConsumer(c);
            return c;
        }
    }

    static final class WatchDirConsumer extends DefaultConsumer {
        private final Supplier<PublisherRun> runs;
        private final Semaphore room = new Semaphore(IN_FLIGHT);
        private WatchLoop loop;

        WatchDirConsumer(Endpoint endpoint, Processor processor, Supplier<PublisherRun> runs) {
            super(endpoint, processor);
            this.runs = runs;
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            PublisherRun run = runs.get();
            if (run == null) {
                LOG.warn("Route {} started without a publisher run: nothing is discovered until 'run publisher'",
                    getRouteId());
                return;
            }
            loop = run.newLoop(this::deliver);
            run.pools().watch.execute(loop);
        }

        /** One exchange per file, on the watch thread until the route's first asynchronous step. */
        private void deliver(List<Candidate> batch) {
            for (Candidate c : batch) {
                try {
                    room.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                Exchange ex = createExchange(false);
                ex.getIn().setBody(c.path());
                if (c.nodeCreated()) {
                    ex.getIn().setHeader(NODE_CREATED, true);
                }
                if (c.rowsHint() >= 0) {
                    ex.getIn().setHeader(PublisherHeaders.ROWS, c.rowsHint());
                }
                getAsyncProcessor().process(ex, doneSync -> {
                    if (ex.getException() != null) {
                        getExceptionHandler().handleException("Publisher file " + c.path().getFileName()
                            + " failed", ex, ex.getException());
                    }
                    releaseExchange(ex, false);
                    room.release();
                });
            }
        }

        @Override
        protected void doStop() throws Exception {
            if (loop != null) {
                loop.stop();
                loop = null;
            }
            super.doStop();
        }
    }
}
