package io.edgepublisher.publisher.naming;

import java.nio.file.Path;

/** What {@link FileIntake} made of one watch-dir file. */
public sealed interface IntakeResult {

    /** Ready to be registered and routed. */
    record Accepted(PreparedFile file) implements IntakeResult {
    }

    /**
     * A permanent reject (§3.3): the file was moved to the error dir ({@code movedTo} null when even that failed).
     * {@code file} carries the identity when the hash is known, for the {@code tsd_info} record, else null.
     */
    record Rejected(String originalName, String currentName, int code, String text, Path movedTo,
                    PreparedFile file) implements IntakeResult {
    }

    /** Nothing to do: the file vanished, or it was a byte-identical copy of a queued file and was deleted. */
    record Dropped(String name, String reason) implements IntakeResult {
    }

    /** A local read error (transient, §5.5): the file stays and is looked at again later. */
    record Retry(String name, String reason) implements IntakeResult {
    }
}
