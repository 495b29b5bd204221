package io.edgepublisher.publisher.route;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.publisher.PublisherConfig;
import io.edgepublisher.publisher.PublisherHeaders;
import io.edgepublisher.publisher.PublisherRun;
import io.edgepublisher.publisher.disposal.Disposer;
import io.edgepublisher.publisher.disposal.FileMoves;
import io.edgepublisher.publisher.queue.QueuedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Steps {@code publisherDisposalPlan}, {@code publisherDelete}, {@code publisherMove}, {@code publisherKeep}, {@code publisherErrorStatus}, {@code publisherMoveToErrorDir}: §7 (delete, archive or bkup; the kept copy gzip'd by the route's
 * {@code marshal().gzipDeflater()} when {@code compress_<type>}) and §8 (the error dir).
 */
public final class DisposalSteps {
    private static final Logger LOG = LoggerFactory.getLogger("io.edgepublisher.publisher");

    private final Supplier<PublisherRun> runs;

    public DisposalSteps(Supplier<PublisherRun> runs) {
        this.runs = runs;
    }

    /**
     * §7.1: sets {@code disposal} to {@code delete}, {@code move} or {@code gzip} (none when the file is gone) and
     * {@code kept} to the kept copy's path ({@code !archive_dir/YY/MM/DD/} of the UTC date of acceptance, or
     * {@code bkup_dir}; {@code .gz} appended when gzip'd).
     */
    public void plan(Exchange exchange) {
        PublisherConfig cfg = RunSteps.run(runs).config();
        QueuedFile f = RunSteps.file(exchange);
        Message m = exchange.getMessage();
        String type = f.file().type();
        m.removeHeader(PublisherHeaders.KEPT);
        if (!Files.exists(f.file().path())) {
            m.setHeader(PublisherHeaders.DISPOSAL, "none");
        } else if (cfg.delete(type)) {
            m.setHeader(PublisherHeaders.DISPOSAL, "delete");
        } else {
            boolean gz = cfg.compress(type) && !f.file().compressed();
            Path dir = cfg.archive(type) ? Disposer.dateDir(cfg.archiveDir(), Instant.now()) : cfg.bkupDir();
            m.setHeader(PublisherHeaders.KEPT, dir.resolve(gz ? f.name() + ".gz" : f.name()));
            m.setHeader(PublisherHeaders.DISPOSAL, gz ? "gzip" : "move");
        }
    }

    public void delete(Exchange exchange) throws IOException {
        Files.deleteIfExists(RunSteps.file(exchange).file().path());
    }

    /** Moves the file to its kept path (a rename; across file systems copy, fsync, rename, delete). */
    public void move(Exchange exchange) throws IOException {
        FileMoves.move(RunSteps.file(exchange).file().path(), exchange.getMessage().getHeader(PublisherHeaders.KEPT,
            Path.class));
    }

    /**
     * Writes the body (the gzip'd content) to the kept path through a temporary file next to it (fsync, rename),
     * then deletes the source: a crash leaves the source or the complete copy.
     */
    public void keep(Exchange exchange) throws IOException {
        Path target = exchange.getMessage().getHeader(PublisherHeaders.KEPT, Path.class);
        try (InputStream in = exchange.getMessage().getMandatoryBody(InputStream.class)) {
            FileMoves.write(in, target);
        } catch (org.apache.camel.InvalidPayloadException e) {
            throw new IOException(e.getMessage(), e);
        }
        Files.delete(RunSteps.file(exchange).file().path());
    }

    /** §6.2: the status of a file moved to the error dir. */
    public void errorStatus(Exchange exchange) {
        Message m = exchange.getMessage();
        int code = m.getHeader(PublisherHeaders.ERROR_CODE, Integer.class);
        m.removeHeader(PublisherHeaders.STATUS1);
        m.setHeader(PublisherHeaders.STATUS2, "error " + code + ": " + ErrorCode.textOf(code));
    }

    /** §8: moves the file to the error dir under its marked name; its name may be discovered again afterwards. */
    public void moveToErrorDir(Exchange exchange) {
        PublisherRun run = RunSteps.run(runs);
        QueuedFile f = RunSteps.file(exchange);
        int code = exchange.getMessage().getHeader(PublisherHeaders.ERROR_CODE, Integer.class);
        try {
            run.errorDir().move(f.file().path(), f.name(), code);
        } catch (NoSuchFileException e) {
            LOG.info("File {} vanished before its move to the error dir", f.name());
        } catch (IOException e) {
            LOG.error("File {} could not be moved to the error dir: {}", f.name(), e.toString());
        } finally {
            run.queue().movedToErrorDir(f.name());
        }
    }
}
