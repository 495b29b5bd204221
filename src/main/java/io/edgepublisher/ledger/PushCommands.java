package io.edgepublisher.ledger;

/**
 * The command texts that carry a policy to a master (LEDGER.md §4.3 step 6, §4.5 step 4; PROTOCOL.md §10): the
 * policy serialised per §4.1 with {@code "ledger": "global"}.
 */
public final class PushCommands {
    private PushCommands() {
    }

    /** {@code blockchain push <json>} for {@code blockchain insert}. */
    public static String push(Policy policy) {
        return "blockchain push " + policy.withLedger(Policy.GLOBAL).toJson();
    }

    /** {@code blockchain push\tignore <json>} (TAB after push) for re-pushing local policies after a merge. */
    public static String pushIgnore(Policy policy) {
        return "blockchain push\tignore " + policy.withLedger(Policy.GLOBAL).toJson();
    }
}
