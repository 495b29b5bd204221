package io.edgepublisher.ledger.sync;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * The ledger request sent to the master every sync interval (LEDGER.md §4.4 step 1, PROTOCOL.md §11) and the path
 * at which the master writes its answer (PROTOCOL.md §7.5, §8.3 rule 3).
 */
public final class SyncRequest {
    private static final Pattern HASH = Pattern.compile("0|[0-9a-f]{32}");

    private SyncRequest() {
    }

    /**
     * {@code event get_blockchain <absolute path of !blockchain_new> <hash> 0}; the last word is the trace level.
     *
     * @param blockchainNew absolute path without white space (the node refuses such paths at boot)
     * @param hash          {@code 0} or 32 lower-case hex digits, see {@link SyncState#hashToSend}
     */
    public static String command(Path blockchainNew, String hash) {
        String path = blockchainNew.toString();
        if (!blockchainNew.isAbsolute() || path.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("ledger request path must be absolute without white space: " + path);
        }
        if (!HASH.matcher(hash).matches()) {
            throw new IllegalArgumentException("ledger request hash must be 0 or 32 hex digits: " + hash);
        }
        return "event get_blockchain " + path + " " + hash + " 0";
    }

    /**
     * The path the master writes to for transfer {@code k}: the requested path minus its extension (keeping the
     * dot) + {@code master_id_<k>.<extension>}, e.g. {@code …/blockchain.new} → {@code …/blockchain.master_id_7.new};
     * without an extension {@code <requested>.master_id_<k>}.
     */
    public static String replyPath(String requested, int k) {
        int slash = requested.lastIndexOf('/');
        int dot = requested.lastIndexOf('.');
        if (dot > slash && dot < requested.length() - 1) {
            return requested.substring(0, dot + 1) + "master_id_" + k + requested.substring(dot);
        }
        return requested + ".master_id_" + k;
    }

    /** True when {@code written} is {@link #replyPath} of {@code requested} for some k in 1–9. */
    public static boolean isReplyPath(String requested, String written) {
        for (int k = 1; k <= 9; k++) {
            if (replyPath(requested, k).equals(written)) {
                return true;
            }
        }
        return false;
    }
}
