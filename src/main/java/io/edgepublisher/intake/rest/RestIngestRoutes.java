package io.edgepublisher.intake.rest;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.intake.BodySpool;
import io.edgepublisher.intake.PutRequest;
import io.edgepublisher.intake.client.ClientTopic;
import io.edgepublisher.intake.client.Delivery;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.intake.client.MsgClients;
import io.edgepublisher.intake.ingest.IngestRoute;
import io.edgepublisher.rest.RequestBodyStream;
import io.edgepublisher.rest.RestErrors;
import io.edgepublisher.rest.RestRequest;
import io.edgepublisher.rest.RestResponse;
import io.edgepublisher.rest.RestRoute;
import io.edgepublisher.rest.UserAgent;
import io.edgepublisher.streamer.StorageRefused;
import io.edgepublisher.streamer.StreamingBuffers;
import io.edgepublisher.support.PathText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST data ingestion (REST.md §6–7) as two routes called by {@code rest-api}; both hand the data to
 * {@code direct:ingest} and answer only after it is durable (INTAKE.md §6):
 * <ul>
 * <li>{@code rest-put}: the headers are checked first, and the free space, so a refused request's body is never
 * received; the body is then received (memory, or a spool file beyond {@link BodySpool#MEMORY_BYTES}) and sent to
 * the rows branch of {@code direct:ingest}, which journals it ({@code mode: streaming}) or writes its data file
 * ({@code mode: file}, the default). A failure at any step stores nothing.</li>
 * <li>{@code rest-post-data}: the payload of a {@code broker = rest} message client, sent to the mapped branch.</li>
 * </ul>
 */
public final class RestIngestRoutes extends RouteBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(RestIngestRoutes.class);
    static final String NO_REST_CLIENT = "{\"Error\" : \"HTTP server received POST message to add data. Missing USER ID"
            + " (associated to the message broker)\" }";
    private static final String CLIENT = "restMsgClient";

    private final StreamingBuffers buffers;
    private final MsgClients clients;
    private final Path spoolDir;

    /** @param spoolDir where PUT bodies too large for memory wait while they are processed */
    public RestIngestRoutes(StreamingBuffers buffers, MsgClients clients, Path spoolDir) {
        this.buffers = buffers;
        this.clients = clients;
        this.spoolDir = spoolDir;
    }

    @Override
    public void configure() {
        // doTry, not onException: a failure is answered here and rest-api goes on to send the reply
        from(RestRoute.PUT_ENDPOINT).routeId("rest-put").routeGroup("rest")
            .doTry()
                .process(this::admit).id("rest-put-admit")
                .process(this::receive).id("rest-put-receive")
                .to(IngestRoute.ENDPOINT).id("rest-put-ingest")
                .process(ex -> RestRoute.reply(ex, success(ex.getMessage().getHeader(IngestRoute.HASH, String.class))))
                    .id("rest-put-reply")
            .doCatch(Exception.class)
                .process(ex -> RestRoute.reply(ex, putFailure(RestRoute.request(ex), caught(ex))))
                    .id("rest-put-failure")
            .end();

        from(RestRoute.POST_DATA_ENDPOINT).routeId("rest-post-data").routeGroup("rest")
            .doTry()
                .process(this::client).id("rest-post-data-client")
                .filter(exchangeProperty(RestRoute.REPLY).isNull())
                    .to(IngestRoute.ENDPOINT).id("rest-post-data-ingest")
                    .process(this::delivered).id("rest-post-data-reply")
                .endDoTry()
            .doCatch(Exception.class)
                .process(ex -> RestRoute.reply(ex, dataFailure(RestRoute.request(ex), caught(ex))))
                    .id("rest-post-data-failure")
            .end();
    }

    /** The success body of REST.md §6.4, byte for byte. */
    static RestResponse success(String hash) {
        byte[] body = ("{\"AnyLog.status\":\"Success\", \"AnyLog.hash\": \"" + hash + "\" }")
                .getBytes(StandardCharsets.UTF_8);
        return new RestResponse(200, null, "text/json", body);
    }

    /**
     * PUT headers and free space, before the body is received: the ingest headers, normalised, replace the HTTP
     * headers (none of those can steer {@code direct:ingest}).
     */
    private void admit(Exchange ex) {
        RestRequest req = RestRoute.request(ex);
        PutRequest p = PutRequest.of(req.header("dbms"), req.header("table"), req.header("source"),
                req.header("instructions"), req.header("type"), req.header("mode"));
        buffers.dirs().checkForPut();
        long declared = declaredLength(req);
        if (declared > 0) {
            // a body beyond the memory bound is spooled and then written as rows: about twice its size
            buffers.storage().checkRoomFor(declared > BodySpool.MEMORY_BYTES ? 2 * declared : declared,
                    "a body of " + declared + " bytes");
        } else {
            buffers.storage().checkIntake();
        }
        Message m = ex.getMessage();
        m.getHeaders().clear();
        m.setHeader(IngestRoute.DBMS, p.dbms());
        m.setHeader(IngestRoute.TABLE, p.table());
        m.setHeader(IngestRoute.SOURCE, p.source());
        m.setHeader(IngestRoute.INSTRUCTIONS, p.instructions());
        m.setHeader(IngestRoute.TYPE, "json");
        m.setHeader(IngestRoute.MODE, p.streaming() ? "streaming" : "file");
    }

    /** Receives the streamed body: bytes in memory, or a spool file deleted when the exchange completes. */
    private void receive(Exchange ex) throws IOException {
        RestRequest req = RestRoute.request(ex);
        BodySpool spool = BodySpool.read(req.bodyStream(), spoolDir, BodySpool.MEMORY_BYTES, declaredLength(req));
        if (spool.spooled()) {
            ex.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
                @Override
                public void onDone(Exchange exchange) {
                    spool.close();
                }
            });
            ex.getMessage().setBody(spool);
        } else {
            ex.getMessage().setBody(spool.bytes());
        }
    }

    /** The request's Content-Length, or -1 when it has none (chunked) or it is malformed. */
    private static long declaredLength(RestRequest req) {
        String v = req.header("Content-Length");
        return v != null && v.matches("\\d{1,18}") ? Long.parseLong(v) : -1;
    }

    private static Throwable caught(Exchange ex) {
        Throwable e = ex.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private static RestResponse putFailure(RestRequest req, Throwable e) {
        if (e instanceof RequestBodyStream.TooLarge t) {
            // the status of a body refused on its declared length, with the reason
            return new RestResponse(413, "Request Entity Too Large", "text", ("Not stored: the body is larger than the"
                    + " limit of " + t.limit() + " bytes (EP_REST_MAX_BODY)").getBytes(StandardCharsets.UTF_8));
        }
        if (e instanceof CommandException c) {
            if (StorageRefused.isLackOfSpace(c)) {
                return RestErrors.ingestFailure(507, c.code(), c.detail());
            }
            if (c.code() == ErrorCode.FILE_WRITE.code() || c.code() == ErrorCode.PROCESS_FAILURE.code()) {
                LOG.debug("REST PUT from {} not stored: {}", req.clientIp(), c.getMessage());
            }
            return RestErrors.ingestFailure(c.code(), c.detail());
        }
        if (e instanceof IOException io) {
            if (StorageRefused.isLackOfSpace(io)) {
                StorageRefused r = new StorageRefused("Not stored: " + PathText.reason(io));
                return RestErrors.ingestFailure(507, r.code(), r.detail());
            }
            LOG.warn("REST PUT from {}: body not received or not processed: {}", req.clientIp(), PathText.reason(io));
            return RestErrors.ingestFailure(400, ErrorCode.IO.code(), "Not stored: " + PathText.reason(io));
        }
        LOG.warn("REST request {} {} failed", req.method(), req.path(), e);
        return RestErrors.commandFailure(req, ErrorCode.PROCESS_FAILURE, e.toString());
    }

    /** The {@code broker = rest} client of the User-Agent and its topic; refused without either. */
    private void client(Exchange ex) {
        RestRequest req = RestRoute.request(ex);
        MsgClient c = clients.restClient(UserAgent.product(req));
        if (c == null) {
            RestRoute.reply(ex, RestErrors.plain400(NO_REST_CLIENT));
            return;
        }
        String topic = req.header("topic");
        ClientTopic t = topic == null || topic.isEmpty() ? c.topics().get(0) : c.topicNamed(topic);
        if (t == null) {
            RestRoute.reply(ex, RestErrors.commandFailure(req, ErrorCode.MISSING_INGEST_MAPPING,
                    "No mapping for topic '" + topic + "' in message client #" + c.id()));
            return;
        }
        ex.setProperty(CLIENT, c);
        Message m = ex.getMessage();
        m.getHeaders().clear();
        m.setHeader(IngestRoute.MSG_CLIENT, c.id());
        m.setHeader(IngestRoute.TOPIC, t.mapping().topic());
        m.setBody(req.body());
    }

    /** 200, or with a failed message and no {@code log_error}: nothing was stored, error 165 with its reason. */
    private void delivered(Exchange ex) {
        Delivery d = ex.getMessage().getHeader(IngestRoute.DELIVERY, Delivery.class);
        MsgClient c = ex.getProperty(CLIENT, MsgClient.class);
        if (d != null && d.failed() > 0 && !c.logError()) {
            RestRoute.reply(ex, RestErrors.commandFailure(RestRoute.request(ex), ErrorCode.MQTT_INFO, d.firstError()));
        } else {
            RestRoute.reply(ex, RestResponse.empty(200));
        }
    }

    /** POST data failures: the JSON error of REST.md §5.4, with 507 when the node is short of space. */
    private static RestResponse dataFailure(RestRequest req, Throwable e) {
        if (e instanceof CommandException c) {
            if (StorageRefused.isLackOfSpace(c)) {
                return RestErrors.commandFailure(507, req, c.code(), c.detail());
            }
            return RestErrors.commandFailure(req, c.code(), c.detail(), null);
        }
        return RestErrors.commandFailure(req, ErrorCode.PROCESS_FAILURE, String.valueOf(e));
    }
}
