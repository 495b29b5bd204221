package io.edgepublisher.intake.rest;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.intake.PutBodyParser;
import io.edgepublisher.intake.PutRequest;
import io.edgepublisher.intake.PutRows;
import io.edgepublisher.intake.client.ClientTopic;
import io.edgepublisher.intake.client.Delivery;
import io.edgepublisher.intake.client.MessageIntake;
import io.edgepublisher.intake.client.MsgClient;
import io.edgepublisher.intake.client.MsgClients;
import io.edgepublisher.intake.mapping.PayloadMapper;
import io.edgepublisher.intake.mapping.PayloadResult;
import io.edgepublisher.rest.DataIngest;
import io.edgepublisher.rest.RestErrors;
import io.edgepublisher.rest.RestRequest;
import io.edgepublisher.rest.RestResponse;
import io.edgepublisher.streamer.AppendResult;
import io.edgepublisher.streamer.FlushedFile;
import io.edgepublisher.streamer.StreamingBuffers;
import java.nio.charset.StandardCharsets;
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

    private final StreamingBuffers buffers;
    private final MsgClients clients;
    private final MessageIntake intake;

    private volatile java.util.function.ObjLongConsumer<String> rowsCounter = (path, rows) -> { };

    /** Told of the rows each PUT stores, for the node's metrics. */
    public void rowsCounter(java.util.function.ObjLongConsumer<String> counter) {
        this.rowsCounter = counter;
    }

    public RestDataIngest(StreamingBuffers buffers, MsgClients clients, MessageIntake intake) {
        this.buffers = buffers;
        this.clients = clients;
        this.intake = intake;
    }

    /** The success body of REST.md §6.4, byte for byte. */
    static RestResponse success(String hash) {
        byte[] body = ("{\"AnyLog.status\":\"Success\", \"AnyLog.hash\": \"" + hash + "\" }")
                .getBytes(StandardCharsets.UTF_8);
        return new RestResponse(200, null, "text/json", body);
    }

    @Override
    public RestResponse put(RestRequest req) {
        try {
            PutRequest p = PutRequest.of(req.header("dbms"), req.header("table"), req.header("source"),
                    req.header("instructions"), req.header("type"), req.header("mode"));
            buffers.dirs().checkForPut();
            PutRows rows = PutBodyParser.parse(req.bodyText());
            if (p.streaming()) {
                AppendResult r = buffers.append(p.bufferKey(), rows.text(), rows.rows());
                rowsCounter.accept("rest", rows.rows());
                return success(r.hash());
            }
            FlushedFile f = buffers.putFile(p.bufferKey(), rows.text(), rows.rows());
            rowsCounter.accept("rest", rows.rows());
            return success(f.hash());
        } catch (CommandException e) {
            if (e.code() == ErrorCode.FILE_WRITE.code() || e.code() == ErrorCode.PROCESS_FAILURE.code()) {
                LOG.warn("REST PUT from {} not stored: {}", req.clientIp(), e.getMessage());
            }
            return RestErrors.ingestFailure(e.code(), e.detail());
        }
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
            Delivery d = intake.deliver(c, t, t.mapping().topic(), r, true).join();
            if (d.failed() > 0 && !c.logError()) {
                return RestErrors.commandFailure(req, ErrorCode.MQTT_INFO, d.firstError());
            }
            return RestResponse.empty(200);
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CommandException) {
                CommandException ce = (CommandException) cause;
                return RestErrors.commandFailure(req, ce.code(), ce.detail(), null);
            }
            return RestErrors.commandFailure(req, ErrorCode.PROCESS_FAILURE, String.valueOf(cause));
        } catch (CommandException e) {
            return RestErrors.commandFailure(req, e.code(), e.detail(), null);
        }
    }
}
