package io.edgepublisher.streamer;

import io.edgepublisher.command.CommandException;
import io.edgepublisher.command.ErrorCode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * A parsed data file name (INTAKE.md §7, PUBLISHER.md §3.2):
 * {@code <dbms>.<table>[.<source>[.<hash>[.<instructions>]]].<type>[.gz]} with 2–5 name sections, or the 8-section
 * operator form {@code <dbms>.<table>.<source>.<hash>.<instructions>.<member>.<row id>.<YYMMDDHHMMSS>.<type>}.
 *
 * <p>Immutable. {@link #parse} enforces the structure (115 for an unknown type, 119 for the section count or an empty
 * section); {@link #section(int)} and {@link #canonical(int, int)} resolve {@code file_name[n]} indexes (205).
 */
public final class DataFileName {
    /** Value of a section that is absent or not computed. */
    public static final String ZERO = "0";

    private final String original;
    private final List<String> sections; // name sections followed by the type, as written
    private final String type; // lower-cased: json or sql
    private final boolean compressed;

    private DataFileName(String original, List<String> sections, String type, boolean compressed) {
        this.original = original;
        this.sections = sections;
        this.type = type;
        this.compressed = compressed;
    }

    /**
     * Parses a file name (no directory part).
     *
     * @throws CommandException 115 when the type is not json/sql, 119 when the structure is wrong
     */
    public static DataFileName parse(String fileName) {
        String n = fileName;
        boolean gz = false;
        if (n.length() > 3 && n.regionMatches(true, n.length() - 3, ".gz", 0, 3)) {
            gz = true;
            n = n.substring(0, n.length() - 3);
        }
        List<String> parts = split(n);
        if (parts.size() < 2) {
            throw structure(fileName, "needs at least a dbms, a table and a type");
        }
        String type = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
        if (!type.equals("json") && !type.equals("sql")) {
            throw new CommandException(ErrorCode.WRONG_FILE_TYPE,
                    "File '" + fileName + "' has type '" + parts.get(parts.size() - 1) + "' (json or sql expected)");
        }
        for (String p : parts) {
            if (p.isEmpty()) {
                throw structure(fileName, "has an empty section");
            }
        }
        int nameSections = parts.size() - 1;
        if (nameSections < 2 || (nameSections > 5 && nameSections != 8)) {
            throw structure(fileName, "has " + nameSections + " name sections (2 to 5, or 8, allowed)");
        }
        return new DataFileName(fileName, Collections.unmodifiableList(parts), type, gz);
    }

    /** Builds {@code <dbms>.<table>.<source>.<hash>.<instructions>.<type>[.gz]}. */
    public static String build(String dbms, String table, String source, String hash, String instructions,
            String type, boolean gz) {
        StringBuilder sb = new StringBuilder(dbms.length() + table.length() + 60);
        sb.append(dbms).append('.').append(table).append('.').append(source).append('.').append(hash).append('.')
                .append(instructions).append('.').append(type);
        if (gz) {
            sb.append(".gz");
        }
        return sb.toString();
    }

    /** The name a flushed streaming buffer gets: {@code <dbms>.<table>.<source>.<hash>.<instructions>.<type>}. */
    public static String of(BufferKey key, String hash) {
        return build(key.dbms(), key.table(), key.source(), hash, key.instructions(), key.type(), false);
    }

    public String original() {
        return original;
    }

    /** All sections including the type (without {@code .gz}), as written. */
    public List<String> sections() {
        return sections;
    }

    public int nameSectionCount() {
        return sections.size() - 1;
    }

    /** True for the 8-section form that operators produce. */
    public boolean isOperatorForm() {
        return nameSectionCount() == 8;
    }

    /** {@code json} or {@code sql}, lower-cased. */
    public String type() {
        return type;
    }

    public boolean compressed() {
        return compressed;
    }

    /**
     * {@code file_name[index]}: a section counted over all sections including the type; negative counts from the
     * end ({@code -1} is the type).
     *
     * @throws CommandException 205 when the index is out of range
     */
    public String section(int index) {
        int i = index < 0 ? sections.size() + index : index;
        if (i < 0 || i >= sections.size()) {
            throw new CommandException(ErrorCode.MISSING_DBMS_OR_TABLE,
                    "Section file_name[" + index + "] does not exist in '" + original + "'");
        }
        return sections.get(i);
    }

    public String dbms() {
        return sections.get(0).toLowerCase(Locale.ROOT);
    }

    public String table() {
        return sections.get(1).toLowerCase(Locale.ROOT);
    }

    public String source() {
        return nameSection(2);
    }

    /** The hash section, or {@code 0} when absent. */
    public String hash() {
        return nameSection(3);
    }

    public String instructions() {
        return nameSection(4);
    }

    /** The canonical name with the default indexes (dbms = {@code file_name[0]}, table = {@code file_name[1]}). */
    public Canonical canonical() {
        return canonical(0, 1);
    }

    /**
     * Resolves dbms and table from the given {@code file_name[n]} indexes and builds the canonical form (PUBLISHER.md
     * §3.2 step 5). With the default indexes source, hash and instructions are taken from the name; with other
     * indexes they are {@code 0} and the hash must be computed ({@link Canonical#hashKnown()} is false).
     *
     * @throws CommandException 205 when an index is out of range
     */
    public Canonical canonical(int dbmsIndex, int tableIndex) {
        String dbms = section(dbmsIndex).toLowerCase(Locale.ROOT);
        String table = section(tableIndex).toLowerCase(Locale.ROOT);
        boolean defaults = dbmsIndex == 0 && tableIndex == 1;
        String source = defaults ? source() : ZERO;
        String hash = defaults ? hash() : ZERO;
        String instructions = defaults ? instructions() : ZERO;
        return new Canonical(dbms, table, source, hash, instructions, type, compressed,
                type.equals("sql") ? original : null);
    }

    private String nameSection(int i) {
        return i < nameSectionCount() ? sections.get(i) : ZERO;
    }

    private static List<String> split(String n) {
        List<String> parts = new ArrayList<>(9);
        int start = 0;
        while (true) {
            int dot = n.indexOf('.', start);
            if (dot < 0) {
                parts.add(n.substring(start));
                return parts;
            }
            parts.add(n.substring(start, dot));
            start = dot + 1;
        }
    }

    private static CommandException structure(String name, String why) {
        return new CommandException(ErrorCode.FILE_NAME_STRUCTURE, "File name '" + name + "' " + why);
    }

    @Override
    public String toString() {
        return original;
    }

    /**
     * The canonical identity of a data file. {@code hash} is {@code 0} until computed ({@link DataHash});
     * SQL files keep their original name ({@code fixedName}), INTAKE.md §7.4.
     */
    public record Canonical(String dbms, String table, String source, String hash, String instructions, String type,
            boolean compressed, String fixedName) {

        public boolean hashKnown() {
            return !ZERO.equals(hash);
        }

        public Canonical withHash(String newHash) {
            return new Canonical(dbms, table, source, newHash, instructions, type, compressed, fixedName);
        }

        /** {@code <dbms>.<table>.<source>.<hash>.<instructions>.<type>[.gz]}, or the unchanged name of an SQL file. */
        public String name() {
            return fixedName != null ? fixedName : build(dbms, table, source, hash, instructions, type, compressed);
        }
    }
}
