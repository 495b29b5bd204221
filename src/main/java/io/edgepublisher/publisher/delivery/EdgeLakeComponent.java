package io.edgepublisher.publisher.delivery;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.publisher.PublisherHeaders;
import io.edgepublisher.wire.GenericFlag;
import io.edgepublisher.wire.PeerAddress;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.SourceAddress;
import io.edgepublisher.wire.TransferFailure;
import io.edgepublisher.wire.TransferResult;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.DefaultEndpoint;
import org.apache.camel.support.DefaultProducer;

/**
 * {@code edgelake:<ip>:<port>}: sends the exchange's body to an EdgeLake node as one {@code file write <name>}
 * (PROTOCOL.md §7.1, generic flag 1: into the receiver's watch dir), over the node's {@link PeerClient}, with this
 * node's TCP server as the source address (§9.3). The name is the {@code fileName} header. A {@link Path} body is
 * streamed from disk; any other body is read as a stream (e.g. after {@code marshal().gzipDeflater()}).
 *
 * <p>Success means every frame was written and the receiver closed the connection in an orderly way (PUBLISHER.md
 * §5.4); anything else fails the exchange with a {@link TransferFailedException}. The producer blocks for the transfer:
 * the publisher calls it on its transfer pool ({@code ep-publisher-send}).
 */
public final class EdgeLakeComponent extends DefaultComponent {
    public static final String SCHEME = "edgelake";

    private final Supplier<PeerClient> client;
    private final Supplier<SourceAddress> source;

    /** The client and source are looked up per transfer: the TCP server may start after this component. */
    public EdgeLakeComponent(Supplier<PeerClient> client, Supplier<SourceAddress> source) {
        this.client = client;
        this.source = source;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) {
        PeerAddress target = PeerAddress.parse(remaining.startsWith("//") ? remaining.substring(2) : remaining);
        Object flag = parameters.remove("genericFlag");
        int genericFlag = flag == null ? GenericFlag.FILE_WATCH_DIR : Integer.parseInt(flag.toString());
        return new EdgeLakeEndpoint(uri, this, target, genericFlag);
    }

    static final class EdgeLakeEndpoint extends DefaultEndpoint {
        private final PeerAddress target;
        private final int genericFlag;

        EdgeLakeEndpoint(String uri, EdgeLakeComponent component, PeerAddress target, int genericFlag) {
            super(uri, component);
            this.target = target;
            this.genericFlag = genericFlag;
        }

        @Override
        public Producer createProducer() {
            return new EdgeLakeProducer(this);
        }

        @Override
        public Consumer createConsumer(Processor processor) {
            throw new UnsupportedOperationException("edgelake: sends only; the node's TCP server receives");
        }
    }

    static final class EdgeLakeProducer extends DefaultProducer {
        private final EdgeLakeEndpoint endpoint;
        private final EdgeLakeComponent component;

        EdgeLakeProducer(EdgeLakeEndpoint endpoint) {
            super(endpoint);
            this.endpoint = endpoint;
            this.component = (EdgeLakeComponent) endpoint.getComponent();
        }

        @Override
        public void process(Exchange exchange) throws Exception {
            PeerClient c = component.client.get();
            SourceAddress ours = component.source.get();
            PeerAddress target = endpoint.target;
            TransferResult r;
            if (c == null || ours == null) {
                r = new TransferResult(false, target, 0, 0, 0, false, false, TransferFailure.NO_SOURCE_ADDRESS,
                    ErrorCode.SOURCE_SERVER.code(), "the TCP server is not running");
            } else {
                String name = exchange.getMessage().getHeader(PublisherHeaders.FILE_NAME, String.class);
                if (name == null) {
                    throw new IllegalArgumentException("edgelake: needs the header '" + PublisherHeaders.FILE_NAME
                        + "' (the name on the receiver)");
                }
                Object body = exchange.getMessage().getBody();
                if (body instanceof Path p) {
                    r = c.sendFile(target, p, name, endpoint.genericFlag, ours);
                } else {
                    try (InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class)) {
                        r = c.sendStream(target, in, name, endpoint.genericFlag, ours);
                    }
                }
            }
            if (!r.success()) {
                throw new TransferFailedException(r);
            }
        }
    }
}
