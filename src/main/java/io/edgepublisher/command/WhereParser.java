package io.edgepublisher.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses {@code key = value [and key = value]…} (COMMANDS.md §1.5). A value runs to the next top-level {@code and};
 * a parenthesised value is a sub-list; a value that is exactly one undefined variable drops its pair.
 */
public final class WhereParser {
    private final List<Token> tokens;
    private final VariableResolver resolver;
    private final String command;
    private final Set<String> stopWords;
    private int pos;

    private WhereParser(List<Token> tokens, int from, VariableResolver resolver, String command, Set<String> stopWords) {
        this.tokens = tokens;
        this.pos = from;
        this.resolver = resolver;
        this.command = command;
        this.stopWords = stopWords;
    }

    /** Parses from {@code from} to the end of the tokens. */
    public static WhereList parse(List<Token> tokens, int from, VariableResolver resolver, String command) {
        return parse(tokens, from, resolver, command, Set.of()).list();
    }

    /** The result and the index where parsing stopped (a stop word such as {@code task}, or the end). */
    public record Result(WhereList list, int end) {
    }

    public static Result parse(List<Token> tokens, int from, VariableResolver resolver, String command,
                               Set<String> stopWords) {
        WhereParser p = new WhereParser(tokens, from, resolver, command, stopWords);
        WhereList list = p.run();
        return new Result(list, p.pos);
    }

    /** Parses the inside of a {@code (…)} group. */
    public static WhereList parseGroup(Token paren, VariableResolver resolver, String command) {
        return parse(Tokenizer.tokenize(paren.inner()), 0, resolver, command);
    }

    private WhereList run() {
        List<WherePair> pairs = new ArrayList<>();
        while (pos < tokens.size() && !isStop(tokens.get(pos))) {
            Token key = tokens.get(pos);
            if (key.kind() != Token.Kind.WORD || !isKey(key.text())) {
                throw structure("Expected a key at '" + key.text() + "' in '" + command + "'");
            }
            pos++;
            if (pos >= tokens.size() || !(tokens.get(pos).isOperator("=") || tokens.get(pos).isOperator("=="))) {
                throw structure("Missing '=' after '" + key.text() + "' in '" + command + "'");
            }
            pos++;
            int start = pos;
            while (pos < tokens.size() && !tokens.get(pos).is("and") && !isStop(tokens.get(pos))) {
                pos++;
            }
            List<Token> value = tokens.subList(start, pos);
            if (value.isEmpty()) {
                throw structure("Missing value for '" + key.text() + "' in '" + command + "'");
            }
            WherePair pair = pair(key.text().toLowerCase(Locale.ROOT), value);
            if (pair != null) {
                pairs.add(pair);
            }
            if (pos < tokens.size() && tokens.get(pos).is("and")) {
                pos++;
                if (pos >= tokens.size() || isStop(tokens.get(pos))) {
                    throw structure("Missing key after 'and' in '" + command + "'");
                }
            }
        }
        return new WhereList(pairs);
    }

    private WherePair pair(String key, List<Token> value) {
        if (value.size() == 1) {
            Token t = value.get(0);
            if (t.kind() == Token.Kind.PAREN) {
                return new WherePair(key, t.inner().trim(), t.text(), parseGroup(t, resolver, command));
            }
            if (t.kind() == Token.Kind.WORD && t.text().startsWith("{")) {
                String json = JsonSubstitution.apply(t.text(), resolver);
                return new WherePair(key, json, json, null);
            }
            if (t.isVariable() && resolver.resolveValue(t) == null) {
                return null;
            }
        }
        StringBuilder text = new StringBuilder();
        StringBuilder source = new StringBuilder();
        for (Token t : value) {
            String v = resolver.resolve(t);
            if (v == null) {
                throw VariableResolver.undefined(t.text());
            }
            if (text.length() > 0) {
                text.append(' ');
                source.append(' ');
            }
            text.append(v);
            if (t.kind() == Token.Kind.DOUBLE_QUOTED) {
                source.append('"').append(v).append('"');
            } else {
                source.append(v);
            }
        }
        return new WherePair(key, text.toString(), source.toString(), null);
    }

    private boolean isStop(Token t) {
        return t.kind() == Token.Kind.WORD && stopWords.contains(t.lower());
    }

    private static boolean isKey(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static CommandException structure(String detail) {
        return new CommandException(ErrorCode.COMMAND_STRUCTURE, detail);
    }
}
