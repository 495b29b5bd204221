package io.edgepublisher.publisher.route;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.publisher.PublisherHeaders;
import io.edgepublisher.publisher.PublisherRun;
import io.edgepublisher.publisher.naming.IntakeResult;
import io.edgepublisher.publisher.naming.PreparedFile;
import io.edgepublisher.publisher.watch.WatchDirComponent;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Step {@code publisherIntake}: §3.2–3.3 on a discovered file (name, hash, rows, rename, permanent rejects). */
public final class IntakeSteps {
    /** Exchange property: the {@link PreparedFile} the intake made (the queue's input, not data). */
    public static final String PREPARED = "publisherPrepared";
    private static final Logger LOG = LoggerFactory.getLogger("io.edgepublisher.publisher");

    private final Supplier<PublisherRun> runs;

    public IntakeSteps(Supplier<PublisherRun> runs) {
        this.runs = runs;
    }

    /**
     * Normalises the file (renaming it to its canonical name) and sets the header {@code intake}: {@code accepted}
     * (body: the canonical path; headers dbms, table, hash, size, rows, source, instructions, fileName, type,
     * compressed), {@code rejected} (moved to the error dir; {@code errorCode}, {@code errorText}), {@code dropped}
     * or {@code retry} (nothing to do now).
     */
    public void prepare(Exchange exchange) {
        PublisherRun run = RunSteps.run(runs);
        Message m = exchange.getMessage();
        Path path = m.getBody(Path.class);
        Integer rows = m.getHeader(PublisherHeaders.ROWS, Integer.class);
        boolean nodeCreated = Boolean.TRUE.equals(m.getHeader(WatchDirComponent.NODE_CREATED, Boolean.class));
        IntakeResult r = run.intake().prepare(path, nodeCreated, rows == null ? -1 : rows);
        if (r instanceof IntakeResult.Accepted a) {
            describe(exchange, a.file());
            m.setHeader(PublisherHeaders.INTAKE, "accepted");
        } else if (r instanceof IntakeResult.Rejected rej) {
            if (rej.file() != null) {
                describe(exchange, rej.file());
            }
            m.setHeader(PublisherHeaders.FILE_NAME, rej.currentName());
            m.setHeader(PublisherHeaders.ERROR_CODE, rej.code());
            m.setHeader(PublisherHeaders.ERROR_TEXT, rej.text());
            m.setHeader(PublisherHeaders.INTAKE, "rejected");
            exchange.setProperty(PREPARED + "Rejected", rej);
        } else if (r instanceof IntakeResult.Dropped d) {
            run.queue().forget(d.name());
            m.setHeader(PublisherHeaders.INTAKE, "dropped");
        } else if (r instanceof IntakeResult.Retry rt) {
            run.queue().forget(rt.name());
            LOG.warn("File {} could not be read ({}); it is tried again at the next scan", rt.name(), rt.reason());
            m.setHeader(PublisherHeaders.INTAKE, "retry");
        }
    }

    private static void describe(Exchange exchange, PreparedFile p) {
        Message m = exchange.getMessage();
        m.setBody(p.path());
        m.setHeader(PublisherHeaders.DBMS, p.dbms());
        m.setHeader(PublisherHeaders.TABLE, p.table());
        m.setHeader(PublisherHeaders.HASH, p.hash());
        m.setHeader(PublisherHeaders.SIZE, p.bytes());
        m.setHeader(PublisherHeaders.ROWS, p.rows());
        m.setHeader(PublisherHeaders.SOURCE, p.source());
        m.setHeader(PublisherHeaders.INSTRUCTIONS, p.instructions());
        m.setHeader(PublisherHeaders.FILE_NAME, p.name());
        m.setHeader(PublisherHeaders.TYPE, p.type());
        m.setHeader(PublisherHeaders.COMPRESSED, p.compressed());
        exchange.setProperty(PREPARED, p);
    }

    static String codeText(int code) {
        return ErrorCode.textOf(code);
    }
}
