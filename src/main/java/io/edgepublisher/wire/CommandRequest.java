package io.edgepublisher.wire;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.nio.charset.StandardCharsets;

/**
 * Builds a command request (PROTOCOL.md §5): info type 6, partitions used 1, the job fields, and receivers.
 * {@code event get_blockchain …} and {@code blockchain push …} are ordinary commands built here too.
 *
 * <pre>{@code
 * OutboundMessage m = CommandRequest.of("get status").job(3, 777).receivers(1, 0).build();
 * }</pre>
 */
public final class CommandRequest {
    /** Commands of this many bytes or more go as a large message (207 + length ≥ 2048). */
    public static final int LARGE_THRESHOLD = FrameLayout.BODY_SIZE;
    /** Larger commands fail with 230 "Error large command". */
    public static final int MAX_COMMAND_BYTES = 1 << 20;

    private final String command;
    private int jobLocation;
    private long jobId;
    private int receivers = 1;
    private int receiverId;

    private CommandRequest(String command) {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("command text is empty");
        }
        this.command = command;
    }

    /** A request carrying {@code command} exactly as given (already resolved, §5 step 1). */
    public static CommandRequest of(String command) {
        return new CommandRequest(command);
    }

    /** The waiting job's slot and id; leave unset (0/0) when nobody waits for replies. */
    public CommandRequest job(int location, long id) {
        this.jobLocation = location;
        this.jobId = id;
        return this;
    }

    /** How many peers the request goes to and which of them this one is (0-based); default 1 and 0. */
    public CommandRequest receivers(int count, int index) {
        this.receivers = count;
        this.receiverId = index;
        return this;
    }

    /**
     * @throws CommandException 230 "Error large command" when the command exceeds 1 MiB
     */
    public OutboundMessage build() {
        byte[] utf8 = command.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > MAX_COMMAND_BYTES) {
            throw new CommandException(ErrorCode.LARGE_COMMAND,
                    "command of " + utf8.length + " bytes exceeds the 1 MiB limit");
        }
        if (utf8.length < LARGE_THRESHOLD) {
            FrameHeader template = FrameHeader.builder()
                    .infoType(InfoType.COMMAND_REQUEST)
                    .job(jobLocation, jobId)
                    .receivers(receivers, receiverId)
                    .partitions(1, 0)
                    .build();
            return new OutboundMessage(OutboundMessage.Kind.COMMAND, template, command, utf8, new byte[0],
                    Chunking.REPLY, false);
        }
        // A large message is a file write (info type 0, partitions 0 as in §7.1) that keeps the command's job
        // fields (§7.6), so the receiver can still answer the waiting job.
        FrameHeader template = FrameHeader.builder()
                .infoType(InfoType.FILE)
                .job(jobLocation, jobId)
                .receivers(receivers, receiverId)
                .genericFlag(GenericFlag.FILE_LARGE_MESSAGE)
                .build();
        return new OutboundMessage(OutboundMessage.Kind.COMMAND, template, command, utf8, utf8, Chunking.FILE, true);
    }
}
