package io.edgepublisher.ledger.sync;

/**
 * A ledger request did not reach the master (LEDGER.md §4.6). Thrown by the request step of the
 * {@code blockchain-sync} route and handled by its {@code onException}: the ledger stays, the next trigger retries.
 */
public final class MasterUnreachableException extends RuntimeException {
    private final String master;
    private final boolean firstFailure;

    /**
     * @param firstFailure true when the previous attempt succeeded (or there was none): the state changed, so the
     *                     failure is worth a log line; repeated failures are not logged again
     */
    public MasterUnreachableException(String master, String detail, boolean firstFailure) {
        super("Failed to connect to master using: " + master + " (" + detail + ")");
        this.master = master;
        this.firstFailure = firstFailure;
    }

    public String master() {
        return master;
    }

    public boolean firstFailure() {
        return firstFailure;
    }
}
