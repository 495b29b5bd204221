package io.edgepublisher.rest;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * The {@code rest-api} route: every request on the REST port, dispatched by method and command to the steps of
 * {@link RestApi}. Data goes to the intake's routes: PUT to {@value #PUT_ENDPOINT}, POST {@code command: data} to
 * {@value #POST_DATA_ENDPOINT}; each answers with the reply in the exchange property {@value #REPLY}. The request is
 * the exchange property {@value #REQUEST}; its reply is written by the last step, whatever branch made it.
 */
public final class RestRoute extends RouteBuilder {
    public static final String ROUTE_ID = "rest-api";
    /** Exchange property: the kind of request ({@link #classify}) the route's choice dispatches on. */
    public static final String KIND = "restKind";
    /** REST PUT (data, REST.md §6): the body is the request's streamed body. */
    public static final String PUT_ENDPOINT = "direct:rest-put";
    /** REST POST {@code command: data} for a {@code broker = rest} message client (REST.md §7). */
    public static final String POST_DATA_ENDPOINT = "direct:rest-post-data";
    /** Exchange property: the {@link RestRequest}. */
    public static final String REQUEST = "restRequest";
    /** Exchange property: the {@link RestResponse} to send. */
    public static final String REPLY = "restReply";

    private static final String HTTP_RESPONSE = "restHttpResponse";

    private final RestApi api;
    private final Function<HttpServerRequest, RequestBodyStream> streamedBodies;

    RestRoute(RestApi api, Function<HttpServerRequest, RequestBodyStream> streamedBodies) {
        this.api = api;
        this.streamedBodies = streamedBodies;
    }

    @Override
    public void configure() {
        from("platform-http:/?matchOnUriPrefix=true").routeId(ROUTE_ID).routeGroup("rest")
            .onException(Exception.class).handled(true)
                .process(step((req, ex) -> api.failure(req, ex.getProperty(Exchange.EXCEPTION_CAUGHT,
                    Exception.class)))).id("rest-failure")
                .process(this::write).id("rest-failure-reply")
            .end()
            .process(this::read).id("rest-request")
            .process(this::classify).id("rest-classify")
            .choice()
                .when(simple("${exchangeProperty." + KIND + "} == 'preflight'"))
                    .process(step(api::preflight)).id("rest-preflight")
                .when(simple("${exchangeProperty." + KIND + "} == 'status-probe'"))
                    .process(step(api::statusProbe)).id("rest-status-probe")
                .when(simple("${exchangeProperty." + KIND + "} == 'unauthorized'"))
                    .process(step(api::challenge)).id("rest-challenge")
                .when(simple("${exchangeProperty." + KIND + "} == 'extension'"))
                    .process(step(api::viaExtension)).id("rest-extension")
                .when(simple("${header.CamelHttpMethod} == 'PUT'"))
                    .to(PUT_ENDPOINT).id("rest-put-data")
                .when(simple("${header.CamelHttpMethod} not in 'GET,POST'"))
                    .process(step(api::notSupported)).id("rest-not-supported")
                .otherwise()
                    .process(this::commandHeaders).id("rest-command-headers")
                    .choice()
                        .when(simple("${exchangeProperty." + REPLY + "} != null"))
                            .log(LoggingLevel.DEBUG, "REST request refused on its headers")
                        .when(simple("${header.CamelHttpMethod} == 'POST' && ${header.command} =~ 'data'"))
                            .to(POST_DATA_ENDPOINT).id("rest-post-data-call")
                        .otherwise()
                            .process(step(api::commands)).id("rest-commands")
                    .end()
            .end()
            .process(this::write).id("rest-reply");
    }

    /**
     * What kind of request this is, for the route's choice, decided once per request in the order the branches are
     * tried: {@code preflight} (OPTIONS), {@code status-probe} ({@code GET /health}, {@code GET /api/status}),
     * {@code unauthorized} (authentication on and no valid credentials), {@code extension} (a REST extension
     * serves it), otherwise {@code command} (PUT, GET and POST by their headers).
     */
    private void classify(Exchange ex) {
        RestRequest req = request(ex);
        String kind;
        if ("OPTIONS".equals(req.method())) {
            kind = "preflight";
        } else if (RestApi.isStatusProbe(req)) {
            kind = "status-probe";
        } else if (api.unauthorized(req)) {
            kind = "unauthorized";
        } else if (api.extension(req) != null) {
            kind = "extension";
        } else {
            kind = "command";
        }
        ex.setProperty(KIND, kind);
    }

    public static RestRequest request(Exchange ex) {
        return ex.getProperty(REQUEST, RestRequest.class);
    }

    /** Sets the reply the route sends. */
    public static void reply(Exchange ex, RestResponse r) {
        ex.setProperty(REPLY, r);
    }

    private static Processor step(Function<RestRequest, RestResponse> f) {
        return ex -> reply(ex, f.apply(request(ex)));
    }

    private static Processor step(BiFunction<RestRequest, Exchange, RestResponse> f) {
        return ex -> reply(ex, f.apply(request(ex), ex));
    }

    /** URL pairs and JSON body members as headers; the command header the route dispatches on. */
    private void commandHeaders(Exchange ex) {
        RestRequest req = request(ex);
        RestResponse refused = api.commandHeaders(req);
        if (refused != null) {
            reply(ex, refused);
        }
        ex.getMessage().setHeader("command", req.header("command"));
    }

    /** The platform-http exchange as a {@link RestRequest}; the method header upper-cased as the rules read it. */
    private void read(Exchange exchange) {
        Message in = exchange.getMessage();
        HttpMessage hm = exchange.getMessage(HttpMessage.class);
        HttpServerRequest req = hm.getRequest();
        Map<String, String> headers = new LinkedHashMap<>();
        MultiMap h = req.headers();
        for (String name : h.names()) {
            headers.put(name, String.join(",", h.getAll(name)));
        }
        RequestBodyStream streamed = streamedBodies.apply(req);
        byte[] body = null;
        if (streamed == null) {
            Object raw = in.getBody();
            // A Vert.x buffer is copied once; Camel's generic conversion would stream it through a growing array.
            body = raw instanceof io.vertx.core.buffer.Buffer b ? b.getBytes() : in.getBody(byte[].class);
        }
        String client = req.remoteAddress() == null ? "" : req.remoteAddress().hostAddress();
        RestRequest request = new RestRequest(req.method().name(), req.uri(), headers, body, client);
        if (streamed != null) {
            request.bodyStream(streamed);
        }
        exchange.setProperty(REQUEST, request);
        exchange.setProperty(HTTP_RESPONSE, hm.getResponse());
        in.setHeader(Exchange.HTTP_METHOD, request.method());
    }

    /** Writes the reply, including AnyLog's JSON reason phrases. */
    private void write(Exchange exchange) {
        RestResponse r = exchange.getProperty(REPLY, RestResponse.class);
        if (r == null) {
            r = api.failure(request(exchange), new IllegalStateException("no reply"));
        }
        r = api.finish(r);
        Message in = exchange.getMessage();
        HttpServerResponse resp = exchange.getProperty(HTTP_RESPONSE, HttpServerResponse.class);
        in.getHeaders().clear();
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, r.status());
        for (Map.Entry<String, String> e : r.headers().entrySet()) {
            if (e.getKey().equalsIgnoreCase("Content-Type")) {
                in.setHeader(Exchange.CONTENT_TYPE, e.getValue());
            } else if (resp != null) {
                resp.putHeader(e.getKey(), e.getValue());
            }
        }
        if (r.reason() != null && resp != null) {
            resp.setStatusCode(r.status());
            resp.setStatusMessage(r.reason());
        }
        in.setBody(r.body());
    }
}
