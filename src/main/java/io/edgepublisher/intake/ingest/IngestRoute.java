package io.edgepublisher.intake.ingest;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.intake.PutBodyParser;
import io.edgepublisher.intake.PutRequest;
import io.edgepublisher.intake.PutRows;
import io.edgepublisher.json.PyJson;
import io.edgepublisher.node.Node;
import io.edgepublisher.ops.NodeMetrics;
import io.edgepublisher.streamer.AppendResult;
import io.edgepublisher.streamer.StreamerService;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code direct:ingest}: the stable way for any Camel route (user YAML routes included) to feed the streamer. Headers
 * {@code dbms} and {@code table} (mandatory), {@code source} and {@code instructions} (default {@code 0}) name the
 * buffer; the body is JSON rows: one object, a list of objects, or several objects (text, bytes, or a parsed
 * {@code Map}/{@code List}). The exchange completes only after the rows are journaled and fsync'd, exactly like an
 * acknowledged MQTT message or a REST PUT; a bad header or body fails the exchange with the AnyLog error text and
 * stores nothing. On success the header {@code hash} carries the flushed file's hash ({@code 0} when nothing was
 * flushed).
 */
public final class IngestRoute extends RouteBuilder {
    public static final String ROUTE_ID = "ingest";
    public static final String ENDPOINT = "direct:ingest";

    private final Node node;

    public IngestRoute(Node node) {
        this.node = node;
    }

    @Override
    public void configure() {
        from(ENDPOINT).routeId(ROUTE_ID).routeGroup("intake").process(this::ingest);
    }

    void ingest(Exchange exchange) {
        Message m = exchange.getMessage();
        StreamerService streamer = node.service(StreamerService.class);
        if (streamer == null) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "The streamer service is not available");
        }
        PutRequest key = PutRequest.of(header(m, "dbms"), header(m, "table"), header(m, "source"),
            header(m, "instructions"), "json", "streaming");
        PutRows rows = PutBodyParser.parse(bodyText(m));
        AppendResult r = streamer.buffers().append(key.bufferKey(), rows.text(), rows.rows());
        NodeMetrics.of(node).rowsIn("route", rows.rows());
        m.setHeader("hash", r.hash());
    }

    private static String header(Message m, String name) {
        Object v = m.getHeader(name);
        return v == null ? null : v.toString();
    }

    private static String bodyText(Message m) {
        Object body = m.getBody();
        if (body instanceof Map || body instanceof List) {
            return PyJson.dumps(body);
        }
        if (body instanceof byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
        String s = m.getBody(String.class);
        return s == null ? "" : s;
    }
}
