package io.edgepublisher.command;

import io.edgepublisher.json.JsonException;
import io.edgepublisher.json.JsonParser;
import io.edgepublisher.node.Node;
import java.util.List;

/**
 * The right-hand side of {@code key = value} (COMMANDS.md §1.7): a command's output, a JSON value, a {@code +}
 * concatenation, or words joined with single spaces. Returns null when the value is one undefined variable, which
 * skips the assignment.
 */
final class Assignment {
    private final Node node;
    private final Session session;
    private final Interpreter interpreter;

    Assignment(Node node, Session session, Interpreter interpreter) {
        this.node = node;
        this.session = session;
        this.interpreter = interpreter;
    }

    String value(String line, List<Token> t, int from) {
        if (from >= t.size()) {
            return "";
        }
        VariableResolver r = node.resolver();
        if (node.commands().lookup(t, from) != null) {
            boolean wait = session.waitForReplies();
            boolean assigning = session.assigning();
            session.waitForReplies(true);
            session.assigning(true);
            CommandResult res;
            try {
                res = interpreter.executeForValue(line.substring(t.get(from).start()), session);
            } finally {
                session.waitForReplies(wait);
                session.assigning(assigning);
            }
            if (res.isError()) {
                throw new CommandException(res.code(), res.detail());
            }
            return strip(res.output());
        }
        if (t.size() == from + 1) {
            Token only = t.get(from);
            if (only.kind() == Token.Kind.WORD && (only.text().startsWith("{") || only.text().startsWith("["))) {
                String json = JsonSubstitution.apply(only.text(), r);
                try {
                    JsonParser.parse(json);
                } catch (JsonException e) {
                    throw new CommandException(ErrorCode.JSON_STRUCTURE, "Value of '" + t.get(0).text() + "' is not JSON: "
                        + e.getMessage());
                }
                return json;
            }
            if (only.isVariable()) {
                return r.resolve(only);
            }
        }
        boolean concat = false;
        for (int i = from; i < t.size(); i++) {
            if (t.get(i).isOperator("+")) {
                concat = true;
                break;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < t.size(); i++) {
            Token tok = t.get(i);
            if (concat) {
                if (tok.isOperator("+")) {
                    continue;
                }
                sb.append(unquote(r.resolveRequired(tok), tok));
            } else {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(r.resolveRequired(tok));
            }
        }
        return sb.toString();
    }

    private static String unquote(String v, Token t) {
        if (t.kind() == Token.Kind.SINGLE_QUOTED && v.length() >= 2) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static String strip(String out) {
        if (out == null) {
            return "";
        }
        String s = out.startsWith("\r\n") ? out.substring(2) : out;
        int end = s.length();
        while (end > 0 && Character.isWhitespace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
