package io.edgepublisher.rest;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.CommandResult;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.ScriptLines;
import io.edgepublisher.command.Session;
import io.edgepublisher.command.Source;
import io.edgepublisher.config.Units;
import io.edgepublisher.json.JsonException;
import io.edgepublisher.json.JsonParser;
import io.edgepublisher.json.PyFloat;
import io.edgepublisher.node.Node;
import io.edgepublisher.support.PathText;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST rules of REST.md as plain Java, one method per step of the {@code rest-api} route ({@link RestRoute}), which
 * decides which steps a request takes: health, CORS, authentication, User-Agent rules, commands in headers, URL and
 * body, method rules, destinations, assignments, replies and errors. Transport-free: each step takes the
 * {@link RestRequest} and returns the {@link RestResponse}.
 */
public final class RestApi {
    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);

    private final Node node;
    private final Semaphore workers;
    private final int timeoutSeconds;
    private final BasicAuth auth;
    private final RestExtensions extensions;

    public RestApi(Node node, int threads, int timeoutSeconds, BasicAuth auth) {
        this.node = node;
        this.extensions = Beans.get(node, RestExtensions.class);
        this.workers = new Semaphore(Math.max(1, threads), true);
        this.timeoutSeconds = timeoutSeconds;
        this.auth = auth;
    }

    /** Any failure of a request's steps: 500 with error 1 and the exception (REST.md §5.4). */
    public RestResponse failure(RestRequest req, Throwable e) {
        LOG.warn("REST request {} {} failed", req.method(), req.path(), e);
        return RestErrors.commandFailure(req, ErrorCode.PROCESS_FAILURE, e.toString());
    }

    /** Every reply leaves through here: the common headers, and no node paths in error replies. */
    public RestResponse finish(RestResponse r) {
        return withCommonHeaders(r.status() >= 400 ? withoutHomePaths(r) : r);
    }

    /**
     * Error replies name files relative to the node home: a client needs to know which file failed, not where the node
     * lives on the server (details often quote an I/O error, and the JDK puts absolute paths in those).
     */
    private RestResponse withoutHomePaths(RestResponse r) {
        Path home = node.dirs() == null ? null : node.dirs().home();
        String body = r.bodyText();
        String cleanBody = PathText.scrub(body, home);
        String reason = PathText.scrub(r.reason(), home);
        if (cleanBody.equals(body) && java.util.Objects.equals(reason, r.reason())) {
            return r;
        }
        RestResponse clean = new RestResponse(r.status(), reason, null, cleanBody.getBytes(StandardCharsets.UTF_8));
        r.headers().forEach(clean::header);
        return clean;
    }

    /** {@code GET /health} and {@code GET /api/status}: answered before authentication (REST.md §2). */
    public static boolean isStatusProbe(RestRequest req) {
        return req.method().equals("GET") && (req.path().equals("/health") || req.path().equals("/api/status"));
    }

    public RestResponse statusProbe(RestRequest req) {
        if (req.path().equals("/health")) {
            return RestResponse.text(200, null, "{\"status\": \"healthy\", \"service\": \"anylog-rest-server\", \"timestamp\": "
                + PyFloat.repr(System.currentTimeMillis() / 1000.0) + "}");
        }
        return RestResponse.text(200, null, "{\"status\": \"ok\"}");
    }

    /** True when the node requires basic authentication and the request's credentials do not match. */
    public boolean unauthorized(RestRequest req) {
        if (auth != null && !auth.accepts(req.header("Authorization"))) {
            LOG.warn("REST authentication failed for {} {} from {}", req.method(), req.path(), req.clientIp());
            return true;
        }
        return false;
    }

    public RestResponse challenge(RestRequest req) {
        return BasicAuth.challenge();
    }

    /** The extra path a capability added (e.g. {@code /observe/metrics}) that serves this request, or null. */
    public RestExtension extension(RestRequest req) {
        return extensions.get(req.path());
    }

    public RestResponse viaExtension(RestRequest req) {
        return extension(req).handle(req);
    }

    /** Methods other than GET, POST, PUT and OPTIONS. */
    public RestResponse notSupported(RestRequest req) {
        return new RestResponse(501, req.method() + " NOT SUPPORTED", null, null);
    }

    /**
     * GET: {@code ?name=value} pairs of the URL become headers. POST without a {@code command} header: the string
     * members of a JSON object body become headers (REST.md §3.3). Returns a refusal, or null.
     */
    public RestResponse commandHeaders(RestRequest req) {
        if (req.method().equals("GET")) {
            urlHeaders(req);
        }
        String command = req.header("command");
        if (req.method().equals("POST") && (command == null || command.isEmpty()) && req.body().length > 0) {
            return bodyAsHeaders(req);
        }
        return null;
    }

    /** GET and POST commands (REST.md §3–5), after the User-Agent rules. */
    public RestResponse commands(RestRequest req) {
        String method = req.method();
        String product = UserAgent.product(req);
        if (!UserAgent.isAnyLogClient(product)) {
            if (method.equals("GET")) {
                return RestResponse.empty(200);
            }
            return RestErrors.plain400("{\"Error\" : \"HTTP server received POST message from unknown 'User-Agent': "
                + UserAgent.raw(req) + "\"}");
        }
        return commands(req, method, product);
    }

    private RestResponse commands(RestRequest req, String method, String product) {
        Session session = new Session(Source.REST, null).clientAddress(req.clientIp());
        String command = req.header("command");
        boolean bodyOnly = "body".equalsIgnoreCase(command);
        if (method.equals("POST") && req.body().length > 0 && (bodyOnly || !isJsonObject(req.bodyText()))) {
            for (ScriptLines.Line line : ScriptLines.split(req.bodyText())) {
                CommandResult r = execute(line.text(), session);
                if (r.isError()) {
                    return RestErrors.commandFailure(req, r);
                }
            }
            if (bodyOnly) {
                return RestResponse.empty(200);
            }
        }
        if (command == null || command.isEmpty()) {
            if (method.equals("GET") && product.equals("curl")) {
                command = "get status";
            } else if (method.equals("POST") && req.body().length > 0) {
                return RestResponse.empty(200);
            } else {
                return RestErrors.commandFailure(req, ErrorCode.COMMAND_STRUCTURE, "Missing 'command' header");
            }
        }
        Method needed = MethodRules.required(node.commands(), command);
        if (!MethodRules.allows(needed, method)) {
            return RestErrors.commandFailure(req, ErrorCode.WRONG_HTTP_METHOD, null);
        }
        String destination = req.header("destination");
        if (destination != null && !destination.isEmpty() && !destination.equalsIgnoreCase("local")) {
            if (destination.equalsIgnoreCase("network")) {
                return RestErrors.commandFailure(req, ErrorCode.DESTINATION_NODE,
                    "destination: network (query fan-out) is not supported by a publisher");
            }
            command = runClient(destination, req, command);
        }
        CommandResult r = execute(command, session);
        if (r.isError()) {
            return RestErrors.commandFailure(req, r);
        }
        String assignment = req.header("assignment");
        if (assignment != null && !assignment.isEmpty()) {
            node.dictionary().put(assignment, r.output() == null ? "" : r.output());
        }
        return r.output() == null || r.output().isEmpty() ? RestResponse.empty(200) : RestResponse.text(200, null, r.output());
    }

    private String runClient(String destination, RestRequest req, String command) {
        StringBuilder sb = new StringBuilder("run client (");
        String[] dests = destination.split(",");
        for (int i = 0; i < dests.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(dests[i].trim());
        }
        String subset = req.header("subset");
        if (subset != null && !subset.isEmpty()) {
            sb.append(", subset = ").append(subset);
        }
        long timeout = timeoutSeconds;
        String t = req.header("timeout");
        if (t != null && !t.isEmpty()) {
            timeout = t.trim().matches("\\d+") ? Long.parseLong(t.trim()) : Units.parseTimeSeconds(t);
        }
        if (timeout > 0) {
            sb.append(", timeout = ").append(timeout);
        }
        return sb.append(") ").append(command).toString();
    }

    private CommandResult execute(String line, Session session) {
        try {
            workers.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CommandResult.error(ErrorCode.PROCESS_FAILURE, "Interrupted while waiting for a REST worker");
        }
        try {
            return node.interpreter().execute(line, session);
        } finally {
            workers.release();
        }
    }

    /** A JSON object body without a command header: its string members act as headers (REST.md §3.3). */
    private RestResponse bodyAsHeaders(RestRequest req) {
        String text = req.bodyText().trim();
        if (!text.startsWith("{")) {
            return null;
        }
        Map<String, Object> obj;
        try {
            obj = JsonParser.parseObject(text);
        } catch (JsonException e) {
            return null;
        }
        if (obj.containsKey("sql") && obj.containsKey("dbms")) {
            return RestErrors.commandFailure(req, ErrorCode.NOT_SUPPORTED, "Network queries are not supported by a publisher");
        }
        for (Map.Entry<String, Object> e : obj.entrySet()) {
            if (e.getValue() instanceof String) {
                req.header(e.getKey(), (String) e.getValue());
            }
        }
        return null;
    }

    private static boolean isJsonObject(String text) {
        String t = text.trim();
        if (!t.startsWith("{")) {
            return false;
        }
        try {
            JsonParser.parseObject(t);
            return true;
        } catch (JsonException e) {
            return false;
        }
    }

    /** {@code http://h:p/?User-Agent=AnyLog/1.23?command=get%20status}: pairs after '?' (or '&') act as headers. */
    static void urlHeaders(RestRequest req) {
        String uri = req.uri();
        int q = uri.indexOf('?');
        if (q < 0) {
            return;
        }
        for (String part : uri.substring(q + 1).split("[?&]")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                String key = URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
                req.header(key, value);
            } catch (IllegalArgumentException e) {
                // a malformed escape: ignore that pair
            }
        }
    }

    public RestResponse preflight(RestRequest req) {
        String requested = req.header("Access-Control-Request-Headers");
        return RestResponse.empty(204)
            .header("Access-Control-Allow-Methods", "GET, POST, PUT, OPTIONS")
            .header("Access-Control-Allow-Headers", requested != null && !requested.isEmpty() ? requested
                : "Content-Type, Authorization, Accept, User-Agent, command, destination, dbms, table, mode, type, topic")
            .header("Access-Control-Max-Age", "86400");
    }

    private static RestResponse withCommonHeaders(RestResponse r) {
        return r.header("Access-Control-Allow-Origin", "*").header("Vary", "Origin")
            .header("Access-Control-Expose-Headers", "*").header("Connection", "close");
    }

    public int timeoutSeconds() {
        return timeoutSeconds;
    }
}
