package io.edgepublisher.wire.server;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.node.Routes;
import io.edgepublisher.wire.FileWriteSinkFactory;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.netty.WireDecoderFactory;
import io.edgepublisher.wire.netty.WireDecoderSettings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer-protocol listener: the Camel route {@code tcp-server}, a camel-netty consumer whose per-connection
 * {@link WireDecoderFactory} decoder turns each connection into one {@link InboundMessage} for the
 * {@link InboundDispatcher}. The route runs on {@code threads} netty worker threads and never executes commands
 * itself; peers get no answer on the request's connection ({@code sync=false}, PROTOCOL.md §6.1).
 */
public final class TcpServer {
    private static final Logger LOG = LoggerFactory.getLogger(TcpServer.class);
    public static final String ROUTE_ID = "tcp-server";
    static final String DECODERS = "tcp-server-decoders";
    /** Connections waiting for accept; §8.1 asks for at least 5, and bursts of deliveries need more. */
    static final int BACKLOG = 256;

    private final Node node;
    private final TcpServerSettings settings;

    TcpServer(Node node, TcpServerSettings settings) {
        this.node = node;
        this.settings = settings;
    }

    /**
     * Binds the port and starts the route.
     *
     * @throws CommandException 81 {@code Host and port '<ip>:<port>' already in use} when another process listens
     *                          there; 3 when the route does not start for another reason
     */
    public static TcpServer start(Node node, TcpServerSettings settings, InboundDispatcher dispatcher,
                                  FileWriteSinkFactory files) {
        CamelContext ctx = Routes.requireContext(node);
        String host = settings.bindHost();
        int port = settings.internal().port();
        requirePortFree(settings);
        ctx.getRegistry().bind(DECODERS, new WireDecoderFactory(
            new WireDecoderSettings(settings.idleTimeout(), settings.maxMessageBytes(), files)));
        String uri = "netty:tcp://" + host + ":" + port + "?decoders=#" + DECODERS
            + "&allowDefaultCodec=false&sync=false&backlog=" + BACKLOG + "&workerCount=" + settings.threads()
            // the decoder already hands each message on as one exchange; the dispatcher queues the slow work
            + "&usingExecutorService=false";
        try {
            Routes.addAndStart(node, new RouteBuilder() {
                @Override
                public void configure() {
                    from(uri).routeId(ROUTE_ID).routeGroup("tcp")
                        .process(e -> dispatcher.dispatch(e.getIn().getBody(InboundMessage.class)));
                }
            }, ROUTE_ID);
        } catch (CommandException e) {
            // A route that failed to start would otherwise stay supervised and keep retrying the port.
            Routes.remove(node, ROUTE_ID);
            ctx.getRegistry().unbind(DECODERS);
            if (Routes.causedBy(e, BindException.class)) {
                throw inUse(settings);
            }
            throw e;
        }
        LOG.info("TCP server listening on {}:{} ({})", host, port, settings.details());
        return new TcpServer(node, settings);
    }

    public TcpServerSettings settings() {
        return settings;
    }

    /** True while the route is started; a route stopped over JMX receives nothing, so replies could not arrive. */
    public boolean isRunning() {
        return Routes.isStarted(node, ROUTE_ID);
    }

    /** The {@code TCP} row of {@code get processes}. */
    public ProcessStatus status() {
        return Routes.processStatus(node, ROUTE_ID, settings.details());
    }

    /** Fails fast with EdgeLake's message instead of leaving a supervised route retrying a taken port. */
    private static void requirePortFree(TcpServerSettings settings) {
        String host = settings.bindHost();
        int port = settings.internal().port();
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            throw inUse(settings);
        } catch (IOException | RuntimeException e) {
            throw new CommandException(ErrorCode.CONNECTION, "Cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** EdgeLake's text names the configured address, also when the listener binds every interface. */
    private static CommandException inUse(TcpServerSettings settings) {
        return new CommandException(ErrorCode.CONNECTION, "Host and port '" + settings.internal() + "' already in use");
    }
}
