package io.edgepublisher.store;

import io.edgepublisher.node.Beans;
import io.edgepublisher.node.Lifecycle;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.node.Node;
import io.edgepublisher.ops.ReadinessProbes;
import io.edgepublisher.node.commands.SimpleCommand;
import java.sql.SQLException;
import java.util.List;

/** Installs the database registry and the database commands. */
public final class StoreModule {
    private StoreModule() {
    }

    public static void install(Node node) {
        if (node.dirs() != null && java.nio.file.Files.isDirectory(node.dirs().dir("tmp_dir"))) {
            SqliteNativeFolder.use(node.dirs().dir("tmp_dir"));
        }
        Databases dbs = new Databases();
        Beans.bind(node, Databases.class, dbs);
        node.configuration(Lifecycle.configuration(ctx -> {
            // After the routes stopped: the database connections they used.
            Lifecycle.onClose(ctx, dbs::closeAll);
            Lifecycle.afterStart(node, ctx, () -> Beans.get(node, ReadinessProbes.class).add("database", () -> {
                Database db = dbs.get("almgm");
                if (db == null) {
                    return ReadinessProbes.State.down("almgm is not connected");
                }
                return db.ping() ? ReadinessProbes.State.ok()
                    : ReadinessProbes.State.down(db.settings().describe() + " does not answer");
            }));
        }));
        node.commands().register(new ConnectDbmsCommand());
        node.commands().register(new CreateTableCommand());
        node.commands().register(new SimpleCommand(List.of("info table"), "info table <dbms> <table> exists",
            Method.GET, true, c -> {
                if (c.argCount() != 3 || !c.arg(2).is("exists")) {
                    throw c.structure("Use: info table <dbms> <table> exists");
                }
                Database db = Beans.get(c.node(), Databases.class).get(c.word(0).toLowerCase(java.util.Locale.ROOT));
                if (db == null) {
                    return Output.text("false");
                }
                try {
                    return Output.text(Boolean.toString(db.tableExists(c.word(1).toLowerCase(java.util.Locale.ROOT))));
                } catch (SQLException e) {
                    throw new CommandException(ErrorCode.DBMS_CONNECTION, e.getMessage());
                }
            }));
    }
}
