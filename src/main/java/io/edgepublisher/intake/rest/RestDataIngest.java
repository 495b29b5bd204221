package io.edgepublisher.intake.rest;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.intake.BodySpool;
import io.edgepublisher.intake.PutBodyParser;
import io.edgepublisher.intake.PutRequest;
import io.edgepublisher.intake.RowsOut;
import io.edgepublisher.intake.client.ClientTopic;
import io.edgepublisher.intake.client.Delivery;
import io.edgepublisher.intake.client.MessageIntake;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.intake.client.MsgClients;
import io.edgepublisher.intake.mapping.PayloadMapper;
import io.edgepublisher.intake.mapping.PayloadResult;
import io.edgepublisher.rest.DataIngest;
import io.edgepublisher.rest.RestErrors;
import io.edgepublisher.rest.RequestBodyStream;
import io.edgepublisher.rest.RestRequest;
import io.edgepublisher.rest.RestResponse;
import io.edgepublisher.streamer.StorageRefused;
import io.edgepublisher.streamer.StreamingBuffers;
import io.edgepublisher.support.PathText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST data ingestion (REST.md §6–7), node service {@code DataIngest.class}. Both paths answer only after the data is
 * durable: PUT {@code file} after the file is renamed into the watch dir and the directory fsync'd, PUT
 * {@code streaming} and POST {@code data} after the journal fsync (INTAKE.md §6). The REST worker thread waits.
 */
public final class RestDataIngest implements DataIngest {
    private static final Logger LOG = LoggerFactory.getLogger(RestDataIngest.class);
    static final String NO_REST_CLIENT = "{\"Error\" : \"HTTP server received POST message to add data. Missing USER ID"
            + " (associated to the message broker)\" }";

    /** A batch of rows beyond this size is written to its own file as it is produced, never held in memory. */
    static final long IN_MEMORY_ROWS = 1 << 20;

    private final StreamingBuffers buffers;
    private final MsgClients clients;
    private final MessageIntake intake;
    private final Path spoolDir;

    private volatile java.util.function.ObjLongConsumer<String> rowsCounter = (path, rows) -> { };

    /** Told of the rows each PUT stores, for the node's metrics. */
    public void rowsCounter(java.util.function.ObjLongConsumer<String> counter) {
        this.rowsCounter = counter;
    }

    /** @param spoolDir where PUT bodies too large for memory wait while they are processed */
    public RestDataIngest(StreamingBuffers buffers, MsgClients clients, MessageIntake intake, Path spoolDir) {
        this.buffers = buffers;
        this.clients = clients;
        this.intake = intake;
        this.spoolDir = spoolDir;
    }

    /** The success body of REST.md §6.4, byte for byte. */
    static RestResponse success(String hash) {
        byte[] body = ("{\"AnyLog.status\":\"Success\", \"AnyLog.hash\": \"" + hash + "\" }")
                .getBytes(StandardCharsets.UTF_8);
        return new RestResponse(200, null, "text/json", body);
    }

