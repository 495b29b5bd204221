package io.edgepublisher.rest;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.BindException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import io.vertx.core.Handler;

/**
 * The HTTP(S) listener behind Camel's platform-http consumer. Camel's own server cannot require client certificates
 * or restrict TLS versions, so the node runs its own Vert.x server and gives Camel the router to attach the
 * {@code rest-api} route to (bound under the name platform-http looks up for the port).
 */
final class HttpListener {
    /** A PUT body that stops arriving for this long is given up (a slow client does not hold a worker forever). */
    static final long BODY_IDLE_MILLIS = 30_000;
    private final Map<HttpServerRequest, RequestBodyStream> bodies = new ConcurrentHashMap<>();
    private final RestSettings settings;
    private final TlsMaterial tls;
    private final java.util.List<HttpServer> servers = new java.util.ArrayList<>();
    private String routerName;

    HttpListener(RestSettings settings, TlsMaterial tls) {
        this.settings = settings;
        this.tls = tls;
    }

    /** Creates the server and gives Camel its router; nothing listens yet, so no request can beat the route. */
    void prepare(CamelContext ctx, Vertx vertx) {
        Router root = Router.router(vertx);
        Router sub = Router.router(vertx);
        root.route().order(-1000).handler(HttpListener::prepare);
        root.route("/*").subRouter(sub);

        VertxPlatformHttpServerConfiguration cfg = new VertxPlatformHttpServerConfiguration();
        cfg.setBindHost(settings.bindHosts().get(0));
        cfg.setBindPort(settings.internalPort());
        cfg.setMaxBodySize(settings.maxBodyBytes());
        routerName = VertxPlatformHttpRouter.getRouterNameFromPort(settings.internalPort());
        long limit = settings.maxBodyBytes();
        ctx.getRegistry().bind("rest-http-config", cfg);
        ctx.getRegistry().bind(routerName, new VertxPlatformHttpRouter(null, vertx, sub, routerName) {
            @Override
            public Handler<RoutingContext> bodyHandler() {
                Handler<RoutingContext> buffered = BodyHandler.create(false).setBodyLimit(limit)
                    .setPreallocateBodyBuffer(true);
                return rc -> {
                    if (rc.request().method() == HttpMethod.PUT) {
                        streamed(rc, limit);
                    } else {
                        buffered.handle(rc);
                    }
                };
            }
        });

        for (String host : settings.bindHosts()) {
            servers.add(vertx.createHttpServer(options(host)).requestHandler(root));
        }
    }

    private HttpServerOptions options(String host) {
        // no WebSocket on this port: without compression support no extension handler is set up per connection
        HttpServerOptions opts = new HttpServerOptions().setHost(host).setPort(settings.internalPort())
            .setAcceptBacklog(128).setPerMessageWebSocketCompressionSupported(false)
            .setPerFrameWebSocketCompressionSupported(false);
        if (tls != null) {
            opts.setSsl(true).setKeyCertOptions(KeyCertOptions.wrap(
                (javax.net.ssl.X509KeyManager) tls.keys().getKeyManagers()[0]))
                .setEnabledSecureTransportProtocols(Set.of("TLSv1.2", "TLSv1.3"));
            if (tls.clientCa() != null) {
                opts.setTrustOptions(TrustOptions.wrap(tls.clientCa().getTrustManagers()[0]))
                    .setClientAuth(ClientAuth.REQUIRED);
            }
        }
        return opts;
    }

    /**
     * PUT bodies (data, up to the body limit) are not collected in memory: the request is paused here, on the event
     * loop, and the worker that handles it reads the body as a stream ({@link #bodyOf}). A declared length over the
     * limit is refused before anything is read.
     */
    private void streamed(RoutingContext rc, long limit) {
        HttpServerRequest req = rc.request();
        String declared = req.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > limit) {
            rc.fail(413);
            return;
        }
        RequestBodyStream body = new RequestBodyStream(req, Vertx.currentContext(), limit, BODY_IDLE_MILLIS);
        bodies.put(req, body);
        rc.addEndHandler(v -> bodies.remove(req));
        rc.next();
    }

    /** The streamed body of a PUT request; null for other requests (their body is in the exchange). */
    RequestBodyStream bodyOf(HttpServerRequest req) {
        return bodies.get(req);
    }

    /** Starts listening on every address; 81 when one is in use (then none listens). */
    void listen(CamelContext ctx) {
        java.util.List<String> hosts = settings.bindHosts();
        for (int i = 0; i < servers.size(); i++) {
            HttpServer server = servers.get(i);
            String host = hosts.get(i);
            try {
                server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                stop(ctx);
                Throwable cause = e.getCause();
                if (cause instanceof BindException) {
                    throw new CommandException(ErrorCode.CONNECTION, "Host and port '" + host + ":"
                        + settings.internalPort() + "' already in use");
                }
                throw new CommandException(ErrorCode.CONNECTION, "REST server did not start on " + host + ":"
                    + settings.internalPort() + ": " + cause.getMessage());
            } catch (InterruptedException | TimeoutException e) {
                stop(ctx);
                throw new CommandException(ErrorCode.CONNECTION, "REST server did not start: " + e);
            }
        }
    }

    void stop(CamelContext ctx) {
        for (HttpServer server : servers) {
            server.close();
        }
        servers.clear();
        unbind(ctx);
    }

    private void unbind(CamelContext ctx) {
        ctx.getRegistry().unbind("rest-http-config");
        if (routerName != null) {
            ctx.getRegistry().unbind(routerName);
        }
    }

    /**
     * Runs before every request. curl sends {@code -d} bodies as form data; AnyLog treats every body as raw text, so
     * form content types are relabelled before the body handler would parse (and Camel would drop) the raw bytes.
     * And one request per connection (REST.md §1): every connection is closed once its response (ours, or a 413
     * from the body handler) is written.
     */
    private static void prepare(RoutingContext rc) {
        String type = rc.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/"))) {
            rc.request().headers().set(HttpHeaders.CONTENT_TYPE, "text/plain");
        }
        rc.addEndHandler(v -> rc.request().connection().close());
        rc.next();
    }
}
