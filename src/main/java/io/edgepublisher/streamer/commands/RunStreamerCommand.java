package io.edgepublisher.streamer.commands;

import io.edgepublisher.command.AlreadyRunning;
import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.Output;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.Routes;
import io.edgepublisher.streamer.StreamerDirs;
import io.edgepublisher.streamer.StreamerModule;
import io.edgepublisher.streamer.StreamerService;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;

/**
 * {@code run streamer [where prep_dir = … and watch_dir = … and err_dir = …]} (COMMANDS.md §4.18): the Camel route
 * {@code streamer}, a timer that applies the time thresholds several times per second, so a buffer is flushed at most
 * about 0.2 s after its time is up (INTAKE.md §5.3).
 */
public final class RunStreamerCommand extends BaseCommand {
    /** Timer period; well under the 1 s bound of INTAKE.md §5.3 and cheap when every buffer is empty. */
    static final long PERIOD_MS = 200;
    private static final OptionSpec SPEC = OptionSpec.of("run streamer").key("prep_dir", OptionSpec.Type.TEXT)
            .key("watch_dir", OptionSpec.Type.TEXT).key("err_dir", OptionSpec.Type.TEXT);

    public RunStreamerCommand() {
        super(List.of("run streamer"),
            "run streamer [where prep_dir = <dir> and watch_dir = <dir> and err_dir = <dir>]", Method.POST, false);
    }

    @Override
    public Output execute(CommandCall call) {
        Node node = call.node();
        StreamerService s = StreamerModule.service(node);
        Options o = call.where(SPEC);
        StreamerDirs current = s.buffers().dirs();
        if (Routes.status(node, StreamerService.ROUTE_ID) != null) {
            throw AlreadyRunning.of("Duplicate call to initiate Streamer process", () -> current.equals(
                new StreamerDirs(dir(o, "prep_dir", current.prep()), dir(o, "watch_dir", current.watch()),
                    dir(o, "err_dir", current.err()))));
        }
        StreamerDirs dirs = new StreamerDirs(dir(o, "prep_dir", current.prep()), dir(o, "watch_dir", current.watch()),
                dir(o, "err_dir", current.err()));
        dirs.checkForStreamer();
        s.buffers().setDirs(dirs);
        if (!dirs.equals(current)) {
            s.guard(dirs);
        }
        Routes.addAndStart(node, new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:ep-streamer?period=" + PERIOD_MS + "&delay=0")
                        .routeId(StreamerService.ROUTE_ID).routeGroup("streamer")
                        .process(e -> s.buffers().tick(s.clock().millis()));
            }
        }, StreamerService.ROUTE_ID);
        return Output.none();
    }

    private static Path dir(Options o, String key, Path def) {
        String v = o.text(key, null);
        if (v == null) {
            return def;
        }
        Path p = Path.of(v);
        if (!p.isAbsolute()) {
            throw new CommandException(ErrorCode.WRONG_PATH, "'" + key + "' must be an absolute path or a !key path: " + v);
        }
        return p;
    }
}
