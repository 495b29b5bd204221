package io.edgepublisher.command;

import java.util.Locale;

/**
 * One word of a command line (COMMANDS.md §1.1). {@code text} is the word as the command sees it: double quotes are
 * removed, single and back quotes kept, groups kept with their brackets. {@code start}/{@code end} locate the word
 * in the source line so that commands can take a raw remainder (for example the command of {@code run client}).
 */
public record Token(String text, Kind kind, int start, int end) {

    public enum Kind {
        WORD, DOUBLE_QUOTED, SINGLE_QUOTED, OPERATOR, PAREN
    }

    public boolean is(String word) {
        return kind != Kind.DOUBLE_QUOTED && kind != Kind.SINGLE_QUOTED && text.equalsIgnoreCase(word);
    }

    public boolean isOperator(String op) {
        return kind == Kind.OPERATOR && text.equals(op);
    }

    public boolean isQuoted() {
        return kind == Kind.DOUBLE_QUOTED || kind == Kind.SINGLE_QUOTED;
    }

    /** A word that is a variable reference: {@code !key…} (not {@code !=}) or {@code $VAR}. */
    public boolean isVariable() {
        return kind == Kind.WORD && text.length() > 1 && (text.charAt(0) == '!' || text.charAt(0) == '$');
    }

    public String lower() {
        return text.toLowerCase(Locale.ROOT);
    }

    /** The inside of a {@code (…)} group. */
    public String inner() {
        return kind == Kind.PAREN ? text.substring(1, text.length() - 1) : text;
    }

    @Override
    public String toString() {
        return text;
    }
}
