package io.edgepublisher.intake.ingest;

import io.edgepublisher.intake.BodySpool;
import io.edgepublisher.intake.PutBodyParser;
import io.edgepublisher.intake.PutRequest;
import io.edgepublisher.intake.RowsOut;
import io.edgepublisher.json.PyJson;
import io.edgepublisher.streamer.StreamingBuffers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.ObjLongConsumer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

/**
 * The rows branch of {@code direct:ingest}: JSON rows (REST.md §6.2 — one object, a list of objects, or objects in
 * text) into the buffer {@code <dbms>.<table>.<source>.<instructions>.json}, or, with {@code mode: file}, into a data
 * file of their own in the watch dir. Returns once they are durable, with the header {@code hash}. A batch beyond
 * {@link #IN_MEMORY_ROWS} is written to its own file as it is produced, never held in memory.
 *
 * <p>The body is bytes or text, a {@link BodySpool} (a REST PUT body too large for memory), or a parsed
 * {@code Map}/{@code List} from a user route.
 */
final class RowsIngest implements Processor {
    /** A batch of rows beyond this size is written to its own file as it is produced, never held in memory. */
    static final long IN_MEMORY_ROWS = 1 << 20;

    private final StreamingBuffers buffers;
    private final ObjLongConsumer<String> rowsIn;

    RowsIngest(StreamingBuffers buffers, ObjLongConsumer<String> rowsIn) {
        this.buffers = buffers;
        this.rowsIn = rowsIn;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        Message m = exchange.getMessage();
        String mode = m.getHeader(IngestRoute.MODE, String.class);
        PutRequest p = PutRequest.of(m.getHeader(IngestRoute.DBMS, String.class),
                m.getHeader(IngestRoute.TABLE, String.class), m.getHeader(IngestRoute.SOURCE, String.class),
                m.getHeader(IngestRoute.INSTRUCTIONS, String.class), m.getHeader(IngestRoute.TYPE, String.class),
                mode == null ? "streaming" : mode);
        try (BodySpool body = body(m);
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
            rowsIn.accept(path(exchange), rows);
            m.setHeader(IngestRoute.HASH, hash);
        }
    }

    private static BodySpool body(Message m) {
        Object body = m.getBody();
        if (body instanceof BodySpool s) {
            return s;
        }
        if (body instanceof byte[] b) {
            return BodySpool.of(b);
        }
        if (body instanceof Map || body instanceof List) {
            return BodySpool.of(PyJson.dumps(body).getBytes(StandardCharsets.UTF_8));
        }
        byte[] b = m.getBody(byte[].class);
        return BodySpool.of(b == null ? new byte[0] : b);
    }

    /** The metrics path: REST PUT or a user route. */
    private static String path(Exchange exchange) {
        String from = exchange.getFromRouteId();
        return from != null && from.startsWith("rest") ? "rest" : "route";
    }
}
