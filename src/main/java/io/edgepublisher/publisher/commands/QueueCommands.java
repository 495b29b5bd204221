package io.edgepublisher.publisher.commands;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.OptionSpec.Type;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.Output;
import io.edgepublisher.node.Node;
import io.edgepublisher.node.commands.SimpleCommand;
import io.edgepublisher.publisher.PublisherConfig;
import io.edgepublisher.publisher.PublisherRun;
import io.edgepublisher.publisher.PublisherService;
import io.edgepublisher.publisher.disposal.ArchiveRetention;
import io.edgepublisher.publisher.disposal.ErrorDir;
import io.edgepublisher.publisher.disposal.FileMoves;
import io.edgepublisher.store.Database;
import io.edgepublisher.store.Databases;
import io.edgepublisher.store.TsdInfoDao;
import io.edgepublisher.streamer.DataFileName;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code publisher requeue} (§4.22), {@code delete archive} and {@code exit publisher} (§4.29). */
public final class QueueCommands {
    private static final Logger LOG = LoggerFactory.getLogger(QueueCommands.class);
    private static final OptionSpec REQUEUE = OptionSpec.of("publisher requeue")
        .key("file", Type.TEXT).key("all", Type.BOOL).key("code", Type.INT);
    private static final OptionSpec DELETE_ARCHIVE = OptionSpec.of("delete archive").key("days", Type.INT);

    private QueueCommands() {
    }

    public static void install(Node node, PublisherService service) {
        node.commands().register(new SimpleCommand(List.of("publisher requeue"),
            "publisher requeue where file = <name> | where all = true [and code = <n>]", Method.POST, false,
            c -> Output.text(requeue(node, service, c.where(REQUEUE)))));
        node.commands().register(new SimpleCommand(List.of("delete archive"), "delete archive where days = <n>",
            Method.POST, false, c -> {
                Options o = c.where(DELETE_ARCHIVE);
                int days = Integer.parseInt(o.required("days"));
                if (days < 0) {
                    throw c.structure("'days' must not be negative");
                }
                try {
                    return Output.text(Integer.toString(ArchiveRetention.deleteOlderThan(
                        Path.of(node.dictionary().get("archive_dir")), days, LocalDate.now(ZoneOffset.UTC))));
                } catch (IOException e) {
                    throw new CommandException(ErrorCode.IO, "Archive retention failed: " + e.getMessage());
                }
            }));
        node.commands().register(new SimpleCommand(List.of("exit publisher"), "exit publisher", Method.POST, false,
            c -> {
                c.noArgs();
                if (!service.stop()) {
                    throw c.structure("The publisher is not running");
                }
                return Output.none();
            }));
    }

    static String requeue(Node node, PublisherService service, Options o) {
        PublisherRun run = service.run();
        PublisherConfig cfg = run != null ? run.config() : null;
        Path err = cfg != null ? cfg.errDir() : Path.of(node.dictionary().get("err_dir"));
        Path watch = cfg != null ? cfg.watchDir() : Path.of(node.dictionary().get("watch_dir"));
        String file = o.text("file", null);
        boolean all = o.bool("all", false);
        if ((file == null) == !all) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE,
                "'publisher requeue' needs 'file = <name>' or 'all = true'");
        }
        Integer code = o.has("code") ? o.integer("code", 0) : null;
        List<Path> picked = new ArrayList<>();
        if (file != null) {
            Path p = err.resolve(file);
            if (file.contains("/") || !Files.isRegularFile(p) || ErrorDir.parse(file) == null) {
                throw new CommandException(ErrorCode.FILE_NOT_EXISTS, "No file '" + file + "' in " + err);
            }
            picked.add(p);
        } else {
            try (DirectoryStream<Path> s = Files.newDirectoryStream(err)) {
                for (Path p : s) {
                    ErrorDir.Marked m = ErrorDir.parse(p.getFileName().toString());
                    if (m != null && Files.isRegularFile(p) && (code == null || m.code() == code)) {
                        picked.add(p);
                    }
                }
            } catch (IOException e) {
                throw new CommandException(ErrorCode.IO, "Error dir not readable: " + e.getMessage());
            }
        }
        picked.sort(null);
        Database almgm = Beans.get(node, Databases.class).get("almgm");
        int done = 0;
        List<String> left = new ArrayList<>();
        for (Path p : picked) {
            ErrorDir.Marked m = ErrorDir.parse(p.getFileName().toString());
            Path target = watch.resolve(m.original());
            if (Files.exists(target)) {
                left.add(p.getFileName().toString());
                continue;
            }
            resetRow(almgm, m.original());
            try {
                FileMoves.moveDurably(p, target);
            } catch (IOException e) {
                throw new CommandException(ErrorCode.FILE_MOVE, "Requeue of " + p.getFileName() + " failed: "
                    + e.getMessage());
            }
            service.nodeFile(target, -1);
            done++;
            LOG.info("Requeued {} as {}", p.getFileName(), m.original());
        }
        if (!left.isEmpty()) {
            LOG.warn("Not requeued, the name exists in the watch dir: {}", left);
            return done + "\r\nNot requeued (name exists in the watch dir): " + String.join(", ", left);
        }
        return Integer.toString(done);
    }

    /** §8: the row (when the name carries a hash) restarts: pending / requeued, file_time now. */
    private static void resetRow(Database almgm, String name) {
        if (almgm == null) {
            return;
        }
        String hash;
        try {
            hash = DataFileName.parse(name).hash();
        } catch (RuntimeException e) {
            return;
        }
        if (hash.equals(DataFileName.ZERO)) {
            return;
        }
        TsdInfoDao dao = new TsdInfoDao(almgm.dialect());
        try {
            almgm.run(c -> {
                dao.update(c, List.of(new TsdInfoDao.Update(hash, "pending", "requeued",
                    TsdInfoDao.timeText(Instant.now()))));
                if (!c.getAutoCommit()) {
                    c.commit();
                }
                return null;
            });
        } catch (SQLException e) {
            LOG.warn("tsd_info row of requeued {} not reset: {}", name, e.getMessage());
        }
    }
}
