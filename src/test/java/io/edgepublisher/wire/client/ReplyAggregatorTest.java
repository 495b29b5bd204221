package io.edgepublisher.wire.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.edgepublisher.wire.PeerAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The aggregation rules of COMMANDS.md §4.28. */
class ReplyAggregatorTest {
    static final PeerAddress A = new PeerAddress("10.0.0.7", 32148);
    static final PeerAddress B = new PeerAddress("10.0.0.8", 32148);

    static ReplySlot text(PeerAddress p, String t) {
        return new ReplySlot(p, ReplySlot.State.REPLIED, 0, t, false);
    }

    static ReplySlot json(PeerAddress p, String t) {
        return new ReplySlot(p, ReplySlot.State.REPLIED, 0, t, true);
    }

    @Test
    void textRepliesInTargetOrder() {
        ReplyAggregator.Result r = ReplyAggregator.aggregate(List.of(text(A, "operator1@10.0.0.7:32148 running"),
            text(B, "operator2@10.0.0.8:32148 running")), false, false);
        assertEquals(new ReplyAggregator.Result(0, "\r\n[From Node 10.0.0.7:32148] operator1@10.0.0.7:32148 running"
            + "\r\n[From Node 10.0.0.8:32148] operator2@10.0.0.8:32148 running", null), r);
    }

    @Test
    void longOrMultiLineTextStartsOnItsOwnLine() {
        String exactly120 = "x".repeat(120);
        String longer = "y".repeat(121);
        ReplyAggregator.Result r = ReplyAggregator.aggregate(List.of(text(A, exactly120), text(B, longer)), false, false);
        assertEquals("\r\n[From Node 10.0.0.7:32148] " + exactly120 + "\r\n[From Node 10.0.0.8:32148]\r\n" + longer,
            r.output());
        r = ReplyAggregator.aggregate(List.of(text(A, "\r\n    Process  Status\r\n")), false, false);
        assertEquals("\r\n[From Node 10.0.0.7:32148]\r\n\r\n    Process  Status\r\n", r.output());
    }

    @Test
    void jsonRepliesAreCombinedAndTextJoinsAsMessages() {
        ReplyAggregator.Result r = ReplyAggregator.aggregate(List.of(json(A, "{\"a\": 1}"), json(B, "[2]")), false,
            false);
        assertEquals("{\"10.0.0.7:32148\" : {\"a\": 1}, \"10.0.0.8:32148\" : [2]}", r.output());
        r = ReplyAggregator.aggregate(List.of(json(A, "{\"a\": 1}"), text(B, "op2 \"running\"")), false, false);
        assertEquals("{\"10.0.0.7:32148\" : {\"a\": 1},\"messages\" : \"\\r\\n[From Node 10.0.0.8:32148] op2"
            + " \\\"running\\\"\"}", r.output());
    }

    @Test
    void oneTargetAssignedGetsTheBareText() {
        ReplyAggregator.Result r = ReplyAggregator.aggregate(List.of(text(A, "operator1 running")), false, true);
        assertEquals("operator1 running", r.output());
        r = ReplyAggregator.aggregate(List.of(text(A, "a"), text(B, "b")), false, true);
        assertEquals("\r\n[From Node 10.0.0.7:32148] a\r\n[From Node 10.0.0.8:32148] b", r.output());
    }

    @Test
    void theFirstPeerErrorIsTheCommandsCode() {
        ReplySlot refused = new ReplySlot(A, ReplySlot.State.REPLIED, 212, "Command 'exit node' is not allowed from peers",
            false);
        ReplySlot unknown = new ReplySlot(B, ReplySlot.State.REPLIED, 1, "Command 'x' not recoginzed", false);
        ReplyAggregator.Result r = ReplyAggregator.aggregate(List.of(refused, unknown), false, false);
        assertEquals(212, r.code());
        String text = "\r\n[From Node 10.0.0.7:32148] Command 'exit node' is not allowed from peers"
            + "\r\n[From Node 10.0.0.8:32148] Command 'x' not recoginzed";
        assertEquals(text, r.output());
        assertEquals(text, r.detail());
    }

    @Test
    void aMissingPeerFailsWith26UnlessSubset() {
        List<ReplySlot> slots = List.of(text(A, "op1 running"), ReplySlot.missing(B));
        ReplyAggregator.Result r = ReplyAggregator.aggregate(slots, false, false);
        assertEquals(26, r.code());
        assertEquals("No reply from 10.0.0.8:32148: Time Out\r\n[From Node 10.0.0.7:32148] op1 running", r.detail());
        r = ReplyAggregator.aggregate(slots, true, false);
        assertEquals(0, r.code());
        assertEquals("\r\n[From Node 10.0.0.7:32148] op1 running"
            + "\r\nReply errors"
            + "\r\nNode           Error    "
            + "\r\n--------------|--------|"
            + "\r\n10.0.0.8:32148|Time Out|"
            + "\r\n", r.output());
    }

    @Test
    void unreachablePeersCarryTheirConnectionCode() {
        List<ReplySlot> slots = List.of(ReplySlot.sendFailed(A, 208, "Connection refused"), ReplySlot.missing(B));
        ReplyAggregator.Result r = ReplyAggregator.aggregate(slots, false, false);
        assertEquals(208, r.code());
        assertEquals("No reply from 10.0.0.7:32148: Network connection to peer refused (Connection refused); No reply"
            + " from 10.0.0.8:32148: Time Out", r.detail());
        r = ReplyAggregator.aggregate(slots, true, false);
        assertEquals(0, r.code());
        assertEquals("\r\nReply errors"
            + "\r\nNode           Error                              "
            + "\r\n--------------|----------------------------------|"
            + "\r\n10.0.0.7:32148|Network connection to peer refused|"
            + "\r\n10.0.0.8:32148|Time Out                          |"
            + "\r\n", r.output());
    }
}
