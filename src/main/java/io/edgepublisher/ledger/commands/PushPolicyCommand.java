package io.edgepublisher.ledger.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.command.Source;
import java.util.List;

/**
 * {@code blockchain push …} (COMMANDS.md §4.12): the message a node sends to a master. Edge Publisher is never a
 * master, so it only sends it: issued here it fails with 109, and a peer gets 212.
 */
public final class PushPolicyCommand extends BaseCommand {
    public PushPolicyCommand() {
        super(List.of("blockchain push"),
            "blockchain push <policy>   (sent to masters; not executed by Edge Publisher)", Method.POST, false);
    }

    @Override
    public Output execute(CommandCall c) {
        if (c.session().source() == Source.PEER) {
            throw new CommandException(ErrorCode.UNAUTHORIZED_COMMAND,
                "Command 'blockchain push' is not allowed from peers");
        }
        throw new CommandException(ErrorCode.BLOCKCHAIN_NOT_LOCAL,
            "Edge Publisher keeps no ledger table: declare policies with 'blockchain insert where policy = … and"
                + " master = <ip:port>'");
    }
}
