package io.edgepublisher.wire.client;

import io.edgepublisher.command.ErrorCode;
import io.edgepublisher.format.TableFormatter;
import io.edgepublisher.json.PyJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Combines the slots of a {@code run client} job into the command's output (COMMANDS.md §4.28):
 *
 * <ul>
 *   <li>text replies, in target order: {@code \r\n[From Node <ip:port>] <text>}, or with {@code \r\n} before the
 *       text when it is longer than 120 characters or has a line break;</li>
 *   <li>JSON replies: {@code {"<ip:port>" : <json>, …}}, the text part added as {@code ,"messages" : "<text>"};</li>
 *   <li>one target whose output is assigned: the reply text alone;</li>
 *   <li>the command's code is the first non-zero code in target order; with {@code subset = true} peers that did
 *       not answer or could not be reached do not fail the command but are listed in a {@code Reply errors} table
 *       ({@code Node}, {@code Error}).</li>
 * </ul>
 */
final class ReplyAggregator {
    static final int SAME_LINE_MAX = 120;

    /** The aggregate: code 0 with the output, or the failing code with a detail that includes the output. */
    record Result(int code, String output, String detail) {
    }

    private ReplyAggregator() {
    }

    static Result aggregate(List<ReplySlot> slots, boolean subset, boolean assignment) {
        StringBuilder text = new StringBuilder();
        List<ReplySlot> json = new ArrayList<>();
        List<List<Object>> replyErrors = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int code = 0;
        for (ReplySlot s : slots) {
            if (s.replied()) {
                if (s.json()) {
                    json.add(s);
                } else {
                    appendText(text, s);
                }
                if (code == 0) {
                    code = s.code();
                }
            } else if (subset) {
                replyErrors.add(List.of(s.target().toString(), ErrorCode.textOf(s.code())));
            } else {
                code = code == 0 ? s.code() : code;
                problems.add("No reply from " + s.target() + ": " + ErrorCode.textOf(s.code())
                    + (s.state() == ReplySlot.State.SEND_FAILED ? " (" + s.text() + ")" : ""));
            }
        }
        String out;
        if (assignment && slots.size() == 1 && slots.get(0).replied()) {
            out = slots.get(0).text();
        } else {
            out = json.isEmpty() ? text.toString() : combineJson(json, text.toString());
        }
        if (!replyErrors.isEmpty()) {
            out += TableFormatter.of(List.of("Node", "Error")).withHeader("Reply errors").format(replyErrors);
        }
        if (code == 0) {
            return new Result(0, out, null);
        }
        String detail = String.join("; ", problems);
        return new Result(code, out, detail.isEmpty() ? out : out.isEmpty() ? detail : detail + out);
    }

    private static void appendText(StringBuilder sb, ReplySlot s) {
        String t = s.text();
        boolean sameLine = t.length() <= SAME_LINE_MAX && t.indexOf('\n') < 0 && t.indexOf('\r') < 0;
        sb.append("\r\n[From Node ").append(s.target()).append(']').append(sameLine ? " " : "\r\n").append(t);
    }

    private static String combineJson(List<ReplySlot> json, String text) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < json.size(); i++) {
            ReplySlot s = json.get(i);
            sb.append(i == 0 ? "" : ", ").append(PyJson.dumps(s.target().toString())).append(" : ").append(s.text());
        }
        if (!text.isEmpty()) {
            sb.append(",\"messages\" : ").append(PyJson.dumps(text));
        }
        return sb.append('}').toString();
    }
}
