package io.edgepublisher.rest;

import io.edgepublisher.node.Lifecycle;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.node.Routes;
import io.edgepublisher.node.SharedVertx;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's REST server: a Camel platform-http (Vert.x) server on the configured address and the {@code rest-api}
 * route ({@link RestRoute}) that dispatches every request to the steps of {@link RestApi} or to the intake.
 */
public final class RestServer {
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    public static final String ROUTE_ID = RestRoute.ROUTE_ID;

    private final Node node;
    private final RestSettings settings;
    private final RestApi api;
    private final TlsMaterial tls;
    private HttpListener listener;

    public RestServer(Node node, RestSettings settings, BasicAuth auth, TlsMaterial tls) {
        this.node = node;
        this.settings = settings;
        this.tls = tls;
        this.api = new RestApi(node, settings.threads(), settings.timeoutSeconds(), auth);
    }

    public RestSettings settings() {
        return settings;
    }

    public RestApi api() {
        return api;
    }

    public synchronized void start() {
        CamelContext ctx = Routes.requireContext(node);
        HttpListener http = new HttpListener(settings, tls);
        listener = http;
        http.prepare(ctx, SharedVertx.get(node));
        try {
            Routes.addAndStart(node, new RestRoute(api, http::bodyOf), ROUTE_ID);
            listener.listen(ctx);
        } catch (CommandException e) {
            Routes.remove(node, ROUTE_ID);
            listener.stop(ctx);
            throw e;
        }
        // Graceful shutdown: the listener closes before Camel stops the routes (it was started last, so it stops first).
        Lifecycle.beforeStop(ctx, () -> listener.stop(ctx));
        LOG.info("REST server listening on {}{}", settings.bindAddresses(),
            tls == null ? "" : tls.clientCa() == null ? " (TLS)" : " (TLS, client certificates required)");
    }

    public ProcessStatus status() {
        return Routes.processStatus(node, ROUTE_ID, settings.details());
    }
}
