package io.edgepublisher.ledger;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The merge of a ledger received from the master with the local one (LEDGER.md §4.5 steps 1–4), as a pure
 * function; {@link Ledger#merge} applies its result under the writer lock.
 */
public final class LedgerMerge {
    private LedgerMerge() {
    }

    /**
     * The outcome of a merge.
     *
     * @param merged         the new ledger: the received policies in order, then the missing local ones
     * @param content        the bytes of the new {@code blockchain.json}
     * @param missingLocal   local policies whose id the master does not have yet (still {@code "ledger": "local"})
     * @param repushCommands {@code blockchain push\tignore <json>} for each of them, with {@code "ledger": "global"}
     * @param receivedMd5    md5 of the received file exactly as received (the next sync request's hash)
     * @param mergedMd5      md5 of {@code content}
     */
    public record Result(LedgerSnapshot merged, byte[] content, List<Policy> missingLocal,
                         List<String> repushCommands, String receivedMd5, String mergedMd5) {
    }

    /**
     * Merges received ledger bytes into the current ledger. A local policy whose id the master's file contains is
     * replaced by the master's copy (it is simply not carried over).
     *
     * @throws io.edgepublisher.command.CommandException 59 for an empty file, 69 for an invalid one
     */
    public static Result merge(LedgerSnapshot current, byte[] received) {
        LedgerSnapshot master = LedgerFile.parse(received, true);
        Set<String> masterIds = new HashSet<>(master.size() * 2);
        for (Policy p : master.policies()) {
            masterIds.add(p.id());
        }
        List<Policy> missing = new ArrayList<>();
        List<String> repush = new ArrayList<>();
        for (Policy p : current.policies()) {
            if (p.isLocal() && !masterIds.contains(p.id())) {
                missing.add(p);
                repush.add(PushCommands.pushIgnore(p));
            }
        }
        List<Policy> all = new ArrayList<>(master.size() + missing.size());
        all.addAll(master.policies());
        all.addAll(missing);
        // The received lines are kept byte-exact (only CRs and blank lines are dropped).
        byte[] content = LedgerSnapshot.serialize(all);
        String mergedMd5 = Md5.hex(content);
        return new Result(new LedgerSnapshot(all, mergedMd5), content, List.copyOf(missing), List.copyOf(repush),
            master.md5(), mergedMd5);
    }
}
