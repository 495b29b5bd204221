package io.edgepublisher.ledger.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.ledger.sync.SyncControl;
import java.util.List;

/** {@code exit synchronizer} (COMMANDS.md §4.9): stops the ledger synchroniser; 150 when none runs. */
public final class ExitSynchronizerCommand extends BaseCommand {
    private final SyncControl control;

    public ExitSynchronizerCommand(SyncControl control) {
        super(List.of("exit synchronizer"), "exit synchronizer", Method.POST, false);
        this.control = control;
    }

    @Override
    public Output execute(CommandCall c) {
        c.noArgs();
        control.exit();
        return Output.none();
    }
}
