package io.edgepublisher.ledger.commands;

import io.edgepublisher.command.BaseCommand;
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
public final class ReloadMetadataCommand extends BaseCommand {
    private final MetadataService metadata;

    public ReloadMetadataCommand(MetadataService metadata) {
        super(List.of("blockchain reload metadata", "blockchain load metadata"),
            "blockchain reload metadata", Method.POST, false);
        this.metadata = metadata;
    }

    @Override
    public Output execute(CommandCall c) {
        c.noArgs();
        metadata.reload();
        return Output.none();
    }
}
