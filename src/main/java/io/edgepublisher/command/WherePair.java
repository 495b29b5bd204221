package io.edgepublisher.command;

/**
 * One {@code key = value} of a {@code where} list. {@code value} is the resolved text (words joined by single
 * spaces, double quotes removed); {@code source} keeps double-quoted words in their quotes, for values that are
 * expressions with literals ({@code bring [a] "x y" [b]}); {@code sub} is set for a parenthesised sub-list.
 */
public record WherePair(String key, String value, String source, WhereList sub) {
    public boolean isList() {
        return sub != null;
    }
}
