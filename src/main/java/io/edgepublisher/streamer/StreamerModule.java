package io.edgepublisher.streamer;

import io.edgepublisher.node.Beans;
import io.edgepublisher.node.Lifecycle;
import io.edgepublisher.config.Units;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.ProcessStatus;
import io.edgepublisher.node.Routes;
import io.edgepublisher.ops.NodeMetrics;
import io.edgepublisher.ops.ReadinessProbes;
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
        Beans.bind(node, StreamerService.class, s);
        node.configuration(Lifecycle.configuration(ctx -> {
            Lifecycle.afterStart(node, ctx, () -> {
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
                observe(node, s);
            });
            // Added before the intake's and the publisher's: the buffers flush after the intake paths stopped
            // (graceful stop steps run in reverse order of addition, CONFIG.md §6.6).
            Lifecycle.beforeStop(ctx, s::close);
        }));
        node.commands().register(new SetBufferThresholdCommand());
        node.commands().register(new RunStreamerCommand());
        node.commands().register(new FlushBuffersCommand());
        node.commands().register(new GetStreamingCommand());
        node.commands().register(new GetStreamingConfigCommand());
        node.processes().register("Streamer", () -> {
            String problem = s.storage().state().problem();
            if (!Routes.isStarted(node, StreamerService.ROUTE_ID)) {
                return ProcessStatus.notDeclared(problem == null ? "" : "Storage: " + problem);
            }
            Thresholds t = s.thresholds().global();
            return ProcessStatus.running("Default streaming thresholds are " + t.timeSeconds() + " seconds and "
                    + Units.withThousands(t.volumeBytes()) + " bytes" + (problem == null ? "" : "; " + problem));
        });
    }

    /** Readiness and metrics say why intake is refused or storage writes fail. */
    private static void observe(Node node, StreamerService s) {
        Beans.get(node, ReadinessProbes.class).add("storage", () -> {
            String problem = s.storage().state().problem();
            return problem == null ? ReadinessProbes.State.ok() : ReadinessProbes.State.down(problem);
        });
        NodeMetrics m = NodeMetrics.of(node);
        m.gauge("ep_storage_free_bytes", "Free bytes of the data file system closest to its free-space floor",
                () -> s.storage().state().lowest().free());
        m.gauge("ep_storage_floor_bytes", "Free-space floor of that file system (EP_MIN_FREE_SPACE); intake is refused"
                + " below it", () -> s.storage().state().lowest().floor());
        m.gauge("ep_intake_refused", "1 while intake is refused because free space is below the floor, else 0",
                () -> s.storage().state().refusing() ? 1 : 0);
        m.gauge("ep_storage_write_failing", "1 while writes of data files or journal records fail, else 0",
                () -> s.storage().writesFailing() ? 1 : 0);
        m.functionCounter("ep_intake_refusals", "Intake requests refused for lack of free space", s,
                x -> x.storage().refusals());
    }

    /** The node's streamer service (a bean of the node's registry; a node without it does not boot). */
    public static StreamerService service(Node node) {
        return Beans.get(node, StreamerService.class);
    }
}
