package io.edgepublisher.rest;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.vertx.HttpMessage;

/**
 * The {@code rest-api} route's processor: turns the platform-http exchange into a {@link RestRequest}, runs the
 * REST rules, and writes the {@link RestResponse} back, including AnyLog's JSON reason phrases.
 */
final class CamelRestAdapter implements Processor {
    private final RestApi api;
    private final Function<HttpServerRequest, RequestBodyStream> streamedBodies;

    CamelRestAdapter(RestApi api, Function<HttpServerRequest, RequestBodyStream> streamedBodies) {
        this.api = api;
        this.streamedBodies = streamedBodies;
    }

    @Override
    public void process(Exchange exchange) {
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
        RestResponse r = api.handle(request);

        HttpServerResponse resp = hm.getResponse();
        in.getHeaders().clear();
        in.setHeader(Exchange.HTTP_RESPONSE_CODE, r.status());
        for (Map.Entry<String, String> e : r.headers().entrySet()) {
            if (e.getKey().equalsIgnoreCase("Content-Type")) {
                in.setHeader(Exchange.CONTENT_TYPE, e.getValue());
            } else {
                resp.putHeader(e.getKey(), e.getValue());
            }
        }
        if (r.reason() != null) {
            resp.setStatusCode(r.status());
            resp.setStatusMessage(r.reason());
        }
        in.setBody(r.body());
    }
}
