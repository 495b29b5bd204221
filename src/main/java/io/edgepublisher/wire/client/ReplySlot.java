package io.edgepublisher.wire.client;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.wire.GenericFlag;
import io.edgepublisher.wire.InboundMessage;
import io.edgepublisher.wire.PeerAddress;

/**
 * What one target of a {@code run client} job produced: its reply, the failure to reach it, or nothing yet.
 *
 * @param target the peer as listed in the command
 * @param state  how the slot ended
 * @param code   the reply's error code, the send failure's code, or 26 while nothing arrived
 * @param text   the reply's message (PROTOCOL.md §6.4), or what went wrong
 * @param json   true for a {@code print} with generic flag 2
 */
public record ReplySlot(PeerAddress target, State state, int code, String text, boolean json) {

    /** How a slot ended. */
    public enum State {
        /** A {@code print} or {@code echo} arrived with the last block. */
        REPLIED,
        /** The request could not be sent (81, 208 …). */
        SEND_FAILED,
        /** Nothing arrived before the job's deadline (26). */
        MISSING
    }

    static ReplySlot missing(PeerAddress target) {
        return new ReplySlot(target, State.MISSING, ErrorCode.TIMEOUT.code(), ErrorCode.TIMEOUT.text(), false);
    }

    static ReplySlot replied(PeerAddress target, InboundMessage reply) {
        boolean json = reply.kind() == InboundMessage.Kind.PRINT && reply.genericFlag() == GenericFlag.PRINT_JSON;
        return new ReplySlot(target, State.REPLIED, reply.errorCode(), reply.text(), json);
    }

    static ReplySlot sendFailed(PeerAddress target, int code, String detail) {
        return new ReplySlot(target, State.SEND_FAILED, code, detail, false);
    }

    public boolean replied() {
        return state == State.REPLIED;
    }
}
