package io.edgepublisher.ledger.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.OptionSpec;
import io.edgepublisher.command.Options;
import io.edgepublisher.command.Output;
import io.edgepublisher.ledger.InsertRules;
import io.edgepublisher.ledger.MetadataService;
import io.edgepublisher.ledger.Policy;
import io.edgepublisher.ledger.PolicyPreparer;
import io.edgepublisher.ledger.PolicyText;
import io.edgepublisher.ledger.PushCommands;
import io.edgepublisher.ledger.sync.MasterLink;
import io.edgepublisher.wire.TransferResult;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code blockchain insert where policy = … [and local = true] [and master = ip:port]…} (COMMANDS.md §4.11,
 * LEDGER.md §4.3): prepare, check, append to the local ledger, push {@code blockchain push <json>} to each master,
 * rebuild the routing metadata.
 */
public final class InsertPolicyCommand extends BaseCommand {
    private static final Logger LOG = LoggerFactory.getLogger(InsertPolicyCommand.class);
    private static final OptionSpec SPEC = OptionSpec.of("blockchain insert")
        .key("policy", OptionSpec.Type.TEXT)
        .key("local", OptionSpec.Type.BOOL)
        .repeatable("master", OptionSpec.Type.IP_PORT)
        .key("blockchain", OptionSpec.Type.ANY);

    private final MetadataService metadata;
    private final MasterLink link;

    public InsertPolicyCommand(MetadataService metadata, MasterLink link) {
        super(List.of("blockchain insert"),
            "blockchain insert where policy = !<key> [and local = true] [and master = <ip:port>]…", Method.POST, false);
        this.metadata = metadata;
        this.link = link;
    }

    @Override
    public Output execute(CommandCall c) {
        Options o = c.where(SPEC);
        if (o.has("blockchain")) {
            throw new CommandException(ErrorCode.NOT_SUPPORTED,
                "Live blockchain platforms are not supported: insert with local = true and master = <ip:port>");
        }
        String text = o.required("policy");
        boolean local = o.bool("local", false);
        List<String> masters = o.texts("master");
        if (!local && masters.isEmpty()) {
            throw c.structure("Missing ledger location information (local, master or blockchain)");
        }
        PolicyPreparer.Prepared p = SeedRename.preparer(c.node()).prepare(PolicyText.parse(text,
            ErrorCode.JSON_STRUCTURE));
        if (p.renamedFromMaster()) {
            LOG.warn("Policy declares this node with root key 'master'; renamed to 'publisher' (seed compatibility)");
        }
        Policy policy = p.policy();
        if (local) {
            metadata.insertLocal(policy);
        } else {
            InsertRules.checkUnique(metadata.snapshot(), policy);
        }
        push(policy, masters, local);
        return Output.none();
    }

    /** Step 6: one push per master; failures warn when the policy is stored locally, else fail with 81 (or 21). */
    private void push(Policy policy, List<String> masters, boolean local) {
        if (masters.isEmpty()) {
            return;
        }
        String command = PushCommands.push(policy);
        List<String> failed = new ArrayList<>();
        int code = ErrorCode.CONNECTION.code();
        for (String master : masters) {
            TransferResult r = link.send(master, command, false);
            if (r.success()) {
                LOG.info("Policy {} pushed to master {}", policy.id(), master);
                continue;
            }
            LOG.warn("Failed to push policy {} to master {}{}", policy.id(), master,
                local ? " (kept in the local ledger; the next ledger merge pushes it again): " + r.detail()
                    : ": " + r.detail());
            failed.add(master + " (" + r.detail() + ")");
            if (r.errorCode() == ErrorCode.SOURCE_SERVER.code()) {
                code = r.errorCode();
            }
        }
        if (!local && !failed.isEmpty()) {
            throw new CommandException(code,
                "Failed to push policy " + policy.id() + " to master " + String.join(", ", failed));
        }
    }
}
