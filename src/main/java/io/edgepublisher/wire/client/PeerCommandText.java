package io.edgepublisher.wire.client;

import io.edgepublisher.command.CommandCall;
import io.edgepublisher.command.Token;
import java.util.List;

/**
 * The text {@code run client} sends: the command exactly as written after the target list, except that each word
 * that is a single {@code !key} is replaced by its value here and each {@code !!key} becomes {@code !key}, to be
 * resolved on the peer (COMMANDS.md §1.3). Quoting, spacing, JSON and {@code $VAR} words travel unchanged.
 */
final class PeerCommandText {
    private PeerCommandText() {
    }

    /**
     * @param call the {@code run client} call
     * @param from index of the first argument of the forwarded command
     * @throws io.edgepublisher.command.CommandException 138 for an undefined {@code !key}
     */
    static String of(CommandCall call, int from) {
        List<Token> args = call.args();
        String line = call.line();
        int start = args.get(from).start();
        StringBuilder sb = new StringBuilder(line.length() - start);
        int copied = start;
        for (int i = from; i < args.size(); i++) {
            Token t = args.get(i);
            if (t.kind() != Token.Kind.WORD || !t.text().startsWith("!") || t.text().length() < 2) {
                continue;
            }
            String replacement = t.text().startsWith("!!") ? t.text().substring(1) : call.resolver().resolveRequired(t);
            sb.append(line, copied, t.start()).append(replacement);
            copied = t.end();
        }
        return sb.append(line, copied, line.length()).toString().trim();
    }
}
