package io.edgepublisher.publisher.commands;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.AlreadyRunning;
import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.node.Node;
import io.edgepublisher.publisher.PublisherConfig;
import io.edgepublisher.publisher.PublisherService;
import io.edgepublisher.publisher.StreamerLink;
import io.edgepublisher.store.Database;
import io.edgepublisher.store.Databases;
import io.edgepublisher.store.TsdInfoSchema;
import io.edgepublisher.wire.PeerClient;
import io.edgepublisher.wire.SourceAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code run publisher [where …]} (COMMANDS.md §4.20): preconditions in the order of PUBLISHER.md §2. */
public final class RunPublisherCommand extends BaseCommand {
    private static final Logger LOG = LoggerFactory.getLogger(RunPublisherCommand.class);

    public RunPublisherCommand() {
        super(List.of("run publisher"),
            "run publisher [where <option> = <value> [and …]]   (options: docs/PUBLISHING.md#run-publisher-options)",
            Method.POST, false);
    }

    @Override
    public Output execute(CommandCall call) {
        Node node = call.node();
        PublisherService service = Beans.get(node, PublisherService.class);
        if (service.running()) {
            throw AlreadyRunning.of("Publisher process already active", () -> service.run().config().equals(
                PublisherOptions.parse(call.where(PublisherOptions.SPEC), node.dictionary())));
        }
        PublisherConfig cfg = PublisherOptions.parse(call.where(PublisherOptions.SPEC), node.dictionary());
        StreamerLink streamer = Beans.get(node, StreamerLink.class);
        if (streamer.writeImmediateSet()) {
            throw new CommandException(ErrorCode.CONFIGURATION,
                "Publisher service can't be enabled if 'run_immediate' flag is set to True");
        }
        if (Beans.find(node, SourceAddress.class) == null || Beans.find(node, PeerClient.class) == null) {
            throw new CommandException(ErrorCode.TCP_NOT_RUNNING,
                "Operators' error echoes come back to the TCP server: 'run tcp server' first");
        }
        Database almgm = Beans.get(node, Databases.class).get("almgm");
        if (almgm == null) {
            throw new CommandException(ErrorCode.TSD_NOT_ACCESSIBLE, "almgm is not connected");
        }
        try {
            TsdInfoSchema.create(almgm);
        } catch (SQLException e) {
            throw new CommandException(ErrorCode.TSD_NOT_ACCESSIBLE, "tsd_info on " + almgm.settings().describe()
                + " is not accessible: " + e.getMessage());
        }
        checkDirs(cfg);
        if (!cfg.moveJson()) {
            LOG.info("run publisher: move_json = false is a legacy option and has no effect; delivered files always"
                + " leave the watch dir");
        }
        if (cfg.masterNode() != null && !cfg.masterNode().isEmpty()) {
            // PUBLISHER.md §2: ledger files from this master are accepted too (the TCP receiver reads master_node).
            node.dictionary().put("master_node", cfg.masterNode());
        }
        service.start(cfg, almgm);
        if (streamer != null && !streamer.streamerRunning()) {
            LOG.warn("The streamer was not running (a boot script without 'run streamer'); started it with the current"
                + " thresholds, so that buffers are also written on time");
            streamer.startStreamer();
        }
        return Output.none();
    }

    /** 35 missing, 63 not writable, 235 watch/prep/err on different file systems. */
    static void checkDirs(PublisherConfig cfg) {
        Path[] dirs = {cfg.watchDir(), cfg.bkupDir(), cfg.errDir(), cfg.archiveDir(), cfg.prepDir()};
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new CommandException(ErrorCode.DIR_NOT_EXISTS, "Directory '" + d + "' does not exist");
            }
        }
        for (Path d : dirs) {
            if (!Files.isWritable(d)) {
                throw new CommandException(ErrorCode.DIR_NOT_WRITEABLE, "Directory '" + d + "' is not writable");
            }
        }
        Object watch = store(cfg.watchDir());
        if (!Objects.equals(watch, store(cfg.prepDir())) || !Objects.equals(watch, store(cfg.errDir()))) {
            throw new CommandException(ErrorCode.CONFIGURATION, "watch_dir, prep_dir and err_dir must be on one file"
                + " system (renames between them must be atomic)");
        }
    }

    private static Object store(Path p) {
        try {
            Object dev = Files.getAttribute(p, "unix:dev");
            return dev != null ? dev : Files.getFileStore(p).name();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            try {
                return Files.getFileStore(p).name();
            } catch (IOException ex) {
                return null;
            }
        }
    }
}
