package io.edgepublisher.ledger.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.ledger.sync.SyncControl;
import io.edgepublisher.ledger.sync.SyncOptions;
import java.util.List;

/**
 * {@code run blockchain sync where source = master and time = <n unit> and dest = file [and connection = ip:port]}
 * starts the synchroniser; the bare {@code run blockchain sync} forces a sync now (COMMANDS.md §4.9). Both wait up
 * to min(10 s, interval) for the master's ledger.
 */
public final class RunBlockchainSyncCommand extends BaseCommand {
    private final SyncControl control;

    public RunBlockchainSyncCommand(SyncControl control) {
        super(List.of("run blockchain sync"),
            "run blockchain sync [where source = master and time = <n unit> and dest = file"
            + " [and connection = <ip:port>]]", Method.POST, false);
        this.control = control;
    }

    @Override
    public Output execute(CommandCall c) {
        if (c.argCount() == 0) {
            control.syncNow();
            return Output.none();
        }
        control.start(SyncOptions.of(c.where(SyncOptions.SPEC), c.node().dictionary()));
        return Output.none();
    }
}
