package io.edgepublisher.streamer.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.streamer.StreamerModule;
import java.util.List;

/** {@code flush buffers} (COMMANDS.md §4.19): every non-empty buffer to its file now; returns when they are there. */
public final class FlushBuffersCommand extends BaseCommand {
    public FlushBuffersCommand() {
        super(List.of("flush buffers"), "flush buffers", Method.POST, false);
    }

    @Override
    public Output execute(CommandCall call) {
        call.noArgs();
        StreamerModule.service(call.node()).buffers().flushAll();
        return Output.none();
    }
}
