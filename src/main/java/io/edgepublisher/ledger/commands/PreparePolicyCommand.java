package io.edgepublisher.ledger.commands;

import io.edgepublisher.command.BaseCommand;
import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.command.Method;
import io.edgepublisher.command.Output;
import io.edgepublisher.command.Token;
import io.edgepublisher.command.VariableResolver;
import io.edgepublisher.ledger.Policy;
import io.edgepublisher.ledger.PolicyPreparer;
import io.edgepublisher.ledger.PolicyText;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code blockchain prepare policy !<key>} (COMMANDS.md §4.10): adds {@code id} and {@code date} to the policy held
 * in {@code <key>} (LEDGER.md §3.1, including the step-0 text rewrite) and stores it back as JSON.
 */
public final class PreparePolicyCommand extends BaseCommand {
    private static final Logger LOG = LoggerFactory.getLogger(PreparePolicyCommand.class);

    public PreparePolicyCommand() {
        super(List.of("blockchain prepare policy"), "blockchain prepare policy !<key>", Method.POST, false);
    }

    @Override
    public Output execute(CommandCall c) {
        if (c.argCount() != 1 || !c.arg(0).text().startsWith("!") || !c.arg(0).isVariable()) {
            throw c.structure("Use: blockchain prepare policy !<key> (the key holds the policy JSON)");
        }
        Token t = c.arg(0);
        String key = t.text().substring(1).toLowerCase(Locale.ROOT);
        if (!key.matches("[a-z0-9_]+")) {
            throw c.structure("'" + t.text() + "' is not a plain dictionary key");
        }
        String text = c.node().dictionary().get(key);
        if (text == null) {
            throw VariableResolver.undefined(t.text());
        }
        // The text reached the node already decoded by its route (REST headers as ISO-8859-1); step 0 applies here.
        Policy policy = PolicyText.parse(text, ErrorCode.POLICY_STRUCTURE);
        PolicyPreparer.Prepared p = SeedRename.preparer(c.node()).prepare(policy);
        if (p.renamedFromMaster()) {
            LOG.warn("Policy in '{}' declares this node with root key 'master'; renamed to 'publisher' (seed"
                + " compatibility)", t.text());
        }
        c.node().dictionary().put(key, p.policy().toJson());
        return Output.none();
    }
}
