package io.edgepublisher.store;

import io.edgepublisher.node.Beans;
import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import java.sql.SQLException;
import java.util.List;

/** {@code create table tsd_info where dbms = almgm} (COMMANDS.md §4.7); a publisher creates no other table. */
public final class CreateTableCommand extends BaseCommand {
    public CreateTableCommand() {
        super(List.of("create table"), "create table tsd_info where dbms = almgm", Method.POST, false);
    }

    @Override
    public Output execute(CommandCall call) {
        if (call.argCount() != 5 || !call.arg(1).is("where") || !call.arg(2).is("dbms") || !call.arg(3).isOperator("=")) {
            throw new CommandException(ErrorCode.COMMAND_STRUCTURE, "Use: create table tsd_info where dbms = almgm");
        }
        String table = call.word(0);
        String dbms = call.word(4);
        if (!table.equalsIgnoreCase("tsd_info") || !dbms.equalsIgnoreCase("almgm")) {
            throw new CommandException(ErrorCode.NOT_SUPPORTED,
                "A publisher stores no data tables; only 'create table tsd_info where dbms = almgm' is supported");
        }
        Database db = Beans.get(call.node(), Databases.class).get("almgm");
        if (db == null) {
            throw new CommandException(ErrorCode.DBMS_NOT_CONNECTED, "almgm is not connected: run 'connect dbms almgm' first");
        }
        try {
            TsdInfoSchema.create(db);
        } catch (SQLException e) {
            throw new CommandException(ErrorCode.DBMS_CONNECTION, "Cannot create tsd_info on " + db.settings().describe()
                + ": " + e.getMessage());
        }
        return Output.none();
    }
}
