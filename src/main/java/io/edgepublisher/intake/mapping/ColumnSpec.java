package io.edgepublisher.intake.mapping;

/**
 * One column definition of a topic as written in the command (INTAKE.md §3.3, §3.5), before validation.
 *
 * @param name column name
 * @param type type text: a type name, or (long form only) a {@code bring} expression that reads it from the message
 * @param value {@code bring …}, {@code now}, or a literal
 * @param optional leave the column out of a row when the value is missing
 * @param shortForm true for {@code column.<name>.<type> = <value>} (only str, int, float, timestamp, bool)
 */
public record ColumnSpec(String name, String type, String value, boolean optional, boolean shortForm) {

    /** {@code column.<name>.<type> = <value>}. */
    public static ColumnSpec shortForm(String name, String type, String value) {
        return new ColumnSpec(name, type, value, false, true);
    }

    /** {@code column.<name> = (type = <type> and value = <value> [and optional = <bool>])}. */
    public static ColumnSpec longForm(String name, String type, String value, boolean optional) {
        return new ColumnSpec(name, type, value, optional, false);
    }
}
