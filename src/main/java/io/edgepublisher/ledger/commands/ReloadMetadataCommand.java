package io.edgepublisher.ledger.commands;

import io.edgepublisher.command.Command;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.ledger.MetadataService;
import java.util.List;

/**
 * {@code blockchain reload metadata} / {@code blockchain load metadata} (COMMANDS.md §4.14): re-reads
 * {@code !blockchain_file} and rebuilds the routing metadata; 58 without a file, 69 for a bad line, and the
 * previous metadata stays in force on any error.
 */
public final class ReloadMetadataCommand implements Command {
    private final MetadataService metadata;

    public ReloadMetadataCommand(MetadataService metadata) {
        this.metadata = metadata;
    }

    @Override
    public List<String> names() {
        return List.of("blockchain reload metadata", "blockchain load metadata");
    }

    @Override
    public String syntax() {
        return "blockchain reload metadata";
    }

    @Override
    public Method method() {
        return Method.POST;
    }

    @Override
    public Output execute(CommandCall c) {
        c.noArgs();
        metadata.reload();
        return Output.none();
    }
}