    /**
     * PUT: the headers are checked first, and the free space, so a refused request's body is never received. The body
     * is then received into a spool (memory, or a file beyond {@link BodySpool#MEMORY_BYTES}), turned into rows that
     * go to memory or, beyond {@link #IN_MEMORY_ROWS}, straight into a file of the prep dir, and only then stored:
     * appended to the buffer and journaled, or renamed into the watch dir. A failure at any step stores nothing.
     */
    @Override
    public RestResponse put(RestRequest req) {
        PutRequest p;
        try {
            p = PutRequest.of(req.header("dbms"), req.header("table"), req.header("source"),
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
        } catch (CommandException e) {
            return failure(req, e);
        }
        try (BodySpool body = BodySpool.read(req.bodyStream(), spoolDir, BodySpool.MEMORY_BYTES);
                RowsOut out = new RowsOut(p.dbms(), p.table(), buffers.dirs().prep(), IN_MEMORY_ROWS)) {
            int rows = PutBodyParser.write(body, out);
            out.finish(!p.streaming());
            String hash;
            if (p.streaming()) {
                hash = (out.spilled() ? buffers.appendFile(p.bufferKey(), out.file(), out.hash(), rows)
                        : buffers.append(p.bufferKey(), out.memory(), out.memoryLength(), rows)).hash();
            } else {
                hash = (out.spilled() ? buffers.putFile(p.bufferKey(), out.file(), out.hash(), rows)
                        : buffers.putFile(p.bufferKey(), out.memory(), out.memoryLength(), rows)).hash();
            }
            rowsCounter.accept("rest", rows);
            return success(hash);
        } catch (RequestBodyStream.TooLarge e) {
            // the status of a body refused on its declared length, with the reason
            return new RestResponse(413, "Request Entity Too Large", "text", ("Not stored: the body is larger than the"
                    + " limit of " + e.limit() + " bytes (EP_REST_MAX_BODY)").getBytes(StandardCharsets.UTF_8));
        } catch (CommandException e) {
            return failure(req, e);
        } catch (IOException e) {
            if (StorageRefused.isLackOfSpace(e)) {
                return failure(req, new StorageRefused("Not stored: " + PathText.reason(e)));
            }
            LOG.warn("REST PUT from {}: body not received or not processed: {}", req.clientIp(), PathText.reason(e));
            return RestErrors.ingestFailure(400, ErrorCode.IO.code(), "Not stored: " + PathText.reason(e));
        }
    }

    /** The request's Content-Length, or -1 when it has none (chunked) or it is malformed. */
    private static long declaredLength(RestRequest req) {
        String v = req.header("Content-Length");
        return v != null && v.matches("\\d{1,18}") ? Long.parseLong(v) : -1;
    }

    private RestResponse failure(RestRequest req, CommandException e) {
        if (StorageRefused.isLackOfSpace(e)) {
            return RestErrors.ingestFailure(507, e.code(), e.detail());
        }
        if (e.code() == ErrorCode.FILE_WRITE.code() || e.code() == ErrorCode.PROCESS_FAILURE.code()) {
            LOG.debug("REST PUT from {} not stored: {}", req.clientIp(), e.getMessage());
        }
        return RestErrors.ingestFailure(e.code(), e.detail());
    }

    @Override
    public RestResponse postData(RestRequest req, String product) {
        MsgClient c = clients.restClient(product);
        if (c == null) {
            return RestErrors.plain400(NO_REST_CLIENT);
        }
        String topic = req.header("topic");
        ClientTopic t = topic == null || topic.isEmpty() ? c.topics().get(0) : c.topicNamed(topic);
        if (t == null) {
            return RestErrors.commandFailure(req, ErrorCode.MISSING_INGEST_MAPPING,
                    "No mapping for topic '" + topic + "' in message client #" + c.id());
        }
        PayloadResult r = PayloadMapper.map(t.mapping(), req.body(), intake.payloadLimit());
        try {
            buffers.storage().checkIntake();
            Delivery d = intake.deliver(c, t, t.mapping().topic(), r, true).join();
            if (d.failed() > 0 && !c.logError()) {
                return RestErrors.commandFailure(req, ErrorCode.MQTT_INFO, d.firstError());
            }
            return RestResponse.empty(200);
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CommandException) {
                return dataFailure(req, (CommandException) cause);
            }
            return RestErrors.commandFailure(req, ErrorCode.PROCESS_FAILURE, String.valueOf(cause));
        } catch (CommandException e) {
            return dataFailure(req, e);
        }
    }

    /** POST data failures: the JSON error of REST.md §5.4, with 507 when the node is short of space. */
    private static RestResponse dataFailure(RestRequest req, CommandException e) {
        if (StorageRefused.isLackOfSpace(e)) {
            return RestErrors.commandFailure(507, req, e.code(), e.detail());
        }
        return RestErrors.commandFailure(req, e.code(), e.detail(), null);
    }
}
