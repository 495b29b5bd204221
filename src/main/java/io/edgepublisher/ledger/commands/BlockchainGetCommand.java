package io.edgepublisher.ledger.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.command.Source;
import io.edgepublisher.ledger.MetadataService;
import io.edgepublisher.ledger.query.PolicyQuery;
import io.edgepublisher.ledger.query.QueryResult;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code blockchain get …} (COMMANDS.md §4.13, LEDGER.md §5) on the current ledger snapshot. Local and REST
 * callers get JSON (or the bring text); a TCP peer gets what an EdgeLake node prints to peers, the Python
 * representation of the list. Read-only, so peers may run it.
 */
public final class BlockchainGetCommand extends BaseCommand {
    private final MetadataService metadata;

    public BlockchainGetCommand(MetadataService metadata) {
        super(List.of("blockchain get"),
            "blockchain get <type> | (<type>, …) | * [where <key> <op> <value> [and …]] [bring[.<modifier>]… <terms>]",
            Method.GET, true);
        this.metadata = metadata;
    }

    @Override
    public Output execute(CommandCall c) {
        List<String> words = new ArrayList<>(c.argCount());
        for (int i = 0; i < c.argCount(); i++) {
            words.add(c.word(i));
        }
        QueryResult r = PolicyQuery.parse(words).evaluate(metadata.snapshot(), metadata.addressRule());
        return Output.text(c.session().source() == Source.PEER ? r.peerText() : r.text());
    }
}
