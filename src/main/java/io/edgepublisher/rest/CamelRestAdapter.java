package io.edgepublisher.rest;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;
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

    CamelRestAdapter(RestApi api) {
        this.api = api;
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
        Object raw = in.getBody();
        // A Vert.x buffer is copied once; Camel's generic conversion would stream it through a growing array.
        byte[] body = raw instanceof io.vertx.core.buffer.Buffer b ? b.getBytes() : in.getBody(byte[].class);
        String client = req.remoteAddress() == null ? "" : req.remoteAddress().hostAddress();
        RestResponse r = api.handle(new RestRequest(req.method().name(), req.uri(), headers, body, client));

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
