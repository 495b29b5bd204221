package io.edgepublisher.ledger.commands;

import io.edgepublisher.command.Command;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.ledger.sync.SyncControl;
import java.util.List;

/** {@code exit synchronizer} (COMMANDS.md §4.9): stops the ledger synchroniser; 150 when none runs. */
public final class ExitSynchronizerCommand implements Command {
    private final SyncControl control;

    public ExitSynchronizerCommand(SyncControl control) {
        this.control = control;
    }

    @Override
    public List<String> names() {
        return List.of("exit synchronizer");
    }

    @Override
    public String syntax() {
        return "exit synchronizer";
    }

    @Override
    public Method method() {
        return Method.POST;
    }

    @Override
    public Output execute(CommandCall c) {
        c.noArgs();
        control.exit();
        return Output.none();
    }
}
