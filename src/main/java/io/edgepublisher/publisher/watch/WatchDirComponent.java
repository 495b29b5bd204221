package io.edgepublisher.publisher.watch;

import java.util.Map;
import java.util.List;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;

/**
 * {@code publisher-watch:<dir>}: a Camel consumer fed by a {@link WatchLoop}. Each batch of discovered files is one
 * exchange whose body is a {@code List<Candidate>}. Stopping the route (also over JMX) stops discovery, which is what
 * {@code get processes} reports as the Publisher row.
 */
public final class WatchDirComponent extends DefaultComponent {
    public static final String SCHEME = "publisher-watch";

    private final Function<java.util.function.Consumer<List<Candidate>>, WatchLoop> loops;

    /** @param loops makes the loop of the current publisher run (given its batch sink) when the route starts */
    public WatchDirComponent(Function<java.util.function.Consumer<List<Candidate>>, WatchLoop> loops) {
        this.loops = loops;
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
            WatchDirConsumer c = new WatchDirConsumer(this, processor,
                ((WatchDirComponent) getComponent()).loops);
            configureConsumer(c);
            return c;
        }
    }

    static final class WatchDirConsumer extends DefaultConsumer {
        private final Function<java.util.function.Consumer<List<Candidate>>, WatchLoop> loops;
        private WatchLoop loop;

        WatchDirConsumer(Endpoint endpoint, Processor processor, Function<java.util.function.Consumer<List<Candidate>>, WatchLoop> loops) {
            super(endpoint, processor);
            this.loops = loops;
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            loop = loops.apply(this::deliver);
            Thread t = new Thread(loop, "publisher-watch");
            t.setDaemon(true);
            t.start();
        }

        /** One exchange per batch, processed on the watch thread (the route only hands the files to the queue). */
        private void deliver(List<Candidate> batch) {
            Exchange ex = createExchange(false);
            try {
                ex.getIn().setBody(batch);
                getProcessor().process(ex);
                if (ex.getException() != null) {
                    getExceptionHandler().handleException("Publisher batch failed", ex, ex.getException());
                }
            } catch (Exception e) {
                getExceptionHandler().handleException("Publisher batch failed", ex, e);
            } finally {
                releaseExchange(ex, false);
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
