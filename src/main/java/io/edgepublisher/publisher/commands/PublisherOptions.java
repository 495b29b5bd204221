package io.edgepublisher.publisher.commands;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.OptionSpec.Type;
import io.edgepublisher.command.Options;
import io.edgepublisher.config.Defaults;
import io.edgepublisher.config.Dictionary;
import io.edgepublisher.publisher.PublisherConfig;
import io.edgepublisher.publisher.routing.auto.NewTableCluster;
import java.nio.file.Path;
import java.time.Duration;

/** The {@code where} keys of {@code run publisher} (PUBLISHER.md §2) and their conversion to a config. */
public final class PublisherOptions {
    static final OptionSpec SPEC = OptionSpec.of("run publisher")
        .key("watch_dir", Type.TEXT).key("bkup_dir", Type.TEXT).key("err_dir", Type.TEXT).alias("error_dir", "err_dir")
        .key("delete_json", Type.BOOL).key("delete_sql", Type.BOOL)
        .key("compress_json", Type.BOOL).key("compress_sql", Type.BOOL)
        .key("archive_json", Type.BOOL).key("archive_sql", Type.BOOL).key("move_json", Type.BOOL)
        .key("company", Type.TEXT).key("master_node", Type.IP_PORT)
        .key("dbms_name", Type.FILE_INDEX).key("table_name", Type.FILE_INDEX)
        .key("compress_transit", Type.BOOL).key("no_route_timeout", Type.TIME)
        .key("retry_min", Type.TIME).key("retry_max", Type.TIME).key("retry_limit", Type.INT)
        .key("ack_wait", Type.TIME).key("threads", Type.INT).key("archive_days", Type.INT)
        .key("new_table_cluster", Type.TEXT);

    private PublisherOptions() {
    }

    /** Checks and converts; 2 for a bad value, 78 for a directory that is not an absolute path. */
    public static PublisherConfig parse(Options o, Dictionary d) {
        Path watch = dir(o, "watch_dir", d);
        Path bkup = dir(o, "bkup_dir", d);
        Path err = dir(o, "err_dir", d);
        Path archive = dictDir(d, "archive_dir");
        Path prep = dictDir(d, "prep_dir");
        Path tmp = dictDir(d, "tmp_dir");
        // defaults: the node's (application.properties), so a hand-typed 'run publisher' behaves like the boot's
        long retryMin = o.seconds("retry_min", Defaults.seconds("EP_RETRY_MIN"));
        long retryMax = o.seconds("retry_max", Defaults.seconds("EP_RETRY_MAX"));
        int threads = o.integer("threads", Defaults.integer("EP_PUBLISHER_THREADS"));
        int retryLimit = o.integer("retry_limit", Defaults.integer("EP_RETRY_LIMIT"));
        int archiveDays = o.integer("archive_days", 0);
        long ackWait = o.seconds("ack_wait", Defaults.seconds("EP_ACK_WAIT"));
        if (retryMin > retryMax) {
            throw bad("'retry_min' (" + retryMin + " s) must not be greater than 'retry_max' (" + retryMax + " s)");
        }
        if (retryMin < 1) {
            throw bad("'retry_min' must be at least 1 second");
        }
        if (threads < 1) {
            throw bad("'threads' must be 1 or more, got " + threads);
        }
        if (retryLimit < 0 || archiveDays < 0) {
            throw bad("'retry_limit' and 'archive_days' must not be negative");
        }
        String mode = o.text("new_table_cluster", Defaults.get("EP_NEW_TABLE_CLUSTER"));
        NewTableCluster newTableCluster = NewTableCluster.of(mode);
        if (newTableCluster == null) {
            throw bad("Key 'new_table_cluster' in 'run publisher' needs wait or auto, got '" + mode + "'");
        }
        PublisherConfig base = PublisherConfig.defaults(watch, bkup, err, archive, prep, tmp);
        return new PublisherConfig(watch, bkup, err, archive, prep, tmp,
            o.bool("delete_json", false), o.bool("delete_sql", false),
            o.bool("compress_json", false), o.bool("compress_sql", false),
            o.bool("archive_json", false), o.bool("archive_sql", false), o.bool("move_json", true),
            o.text("company", null), o.text("master_node", null),
            o.fileIndex("dbms_name", 0), o.fileIndex("table_name", 1), o.bool("compress_transit", false),
            Duration.ofSeconds(o.seconds("no_route_timeout", Defaults.seconds("EP_NO_ROUTE_TIMEOUT"))), Duration.ofSeconds(retryMin),
            Duration.ofSeconds(retryMax), retryLimit, Duration.ofSeconds(ackWait), threads, archiveDays,
            base.rescanInterval(), base.foreignStable(), base.dbRetry(), newTableCluster);
    }

    private static Path dir(Options o, String key, Dictionary d) {
        String v = o.text(key, null);
        if (v == null) {
            return dictDir(d, key);
        }
        Path p = Path.of(v);
        if (!p.isAbsolute()) {
            throw new CommandException(ErrorCode.WRONG_PATH, "Key '" + key + "' in 'run publisher' needs an absolute"
                + " path or a !key/… path, got '" + v + "'");
        }
        return p;
    }

    private static Path dictDir(Dictionary d, String key) {
        String v = d.get(key);
        if (v == null) {
            throw new CommandException(ErrorCode.DIR_NOT_EXISTS, "Directory '!" + key + "' is not defined");
        }
        return Path.of(v);
    }

    private static CommandException bad(String detail) {
        return new CommandException(ErrorCode.COMMAND_STRUCTURE, detail);
    }
}
