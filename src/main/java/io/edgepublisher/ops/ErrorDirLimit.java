package io.edgepublisher.ops;

import io.edgepublisher.config.Defaults;
import io.edgepublisher.config.Units;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.Routes;
import io.edgepublisher.support.FolderLimit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what the error folder ({@code !err_dir}) may hold: at most {@code EP_ERR_DIR_MAX_FILES} files and
 * {@code EP_ERR_DIR_MAX_SIZE} bytes, the oldest files deleted first. Files land there from the publisher, the streamer
 * ({@code log_error} buffers, failed writes) and by hand, at rates the node does not control; without a bound the
 * folder grows until the disk is full. The route {@code error-dir-limit} checks the folder at start and every
 * {@link #PERIOD_MS} ms, whoever wrote to it.
 */
public final class ErrorDirLimit {
    public static final String ROUTE_ID = "error-dir-limit";
    static final long PERIOD_MS = 5_000;
    /** File names quoted in the log line of one trim. */
    static final int NAMES_LOGGED = 5;
    private static final Logger LOG = LoggerFactory.getLogger(ErrorDirLimit.class);

    private final Node node;
    private volatile String lastFailure;

    ErrorDirLimit(Node node) {
        this.node = node;
    }

    /** Adds the route; called once Camel runs. */
    void start() {
        Routes.addAndStart(node, new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:" + ROUTE_ID + "?period=" + PERIOD_MS + "&delay=0").routeId(ROUTE_ID).routeGroup("ops")
                    .process(e -> enforce());
            }
        }, ROUTE_ID);
    }

    /** The limit as configured now; null when the node has no error folder. */
    FolderLimit limit() {
        String dir = node.dictionary().get("err_dir");
        if (dir == null) {
            return null;
        }
        String files = Defaults.orDefault(node.dictionary(), "err_dir_max_files", "EP_ERR_DIR_MAX_FILES");
        long maxFiles = files.chars().allMatch(Character::isDigit) && !files.isEmpty() ? Long.parseLong(files) : 10_000;
        long maxBytes = Units.parseStorageBytes(Defaults.orDefault(node.dictionary(), "err_dir_max_size", "EP_ERR_DIR_MAX_SIZE"));
        return new FolderLimit(Path.of(dir), maxFiles, maxBytes < 0 ? 1L << 30 : maxBytes);
    }

    /** One check: trims the folder and logs what went, or why it could not be checked (once per failure). */
    FolderLimit.Result enforce() {
        FolderLimit limit = limit();
        if (limit == null) {
            return null;
        }
        try {
            FolderLimit.Result r = limit.enforce();
            lastFailure = null;
            if (r.trimmed()) {
                List<String> names = r.deleted();
                LOG.warn("Error dir {} held {} files and {} bytes, over its limit of {} files and {} bytes"
                    + " (EP_ERR_DIR_MAX_FILES, EP_ERR_DIR_MAX_SIZE): deleted the {} oldest ({} bytes): {}{}",
                    limit.dir(), r.files(), r.bytes(), limit.maxFiles(), limit.maxBytes(), names.size(),
                    r.deletedBytes(), String.join(", ", names.subList(0, Math.min(NAMES_LOGGED, names.size()))),
                    names.size() > NAMES_LOGGED ? ", …" : "");
            }
            return r;
        } catch (IOException | RuntimeException e) {
            String why = e.toString();
            if (!why.equals(lastFailure)) {
                LOG.warn("Cannot check the size of the error dir {}: {}", limit.dir(), why);
                lastFailure = why;
            }
            return null;
        }
    }
}
