package io.edgepublisher.streamer;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.config.Units;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.node.Routes;
import io.edgepublisher.streamer.commands.FlushBuffersCommand;
import io.edgepublisher.streamer.commands.GetStreamingCommand;
import io.edgepublisher.streamer.commands.GetStreamingConfigCommand;
import io.edgepublisher.streamer.commands.RunStreamerCommand;
import io.edgepublisher.streamer.commands.SetBufferThresholdCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the streaming buffers on a node: the {@link StreamerService} (journal opened now, recovered in boot phase
 * 0, flushed at shutdown), the commands {@code set buffer threshold}, {@code run streamer}, {@code flush buffers},
 * {@code get streaming [config]}, and the {@code Streamer} row of {@code get processes}.
 */
public final class StreamerModule {
    private static final Logger LOG = LoggerFactory.getLogger(StreamerModule.class);

    private StreamerModule() {
    }

    public static void install(Node node) {
        StreamerService s = StreamerService.open(node.dictionary(), node.dirs(), node.clock());
        node.register(StreamerService.class, s);
        node.onStart(() -> {
            s.addFlushListener((path, hash, rows) -> {
                if (!path.getFileName().toString().startsWith("err_")) {
                    io.edgepublisher.ops.NodeMetrics.of(node).filesWritten(1);
                }
            });
            RecoveryReport r = s.recover();
            if (!r.flushed().isEmpty() || !r.alreadyFlushed().isEmpty() || !r.failed().isEmpty()) {
                LOG.info("Journal recovery: {} files written, {} segments already flushed, {} kept after a failure",
                        r.flushed().size(), r.alreadyFlushed().size(), r.failed().size());
            }
        });
        // Registered before the intake module, so it runs after the intake paths stopped (reverse order).
        node.onStop(s::close);
        node.commands().register(new SetBufferThresholdCommand());
        node.commands().register(new RunStreamerCommand());
        node.commands().register(new FlushBuffersCommand());
        node.commands().register(new GetStreamingCommand());
        node.commands().register(new GetStreamingConfigCommand());
        node.processes().register("Streamer", () -> {
            if (!Routes.isStarted(node, StreamerService.ROUTE_ID)) {
                return ProcessStatus.notDeclared("");
            }
            Thresholds t = s.thresholds().global();
            return ProcessStatus.running("Default streaming thresholds are " + t.timeSeconds() + " seconds and "
                    + Units.withThousands(t.volumeBytes()) + " bytes");
        });
    }

    /** The node's streamer service; 3 when the node was built without it. */
    public static StreamerService service(Node node) {
        StreamerService s = node.service(StreamerService.class);
        if (s == null) {
            throw new CommandException(ErrorCode.PROCESS_FAILURE, "Streaming buffers are not available on this node");
        }
        return s;
    }
}
