package io.edgepublisher.rest;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.node.Routes;
import io.edgepublisher.node.SharedVertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import java.net.BindException;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's REST server: a Camel platform-http (Vert.x) server on the configured address and the {@code rest-api}
 * route that feeds every request to {@link RestApi}.
 */
public final class RestServer {
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    public static final String ROUTE_ID = "rest-api";

    private final Node node;
    private final RestSettings settings;
    private final RestApi api;
    private VertxPlatformHttpServer server;

    public RestServer(Node node, RestSettings settings, BasicAuth auth) {
        this.node = node;
        this.settings = settings;
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
        SharedVertx.get(node);
        VertxPlatformHttpServerConfiguration cfg = new VertxPlatformHttpServerConfiguration();
        cfg.setBindHost(settings.bindHost());
        cfg.setBindPort(settings.internalPort());
        cfg.setMaxBodySize(settings.maxBodyBytes());
        server = new VertxPlatformHttpServer(cfg);
        server.setCamelContext(ctx);
        try {
            ctx.getRegistry().bind("rest-http-server", server);
            ctx.addService(server, true, true);
        } catch (Exception e) {
            ctx.getRegistry().unbind("rest-http-server");
            if (Routes.causedBy(e, BindException.class)) {
                throw new CommandException(ErrorCode.CONNECTION, "Host and port '" + settings.bindHost() + ":"
                    + settings.internalPort() + "' already in use");
            }
            throw new CommandException(ErrorCode.CONNECTION, "REST server did not start on " + settings.bindHost() + ":"
                + settings.internalPort() + ": " + e.getMessage(), e);
        }
        prepareRequests(ctx);
        Routes.addAndStart(node, new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/?matchOnUriPrefix=true")
                    .routeId(ROUTE_ID).routeGroup("rest")
                    .process(new CamelRestAdapter(api));
            }
        }, ROUTE_ID);
        LOG.info("REST server listening on {}:{}", settings.bindHost(), settings.internalPort());
    }

    /**
     * Runs before every request. curl sends {@code -d} bodies as form data; AnyLog treats every body as raw text, so
     * form content types are relabelled before the body handler would parse (and Camel would drop) the raw bytes.
     * And one request per connection (REST.md §1): Vert.x keeps HTTP/1.1 connections open unless the client asked
     * otherwise, so every connection is closed once its response (ours, or a 413 from the body handler) is written.
     */
    private void prepareRequests(CamelContext ctx) {
        Router router = VertxPlatformHttpRouter.lookup(ctx,
            VertxPlatformHttpRouter.getRouterNameFromPort(settings.internalPort()));
        if (router == null) {
            return;
        }
        router.route().order(-1000).handler(rc -> {
            String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"))) {
                rc.request().headers().set(HttpHeaders.CONTENT_TYPE, "text/plain");
            }
            rc.addEndHandler(v -> rc.request().connection().close());
            rc.next();
        });
    }

    public ProcessStatus status() {
        return Routes.processStatus(node, ROUTE_ID, settings.details());
    }
}
